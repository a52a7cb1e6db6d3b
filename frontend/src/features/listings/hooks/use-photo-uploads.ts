import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { newIdempotencyKey } from "@/lib/api-client";
import { MAX_PHOTO_BYTES, PHOTO_TYPES, uploadPhoto } from "@/features/listings/api/upload-photo";
import type { Listing, Photo } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

type UploadStatus = "queued" | "uploading" | "done" | "error";

type UploadItem = {
  key: string;
  /** Sent as Idempotency-Key: a retried upload of this photo never adds it twice. */
  idempotencyKey: string;
  file: File;
  previewUrl: string;
  progress: number;
  status: UploadStatus;
  error?: unknown;
  /** Client-side rejection reason (type or size), as a translation key. */
  rejected?: "photoType" | "photoSize";
};

let counter = 0;

function createPreview(file: File): string {
  return typeof URL.createObjectURL === "function" ? URL.createObjectURL(file) : "";
}

/**
 * Photos picked for a listing: previewed at once, uploaded one by one with
 * progress. With a listing id they upload as soon as they are picked; without
 * one (a listing not created yet) they wait for `uploadAll(id)`.
 */
export function usePhotoUploads(listingId?: number) {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  useEffect(
    () => () => {
      for (const item of itemsRef.current) if (item.previewUrl) URL.revokeObjectURL?.(item.previewUrl);
    },
    [],
  );

  const patch = useCallback((key: string, changes: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...changes } : item)));
  }, []);

  const uploadOne = useCallback(
    async (id: number, item: UploadItem): Promise<Photo | null> => {
      if (item.rejected) return null;
      patch(item.key, { status: "uploading", progress: 0, error: undefined });
      try {
        const photo = await uploadPhoto(id, item.file, {
          idempotencyKey: item.idempotencyKey,
          onProgress: (progress) => patch(item.key, { progress }),
        });
        patch(item.key, { status: "done", progress: 1 });
        queryClient.setQueryData<Listing>(queryKeys.listings.detail(id), (listing) =>
          listing && photo ? { ...listing, photos: [...listing.photos, photo] } : listing,
        );
        return photo;
      } catch (error) {
        patch(item.key, { status: "error", error });
        return null;
      }
    },
    [patch, queryClient],
  );

  const uploadAll = useCallback(
    async (id: number) => {
      let failed = 0;
      for (const item of itemsRef.current) {
        if (item.status === "done" || item.rejected) continue;
        const photo = await uploadOne(id, item);
        if (!photo) failed += 1;
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.listings.detail(id) });
      return { failed };
    },
    [uploadOne, queryClient],
  );

  const add = useCallback(
    (files: FileList | File[]) => {
      const added: UploadItem[] = [...files].map((file) => ({
        key: `photo-${(counter += 1)}`,
        idempotencyKey: newIdempotencyKey(),
        file,
        previewUrl: createPreview(file),
        progress: 0,
        status: "queued",
        rejected: !PHOTO_TYPES.includes(file.type) ? "photoType" : file.size > MAX_PHOTO_BYTES ? "photoSize" : undefined,
      }));
      setItems((current) => [...current, ...added]);
      if (listingId !== undefined) {
        void (async () => {
          for (const item of added) await uploadOne(listingId, item);
        })();
      }
    },
    [listingId, uploadOne],
  );

  const remove = useCallback((key: string) => {
    setItems((current) => {
      const item = current.find((entry) => entry.key === key);
      if (item?.previewUrl) URL.revokeObjectURL?.(item.previewUrl);
      return current.filter((entry) => entry.key !== key);
    });
  }, []);

  const retry = useCallback(
    (key: string) => {
      const item = itemsRef.current.find((entry) => entry.key === key);
      if (item && listingId !== undefined) void uploadOne(listingId, item);
    },
    [listingId, uploadOne],
  );

  const busy = items.some((item) => item.status === "uploading");
  return { items, add, remove, retry, uploadAll, busy };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;

import { apiUpload, type UploadOptions } from "@/lib/api-client";
import type { Photo } from "@/api/models";

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** POST /listings/{id}/photos, multipart field `image`, with upload progress. */
export function uploadPhoto(listingId: number, file: File, options?: UploadOptions): Promise<Photo> {
  const form = new FormData();
  form.append("image", file);
  return apiUpload<Photo>(`/listings/${listingId}/photos`, form, options);
}

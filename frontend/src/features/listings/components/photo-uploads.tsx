import { useId, useRef, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { useDeletePhoto } from "@/features/listings/api/delete-photo";
import type { PhotoUploads as Uploads } from "@/features/listings/hooks/use-photo-uploads";
import { Button } from "@/components/button";
import { CloseIcon, PhotoIcon } from "@/components/icons";
import { errorMessage } from "@/lib/error-message";
import type { Photo } from "@/api/models";

type Props = {
  uploads: Uploads;
  /** Photos already on the listing (edit mode). */
  existing?: Photo[];
  listingId?: number;
};

export function PhotoUploads({ uploads, existing = [], listingId }: Props) {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const deletePhoto = useDeletePhoto();
  const pending = uploads.items.filter((item) => item.status !== "done" || listingId === undefined);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length) uploads.add(event.dataTransfer.files);
  };

  return (
    <div className="photo-uploads">
      <div
        className={`dropzone ${dragging ? "is-dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <PhotoIcon size={28} />
        <p>
          <label htmlFor={inputId} className="link-button">
            {t("sell.photosChoose")}
          </label>{" "}
          {t("sell.photosDrop")}
        </p>
        <p className="muted">{t("sell.photosHint")}</p>
        <input
          ref={inputRef}
          id={inputId}
          className="visually-hidden"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          onChange={(event) => {
            if (event.target.files?.length) uploads.add(event.target.files);
            event.target.value = "";
          }}
        />
      </div>

      {existing.length || pending.length ? (
        <ul className="photo-grid" aria-label={t("sell.photos")}>
          {existing.map((photo, index) => (
            <li key={`existing-${photo.id}`} className="photo-tile">
              <img src={photo.thumbnail_url || photo.url} alt={t("sell.photoNumber", { number: index + 1 })} width={160} height={120} loading="lazy" />
              {listingId !== undefined ? (
                <button
                  type="button"
                  className="photo-remove"
                  aria-label={t("sell.photoRemove", { number: index + 1 })}
                  disabled={deletePhoto.isPending}
                  onClick={() => deletePhoto.mutate({ listingId, photoId: photo.id })}
                >
                  <CloseIcon size={14} />
                </button>
              ) : null}
            </li>
          ))}
          {pending.map((item) => {
            const percent = Math.round(item.progress * 100);
            return (
              <li key={item.key} className={`photo-tile photo-${item.status} ${item.rejected ? "photo-rejected" : ""}`}>
                {item.previewUrl ? <img src={item.previewUrl} alt={item.file.name} width={160} height={120} /> : <span className="photo-name">{item.file.name}</span>}
                {item.rejected ? (
                  <p className="photo-status photo-status-error" role="alert">
                    {t(`sell.${item.rejected}`)}
                  </p>
                ) : item.status === "uploading" || item.status === "done" ? (
                  <div className="photo-status">
                    <progress max={100} value={percent} aria-label={t("sell.uploading", { name: item.file.name })} />
                    <span className="num">{item.status === "done" ? t("sell.uploaded") : `${percent}%`}</span>
                  </div>
                ) : item.status === "error" ? (
                  <div className="photo-status photo-status-error" role="alert">
                    <span>{errorMessage(item.error, t)}</span>
                    {listingId !== undefined ? (
                      <Button variant="ghost" size="s" onClick={() => uploads.retry(item.key)}>
                        {t("actions.retry")}
                      </Button>
                    ) : null}
                  </div>
                ) : (
                  <p className="photo-status muted">{t("sell.photoQueued")}</p>
                )}
                {item.status !== "uploading" ? (
                  <button type="button" className="photo-remove" aria-label={t("sell.photoRemoveNamed", { name: item.file.name })} onClick={() => uploads.remove(item.key)}>
                    <CloseIcon size={14} />
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

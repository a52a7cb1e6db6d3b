import { useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { CarIcon } from "@/components/icons";
import type { Photo } from "@/api/models";

type Props = {
  photos: Photo[];
  title: string;
  /** Called whenever the buyer moves to another photo. */
  onPhotoChange?: () => void;
};

export function ListingGallery({ photos, title, onPhotoChange }: Props) {
  const { t } = useTranslation();
  const [index, setShown] = useState(0);
  const setIndex = (next: number | ((value: number) => number)) => {
    setShown(next);
    onPhotoChange?.();
  };
  if (!photos.length)
    return (
      <div className="gallery gallery-empty">
        <CarIcon size={56} />
        <p className="muted">{t("listing.noPhotos")}</p>
      </div>
    );
  const current = photos[Math.min(index, photos.length - 1)];
  const step = (delta: number) => setIndex((value) => (value + delta + photos.length) % photos.length);
  const onKeyDown = (event: KeyboardEvent) => {
    // Arrow keys follow reading direction: "next" is to the left in Arabic.
    const rtl = document.documentElement.dir === "rtl";
    if (event.key === "ArrowRight") step(rtl ? -1 : 1);
    if (event.key === "ArrowLeft") step(rtl ? 1 : -1);
  };

  return (
    <section className="gallery" aria-roledescription={t("listing.gallery")} aria-label={title} onKeyDown={onKeyDown}>
      <div className="gallery-main">
        <img src={current.url} alt={t("listing.photoOf", { title, number: index + 1, total: photos.length })} width={1200} height={900} />
        {photos.length > 1 ? (
          <>
            <button type="button" className="gallery-nav gallery-prev" onClick={() => step(-1)} aria-label={t("listing.previousPhoto")}>
              ‹
            </button>
            <button type="button" className="gallery-nav gallery-next" onClick={() => step(1)} aria-label={t("listing.nextPhoto")}>
              ›
            </button>
            <span className="gallery-counter num" aria-hidden="true">
              {index + 1} / {photos.length}
            </span>
          </>
        ) : null}
      </div>
      {photos.length > 1 ? (
        <ul className="gallery-thumbs">
          {photos.map((photo, position) => (
            <li key={photo.id}>
              <button
                type="button"
                className="gallery-thumb"
                aria-current={position === index ? "true" : undefined}
                aria-label={t("listing.showPhoto", { number: position + 1 })}
                onClick={() => setIndex(position)}
              >
                <img src={photo.thumbnail_url || photo.url} alt="" width={96} height={72} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

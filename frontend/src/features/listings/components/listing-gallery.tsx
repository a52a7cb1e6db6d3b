import { lazy, Suspense, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import { CarIcon } from "@/components/icons";
import type { Photo } from "@/api/models";

// The full-screen viewer is its own chunk: most visits never open it.
const PhotoViewer = lazy(() => import("@/features/listings/components/photo-viewer"));

/** How far a finger must travel sideways before it counts as a swipe, not a tap. */
const SWIPE_PX = 40;
/** The gallery's width on the page (components.css .detail-layout): the browser picks the size from it. */
const GALLERY_SIZES = "(max-width: 960px) 100vw, 780px";

type Props = {
  photos: Photo[];
  title: string;
  /** Called whenever the buyer moves to another photo. */
  onPhotoChange?: () => void;
};

export function ListingGallery({ photos, title, onPhotoChange }: Props) {
  const { t } = useTranslation();
  const [index, setShown] = useState(0);
  const [fullScreen, setFullScreen] = useState(false);
  const swipeStart = useRef<number | null>(null);
  const swiped = useRef(false);
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
  const shown = Math.min(index, photos.length - 1);
  const current = photos[shown];
  const rtl = () => document.documentElement.dir === "rtl";
  const step = (delta: number) => setIndex((value) => (value + delta + photos.length) % photos.length);
  const onKeyDown = (event: KeyboardEvent) => {
    // Arrow keys follow reading direction: "next" is to the left in Arabic.
    if (event.key === "ArrowRight") step(rtl() ? -1 : 1);
    if (event.key === "ArrowLeft") step(rtl() ? 1 : -1);
  };
  // A swipe towards the start of the line shows the next photo (leftwards in English, rightwards in Arabic).
  const onPointerDown = (event: PointerEvent) => {
    swipeStart.current = event.clientX;
    swiped.current = false;
  };
  const onPointerUp = (event: PointerEvent) => {
    if (swipeStart.current === null || photos.length < 2) return;
    const travel = event.clientX - swipeStart.current;
    swipeStart.current = null;
    if (Math.abs(travel) < SWIPE_PX) return;
    swiped.current = true;
    step((travel < 0) !== rtl() ? 1 : -1);
  };
  const open = () => {
    // The click that ends a swipe is not a tap on the photo.
    if (swiped.current) swiped.current = false;
    else setFullScreen(true);
  };

  return (
    <section className="gallery" aria-roledescription={t("listing.gallery")} aria-label={title} onKeyDown={onKeyDown}>
      <div className="gallery-main" onPointerDown={onPointerDown} onPointerUp={onPointerUp} onPointerCancel={() => (swipeStart.current = null)}>
        <button type="button" className="gallery-open" onClick={open} aria-label={t("listing.openPhotos", { number: shown + 1 })}>
          <img
            src={current.url}
            srcSet={current.srcset ?? undefined}
            sizes={current.srcset ? GALLERY_SIZES : undefined}
            alt={t("listing.photoOf", { title, number: shown + 1, total: photos.length })}
            width={current.width || 1200}
            height={current.height || 900}
            fetchPriority={shown === 0 ? "high" : undefined}
            draggable={false}
          />
        </button>
        {photos.length > 1 ? (
          <>
            <button type="button" className="gallery-nav gallery-prev" onClick={() => step(-1)} aria-label={t("listing.previousPhoto")}>
              ‹
            </button>
            <button type="button" className="gallery-nav gallery-next" onClick={() => step(1)} aria-label={t("listing.nextPhoto")}>
              ›
            </button>
            <span className="gallery-counter num" aria-live="polite">
              {t("listing.photoCount", { number: shown + 1, total: photos.length })}
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
                aria-current={position === shown ? "true" : undefined}
                aria-label={t("listing.showPhoto", { number: position + 1 })}
                onClick={() => setIndex(position)}
              >
                <img src={photo.thumbnail_url || photo.url} alt="" width={96} height={72} loading="lazy" decoding="async" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {fullScreen ? (
        <Suspense fallback={null}>
          <PhotoViewer photos={photos} title={title} index={shown} onIndexChange={(next) => next !== shown && setIndex(next)} onClose={() => setFullScreen(false)} />
        </Suspense>
      ) : null}
    </section>
  );
}

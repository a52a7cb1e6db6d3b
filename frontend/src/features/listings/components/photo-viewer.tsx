import { useTranslation } from "react-i18next";
import Lightbox from "yet-another-react-lightbox";
import Counter from "yet-another-react-lightbox/plugins/counter";
import Zoom from "yet-another-react-lightbox/plugins/zoom";
import "yet-another-react-lightbox/styles.css";
import "yet-another-react-lightbox/plugins/counter.css";
import { sourcesOf } from "@/features/listings/components/photo-sources";
import type { Photo } from "@/api/models";

type Props = {
  photos: Photo[];
  title: string;
  index: number;
  onIndexChange: (index: number) => void;
  onClose: () => void;
};

/**
 * The photos full screen: swipe between them, pinch or double-tap to zoom
 * (yet-another-react-lightbox, which follows <html dir> so "next" is to the
 * left in Arabic). Loaded only when a buyer opens it (listing-gallery.tsx).
 */
export default function PhotoViewer({ photos, title, index, onIndexChange, onClose }: Props) {
  const { t } = useTranslation();
  const slides = photos.map((photo, position) => {
    const sizes = sourcesOf(photo);
    return {
      src: photo.url,
      alt: t("listing.photoOf", { title, number: position + 1, total: photos.length }),
      width: photo.width || undefined,
      height: photo.height || undefined,
      srcSet: sizes.length ? sizes : undefined,
    };
  });
  return (
    <Lightbox
      open
      close={onClose}
      index={index}
      slides={slides}
      plugins={[Zoom, Counter]}
      on={{ view: ({ index: shown }) => onIndexChange(shown) }}
      carousel={{ finite: photos.length < 3 }}
      zoom={{ maxZoomPixelRatio: 3, scrollToZoom: true }}
      controller={{ closeOnBackdropClick: true, closeOnPullDown: true }}
      labels={{
        Previous: t("listing.previousPhoto"),
        Next: t("listing.nextPhoto"),
        Close: t("listing.closePhotos"),
        Lightbox: t("listing.photosOf", { title }),
        Carousel: t("listing.gallery"),
        "Photo gallery": t("listing.gallery"),
        Slide: t("listing.photo"),
        "{index} of {total}": t("listing.photoPosition"),
        "Zoom in": t("listing.zoomIn"),
        "Zoom out": t("listing.zoomOut"),
      }}
    />
  );
}

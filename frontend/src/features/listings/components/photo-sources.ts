import type { Photo } from "@/api/models";

export type PhotoSource = { src: string; width: number; height: number };

/** The sizes of a photo from its srcset ("url 640w, …"), with heights from its shape. */
export function sourcesOf(photo: Photo): PhotoSource[] {
  if (!photo.srcset || !photo.width || !photo.height) return [];
  const ratio = photo.height / photo.width;
  return photo.srcset.split(",").flatMap((part) => {
    const [src, descriptor] = part.trim().split(/\s+/);
    const width = Number.parseInt(descriptor ?? "", 10);
    return src && Number.isFinite(width) ? [{ src, width, height: Math.round(width * ratio) }] : [];
  });
}

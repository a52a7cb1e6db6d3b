import { useCallback, useEffect, useRef } from "react";
import { recordEngagement } from "@/features/recommendations/api/record-engagement";

/** A buyer still on the page after this long has read the listing, not glanced at it. */
export const LONG_VIEW_MS = 20_000;

/**
 * Reports a long view once the page stayed open (and visible) LONG_VIEW_MS,
 * and a photo swipe the first time the buyer moves through the photos; each
 * at most once per listing page. Returns the gallery's photo-change handler.
 */
export function useEngagement(id: number | undefined, enabled: boolean): () => void {
  const swiped = useRef<number | null>(null);

  useEffect(() => {
    if (!id || !enabled) return;
    const timer = window.setTimeout(() => {
      if (document.visibilityState !== "hidden") recordEngagement(id, "long_view");
    }, LONG_VIEW_MS);
    return () => window.clearTimeout(timer);
  }, [id, enabled]);

  return useCallback(() => {
    if (!id || !enabled || swiped.current === id) return;
    swiped.current = id;
    recordEngagement(id, "photo_swipe");
  }, [id, enabled]);
}

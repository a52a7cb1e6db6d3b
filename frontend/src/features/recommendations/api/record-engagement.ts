import { api } from "@/lib/api-client";

type EngagementKind = "long_view" | "photo_swipe";

/** Fire and forget: a lost engagement costs nothing the buyer sees. */
export function recordEngagement(id: number, kind: EngagementKind): void {
  api.post<null>(`/listings/${id}/engagement`, { kind }).catch(() => undefined);
}

import { isApiError } from "@/lib/api-client";
import type { Money } from "@/api/models";

/**
 * A 400 `price_unusual`: the price is far from what such cars sell for
 * (docs/API-notes/prices.md). The seller sends the write again with
 * `price_confirmed: true`; with `hold`, the listing then waits for review.
 */
export type PriceUnusual = { hold: boolean; floor: Money; typical: { low: Money; high: Money } | null };

export function priceUnusualOf(error: unknown): PriceUnusual | null {
  if (!isApiError(error) || error.code !== "price_unusual") return null;
  const body = error.body as Partial<PriceUnusual>;
  return { hold: body.hold === true, floor: body.floor ?? "0.000", typical: body.typical ?? null };
}

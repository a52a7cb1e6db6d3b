export const listingKeys = {
  detail: (id: number) => ["listings", "detail", id] as const,
  similar: (id: number) => ["listings", "similar", id] as const,
  marketValue: (id: number) => ["listings", "market-value", id] as const,
  priceSuggestion: (car: Record<string, string | number>) => ["listings", "price-suggestion", car] as const,
  mine: () => ["account", "my-listings"] as const,
};

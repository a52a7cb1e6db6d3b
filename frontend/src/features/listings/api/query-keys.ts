export const listingKeys = {
  detail: (id: number) => ["listings", "detail", id] as const,
  similar: (id: number) => ["listings", "similar", id] as const,
  mine: () => ["account", "my-listings"] as const,
};

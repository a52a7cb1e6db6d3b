export const recommendationKeys = {
  all: ["recommendations"] as const,
  forMe: (page: number) => ["recommendations", "for-me", page] as const,
  alsoViewed: (id: number) => ["recommendations", "also-viewed", id] as const,
  settings: ["recommendations", "settings"] as const,
};

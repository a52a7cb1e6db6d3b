// Every query key of the app, in one module: a feature that changes what another
// feature shows (an edit leaves search results stale, a favourite changes the
// account's lists) invalidates that feature's keys from here, never by retyping them.

export const queryKeys = {
  me: ["me"] as const,
  catalog: {
    enums: ["catalog", "enums"] as const,
    makes: ["catalog", "makes"] as const,
  },
  search: {
    all: ["search"] as const,
    listings: (query: string) => ["search", "listings", query] as const,
    suggest: (country: string, term: string) => ["search", "suggest", country, term] as const,
  },
  listings: {
    detail: (id: number) => ["listings", "detail", id] as const,
    similar: (id: number, displayCurrency: string | null) => ["listings", "similar", id, displayCurrency] as const,
    marketValue: (id: number) => ["listings", "market-value", id] as const,
    priceSuggestion: (car: Record<string, string | number>) => ["listings", "price-suggestion", car] as const,
    mine: () => ["account", "my-listings"] as const,
  },
  savedSearches: ["account", "saved-searches"] as const,
  alertEmails: ["account", "alert-emails"] as const,
  accessTokens: ["account", "access-tokens"] as const,
  notifications: {
    all: ["account", "notifications"] as const,
    lists: ["account", "notifications", "list"] as const,
    list: (filters: { unread: boolean; page: number }, displayCurrency: string | null) =>
      ["account", "notifications", "list", filters, displayCurrency] as const,
    unreadCount: ["account", "notifications", "unread-count"] as const,
  },
  favorites: {
    all: ["account", "favorites"] as const,
    lists: ["account", "favorites", "list"] as const,
    list: (page: number, displayCurrency: string | null) => ["account", "favorites", "list", page, displayCurrency] as const,
    ids: ["account", "favorites", "ids"] as const,
  },
  messaging: {
    all: ["messaging"] as const,
    conversations: () => ["messaging", "conversations"] as const,
    conversation: (id: number) => ["messaging", "conversation", id] as const,
    anyConversation: ["messaging", "conversation"] as const,
    messages: (id: number) => ["messaging", "messages", id] as const,
    unread: () => ["messaging", "unread"] as const,
  },
  recommendations: {
    all: ["recommendations"] as const,
    forMe: (page: number, country: string, displayCurrency: string | null) =>
      ["recommendations", "for-me", page, country, displayCurrency] as const,
    alsoViewed: (id: number, displayCurrency: string | null) => ["recommendations", "also-viewed", id, displayCurrency] as const,
    settings: ["recommendations", "settings"] as const,
  },
  analytics: {
    aggregate: (request: object) => ["analytics", "aggregate", request] as const,
    market: (params: object) => ["analytics", "market", params] as const,
    countries: (params: object) => ["analytics", "countries", params] as const,
  },
};

export const messagingKeys = {
  all: ["messaging"] as const,
  conversations: () => ["messaging", "conversations"] as const,
  conversation: (id: number) => ["messaging", "conversation", id] as const,
  messages: (id: number) => ["messaging", "messages", id] as const,
  unread: () => ["messaging", "unread"] as const,
};

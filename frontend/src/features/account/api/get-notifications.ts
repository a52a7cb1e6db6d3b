import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ListingSummary, Page } from "@/types/api";

/**
 * Contract v1 says only "lists new matches"; the app reads a saved search, a
 * matching listing and a timestamp when present, and a plain text otherwise.
 */
export type Notification = {
  id: number;
  created_at: string;
  read_at?: string | null;
  kind?: string;
  text?: string;
  saved_search?: { id: number; name: string; query?: string } | null;
  listing?: ListingSummary | null;
};

export async function getNotifications(): Promise<Notification[]> {
  const data = await api.get<Page<Notification> | Notification[]>("/me/notifications");
  return Array.isArray(data) ? data : (data?.results ?? []);
}

export function useNotifications() {
  return useQuery({ queryKey: ["account", "notifications"], queryFn: getNotifications });
}

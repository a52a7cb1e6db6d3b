import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Schema } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

/** A new match of a saved search (docs/API-notes/accounts.md, Notifications). */
export type Notification = Schema<"Notification">;

/** A page of notifications also carries the count of all unread ones. */
export type NotificationPage = Schema<"NotificationPage">;

type NotificationFilters = { unread: boolean; page: number };

export const NOTIFICATIONS_PAGE_SIZE = 20;


/** Their cars are priced also in the buyer's currency (`price_approx`). */
function getNotifications({ unread, page }: NotificationFilters, displayCurrency: string | null): Promise<NotificationPage> {
  return api.get<NotificationPage>("/me/notifications", {
    params: {
      unread: unread ? "true" : undefined,
      page: page > 1 ? page : undefined,
      page_size: NOTIFICATIONS_PAGE_SIZE,
      display_currency: displayCurrency,
    },
  });
}

export function useNotifications(filters: NotificationFilters) {
  const queryClient = useQueryClient();
  const { displayCurrency, settled } = useHomeCurrency();
  return useQuery({
    queryKey: queryKeys.notifications.list(filters, displayCurrency),
    // After the profile: its currency is asked for.
    enabled: settled,
    queryFn: async () => {
      const page = await getNotifications(filters, displayCurrency);
      // The page counts every unread notification: the header badge can use it.
      queryClient.setQueryData(queryKeys.notifications.unreadCount, { unread_count: page.unread_count });
      return page;
    },
    placeholderData: keepPreviousData,
  });
}

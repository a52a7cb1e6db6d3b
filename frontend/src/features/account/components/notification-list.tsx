import { useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { NOTIFICATIONS_PAGE_SIZE, useNotifications, type Notification } from "@/features/account/api/get-notifications";
import { useMarkNotificationsRead } from "@/features/account/api/mark-notifications-read";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { BellIcon } from "@/components/icons";
import { ListingCard } from "@/components/listing-card";
import { Pagination } from "@/components/pagination";
import { QueryError } from "@/components/query-error";
import { CardGridSkeleton } from "@/components/skeleton";
import { savedSearchPath } from "@/lib/country";
import { formatDateTime } from "@/lib/format";
import { pageCountOf, pageHref, positiveInt } from "@/lib/paging";
import { useLanguage } from "@/lib/use-language";

/** New matches of saved searches: the car, the search it matched, read or not. Filter and page live in the URL. */
export function NotificationList() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [params, setParams] = useSearchParams();
  const unread = params.get("unread") === "true";
  const page = positiveInt(params.get("page"), 1);
  const { data, isPending, isError, error, refetch, isPlaceholderData } = useNotifications({ unread, page });
  const markRead = useMarkNotificationsRead();
  const [announcement, setAnnouncement] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);

  const showUnread = (next: boolean) => {
    setAnnouncement("");
    setParams(next ? { unread: "true" } : {});
  };

  const markAsRead = (input: { ids: number[] } | { all: true }, message: string, moveFocus: boolean) => {
    markRead.mutate(input, {
      onSuccess: () => {
        setAnnouncement(message);
        // The button pressed is gone now: keep the reader where the outcome is said.
        if (moveFocus) statusRef.current?.focus();
      },
    });
  };

  const openNotification = (item: Notification) => {
    if (!item.read_at) markRead.mutate({ ids: [item.id] });
  };

  const unreadCount = data?.unread_count ?? 0;
  const pageCount = pageCountOf(data, NOTIFICATIONS_PAGE_SIZE);

  return (
    <div className="stack notifications">
      <div className="notifications-toolbar">
        <div className="segmented" role="group" aria-label={t("notifications.show")}>
          <button type="button" className="segmented-option" aria-pressed={!unread} onClick={() => showUnread(false)}>
            {t("notifications.all")}
          </button>
          <button type="button" className="segmented-option" aria-pressed={unread} onClick={() => showUnread(true)}>
            {unreadCount ? `${t("notifications.unreadOnly")} (${unreadCount > 99 ? "99+" : unreadCount})` : t("notifications.unreadOnly")}
          </button>
        </div>
        {unreadCount ? (
          <Button
            variant="secondary"
            size="s"
            loading={markRead.isPending && "all" in (markRead.variables ?? {})}
            onClick={() => markAsRead({ all: true }, t("notifications.allMarkedRead"), true)}
          >
            {t("notifications.markAllRead")}
          </Button>
        ) : null}
      </div>
      <p ref={statusRef} tabIndex={-1} className="visually-hidden" role="status">
        {announcement}
      </p>

      {isPending ? (
        <CardGridSkeleton count={3} label={t("common.loading")} />
      ) : isError ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : !data.results.length ? (
        <EmptyState icon={<BellIcon size={32} />} title={unread ? t("notifications.noUnreadTitle") : t("notifications.emptyTitle")}>
          {unread ? t("notifications.noUnreadBody") : t("notifications.emptyBody")}
        </EmptyState>
      ) : (
        <>
          <ul className={`bare-list grid-cards ${isPlaceholderData ? "is-stale" : ""}`} aria-busy={isPlaceholderData || undefined}>
            {data.results.map((item) => (
              <li key={item.id} className={`notification ${item.read_at ? "" : "is-unread"}`}>
                <ListingCard
                  listing={item.listing}
                  headingLevel={2}
                  onOpen={() => openNotification(item)}
                  footer={
                    <div className="notification-footer">
                      <p className="notification-match">
                        {item.read_at ? null : <Badge tone="brand">{t("notifications.new")}</Badge>}{" "}
                        <Link to={savedSearchPath(item.saved_search.query)}>
                          <Trans i18nKey="notifications.matches" values={{ name: item.saved_search.name }} components={{ name: <bdi /> }} />
                        </Link>
                      </p>
                      <div className="notification-meta">
                        <time className="muted num" dateTime={item.created_at}>
                          {formatDateTime(item.created_at, language)}
                        </time>
                        {item.read_at ? null : (
                          <Button
                            variant="ghost"
                            size="s"
                            onClick={() => markAsRead({ ids: [item.id] }, t("notifications.markedRead"), true)}
                            aria-label={t("notifications.markReadNamed", { title: item.listing.title })}
                          >
                            {t("notifications.markRead")}
                          </Button>
                        )}
                      </div>
                    </div>
                  }
                />
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCount} hrefFor={(target) => pageHref(params, target)} />
        </>
      )}
    </div>
  );
}

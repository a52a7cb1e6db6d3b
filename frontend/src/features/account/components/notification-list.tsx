import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useNotifications } from "@/features/account/api/get-notifications";
import { EmptyState } from "@/components/empty-state";
import { BellIcon } from "@/components/icons";
import { Price } from "@/components/price";
import { QueryError } from "@/components/query-error";
import { Spinner } from "@/components/spinner";
import { formatDateTime } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";

export function NotificationList() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data, isPending, isError, error, refetch } = useNotifications();
  if (isPending) return <Spinner label={t("common.loading")} />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  if (!data.length)
    return (
      <EmptyState icon={<BellIcon size={32} />} title={t("notifications.emptyTitle")}>
        {t("notifications.emptyBody")}
      </EmptyState>
    );
  return (
    <ul className="bare-list plain-list">
      {data.map((item) => (
        <li key={item.id} className={`plain-list-item ${item.read_at ? "" : "is-unread"}`}>
          <div>
            {item.listing ? (
              <p className="plain-list-title">
                <Link to={`/listings/${item.listing.id}`}>{item.listing.title}</Link> · <Price amount={item.listing.price} />
              </p>
            ) : (
              <p className="plain-list-title">{item.text ?? t("notifications.newMatch")}</p>
            )}
            {item.saved_search ? (
              <p className="muted">{t("notifications.matches", { name: item.saved_search.name })}</p>
            ) : null}
          </div>
          <time className="muted num" dateTime={item.created_at}>
            {formatDateTime(item.created_at, language)}
          </time>
        </li>
      ))}
    </ul>
  );
}

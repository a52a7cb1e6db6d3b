import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDeleteSavedSearch, useSavedSearches } from "@/features/search/api/saved-searches";
import { Badge } from "@/components/badge";
import { Button, ButtonLink } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { BellIcon } from "@/components/icons";
import { QueryError } from "@/components/query-error";
import { Spinner } from "@/components/spinner";
import { savedSearchPath } from "@/lib/country";
import { useCountry } from "@/lib/use-country";

export function SavedSearchList() {
  const { t } = useTranslation();
  const { data, isPending, isError, error, refetch } = useSavedSearches();
  const remove = useDeleteSavedSearch();
  const { path } = useCountry();
  if (isPending) return <Spinner label={t("common.loading")} />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  if (!data.length)
    return (
      <EmptyState icon={<BellIcon size={32} />} title={t("savedSearch.emptyTitle")} action={<ButtonLink to={path("/search")}>{t("nav.search")}</ButtonLink>}>
        {t("savedSearch.emptyBody")}
      </EmptyState>
    );
  return (
    <ul className="bare-list plain-list">
      {data.map((search) => (
        <li key={search.id} className="plain-list-item">
          <div>
            <Link to={savedSearchPath(search.query)} className="plain-list-title">
              {search.name}
            </Link>{" "}
            {search.alert ? <Badge tone="info">{t("savedSearch.alertsOn")}</Badge> : null}
          </div>
          <Button variant="ghost" size="s" loading={remove.isPending && remove.variables === search.id} onClick={() => remove.mutate(search.id)}>
            {t("actions.delete")}
          </Button>
        </li>
      ))}
    </ul>
  );
}

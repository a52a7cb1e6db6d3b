import { useTranslation } from "react-i18next";
import { useListingStats, type ListingDay } from "@/features/sellers/api/get-seller";
import { QueryError } from "@/components/query-error";
import { Skeleton } from "@/components/skeleton";
import { formatDate, formatNumber } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";

const COLUMNS = ["views", "saves", "messages", "calls", "whatsapp"] as const satisfies readonly (keyof ListingDay)[];

/** A seller's numbers for one listing: the last 30 days' totals, and each day that had any. */
export function ListingStats({ id }: { id: number }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data, isPending, isError, error, refetch } = useListingStats(id);
  if (isPending) return <Skeleton height={120} />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;

  const totals = Object.fromEntries(COLUMNS.map((column) => [column, data.days.reduce((sum, day) => sum + day[column], 0)]));
  const busy = data.days.filter((day) => COLUMNS.some((column) => day[column] > 0)).reverse();
  return (
    <div className="stack">
      <dl className="stats-totals row">
        {COLUMNS.map((column) => (
          <div key={column} className="card card-body">
            <dt className="muted">{t(`stats.${column}`)}</dt>
            <dd className="num">{formatNumber(totals[column], language)}</dd>
          </div>
        ))}
      </dl>
      {busy.length ? (
        <table className="table">
          <caption>{t("stats.byDay")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("stats.day")}</th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {t(`stats.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {busy.map((day) => (
              <tr key={day.day}>
                <th scope="row">{formatDate(day.day, language)}</th>
                {COLUMNS.map((column) => (
                  <td key={column} className="num">
                    {formatNumber(day[column], language)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("stats.none")}</p>
      )}
    </div>
  );
}

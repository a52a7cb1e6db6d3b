import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { getAggregateCsv, recordsOf, useAggregate, type AggregateRequest } from "@/features/insights/api/get-aggregate";
import { BarChart, type Bar } from "@/features/insights/components/bar-chart";
import { CountryComparison } from "@/features/insights/components/country-comparison";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { SelectField } from "@/components/field";
import { NumberField } from "@/components/number-field";
import { QueryError } from "@/components/query-error";
import { Skeleton } from "@/components/skeleton";
import { isApiError } from "@/lib/api-client";
import { useCatalogLabels, nameIn } from "@/lib/catalog/use-labels";
import { downloadText } from "@/lib/download";
import { errorMessage } from "@/lib/error-message";
import { formatCompact, formatNumber, formatPrice } from "@/lib/format";
import { numberText } from "@/lib/numbers";
import { useCountry } from "@/lib/use-country";

const METRICS = ["count", "price_median", "mileage_median"];

function moneyText(value: string | number | null): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? value.toFixed(3) : value;
}

type ChartCardProps = {
  id: string;
  title: string;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  downloading: boolean;
  onDownload: () => void;
  /** The chart, or null when no listing matches. */
  chart: ReactNode;
};

/** One chart with its heading, CSV download, and loading / error / empty states. */
function ChartCard({ id, title, query, downloading, onDownload, chart }: ChartCardProps) {
  const { t } = useTranslation();
  return (
    <section className="card card-body" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        <Button variant="secondary" size="s" loading={downloading} onClick={onDownload}>
          {t("insights.downloadCsv")}
        </Button>
      </div>
      {query.isPending ? (
        <Skeleton height={220} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        (chart ?? <p className="muted">{t("insights.noData")}</p>)
      )}
    </section>
  );
}

export function InsightsView() {
  const { t } = useTranslation();
  const { makeLabel, makes, language } = useCatalogLabels();
  const [params, setParams] = useSearchParams();
  const make = params.get("make") ?? "";
  const yearMin = params.get("year_min") ?? "";
  const yearMax = params.get("year_max") ?? "";
  const [csvError, setCsvError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState<string | null>(null);

  // The figures of one country, in its currency: the page's (/sa/insights; the header's country switch).
  const { country, currency } = useCountry();
  const shared: Record<string, string> = {};
  if (make) shared.make = make;
  if (yearMin) shared.year_min = yearMin;
  if (yearMax) shared.year_max = yearMax;
  const filters: Record<string, string> = { country, ...shared };

  const byYear: AggregateRequest = { filters, group_by: ["year"], metrics: METRICS };
  const byMake: AggregateRequest = { filters, group_by: [make ? "model" : "make"], metrics: METRICS };
  const yearQuery = useAggregate(byYear);
  const makeQuery = useAggregate(byMake);

  const setFilter = (key: string, value: string) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const download = async (name: string, request: AggregateRequest) => {
    setCsvError(null);
    setDownloading(name);
    try {
      downloadText(await getAggregateCsv(request), `sayara-${name}.csv`);
    } catch (error) {
      setCsvError(error);
    } finally {
      setDownloading(null);
    }
  };

  const forbidden = [yearQuery.error, makeQuery.error].some((error) => isApiError(error) && error.kind === "forbidden");
  if (forbidden)
    return (
      <Alert tone="info" title={t("insights.analystsOnly")}>
        {t("insights.analystsOnlyBody")}
      </Alert>
    );

  const yearBars: Bar[] = recordsOf(yearQuery.data)
    .filter((row) => row.year != null)
    .sort((a, b) => Number(a.year) - Number(b.year))
    .map((row) => ({
      key: String(row.year),
      label: String(row.year),
      value: Number(moneyText(row.price_median) || 0),
      display: formatPrice(moneyText(row.price_median), language, currency),
      note: t("insights.listings", { count: Number(row.count ?? 0) }),
    }));

  const groupKey = make ? "model" : "make";
  const makeBars: Bar[] = recordsOf(makeQuery.data)
    // (While a new grouping loads, the previous answer is still shown: skip rows without the new key.)
    .filter((row) => row[groupKey] != null)
    .sort((a, b) => Number(b.count ?? 0) - Number(a.count ?? 0))
    .slice(0, 20)
    .map((row) => {
      const slug = String(row[groupKey]);
      const model = makes?.find((item) => item.slug === make)?.models.find((item) => item.slug === slug);
      return {
        key: slug,
        label: make ? (model ? nameIn(model, language) : slug) : makeLabel(slug),
        value: Number(row.count ?? 0),
        display: formatNumber(Number(row.count ?? 0), language),
        note: row.price_median !== null ? formatPrice(moneyText(row.price_median), language, currency) : undefined,
      };
    });

  return (
    <div className="stack">
      <form className="insights-filters card card-body" onSubmit={(event) => event.preventDefault()} aria-label={t("insights.filters")}>
        <SelectField label={t("fields.make")} value={make} onChange={(event) => setFilter("make", event.target.value)}>
          <option value="">{t("insights.allMakes")}</option>
          {makes?.map((item) => (
            <option key={item.slug} value={item.slug}>
              {nameIn(item, language)}
            </option>
          ))}
        </SelectField>
        <NumberField label={t("insights.yearFrom")} maxLength={4} defaultValue={yearMin} onBlur={(event) => setFilter("year_min", numberText(event.target.value))} />
        <NumberField label={t("insights.yearTo")} maxLength={4} defaultValue={yearMax} onBlur={(event) => setFilter("year_max", numberText(event.target.value))} />
      </form>

      {csvError ? <Alert tone="danger">{errorMessage(csvError, t)}</Alert> : null}

      <ChartCard
        id="chart-year"
        title={t("insights.byYear")}
        query={yearQuery}
        downloading={downloading === "by-year"}
        onDownload={() => download("by-year", byYear)}
        chart={
          yearBars.length ? (
            <BarChart
              title={t("insights.medianPrice", { currency })}
              bars={yearBars}
              formatValue={(value) => formatCompact(value, language)}
              description={yearBars.map((bar) => `${bar.label}: ${bar.display}`).join("; ")} />
          ) : null
        }
      />
      <ChartCard
        id="chart-make"
        title={make ? t("insights.byModel", { make: makeLabel(make) }) : t("insights.byMake")}
        query={makeQuery}
        downloading={downloading === "by-make"}
        onDownload={() => download("by-make", byMake)}
        chart={makeBars.length ? <BarChart title={t("insights.listingsAndMedian")} bars={makeBars} orientation="horizontal" /> : null}
      />
      <CountryComparison filters={shared} country={country} />
    </div>
  );
}

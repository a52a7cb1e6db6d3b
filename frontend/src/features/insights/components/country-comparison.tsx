import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { CountryCode } from "@/api/models";
import { getCountryComparisonCsv, useCountryComparison, type CountryFigures } from "@/features/insights/api/get-country-comparison";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { QueryError } from "@/components/query-error";
import { Skeleton } from "@/components/skeleton";
import { useCatalogLabels } from "@/lib/catalog/use-labels";
import { COUNTRIES, isCountry } from "@/lib/country";
import { downloadText } from "@/lib/download";
import { errorMessage } from "@/lib/error-message";
import { formatNumber, formatPrice } from "@/lib/format";

/** The countries compared: `compare=bh,sa` in the URL, every country when absent. */
function comparedCountries(raw: string | null): CountryCode[] {
  if (raw === null) return COUNTRIES;
  return COUNTRIES.filter((code) => raw.split(",").includes(code));
}

type Props = {
  /** The shared filters of the insights page (make, years): they apply to every country. */
  filters: Record<string, string>;
  /** The page's own country, marked in the table. */
  country: CountryCode;
};

/** The same figures for several countries side by side, each price in its own currency. */
export function CountryComparison({ filters, country }: Props) {
  const { t } = useTranslation();
  const { makeLabel, language } = useCatalogLabels();
  const [params, setParams] = useSearchParams();
  const countries = comparedCountries(params.get("compare"));
  const comparison = useCountryComparison({ countries, filters });
  const [downloading, setDownloading] = useState(false);
  const [csvError, setCsvError] = useState<unknown>(null);

  const toggle = (code: CountryCode) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        const chosen = countries.includes(code) ? countries.filter((item) => item !== code) : [...countries, code];
        if (chosen.length === COUNTRIES.length) next.delete("compare");
        else next.set("compare", COUNTRIES.filter((item) => chosen.includes(item)).join(","));
        return next;
      },
      { replace: true },
    );

  const download = async () => {
    setCsvError(null);
    setDownloading(true);
    try {
      downloadText(await getCountryComparisonCsv({ countries, filters }), "sayara-countries.csv");
    } catch (error) {
      setCsvError(error);
    } finally {
      setDownloading(false);
    }
  };

  const shown = (comparison.data?.countries ?? []).filter((row) => isCountry(row.country) && countries.includes(row.country));
  const none = "—";
  const figures: { key: string; label: string; value: (row: CountryFigures) => ReactNode }[] = [
    { key: "count", label: t("insights.compare.count"), value: (row) => formatNumber(row.count, language) },
    { key: "currency", label: t("insights.compare.currency"), value: (row) => t(`currency.${row.currency}`, { defaultValue: row.currency }) },
    { key: "median", label: t("insights.compare.medianPrice"), value: (row) => formatPrice(row.price.median, language, row.currency) },
    {
      key: "middle",
      label: t("insights.compare.middleHalf"),
      value: (row) =>
        row.price.p25 === null || row.price.p75 === null
          ? none
          : `${formatPrice(row.price.p25, language, row.currency)} – ${formatPrice(row.price.p75, language, row.currency)}`,
    },
    {
      key: "mileage",
      label: t("insights.compare.medianMileage"),
      value: (row) => (row.mileage_km.median === null ? none : t("units.km", { value: formatNumber(row.mileage_km.median, language) })),
    },
    {
      key: "age",
      label: t("insights.compare.medianAge"),
      value: (row) => (row.median_age_years === null ? none : t("insights.compare.years", { count: Math.round(row.median_age_years) })),
    },
    {
      key: "days",
      label: t("insights.compare.medianDaysListed"),
      value: (row) => (row.median_days_listed === null ? none : t("insights.compare.days", { count: Math.round(row.median_days_listed) })),
    },
    {
      key: "makes",
      label: t("insights.compare.topMakes"),
      value: (row) =>
        row.top_makes.length ? (
          <ol className="compare-makes">
            {row.top_makes.map((make) => (
              <li key={make.make}>
                {makeLabel(make.make)} <span className="muted">{t("insights.compare.share", { percent: formatNumber(make.share_percent, language) })}</span>
              </li>
            ))}
          </ol>
        ) : (
          none
        ),
    },
  ];

  return (
    <section className="card card-body stack" aria-labelledby="compare-countries">
      <div className="section-head">
        <h2 id="compare-countries">{t("insights.compare.title")}</h2>
        <Button variant="secondary" size="s" loading={downloading} disabled={!countries.length} onClick={download}>
          {t("insights.downloadCsv")}
        </Button>
      </div>
      <p className="muted">{t("insights.compare.lead")}</p>
      <fieldset className="compare-countries">
        <legend>{t("insights.compare.countries")}</legend>
        {COUNTRIES.map((code) => (
          <label key={code} className="checkbox">
            <input type="checkbox" checked={countries.includes(code)} onChange={() => toggle(code)} />
            <span>{t(`countries.${code}`)}</span>
          </label>
        ))}
      </fieldset>
      {csvError ? <Alert tone="danger">{errorMessage(csvError, t)}</Alert> : null}
      {!countries.length ? (
        <p className="muted">{t("insights.compare.chooseOne")}</p>
      ) : comparison.isPending ? (
        <Skeleton height={220} />
      ) : comparison.isError ? (
        <QueryError error={comparison.error} onRetry={() => comparison.refetch()} />
      ) : (
        <div className="table-scroll">
          <table className="table compare-table">
            <caption className="visually-hidden">{t("insights.compare.title")}</caption>
            <thead>
              <tr>
                <td />
                {shown.map((row) => (
                  <th key={row.country} scope="col" aria-current={row.country === country ? "true" : undefined}>
                    {t(`countries.${row.country}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figures.map((figure) => (
                <tr key={figure.key}>
                  <th scope="row">{figure.label}</th>
                  {shown.map((row) => (
                    <td key={row.country} className={figure.key === "makes" ? undefined : "num"}>
                      {row.count === 0 && figure.key !== "count" && figure.key !== "currency" ? none : figure.value(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

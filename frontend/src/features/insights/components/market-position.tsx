import { useTranslation } from "react-i18next";
import { useMarket } from "@/features/insights/api/get-market";
import { Price } from "@/components/price";
import { Skeleton } from "@/components/skeleton";
import { formatNumber, wholeDinars } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";
import type { CountryCode, Money } from "@/api/models";
import { COUNTRY_CURRENCY } from "@/lib/country";

type Props = {
  make: string;
  model: string;
  year: number;
  price: Money;
  /** The car's country: its market, and the currency of its amounts. */
  country: CountryCode;
  /**
   * Say above/fair/below over the bar. Off where a market value rating (its
   * own comparables) already gives the verdict: two verdicts could disagree.
   */
  showVerdict?: boolean;
};

/** Where a price sits against comparable cars: the p10–p90 band, p25–p75 core, median and this car. */
export function MarketPosition({ make, model, year, price, country, showVerdict = true }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data, isPending, isError } = useMarket({ country, make, model, year_min: year - 1, year_max: year + 1 });

  if (isPending) return <Skeleton height={96} />;
  if (isError || !data?.price || data.count < 3) return <p className="muted">{t("market.notEnough")}</p>;

  const band = data.price;
  const low = wholeDinars(band.p10) ?? 0;
  const high = wholeDinars(band.p90) ?? 0;
  const value = wholeDinars(price) ?? 0;
  // Positions on the bar only; every amount shown is formatted from its string.
  const span = Math.max(1, high - low);
  const at = (amount: Money) => Math.min(100, Math.max(0, (((wholeDinars(amount) ?? low) - low) / span) * 100));
  const verdict =
    value < (wholeDinars(band.p25) ?? low) ? "below" : value > (wholeDinars(band.p75) ?? high) ? "above" : "fair";

  return (
    <figure className="market">
      {showVerdict ? (
        <figcaption>
          <strong className={`market-verdict market-${verdict}`}>{t(`market.${verdict}`)}</strong>
          <span className="muted"> · {t("market.basedOn", { count: data.count })}</span>
        </figcaption>
      ) : (
        <figcaption className="muted">
          {t("market.bandOf", { count: data.count, formatted: formatNumber(data.count, language), from: year - 1, to: year + 1 })}
        </figcaption>
      )}
      <div className="market-bar" role="img" aria-label={t("market.aria", { p10: band.p10, p90: band.p90, median: band.median })}>
        <span className="market-band" />
        <span className="market-core" style={{ insetInlineStart: `${at(band.p25)}%`, inlineSize: `${Math.max(2, at(band.p75) - at(band.p25))}%` }} />
        <span className="market-median" style={{ insetInlineStart: `${at(band.median)}%` }} />
        <span className="market-this" style={{ insetInlineStart: `${at(price)}%` }} title={t("market.thisCar")} />
      </div>
      <dl className="market-legend">
        {(
          [
            ["market.low", band.p10],
            ["market.median", band.median],
            ["market.high", band.p90],
          ] as const
        ).map(([label, amount]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>
              <Price amount={amount} currency={COUNTRY_CURRENCY[country]} />
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}

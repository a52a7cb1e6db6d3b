import { useTranslation } from "react-i18next";
import { useMarketValue } from "@/features/listings/api/get-market-value";
import type { MarketRating } from "@/features/listings/types/market";
import { Badge } from "@/components/badge";
import { Skeleton } from "@/components/skeleton";
import { formatNumber, formatPriceRange } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";

const TONES: Record<MarketRating, "ok" | "info" | "warn" | "danger"> = {
  great: "ok",
  good: "ok",
  fair: "info",
  high: "warn",
  overpriced: "danger",
};

/** The asking price rated against comparable cars, with why in a few words. */
/** `currency`: the listing's, which its comparables share (they are of its country). */
export function MarketValue({ listingId, currency }: { listingId: number; currency: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data, isPending, isError } = useMarketValue(listingId);

  if (isPending) return <Skeleton height={56} />;
  // The market band below still says something; a failed rating is simply left out.
  if (isError) return null;
  if (!data.rating)
    return (
      <p className="muted market-value-none">
        {data.reason === "price_implausible"
          ? t("marketValue.implausible")
          : data.comparables_count
            ? t("marketValue.notEnough", { count: data.comparables_count, formatted: formatNumber(data.comparables_count, language) })
            : t("marketValue.notEnoughNone")}
      </p>
    );

  const percent = Math.round(Math.abs(data.difference_percent ?? 0));
  const difference =
    percent === 0
      ? t("marketValue.inLine")
      : t((data.difference_percent ?? 0) < 0 ? "marketValue.below" : "marketValue.above", { percent: formatNumber(percent, language) });

  return (
    <div className={`market-value market-value-${data.rating}`}>
      <p className="market-value-head">
        <Badge tone={TONES[data.rating]}>{t(`marketValue.rating.${data.rating}`)}</Badge> <span className="market-value-difference">{difference}</span>
      </p>
      <p className="muted">
        {data.estimate?.low && data.estimate.high ? <>{t("marketValue.typical", { range: formatPriceRange(data.estimate.low, data.estimate.high, language, currency) })} · </> : null}
        {t("marketValue.basedOn", { count: data.comparables_count, formatted: formatNumber(data.comparables_count, language) })}
      </p>
    </div>
  );
}

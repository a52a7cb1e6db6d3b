import { useTranslation } from "react-i18next";
import { formatApproxPrice, formatPrice } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";
import type { Money, Schema } from "@/api/models";

/** An amount in its currency (a listing's `currency`; BHD unless named). */
export function Price({ amount, currency, className }: { amount: Money | null | undefined; currency?: string; className?: string }) {
  const { language } = useLanguage();
  return (
    <span className={`price num ${className ?? ""}`} dir="auto">
      {formatPrice(amount, language, currency)}
    </span>
  );
}

/** The muted "≈ SAR 1,002" under a price in another currency than the buyer's (the API's `price_approx`). */
export function PriceApprox({ approx }: { approx: Schema<"PriceApprox"> | null | undefined }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (!approx) return null;
  return (
    <p className="price-approx muted num" dir="auto" title={t("price.approxNote")}>
      {formatApproxPrice(approx.price, language, approx.currency)}
    </p>
  );
}

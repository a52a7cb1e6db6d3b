import { useTranslation } from "react-i18next";
import { formatDate, formatNumber, formatPrice } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";
import type { PriceChange } from "@/api/models";

function fils(amount: string): number {
  return Math.round(Number(amount) * 1000);
}

/** Each change of the asking price, newest first: "Price dropped BHD 300 on 12 Nov" (in the listing's `currency`). */
export function PriceHistory({ history, currency }: { history: PriceChange[]; currency: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (history.length < 2) return null;
  const changes = history.slice(0, -1).map((entry, index) => {
    const before = history[index + 1];
    const difference = (fils(entry.price) - fils(before.price)) / 1000;
    const amount = formatPrice(Math.abs(difference).toFixed(3), language, currency);
    const date = formatDate(entry.changed_at, language);
    return { key: `${entry.changed_at}-${index}`, text: t(difference < 0 ? "priceHistory.dropped" : "priceHistory.raised", { amount, date }), dropped: difference < 0 };
  });
  const first = history[history.length - 1];
  return (
    <section aria-labelledby="price-history-title" className="price-history">
      <h3 id="price-history-title" className="price-history-title">
        {t("priceHistory.title")}
      </h3>
      <ul className="price-history-list">
        {changes.map((change) => (
          <li key={change.key} className={change.dropped ? "price-history-drop" : undefined}>
            {change.text}
          </li>
        ))}
        <li className="muted">
          {t("priceHistory.first", { amount: formatPrice(first.price, language, currency), date: formatDate(first.changed_at, language) })}
        </li>
      </ul>
    </section>
  );
}

/** "Listed today" / "Listed 12 days ago". */
export function DaysListed({ days }: { days: number | null | undefined }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (days === null || days === undefined) return null;
  return <span className="days-listed">{days === 0 ? t("daysListed.today") : t("daysListed.days", { count: days, formatted: formatNumber(days, language) })}</span>;
}

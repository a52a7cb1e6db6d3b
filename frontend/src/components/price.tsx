import { formatPrice } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";
import type { Money } from "@/api/models";

/** An amount in its currency (a listing's `currency`; BHD unless named). */
export function Price({ amount, currency, className }: { amount: Money | null | undefined; currency?: string; className?: string }) {
  const { language } = useLanguage();
  return (
    <span className={`price num ${className ?? ""}`} dir="auto">
      {formatPrice(amount, language, currency)}
    </span>
  );
}

import { formatPrice } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";
import type { Money } from "@/api/models";

export function Price({ amount, className }: { amount: Money | null | undefined; className?: string }) {
  const { language } = useLanguage();
  return (
    <span className={`price num ${className ?? ""}`} dir="auto">
      {formatPrice(amount, language)}
    </span>
  );
}

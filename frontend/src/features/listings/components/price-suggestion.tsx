import { useTranslation } from "react-i18next";
import { usePriceSuggestion, type SuggestionCar } from "@/features/listings/api/get-price-suggestion";
import { formatPriceRange, formatWholeDinars } from "@/lib/format";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { useLanguage } from "@/lib/use-language";
import { COUNTRY_CURRENCY } from "@/lib/country";
import type { CountryCode } from "@/api/models";

const SUGGESTION_DEBOUNCE_MS = 500;

const MIN_YEAR = 1950;

function wholeNumber(text: string): number | null {
  const value = text.replace(/[,\s]/g, "");
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** The car the form describes so far, once make, model and a plausible year are there. */
function suggestionCarOf(fields: Props): SuggestionCar | null {
  const year = wholeNumber(fields.year);
  if (!fields.make || !fields.model || year === null || year < MIN_YEAR || year > new Date().getFullYear() + 1) return null;
  const mileage = wholeNumber(fields.mileage_km);
  return { country: fields.country, make: fields.make, model: fields.model, year, ...(mileage !== null ? { mileage_km: mileage } : {}) };
}

/** The car so far; `country` the one it is sold in, whose cars it is compared with and in whose currency. */
type Props = { country: CountryCode; make: string; model: string; year: string; mileage_km: string };

/**
 * What similar cars sell for, under the price box. Asked once the typing
 * settles; says nothing when there are too few comparables or the API fails.
 */
export function PriceSuggestion(fields: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const car = suggestionCarOf(fields);
  // Debounce the car's identity, not the object, so each keystroke is not a request.
  const settled = useDebouncedValue(car ? JSON.stringify(car) : "", SUGGESTION_DEBOUNCE_MS);
  const { data } = usePriceSuggestion(settled ? (JSON.parse(settled) as SuggestionCar) : null);
  const estimate = settled && settled === (car ? JSON.stringify(car) : "") ? data?.suggested_price : null;
  return (
    <span className="price-suggestion" aria-live="polite">
      {estimate?.low && estimate.high && estimate.median
        ? t("sell.priceSuggestion", {
            range: formatPriceRange(estimate.low, estimate.high, language, COUNTRY_CURRENCY[fields.country]),
            median: formatWholeDinars(estimate.median),
          })
        : null}
    </span>
  );
}

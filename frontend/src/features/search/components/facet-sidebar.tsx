import { useTranslation } from "react-i18next";
import { FacetGroup } from "@/features/search/components/facet-group";
import { MakeModelFacet } from "@/features/search/components/make-model-facet";
import { RangeFacet } from "@/features/search/components/range-facet";
import type { SearchState } from "@/features/search/hooks/use-search-state";
import { RANGE_FIELDS, type Facets, type MultiField } from "@/features/search/types/search";
import { useEnums } from "@/lib/catalog/get-enums";
import { currencySign, formatNumber, formatPrice } from "@/lib/format";
import { useCountry } from "@/lib/use-country";
import { useLanguage } from "@/lib/use-language";

/** The enum facets in the order Gulf buyers narrow down by. */
const ENUM_FACETS: MultiField[] = [
  "body_type",
  "regional_spec",
  "transmission",
  "fuel",
  "drivetrain",
  "condition",
  "region",
  "seller_type",
  "color",
];

/** The price filter's step in Bahrain (dinars); a country's is this times its `price_scale` (SAR: 1,000). */
export const PRICE_STEP = 100;

type Props = { facets: Facets; state: SearchState; errors?: Record<string, string[]> };

export function FacetSidebar({ facets, state, errors = {} }: Props) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { country, currency } = useCountry();
  const { data: enums } = useEnums();
  const priceScale = enums?.country.find((each) => each.value === country)?.price_scale ?? 1;
  const [year, price, mileage] = RANGE_FIELDS;
  const range = (field: (typeof RANGE_FIELDS)[number]) => ({
    valueMin: state.params.get(field.min) ?? "",
    valueMax: state.params.get(field.max) ?? "",
    onCommit: (min: string, max: string) => state.setRange(field, min, max),
    errors: [...(errors[field.min] ?? []), ...(errors[field.max] ?? [])],
  });

  return (
    <div className="facet-sidebar">
      <MakeModelFacet facets={facets} state={state} />
      <RangeFacet title={t("facets.year")} facet={facets.year} formatBound={String} {...range(year)} />
      <RangeFacet
        title={t("facets.price")}
        unit={currencySign(currency, language)}
        facet={facets.price}
        step={PRICE_STEP * priceScale}
        formatBound={(value) => formatPrice(typeof value === "number" ? String(value) : value, language, currency)}
        {...range(price)}
      />
      <RangeFacet
        title={t("facets.mileage_km")}
        unit={t("units.kmShort")}
        facet={facets.mileage_km}
        step={1000}
        formatBound={(value) => t("units.km", { value: formatNumber(Number(value), language) })}
        {...range(mileage)}
      />
      {ENUM_FACETS.map((field) => (
        <FacetGroup
          key={field}
          field={field}
          title={t(`facets.${field}`, { context: country })}
          buckets={facets[field] ?? []}
          selected={state.selected[field]}
          onToggle={(value) => state.toggleValue(field, value)}
        />
      ))}
    </div>
  );
}

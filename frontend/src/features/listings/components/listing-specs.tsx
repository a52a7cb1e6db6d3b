import { useTranslation } from "react-i18next";
import { LISTING_ENUM_FIELDS } from "@/features/listings/api/listing-input";
import { useCatalogLabels } from "@/lib/catalog/use-labels";
import { formatDate, formatNumber } from "@/lib/format";
import type { Listing } from "@/api/models";

export function ListingSpecs({ listing }: { listing: Listing }) {
  const { t } = useTranslation();
  const { makeLabel, modelLabel, enumLabel, language } = useCatalogLabels();
  const rows: [string, string][] = [
    [t("fields.make"), makeLabel(listing.make)],
    [t("fields.model"), modelLabel(listing.model, listing.make)],
    [t("fields.trim"), listing.trim],
    [t("fields.year"), String(listing.year)],
    [t("fields.mileage_km"), t("units.km", { value: formatNumber(listing.mileage_km, language) })],
    ...LISTING_ENUM_FIELDS.map(([field, name]): [string, string] => [t(`fields.${field}`, { context: listing.country }), enumLabel(name, listing[field])]),
    [t("listing.listedOn"), formatDate(listing.created_at, language)],
  ];
  return (
    <table className="specs">
      <caption className="visually-hidden">{t("listing.specs")}</caption>
      <tbody>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

import { useDeferredValue } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSearchListings } from "@/features/search/api/search-listings";
import { useFacetLabels } from "@/features/search/hooks/use-facet-labels";
import { Skeleton } from "@/components/skeleton";
import { formatNumber } from "@/lib/format";
import { useCountry } from "@/lib/use-country";

const ONE_RESULT = new URLSearchParams({ page_size: "1" });

/** The make facet of an unfiltered search: what is on sale, most first. */
export function PopularMakes({ limit = 12 }: { limit?: number }) {
  const { t } = useTranslation();
  const { valueLabel, language } = useFacetLabels();
  const { path } = useCountry();
  const { data, isPending } = useDeferredValue(useSearchListings(ONE_RESULT)); // drawn in the background (time-sliced)
  const makes = [...(data?.facets?.make ?? [])].sort((a, b) => b.count - a.count).slice(0, limit);

  if (isPending) {
    return (
      <div className="make-grid" aria-hidden="true">
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} height={64} />
        ))}
      </div>
    );
  }
  if (!makes.length) return null;
  return (
    <ul className="bare-list make-grid">
      {makes.map((make) => (
        <li key={make.value}>
          <Link className="tile make-tile" to={path(`/search?make=${encodeURIComponent(make.value)}`)}>
            <span className="make-tile-name">{valueLabel("make", make.value, make)}</span>
            <span className="make-tile-count muted num">{t("search.carsCount", { count: make.count, formatted: formatNumber(make.count, language) })}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

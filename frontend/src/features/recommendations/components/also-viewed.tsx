import { useTranslation } from "react-i18next";
import { useAlsoViewed } from "@/features/recommendations/api/get-also-viewed";
import { ListingCard } from "@/components/listing-card";

/** "Buyers who viewed this also viewed", beside similar cars; absent until buyers' visits say something. */
export function AlsoViewed({ id }: { id: number }) {
  const { t } = useTranslation();
  const { data } = useAlsoViewed(id);
  const others = (data?.results ?? []).filter((listing) => listing.id !== id);
  if (!others.length) return null;
  return (
    <section aria-labelledby="also-viewed" className="similar">
      <h2 id="also-viewed">{t("recommendations.alsoViewed")}</h2>
      <ul className="bare-list grid-cards">
        {others.map((listing) => (
          <li key={listing.id}>
            <ListingCard listing={listing} />
          </li>
        ))}
      </ul>
    </section>
  );
}

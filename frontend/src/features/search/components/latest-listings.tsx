import { useDeferredValue } from "react";
import { useTranslation } from "react-i18next";
import { useSearchListings } from "@/features/search/api/search-listings";
import { ListingCard } from "@/components/listing-card";
import { CardGridSkeleton } from "@/components/skeleton";
import { useInTasks } from "@/lib/use-in-tasks";

const LATEST = new URLSearchParams({ sort: "newest", page_size: "8" });

export function LatestListings() {
  const { t } = useTranslation();
  const { data, isPending } = useDeferredValue(useSearchListings(LATEST)); // drawn in the background (time-sliced)
  const cards = useInTasks(data?.results ?? [], 4);
  if (isPending) return <CardGridSkeleton count={4} label={t("common.loading")} />;
  if (!data?.results.length) return null;
  return (
    <ul className="bare-list grid-cards">
      {cards.map((listing) => (
        <li key={listing.id}>
          <ListingCard listing={listing} />
        </li>
      ))}
    </ul>
  );
}

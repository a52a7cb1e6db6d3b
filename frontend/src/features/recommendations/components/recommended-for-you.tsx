import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRecommendations } from "@/features/recommendations/api/get-recommendations";
import { RecommendationReason } from "@/features/recommendations/components/recommendation-reason";
import { RecommendationSettingsPanel } from "@/features/recommendations/components/recommendation-settings";
import { Button } from "@/components/button";
import { ListingCard } from "@/components/listing-card";
import { CardGridSkeleton } from "@/components/skeleton";

/** "Recommended for you" on the home page: for a signed-in buyer from their history, for a visitor from this browser's. */
export function RecommendedForYou() {
  const { t } = useTranslation();
  const { data, isPending, isError } = useDeferredValue(useRecommendations()); // drawn in the background (time-sliced)
  const [managing, setManaging] = useState(false);
  // A failure here must not take the home page with it: the section just stays away.
  if (isError) return null;
  if (isPending) return <CardGridSkeleton count={4} label={t("common.loading")} />;
  if (data.enabled && !data.results.length) return null;
  return (
    <section aria-labelledby="recommended" className="stack">
      <div className="section-head">
        <h2 id="recommended">{t("recommendations.title")}</h2>
        <Button variant="ghost" size="s" aria-expanded={managing} onClick={() => setManaging((open) => !open)}>
          {t("recommendations.manage")}
        </Button>
      </div>
      {managing ? <RecommendationSettingsPanel /> : null}
      {data.enabled ? (
        <ul className="bare-list grid-cards">
          {data.results.map((listing) => (
            <li key={listing.id}>
              <ListingCard listing={listing} footer={<RecommendationReason reason={listing.reason} />} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("recommendations.offNote")}</p>
      )}
    </section>
  );
}

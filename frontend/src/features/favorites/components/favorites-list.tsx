import { useTranslation } from "react-i18next";
import { useFavorites } from "@/features/favorites/api/get-favorites";
import { useSetFavorite } from "@/features/favorites/api/set-favorite";
import { Button, ButtonLink } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { HeartIcon } from "@/components/icons";
import { ListingCard } from "@/components/listing-card";
import { QueryError } from "@/components/query-error";
import { CardGridSkeleton } from "@/components/skeleton";

export function FavoritesList() {
  const { t } = useTranslation();
  const { data, isPending, isError, error, refetch } = useFavorites();
  const setFavorite = useSetFavorite();
  if (isPending) return <CardGridSkeleton count={3} label={t("common.loading")} />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  if (!data.results.length)
    return (
      <EmptyState icon={<HeartIcon size={32} />} title={t("favorites.emptyTitle")} action={<ButtonLink to="/search">{t("home.browseAll")}</ButtonLink>}>
        {t("favorites.emptyBody")}
      </EmptyState>
    );
  return (
    <ul className="bare-list grid-cards">
      {data.results.map((listing) => (
        <li key={listing.id}>
          <ListingCard
            listing={listing}
            headingLevel={2}
            footer={
              <Button variant="ghost" size="s" onClick={() => setFavorite.mutate({ listing, favorite: false })}>
                {t("favorites.remove")}
              </Button>
            }
          />
        </li>
      ))}
    </ul>
  );
}

import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useIsFavorite } from "@/features/favorites/api/get-favorite-ids";
import { useSetFavorite } from "@/features/favorites/api/set-favorite";
import { Button } from "@/components/button";
import { HeartIcon } from "@/components/icons";
import type { CardListing, User } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

type Props = {
  listing: CardListing;
  /** A round heart on a card's photo, named after the car (a page of cards has many). */
  compact?: boolean;
};

export function FavoriteButton({ listing, compact }: Props) {
  const { t } = useTranslation();
  // Who is signed in matters only on a click: read then, not watched by each of a page's hearts.
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const isFavorite = useIsFavorite(listing.id);
  const setFavorite = useSetFavorite();

  const toggle = () => {
    if (!queryClient.getQueryData<User | null>(queryKeys.me)) {
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    setFavorite.mutate({ listing, favorite: !isFavorite });
  };

  if (compact)
    return (
      <button
        type="button"
        className={`heart-button ${isFavorite ? "is-favorite" : ""}`}
        aria-pressed={isFavorite}
        aria-label={t("favorites.saveNamed", { title: listing.title })}
        title={isFavorite ? t("favorites.saved") : t("favorites.save")}
        onClick={toggle}
      >
        <HeartIcon filled={isFavorite} size={20} />
      </button>
    );

  return (
    <Button
      variant="secondary"
      className={`favorite-button ${isFavorite ? "is-favorite" : ""}`}
      aria-pressed={isFavorite}
      icon={<HeartIcon filled={isFavorite} size={18} />}
      onClick={toggle}
    >
      {isFavorite ? t("favorites.saved") : t("favorites.save")}
    </Button>
  );
}

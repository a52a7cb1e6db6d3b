import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useIsFavorite } from "@/features/favorites/api/get-favorites";
import { useSetFavorite } from "@/features/favorites/api/set-favorite";
import { Button } from "@/components/button";
import { HeartIcon } from "@/components/icons";
import { useUser } from "@/lib/auth";
import type { CardListing } from "@/types/api";

export function FavoriteButton({ listing }: { listing: CardListing }) {
  const { t } = useTranslation();
  const { data: user } = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const isFavorite = useIsFavorite(listing.id);
  const setFavorite = useSetFavorite();

  return (
    <Button
      variant="secondary"
      className={`favorite-button ${isFavorite ? "is-favorite" : ""}`}
      aria-pressed={isFavorite}
      icon={<HeartIcon filled={isFavorite} size={18} />}
      onClick={() => {
        if (!user) {
          navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`);
          return;
        }
        setFavorite.mutate({ listing, favorite: !isFavorite });
      }}
    >
      {isFavorite ? t("favorites.saved") : t("favorites.save")}
    </Button>
  );
}

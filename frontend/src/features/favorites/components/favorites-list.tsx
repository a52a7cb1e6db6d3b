import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useSearchParams } from "react-router";
import { FAVORITES_PAGE_SIZE, useFavorites, type FavoriteListing } from "@/features/favorites/api/get-favorites";
import { useSetFavorite } from "@/features/favorites/api/set-favorite";
import { Button, ButtonLink } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { HeartIcon } from "@/components/icons";
import { ListingCard } from "@/components/listing-card";
import { Pagination } from "@/components/pagination";
import { QueryError } from "@/components/query-error";
import { CardGridSkeleton } from "@/components/skeleton";
import { formatPrice } from "@/lib/format";
import { pageCountOf, pageHref, positiveInt } from "@/lib/paging";
import { useCountry } from "@/lib/use-country";
import { useLanguage } from "@/lib/use-language";

function PriceDrop({ listing }: { listing: FavoriteListing }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (!listing.price_dropped) return null;
  return (
    <p className="price-drop">
      <span aria-hidden="true">↓ </span>
      {t("favorites.priceDropped", { price: formatPrice(listing.saved_price, language, listing.currency) })}
    </p>
  );
}

export function FavoritesList() {
  const { t } = useTranslation();
  const { path } = useCountry();
  const [params] = useSearchParams();
  const page = positiveInt(params.get("page"), 1);
  const { data, isPending, isError, error, refetch, isPlaceholderData } = useFavorites(page);
  const setFavorite = useSetFavorite();
  const [removed, setRemoved] = useState("");
  if (isPending) return <CardGridSkeleton count={3} label={t("common.loading")} />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  // The last one on a later page was removed: show the page before.
  if (!data.results.length && page > 1) return <Navigate to={pageHref(params, page - 1)} replace />;

  const remove = (listing: FavoriteListing) => {
    setRemoved("");
    setFavorite.mutate({ listing, favorite: false }, { onSuccess: () => setRemoved(t("favorites.removed", { title: listing.title })) });
  };

  return (
    <div className="stack">
      <p className="visually-hidden" role="status">
        {removed}
      </p>
      {!data.results.length ? (
        <EmptyState icon={<HeartIcon size={32} />} title={t("favorites.emptyTitle")} action={<ButtonLink to={path("/search")}>{t("home.browseAll")}</ButtonLink>}>
          {t("favorites.emptyBody")}
        </EmptyState>
      ) : (
        <>
          <ul className={`bare-list grid-cards ${isPlaceholderData ? "is-stale" : ""}`} aria-busy={isPlaceholderData || undefined}>
            {data.results.map((listing) => (
              <li key={listing.id}>
                <ListingCard
                  listing={listing}
                  headingLevel={2}
                  footer={
                    <div className="stack-s">
                      <PriceDrop listing={listing} />
                      <div>
                        <Button variant="ghost" size="s" onClick={() => remove(listing)} aria-label={t("favorites.removeNamed", { title: listing.title })}>
                          {t("favorites.remove")}
                        </Button>
                      </div>
                    </div>
                  }
                />
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCountOf(data, FAVORITES_PAGE_SIZE)} hrefFor={(target) => pageHref(params, target)} />
        </>
      )}
    </div>
  );
}

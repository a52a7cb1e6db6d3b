import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge } from "@/components/badge";
import { CarIcon } from "@/components/icons";
import { Price, PriceApprox } from "@/components/price";
import { useCatalogLabels } from "@/lib/catalog/use-labels";
import { formatNumber, formatPrice } from "@/lib/format";
import type { CardListing } from "@/api/models";
import { listingPath } from "@/lib/country";

/** A card is one column on a phone and about a quarter of the page wider up (global.css .grid-cards). */
const CARD_SIZES = "(max-width: 600px) 100vw, 400px";

function thumbnailOf(listing: CardListing): { src: string; srcSet?: string } | null {
  if ("thumbnail_url" in listing && listing.thumbnail_url) return { src: listing.thumbnail_url, srcSet: ("thumbnail_srcset" in listing && listing.thumbnail_srcset) || undefined };
  if ("photos" in listing && listing.photos?.length) {
    const [first] = listing.photos;
    return { src: first.thumbnail_url || first.url, srcSet: first.thumbnail_srcset ?? undefined };
  }
  return null;
}

function sellerTypeOf(listing: CardListing): string | undefined {
  if ("seller_type" in listing && listing.seller_type) return listing.seller_type;
  if ("seller" in listing && listing.seller) return listing.seller.account_type;
  return undefined;
}

type Props = {
  listing: CardListing;
  /** Extra controls under the card (owner actions, remove from favourites...). */
  footer?: ReactNode;
  /** A control over the photo's corner (the favourite heart), outside the card's link. */
  action?: ReactNode;
  headingLevel?: 2 | 3;
  /** Called when the card's link is followed (a notification marks itself read). */
  onOpen?: () => void;
};

/** The car card of search results, similar cars, favourites and the home page. */
export function ListingCard({ listing, footer, action, headingLevel = 3, onOpen }: Props) {
  const { t } = useTranslation();
  const { enumLabel, makeLabel, modelLabel, language } = useCatalogLabels();
  const thumbnail = thumbnailOf(listing);
  const sellerType = sellerTypeOf(listing);
  const Heading = `h${headingLevel}` as const;
  const name = `${listing.year} ${makeLabel(listing.make)} ${modelLabel(listing.model, listing.make)}`;
  const title = language === "en" && listing.title ? listing.title : name;

  return (
    <article className="listing-card">
      <Link to={listingPath(listing)} className="listing-card-link" onClick={onOpen}>
        <div className="listing-card-media">
          {thumbnail ? (
            <img
              src={thumbnail.src}
              srcSet={thumbnail.srcSet}
              sizes={thumbnail.srcSet ? CARD_SIZES : undefined}
              alt=""
              loading="lazy"
              decoding="async"
              width={400}
              height={300}
            />
          ) : (
            <div className="listing-card-placeholder">
              <CarIcon size={40} />
            </div>
          )}
          {listing.regional_spec ? (
            <span className="listing-card-spec">{enumLabel("regional_spec", listing.regional_spec)}</span>
          ) : null}
        </div>
        <div className="listing-card-body">
          <Heading className="listing-card-title" dir="auto">
            {title}
          </Heading>
          <Price amount={listing.price} currency={listing.currency} className="listing-card-price" />
          <PriceApprox approx={"price_approx" in listing ? listing.price_approx : null} />
          {listing.price_drop ? (
            <p className="listing-card-drop">
              <Badge tone="ok">{t("card.priceDropped", { amount: formatPrice(listing.price_drop, language, listing.currency) })}</Badge>
            </p>
          ) : null}
          <p className="listing-card-meta">
            <span className="num">{listing.year}</span>
            <span aria-hidden="true"> · </span>
            <span className="num">{t("units.km", { value: formatNumber(listing.mileage_km, language) })}</span>
            {listing.region ? (
              <>
                <span aria-hidden="true"> · </span>
                <span>{enumLabel("region", listing.region)}</span>
              </>
            ) : null}
          </p>
          <div className="listing-card-badges">
            {listing.transmission ? <Badge>{enumLabel("transmission", listing.transmission)}</Badge> : null}
            {listing.fuel ? <Badge>{enumLabel("fuel", listing.fuel)}</Badge> : null}
            {sellerType === "dealer" ? <Badge tone="info">{enumLabel("seller_type", "dealer")}</Badge> : null}
          </div>
          {listing.days_listed !== undefined && listing.days_listed !== null ? (
            <p className="listing-card-age muted">
              {listing.days_listed === 0 ? t("daysListed.today") : t("daysListed.days", { count: listing.days_listed, formatted: formatNumber(listing.days_listed, language) })}
            </p>
          ) : null}
        </div>
      </Link>
      {action ? <div className="listing-card-action">{action}</div> : null}
      {footer ? <div className="listing-card-footer">{footer}</div> : null}
    </article>
  );
}

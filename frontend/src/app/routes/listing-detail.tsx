import { useDeferredValue, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { FavoriteButton } from "@/features/favorites/components/favorite-button";
import { MarketPosition } from "@/features/insights/components/market-position";
import { useListing } from "@/features/listings/api/get-listing";
import { useSimilarListings } from "@/features/listings/api/get-similar-listings";
import { ListingGallery } from "@/features/listings/components/listing-gallery";
import { ListingSpecs } from "@/features/listings/components/listing-specs";
import { MarketValue } from "@/features/listings/components/market-value";
import { DaysListed, PriceHistory } from "@/features/listings/components/price-history";
import { StatusBadge } from "@/features/listings/components/status-badge";
import { PhoneContacts } from "@/features/contacts/components/phone-contacts";
import { ReportListing } from "@/features/reports/components/report-listing";
import { ContactSeller } from "@/features/messaging/components/contact-seller";
import { AlsoViewed } from "@/features/recommendations/components/also-viewed";
import { useEngagement } from "@/features/recommendations/hooks/use-engagement";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Button, ButtonLink } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { ListingCard } from "@/components/listing-card";
import { Price, PriceApprox } from "@/components/price";
import { QueryError } from "@/components/query-error";
import { Skeleton } from "@/components/skeleton";
import { isApiError } from "@/lib/api-client";
import { useUser } from "@/lib/auth";
import { useCatalogLabels } from "@/lib/catalog/use-labels";
import { formatNumber, formatPrice } from "@/lib/format";
import { countryOfPath } from "@/lib/country";
import { useCountry } from "@/lib/use-country";
import { useDocumentTitle } from "@/lib/use-document-title";
import type { Money } from "@/api/models";

function SimilarCars({ id }: { id: number }) {
  const { t } = useTranslation();
  const { data } = useSimilarListings(id);
  const others = (data ?? []).filter((listing) => listing.id !== id);
  if (!others.length) return null;
  return (
    <section aria-labelledby="similar" className="similar">
      <h2 id="similar">{t("listing.similar")}</h2>
      <ul className="bare-list grid-cards">
        {others.slice(0, 8).map((listing) => (
          <li key={listing.id}>
            <ListingCard listing={listing} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DetailSkeleton() {
  return (
    <div className="detail-layout" aria-hidden="true">
      <Skeleton height="auto" style={{ aspectRatio: "4 / 3" }} />
      <div className="stack">
        <Skeleton height={32} width="80%" />
        <Skeleton height={28} width="40%" />
        <Skeleton height={200} />
      </div>
    </div>
  );
}

/**
 * On a phone the seller's box is below the fold: this bar keeps the price and a way to reach
 * the seller on screen (components.css shows it only at phone size).
 */
function ContactBar({ amount, currency, signedIn, signInTo }: { amount: Money; currency: string; signedIn: boolean; signInTo: string }) {
  const { t } = useTranslation();
  const toComposer = () => {
    const box = document.getElementById("seller-box");
    box?.scrollIntoView({ behavior: "smooth", block: "center" });
    box?.querySelector("textarea")?.focus({ preventScroll: true });
  };
  return (
    <div className="contact-bar" role="region" aria-label={t("listing.contactBar")}>
      <Price amount={amount} currency={currency} className="contact-bar-price" />
      {signedIn ? (
        <Button onClick={toComposer}>{t("listing.contactLabel")}</Button>
      ) : (
        <ButtonLink to={signInTo}>{t("listing.contactLabel")}</ButtonLink>
      )}
    </div>
  );
}

function ListingNotFound() {
  const { t } = useTranslation();
  const { path } = useCountry();
  return (
    <EmptyState title={t("listing.notFound")} action={<ButtonLink to={path("/search")}>{t("home.browseAll")}</ButtonLink>}>
      {t("listing.notFoundBody")}
    </EmptyState>
  );
}

export default function ListingDetailRoute() {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const location = useLocation();
  const { data: user } = useUser();
  // Drawn in the background when it arrives (time-sliced), not in one long task.
  const { data: listing, isPending, isError, error, refetch } = useDeferredValue(useListing(id));
  const { enumLabel, makeLabel, modelLabel, language } = useCatalogLabels();
  useDocumentTitle(listing?.title);
  // A buyer's own car, or one not for sale, teaches recommendations nothing.
  const onPhotoChange = useEngagement(listing?.id, Boolean(listing && listing.status === "active" && listing.seller.id !== user?.id));
  // A listing is of one country: under another's URL (/bh/listings/7 of a Saudi car), it moves to its own.
  const navigate = useNavigate();
  const listingCountry = listing?.country;
  useEffect(() => {
    const inUrl = countryOfPath(location.pathname);
    if (listingCountry && inUrl && inUrl !== listingCountry)
      void navigate(`/${listingCountry}${location.pathname.slice(3)}${location.search}${location.hash}`, { replace: true, state: location.state });
  }, [listingCountry, location, navigate]);

  // /listings/abc is no listing: the query never runs, so say so rather than load forever.
  if (!Number.isInteger(id) || id < 1)
    return (
      <div className="container page">
        <ListingNotFound />
      </div>
    );
  if (isPending)
    return (
      <div className="container page">
        <DetailSkeleton />
      </div>
    );
  if (isError)
    return (
      <div className="container page">
        {isApiError(error) && error.kind === "not_found" ? (
          <ListingNotFound />
        ) : (
          <QueryError error={error} onRetry={() => refetch()} />
        )}
      </div>
    );

  const isOwner = user?.id === listing.seller.id;
  const name = `${listing.year} ${makeLabel(listing.make)} ${modelLabel(listing.model, listing.make)} ${listing.trim ?? ""}`.trim();
  const state = location.state as { justPublished?: string; justSaved?: boolean } | null;
  const signInTo = `/sign-in?next=${encodeURIComponent(location.pathname)}`;
  const canContact = !isOwner && listing.status === "active";

  return (
    <div className="container page">
      {state?.justPublished ? (
        // A listing a photo sent to review since it was published says so below instead.
        state.justPublished === "pending_review" || listing.status === "pending_review" ? null : (
          <Alert tone="success">{state.justPublished === "draft" ? t("sell.savedDraft") : t("sell.published")}</Alert>
        )
      ) : state?.justSaved ? (
        <Alert tone="success">{t("sell.saved")}</Alert>
      ) : null}
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={`/${listing.country}/search`}>{t("nav.search")}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={`/${listing.country}/search?make=${listing.make}`}>{makeLabel(listing.make)}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={`/${listing.country}/search?make=${listing.make}&model=${listing.model}`}>{modelLabel(listing.model, listing.make)}</Link>
      </nav>

      <div className="detail-layout">
        <div className="detail-main stack">
          <ListingGallery photos={listing.photos} title={listing.title} onPhotoChange={onPhotoChange} />
          <section className="card card-body" aria-labelledby="specs-title">
            <h2 id="specs-title">{t("listing.specs")}</h2>
            <ListingSpecs listing={listing} />
          </section>
          {listing.description ? (
            <section className="card card-body" aria-labelledby="desc-title">
              <h2 id="desc-title">{t("listing.description")}</h2>
              <p className="description" dir="auto">
                {listing.description}
              </p>
            </section>
          ) : null}
        </div>

        <aside className="detail-side stack" aria-label={t("listing.summary")}>
          <div className="card card-body stack">
            <div>
              <h1 className="detail-title" dir="auto">{language === "en" ? listing.title || name : name}</h1>
              <div className="row">
                {listing.status !== "active" ? <StatusBadge status={listing.status} /> : null}
                {listing.regional_spec ? <Badge tone="brand">{enumLabel("regional_spec", listing.regional_spec)}</Badge> : null}
                {listing.transmission ? <Badge>{enumLabel("transmission", listing.transmission)}</Badge> : null}
                {listing.fuel ? <Badge>{enumLabel("fuel", listing.fuel)}</Badge> : null}
              </div>
            </div>
            {isOwner && listing.status === "pending_review" ? (
              <Alert tone="warning" title={t("pendingReview.title")}>
                {listing.held_for === "duplicate_photo" ? t("pendingReview.duplicatePhoto") : t("pendingReview.body")}
              </Alert>
            ) : null}
            <Price amount={listing.price} currency={listing.currency} className="detail-price" />
            <PriceApprox approx={listing.price_approx} />
            {listing.price_drop ? <Badge tone="ok">{t("card.priceDropped", { amount: formatPrice(listing.price_drop, language, listing.currency) })}</Badge> : null}
            <p className="muted">
              <DaysListed days={listing.days_listed} />
            </p>
            <p className="muted">
              <span className="num">{listing.year}</span> · <span className="num">{t("units.km", { value: formatNumber(listing.mileage_km, language) })}</span>
              {listing.region ? ` · ${enumLabel("region", listing.region)}` : ""}
            </p>
            {isOwner ? (
              <div className="row">
                <ButtonLink to={`/listings/${listing.id}/edit`}>{t("actions.edit")}</ButtonLink>
                <ButtonLink to="/me/listings" variant="secondary">
                  {t("nav.myListings")}
                </ButtonLink>
              </div>
            ) : (
              <FavoriteButton listing={listing} />
            )}
          </div>

          <section className="card card-body stack" aria-labelledby="seller-title" id="seller-box">
            <h2 id="seller-title">{t("listing.seller")}</h2>
            <p className="seller">
              <span className="seller-avatar" aria-hidden="true">
                {listing.seller.display_name.slice(0, 1).toUpperCase()}
              </span>
              <span>
                <Link to={`/sellers/${listing.seller.id}`}>
                  <strong>{listing.seller.display_name}</strong>
                </Link>
                <br />
                <span className="muted">{t(`account.type.${listing.seller.account_type}`)}</span>
                {listing.seller.badges?.includes("verified_phone") ? (
                  <>
                    {" "}
                    <Badge tone="ok">{t("phoneVerification.verified")}</Badge>
                  </>
                ) : null}
              </span>
            </p>
            {isOwner ? null : user ? (
              listing.status === "active" ? (
                <>
                  <PhoneContacts listingId={listing.id} channels={listing.seller.contacts ?? []} />
                  <ContactSeller listingId={listing.id} listingTitle={listing.title} />
                  <ReportListing listingId={listing.id} />
                </>
              ) : null
            ) : (
              <ButtonLink to={signInTo} block>
                {t("listing.signInToContact")}
              </ButtonLink>
            )}
          </section>

          <section className="card card-body stack" aria-labelledby="market-title">
            <h2 id="market-title">{t("market.title")}</h2>
            <MarketValue listingId={listing.id} currency={listing.currency} />
            <PriceHistory history={listing.price_history ?? []} currency={listing.currency} />
            <MarketPosition make={listing.make} model={listing.model} year={listing.year} price={listing.price} country={listing.country} showVerdict={false} />
          </section>
        </aside>
      </div>

      <SimilarCars id={listing.id} />
      <AlsoViewed id={listing.id} />
      {canContact ? <ContactBar amount={listing.price} currency={listing.currency} signedIn={Boolean(user)} signInTo={signInTo} /> : null}
    </div>
  );
}

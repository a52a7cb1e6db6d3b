import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useDeleteListing } from "@/features/listings/api/delete-listing";
import { useMyListings } from "@/features/listings/api/get-my-listings";
import { useRenewListing } from "@/features/listings/api/renew-listing";
import { useUpdateListing } from "@/features/listings/api/update-listing";
import { StatusBadge } from "@/features/listings/components/status-badge";
import { Alert } from "@/components/alert";
import { Button, ButtonLink } from "@/components/button";
import { ConfirmDialog } from "@/components/dialog";
import { EmptyState } from "@/components/empty-state";
import { CarIcon, PlusIcon } from "@/components/icons";
import { Pagination } from "@/components/pagination";
import { Price } from "@/components/price";
import { QueryError } from "@/components/query-error";
import { CardGridSkeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/error-message";
import { formatDate, formatNumber } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";
import type { Listing } from "@/api/models";
import { listingPath } from "@/lib/country";

type Pending = { kind: "sold" | "delete"; listing: Listing } | null;

export function MyListings() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { data, isPending, isError, error, refetch } = useMyListings(page);
  const update = useUpdateListing();
  const renew = useRenewListing();
  const remove = useDeleteListing();
  const [confirm, setConfirm] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const actionError = update.error ?? renew.error ?? remove.error;

  if (isPending) return <CardGridSkeleton count={3} label={t("common.loading")} />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  if (!data.results.length)
    return (
      <EmptyState
        icon={<CarIcon size={32} />}
        title={t("myListings.emptyTitle")}
        action={
          <ButtonLink to="/sell" icon={<PlusIcon size={18} />}>
            {t("nav.sell")}
          </ButtonLink>
        }
      >
        {t("myListings.emptyBody")}
      </EmptyState>
    );

  const pageCount = Math.max(1, Math.ceil(data.count / (data.page_size || 20)));
  const onConfirm = () => {
    if (!confirm) return;
    const { listing, kind } = confirm;
    const done = (message: string) => () => {
      setConfirm(null);
      setNotice(message);
    };
    if (kind === "sold") update.mutate({ id: listing.id, changes: { status: "sold" } }, { onSuccess: done(t("myListings.markedSold")) });
    else remove.mutate(listing.id, { onSuccess: done(t("myListings.deleted")) });
  };

  return (
    <>
      <div aria-live="polite">{notice ? <Alert tone="success">{notice}</Alert> : null}</div>
      {actionError ? <Alert tone="danger">{errorMessage(actionError, t)}</Alert> : null}
      <ul className="bare-list my-listings">
        {data.results.map((listing) => {
          const thumb = listing.photos?.[0];
          return (
            <li key={listing.id} className="my-listing card">
              <Link to={listingPath(listing)} className="my-listing-media" tabIndex={-1} aria-hidden="true">
                {thumb ? <img src={thumb.thumbnail_url || thumb.url} alt="" width={160} height={120} loading="lazy" /> : <CarIcon size={32} />}
              </Link>
              <div className="my-listing-body">
                <h2 className="my-listing-title">
                  <Link to={listingPath(listing)}>
                    <bdi>{listing.title}</bdi>
                  </Link>
                </h2>
                <p className="row">
                  <StatusBadge status={listing.status} />
                  <Price amount={listing.price} currency={listing.currency} />
                  <span className="muted num">{t("units.km", { value: formatNumber(listing.mileage_km, language) })}</span>
                </p>
                <p className="muted">{t("myListings.updated", { date: formatDate(listing.updated_at, language) })}</p>
              </div>
              <div className="my-listing-actions">
                <ButtonLink to={`/listings/${listing.id}/edit`} variant="secondary" size="s">
                  {t("actions.edit")}
                </ButtonLink>
                <ButtonLink to={`/me/listings/${listing.id}/stats`} variant="ghost" size="s">
                  {t("stats.open")}
                </ButtonLink>
                {listing.status === "draft" ? (
                  <Button
                    size="s"
                    loading={update.isPending && update.variables?.id === listing.id}
                    onClick={() => update.mutate({ id: listing.id, changes: { status: "active" } }, { onSuccess: () => setNotice(t("myListings.published")) })}
                  >
                    {t("myListings.publish")}
                  </Button>
                ) : null}
                {listing.status === "active" ? (
                  <Button variant="secondary" size="s" onClick={() => setConfirm({ kind: "sold", listing })}>
                    {t("myListings.markSold")}
                  </Button>
                ) : null}
                {listing.status === "expired" || listing.status === "active" ? (
                  <Button
                    variant="ghost"
                    size="s"
                    loading={renew.isPending && renew.variables === listing.id}
                    onClick={() => renew.mutate(listing.id, { onSuccess: () => setNotice(t("myListings.renewed")) })}
                  >
                    {t("myListings.renew")}
                  </Button>
                ) : null}
                <Button variant="ghost" size="s" className="text-danger" onClick={() => setConfirm({ kind: "delete", listing })}>
                  {t("actions.delete")}
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
      <Pagination page={page} pageCount={pageCount} hrefFor={(target) => (target > 1 ? `?page=${target}` : "?")} />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.kind === "delete" ? t("myListings.confirmDelete") : t("myListings.confirmSold")}
        confirmLabel={confirm?.kind === "delete" ? t("actions.delete") : t("myListings.markSold")}
        tone={confirm?.kind === "delete" ? "danger" : "primary"}
        busy={update.isPending || remove.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={onConfirm}
      >
        <p>{confirm?.listing.title}</p>
      </ConfirmDialog>
    </>
  );
}

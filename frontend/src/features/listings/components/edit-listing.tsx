import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { inputOf } from "@/features/listings/api/listing-input";
import { useListing } from "@/features/listings/api/get-listing";
import { useUpdateListing } from "@/features/listings/api/update-listing";
import { ListingForm } from "@/features/listings/components/listing-form";
import { StatusBadge } from "@/features/listings/components/status-badge";
import { usePhotoUploads } from "@/features/listings/hooks/use-photo-uploads";
import { EmptyState } from "@/components/empty-state";
import { PageSpinner } from "@/components/spinner";
import { QueryError } from "@/components/query-error";
import { useUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { listingPath } from "@/lib/country";

export function EditListing({ id }: { id: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: listing, isPending, isError, error, refetch } = useListing(id);
  const { data: user } = useUser();
  const update = useUpdateListing();
  const uploads = usePhotoUploads(id);
  useDocumentTitle(listing ? t("sell.editTitle", { title: listing.title }) : t("sell.editHeading"));

  if (isPending) return <PageSpinner />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  if (user && listing.seller.id !== user.id) return <EmptyState title={t("errors.forbidden")} />;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("sell.editHeading")}</h1>
          <p className="muted">
            {listing.title} · <StatusBadge status={listing.status} />
          </p>
        </div>
      </div>
      <ListingForm
        key={listing.id}
        mode="edit"
        initial={inputOf(listing)}
        existingPhotos={listing.photos}
        listingId={listing.id}
        uploads={uploads}
        submitting={update.isPending}
        error={update.error}
        onSubmit={(changes) =>
          update.mutate({ id, changes }, { onSuccess: (saved) => navigate(listingPath(saved), { state: { justSaved: true } }) })
        }
      />
    </>
  );
}

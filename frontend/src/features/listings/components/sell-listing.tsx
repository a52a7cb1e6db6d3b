import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useCreateListing } from "@/features/listings/api/create-listing";
import { ListingForm } from "@/features/listings/components/listing-form";
import { usePhotoUploads } from "@/features/listings/hooks/use-photo-uploads";
import { Alert } from "@/components/alert";
import type { Listing } from "@/types/api";

/** Create the listing, then upload its photos with progress, then open it. */
export function SellListing() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateListing();
  const [created, setCreated] = useState<Listing | null>(null);
  const uploads = usePhotoUploads(created?.id);
  const [uploadFailed, setUploadFailed] = useState(false);

  return (
    <>
      {uploadFailed && created ? (
        <Alert tone="warning" title={t("sell.someUploadsFailed")}>
          <Link to={`/listings/${created.id}/edit`}>{t("sell.fixPhotos")}</Link>
        </Alert>
      ) : null}
      <ListingForm
        mode="create"
        uploads={uploads}
        submitting={create.isPending || uploads.busy}
        error={create.error}
        onSubmit={(input, status) => {
          create.mutate(
            { ...input, status } as Parameters<typeof create.mutate>[0],
            {
              onSuccess: async (listing) => {
                setCreated(listing);
                const { failed } = await uploads.uploadAll(listing.id);
                if (failed) setUploadFailed(true);
                else navigate(`/listings/${listing.id}`, { state: { justPublished: listing.status } });
              },
            },
          );
        }}
      />
    </>
  );
}

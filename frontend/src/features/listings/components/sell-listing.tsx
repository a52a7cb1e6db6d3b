import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useCreateListing, type CreateListingInput } from "@/features/listings/api/create-listing";
import type { ListingInput } from "@/features/listings/api/listing-input";
import { useUpdateListing } from "@/features/listings/api/update-listing";
import { ListingForm } from "@/features/listings/components/listing-form";
import { usePhotoUploads } from "@/features/listings/hooks/use-photo-uploads";
import { Alert } from "@/components/alert";
import { VerifyEmailNotice } from "@/components/verify-email-notice";
import { newIdempotencyKey } from "@/lib/api-client";
import { isEmailUnverified, useUser } from "@/lib/auth";
import type { Listing, ListingStatus } from "@/api/models";
import { listingPath } from "@/lib/country";

/**
 * Create the listing, then upload its photos with progress, then open it.
 *
 * A retry never makes a second listing: the create carries one Idempotency-Key
 * per submission (a lost answer is replayed by the server), and once the
 * listing exists, submitting again saves the form onto it and uploads the
 * photos that did not make it.
 */
export function SellListing() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: user } = useUser();
  const create = useCreateListing();
  const update = useUpdateListing();
  const [created, setCreated] = useState<Listing | null>(null);
  const uploads = usePhotoUploads(created?.id);
  const [uploadFailed, setUploadFailed] = useState(false);
  const submissionKey = useRef(newIdempotencyKey());

  const finish = async (listing: Listing) => {
    setCreated(listing);
    const { failed } = await uploads.uploadAll(listing.id);
    setUploadFailed(failed > 0);
    if (!failed) navigate(listingPath(listing), { state: { justPublished: listing.status } });
  };

  const onSubmit = (input: Partial<ListingInput>, status?: ListingStatus) => {
    if (created) {
      update.mutate({ id: created.id, changes: { ...input, status } as Partial<ListingInput> }, { onSuccess: finish });
      return;
    }
    const body = { ...input, status } as CreateListingInput["input"];
    create.mutate({ input: body, idempotencyKey: submissionKey.current }, { onSuccess: finish });
  };

  const error = created ? update.error : create.error;
  return (
    <>
      {isEmailUnverified(error) && user ? <VerifyEmailNotice email={user.email} reason="publish" /> : null}
      {uploadFailed && created ? (
        <Alert tone="warning" title={t("sell.someUploadsFailed")}>
          <p>{t("sell.resumeUploads")}</p>
          <Link to={`/listings/${created.id}/edit`}>{t("sell.fixPhotos")}</Link>
        </Alert>
      ) : null}
      <ListingForm
        mode="create"
        uploads={uploads}
        submitting={create.isPending || update.isPending || uploads.busy}
        error={isEmailUnverified(error) ? null : error}
        onSubmit={onSubmit}
      />
    </>
  );
}

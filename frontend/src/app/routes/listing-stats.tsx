import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useListing } from "@/features/listings/api/get-listing";
import { ListingStats } from "@/features/sellers/components/listing-stats";
import { Page } from "@/components/page";

export default function ListingStatsRoute() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: listing } = useListing(id);
  return (
    <Page title={listing ? t("stats.titleOf", { title: listing.title }) : t("stats.title")}>
      <ListingStats id={id} />
    </Page>
  );
}

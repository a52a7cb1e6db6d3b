import { useTranslation } from "react-i18next";
import { SellListing } from "@/features/listings/components/sell-listing";
import { Page } from "@/components/page";

export default function SellRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t("sell.title")} lead={t("sell.lead")} narrow>
      <SellListing />
    </Page>
  );
}

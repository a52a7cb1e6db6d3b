import { useTranslation } from "react-i18next";
import { MyListings } from "@/features/listings/components/my-listings";
import { ButtonLink } from "@/components/button";
import { PlusIcon } from "@/components/icons";
import { Page } from "@/components/page";

export default function MyListingsRoute() {
  const { t } = useTranslation();
  return (
    <Page
      title={t("nav.myListings")}
      actions={
        <ButtonLink to="/sell" icon={<PlusIcon size={18} />}>
          {t("nav.sell")}
        </ButtonLink>
      }
    >
      <MyListings />
    </Page>
  );
}

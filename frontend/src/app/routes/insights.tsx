import { useTranslation } from "react-i18next";
import { InsightsView } from "@/features/insights/components/insights-view";
import { Page } from "@/components/page";
import { useCountry } from "@/lib/use-country";

export default function InsightsRoute() {
  const { t } = useTranslation();
  const { country } = useCountry();
  return (
    <Page title={t("insights.title")} lead={t("insights.lead", { country: t(`countries.${country}`) })}>
      <InsightsView />
    </Page>
  );
}

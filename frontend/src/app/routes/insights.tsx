import { useTranslation } from "react-i18next";
import { InsightsView } from "@/features/insights/components/insights-view";
import { Page } from "@/components/page";

export default function InsightsRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t("insights.title")} lead={t("insights.lead")}>
      <InsightsView />
    </Page>
  );
}

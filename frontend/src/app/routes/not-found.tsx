import { useTranslation } from "react-i18next";
import { ButtonLink } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { useDocumentTitle } from "@/lib/use-document-title";

export default function NotFoundRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("notFound.title"));
  return (
    <div className="container page">
      <EmptyState title={t("notFound.title")} action={<ButtonLink to="/">{t("notFound.home")}</ButtonLink>}>
        {t("notFound.body")}
      </EmptyState>
    </div>
  );
}

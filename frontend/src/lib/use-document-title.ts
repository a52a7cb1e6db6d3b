import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** "<page> · Sayara", so tabs, history and screen readers name the page. */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    const brand = t("brand.name");
    document.title = title ? `${title} · ${brand}` : `${brand} · ${t("brand.tagline")}`;
  }, [title, t]);
}

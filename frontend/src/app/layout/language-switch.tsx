import { useTranslation } from "react-i18next";
import { GlobeIcon } from "@/components/icons";
import { useLanguage, useSwitchLanguage } from "@/lib/use-language";

/** Shows the other language in its own script: "العربية" / "English". */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const switchLanguage = useSwitchLanguage();
  const other = language === "ar" ? "en" : "ar";
  return (
    <button
      type="button"
      className="header-button language-switch"
      lang={other}
      onClick={() => void switchLanguage(other)}
      title={t("nav.switchLanguage")}
    >
      <GlobeIcon size={18} />
      <span>{other === "ar" ? "العربية" : "English"}</span>
    </button>
  );
}

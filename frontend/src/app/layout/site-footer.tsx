import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCountry } from "@/lib/use-country";

// Search and insights are a country's pages: each link opens the one being browsed (lib/country.ts, countryPath).
const LINKS = [
  { to: "/search", key: "nav.search" },
  { to: "/sell", key: "nav.sell" },
  { to: "/insights", key: "nav.insights" },
];

export function SiteFooter() {
  const { t } = useTranslation();
  const { path } = useCountry();
  return (
    <footer className="site-footer">
      <div className="container site-footer-inner">
        <p className="site-footer-brand">
          <strong>{t("brand.name")}</strong> · {t("brand.tagline")}
        </p>
        <nav aria-label={t("nav.footer")}>
          <ul className="bare-list site-footer-links">
            {LINKS.map((link) => (
              <li key={link.to}>
                <Link to={path(link.to)}>{t(link.key)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="muted">{t("footer.note")}</p>
      </div>
    </footer>
  );
}

import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { RecommendedForYou } from "@/features/recommendations/components/recommended-for-you";
import { LatestListings } from "@/features/search/components/latest-listings";
import { PopularMakes } from "@/features/search/components/popular-makes";
import { SearchBox } from "@/features/search/components/search-box";
import { ButtonLink } from "@/components/button";
import { PlusIcon } from "@/components/icons";
import { useEnums } from "@/lib/catalog/get-enums";
import { labelIn } from "@/lib/catalog/use-labels";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useCountry } from "@/lib/use-country";
import { useLanguage } from "@/lib/use-language";

export default function HomeRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { language } = useLanguage();
  const { country, path } = useCountry();
  const { data: enums } = useEnums();
  useDocumentTitle(null);

  return (
    <>
      <section className="hero">
        <div className="container hero-inner">
          <h1 className="hero-title">{t("home.title", { country: t(`countries.${country}`) })}</h1>
          <p className="hero-lead">{t("home.lead")}</p>
          <SearchBox size="l" onSearch={(params) => navigate(path(`/search?${params.toString()}`))} />
          {enums?.body_type?.length ? (
            <ul className="bare-list quick-links" aria-label={t("home.byBody")}>
              {enums.body_type.slice(0, 6).map((option) => (
                <li key={option.value}>
                  <Link to={path(`/search?body_type=${encodeURIComponent(option.value)}`)}>{labelIn(option, language)}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>

      <div className="container page stack-l">
        <section aria-labelledby="popular-makes">
          <div className="section-head">
            <h2 id="popular-makes">{t("home.popularMakes")}</h2>
            <Link to={path("/search")}>{t("home.browseAll")}</Link>
          </div>
          <PopularMakes />
        </section>

        <section aria-labelledby="latest">
          <div className="section-head">
            <h2 id="latest">{t("home.latest")}</h2>
            <Link to={path("/search?sort=newest")}>{t("home.seeAll")}</Link>
          </div>
          <LatestListings />
        </section>

        {/* Below what every visitor sees: a visitor without a history gets none, and a
            section that comes and goes at the top would push the whole page (layout shift). */}
        <RecommendedForYou />

        <section className="sell-banner card" aria-labelledby="sell-banner">
          <div>
            <h2 id="sell-banner">{t("home.sellTitle")}</h2>
            <p className="muted">{t("home.sellBody")}</p>
          </div>
          <ButtonLink to="/sell" size="l" icon={<PlusIcon size={18} />}>
            {t("nav.sell")}
          </ButtonLink>
        </section>
      </div>
    </>
  );
}

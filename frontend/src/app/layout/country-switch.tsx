import { useId } from "react";
import { useTranslation } from "react-i18next";
import { COUNTRIES, isCountry } from "@/lib/country";
import { useCountry } from "@/lib/use-country";

/** Beside the language switch: the country whose cars, places and prices the buyer sees. */
export function CountrySwitch() {
  const { t } = useTranslation();
  const { country, switchCountry } = useCountry();
  const id = useId();
  return (
    <span className="header-button country-switch" title={t("nav.switchCountry")}>
      <label htmlFor={id} className="visually-hidden">
        {t("nav.country")}
      </label>
      {/* What the closed switch shows: the country's name, or on a phone its code, so the header fits. */}
      <span className="country-switch-face" aria-hidden="true">
        <span className="country-switch-name">{t(`countries.${country}`)}</span>
        <span className="country-switch-code">{country.toUpperCase()}</span>
      </span>
      <select
        id={id}
        value={country}
        onChange={(event) => {
          if (isCountry(event.target.value)) switchCountry(event.target.value);
        }}
      >
        {COUNTRIES.map((code) => (
          <option key={code} value={code}>
            {t(`countries.${code}`)}
          </option>
        ))}
      </select>
    </span>
  );
}

import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import type { CountryCode } from "@/api/models";
import { NumberField } from "@/components/number-field";
import { useEnums } from "@/lib/catalog/get-enums";

type Props = { country: CountryCode } & Omit<ComponentProps<typeof NumberField>, "kind" | "hint" | "placeholder">;

/**
 * A mobile number box whose hint and example are the account's country's (GET /catalog/enums):
 * a number typed without its code is read in that country (core/catalog/countries.py).
 */
export function PhoneField({ country, ...props }: Props) {
  const { t } = useTranslation();
  const { data: enums } = useEnums();
  const phone = enums?.country.find((each) => each.value === country)?.phone;
  const hint = phone
    ? t("auth.phoneHint", { country: t(`countries.${country}`), digits: phone.digits, dialCode: phone.dial_code })
    : t("auth.phonePrivate");
  // The example less its country code: "+966 50 123 4567" → "50 123 4567".
  const placeholder = phone?.example.slice(phone.dial_code.length).trim();
  return <NumberField kind="phone" hint={hint} placeholder={placeholder} {...props} />;
}

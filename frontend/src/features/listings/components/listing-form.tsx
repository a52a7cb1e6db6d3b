import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  isConfirmation,
  LISTING_ENUM_FIELDS,
  LISTING_FIELDS,
  REQUIRED_FIELDS,
  type Confirmation,
  type ListingField,
  type ListingInput,
} from "@/features/listings/api/listing-input";
import { likelyDuplicateOf } from "@/features/listings/api/listing-duplicate";
import { priceUnusualOf } from "@/features/listings/api/price-unusual";
import { PhotoUploads } from "@/features/listings/components/photo-uploads";
import { PriceSuggestion } from "@/features/listings/components/price-suggestion";
import type { PhotoUploads as Uploads } from "@/features/listings/hooks/use-photo-uploads";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { FormErrors, SelectField, TextAreaField, TextField } from "@/components/field";
import { NumberField } from "@/components/number-field";
import { labelIn, nameIn, useCatalogLabels } from "@/lib/catalog/use-labels";
import { COUNTRY_CURRENCY, isCountry, listingPath } from "@/lib/country";
import { currencyDecimals, currencySign, formatPrice, formatPriceRange } from "@/lib/format";
import { useCountry } from "@/lib/use-country";
import { formErrorsOf, NO_ERRORS } from "@/lib/form-errors";
import { numberText, wholeNumber } from "@/lib/numbers";
import { useFocusFirstError } from "@/lib/use-focus-first-error";
import type { Photo, ListingStatus } from "@/api/models";

type FormState = Record<Exclude<ListingField, "status" | Confirmation>, string>;

const FORM_FIELDS = LISTING_FIELDS.filter((field): field is keyof FormState => field !== "status" && !isConfirmation(field));
// The common case preselected (the country: the one the seller is in); the seller changes what differs.
const DEFAULTS: Partial<FormState> = { fuel: "petrol", transmission: "automatic", regional_spec: "gcc", condition: "used" };
const EMPTY = Object.fromEntries(FORM_FIELDS.map((field) => [field, DEFAULTS[field] ?? ""])) as FormState;

function toState(initial?: Partial<ListingInput>): FormState {
  const state = { ...EMPTY };
  if (!initial) return state;
  for (const key of FORM_FIELDS) {
    const value = initial[key];
    state[key] = value === null || value === undefined ? "" : String(value);
  }
  return state;
}

/** A whole number's box → its number; what was typed when it is not one (the API says why). */
function whole(text: string): number | string | null {
  const value = wholeNumber(text);
  return Number.isNaN(value) ? numberText(text) : value;
}

/** Form strings → API values: numbers for year/mileage, the price string in Latin digits (no float). */
export function toInput(state: FormState): ListingInput {
  return {
    ...state,
    year: whole(state.year),
    mileage_km: whole(state.mileage_km),
    price: numberText(state.price),
  };
}

type Props = {
  mode: "create" | "edit";
  initial?: Partial<ListingInput>;
  existingPhotos?: Photo[];
  listingId?: number;
  uploads: Uploads;
  submitting: boolean;
  error: unknown;
  /** `changes` holds every field in create mode and only the edited ones in edit mode. */
  onSubmit: (changes: Partial<ListingInput>, status?: ListingStatus) => void;
};

export function ListingForm({ mode, initial, existingPhotos, listingId, uploads, submitting, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const { makes, enums, language } = useCatalogLabels();
  const { country: current } = useCountry();
  const [state, setState] = useState<FormState>(() => ({ ...toState(initial), ...(initial?.country ? {} : { country: current }) }));
  const country = isCountry(state.country) ? state.country : current;
  const currency = COUNTRY_CURRENCY[country];
  const regions = enums?.country.find((each) => each.value === country)?.regions ?? [];
  // Which submit button was pressed; a ref because the submit event comes before a re-render.
  const intentRef = useRef<ListingStatus>("active");
  const [intent, setIntent] = useState<ListingStatus>("active");
  const choose = (status: ListingStatus) => {
    intentRef.current = status;
    setIntent(status);
  };
  // A price far from the market is not an error to fix but a question: the seller confirms it (or corrects it).
  const unusual = priceUnusualOf(error);
  const [priceConfirmed, setPriceConfirmed] = useState(false);
  // So is a car that looks like one the seller already has on sale: another car, or the same one twice?
  const duplicate = likelyDuplicateOf(error);
  const [duplicateConfirmed, setDuplicateConfirmed] = useState(false);
  const errors = unusual || duplicate ? NO_ERRORS : formErrorsOf(error, t, LISTING_FIELDS);
  const formRef = useFocusFirstError<HTMLFormElement>(error);
  const fieldErrors = (name: string) => errors.fields[name];

  const set = (name: keyof FormState, value: string) => {
    if (name === "price") setPriceConfirmed(false);
    if (name === "make" || name === "model" || name === "year" || name === "mileage_km") setDuplicateConfirmed(false);
    setState((before) => ({
      ...before,
      [name]: value,
      ...(name === "make" ? { model: "" } : {}),
      // Another country's regions are not this one's.
      ...(name === "country" && !enums?.country.find((each) => each.value === value)?.regions.some((region) => region.value === before.region)
        ? { region: "" }
        : {}),
    }));
  };

  const models = makes?.find((make) => make.slug === state.make)?.models ?? [];
  const thisYear = new Date().getFullYear();

  const submit = (status?: ListingStatus) => {
    const input = toInput(state);
    if (mode === "create") {
      const body: Partial<ListingInput> = {};
      for (const [key, value] of Object.entries(input) as [keyof ListingInput, unknown][]) {
        if (value !== "" && value !== null) (body as Record<string, unknown>)[key] = value;
      }
      if (priceConfirmed) body.price_confirmed = true;
      if (duplicateConfirmed) body.duplicate_confirmed = true;
      onSubmit(body, status);
      return;
    }
    const before = toInput(toState(initial));
    const changes: Partial<ListingInput> = {};
    for (const key of Object.keys(input) as (keyof ListingInput)[]) {
      if (input[key] !== before[key]) (changes as Record<string, unknown>)[key] = input[key];
    }
    if (priceConfirmed) changes.price_confirmed = true;
    if (duplicateConfirmed) changes.duplicate_confirmed = true;
    onSubmit(changes, status);
  };

  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(mode === "create" ? intentRef.current : undefined);
  };

  const text = (name: keyof FormState) => ({
    name,
    value: state[name],
    errors: fieldErrors(name),
    required: REQUIRED_FIELDS.has(name),
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
  });

  return (
    <form ref={formRef} className="listing-form" onSubmit={onFormSubmit} noValidate aria-describedby="listing-form-errors">
      <div id="listing-form-errors">
        <FormErrors messages={errors.form} />
      </div>

      <section className="form-section card card-body" aria-labelledby="sec-car">
        <h2 id="sec-car">{t("sell.sectionCar")}</h2>
        <div className="form-grid">
          <SelectField label={t("fields.country")} {...text("country")} hint={t("sell.countryHint")}>
            {(enums?.country ?? [{ value: country, label_en: country, label_ar: country }]).map((option) => (
              <option key={option.value} value={option.value}>
                {labelIn(option, language)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("fields.make")} {...text("make")}>
            <option value="">{t("sell.chooseMake")}</option>
            {makes?.map((make) => (
              <option key={make.slug} value={make.slug}>
                {nameIn(make, language)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("fields.model")} {...text("model")} disabled={!state.make} hint={!state.make ? t("sell.chooseMakeFirst") : undefined}>
            <option value="">{t("sell.chooseModel")}</option>
            {models.map((model) => (
              <option key={model.slug} value={model.slug}>
                {nameIn(model, language)}
              </option>
            ))}
          </SelectField>
          <TextField label={t("fields.trim")} {...text("trim")} placeholder={t("sell.trimPlaceholder")} maxLength={80} />
          <NumberField label={t("fields.year")} {...text("year")} maxLength={4} placeholder={String(thisYear)} />
          <NumberField
            label={t("fields.price", { currency: currencySign(currency, language) })}
            {...text("price")}
            kind="decimal"
            hint={
              <>
                {t("sell.priceHint", { currencyName: t(`currency.${currency}`), decimals: currencyDecimals(currency) })}
                <PriceSuggestion country={country} make={state.make} model={state.model} year={state.year} mileage_km={state.mileage_km} />
              </>
            }
            placeholder={currencyDecimals(currency) === 3 ? "8500.000" : "8500.00"}
          />
          <NumberField label={t("fields.mileage_km")} {...text("mileage_km")} maxLength={12} />
        </div>
        {unusual ? (
          <Alert tone="warning" title={t("sell.priceUnusual.title")}>
            <p>
              {unusual.typical
                ? t("sell.priceUnusual.band", { range: formatPriceRange(unusual.typical.low, unusual.typical.high, language, currency) })
                : t("sell.priceUnusual.floor", { floor: formatPrice(unusual.floor, language, currency) })}
            </p>
            {unusual.hold ? <p>{t("sell.priceUnusual.hold")}</p> : null}
            <label className="checkbox">
              <input type="checkbox" name="price_confirmed" checked={priceConfirmed} onChange={(event) => setPriceConfirmed(event.target.checked)} />
              <span>{t("sell.priceUnusual.confirm", { price: formatPrice(toInput(state).price, language, currency) })}</span>
            </label>
          </Alert>
        ) : null}
        {duplicate ? (
          <Alert tone="warning" title={t("sell.duplicate.title")}>
            <p>{t("sell.duplicate.body")}</p>
            <ul>
              {duplicate.duplicates.map((other) => (
                <li key={other.id}>
                  <Link to={listingPath(other)}>{other.title}</Link>
                </li>
              ))}
            </ul>
            <label className="checkbox">
              <input
                type="checkbox"
                name="duplicate_confirmed"
                checked={duplicateConfirmed}
                onChange={(event) => setDuplicateConfirmed(event.target.checked)}
              />
              <span>{t("sell.duplicate.confirm")}</span>
            </label>
          </Alert>
        ) : null}
      </section>

      <section className="form-section card card-body" aria-labelledby="sec-specs">
        <h2 id="sec-specs">{t("sell.sectionSpecs")}</h2>
        <div className="form-grid">
          {LISTING_ENUM_FIELDS.map(([field, enumName]) => (
            <SelectField key={field} label={t(`fields.${field}`, { context: country })} {...text(field)}>
              <option value="">{t("sell.choose")}</option>
              {(enumName === "region"
                ? regions
                : (enums?.[enumName] ?? [])
              ).map((option) => (
                <option key={option.value} value={option.value}>
                  {labelIn(option, language)}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
      </section>

      <section className="form-section card card-body" aria-labelledby="sec-desc">
        <h2 id="sec-desc">{t("sell.sectionDescription")}</h2>
        <TextField label={t("fields.title")} {...text("title")} hint={t("sell.titleHint")} maxLength={120} />
        <TextAreaField label={t("fields.description")} {...text("description")} rows={6} dir="auto" hint={t("sell.descriptionHint")} />
      </section>

      <section className="form-section card card-body" aria-labelledby="sec-photos">
        <h2 id="sec-photos">{t("sell.photos")}</h2>
        <PhotoUploads uploads={uploads} existing={existingPhotos} listingId={listingId} />
      </section>

      <div className="form-actions">
        {mode === "create" ? (
          <>
            <Button type="submit" size="l" loading={submitting && intent === "active"} disabled={submitting || uploads.busy} onClick={() => choose("active")}>
              {t("sell.publish")}
            </Button>
            <Button type="submit" size="l" variant="secondary" loading={submitting && intent === "draft"} disabled={submitting || uploads.busy} onClick={() => choose("draft")}>
              {t("sell.saveDraft")}
            </Button>
          </>
        ) : (
          <Button type="submit" size="l" loading={submitting} disabled={uploads.busy}>
            {t("sell.saveChanges")}
          </Button>
        )}
      </div>
    </form>
  );
}

// The car's facts as a seller writes them, shared by listing a car (SellScreen)
// and editing one (EditListingScreen): the catalog's makes, models and enum
// choices, the API's field errors under their fields, and the two questions the
// API asks instead of refusing (docs/API-notes/prices.md, duplicates.md): a
// price far from the market, and a car that looks like one already on sale.
// The country (catalog/enums `country`) sets the regions to choose from and the
// price's currency and decimals; a new listing starts in the seller's own.
import { useNavigation } from "@react-navigation/native";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Pressable, StyleSheet, Text, View } from "react-native";
import { api, ApiError, ok } from "@/api/client";
import { countryOf, useEnums } from "@/catalog/countries";
import type { Listing, ListingWrite, Schema } from "@/api/types";
import { currentLanguage } from "@/i18n";
import { usePriceText } from "@/listing/ListingCard";
import { Checkbox, Choices, Field } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

type Write = Required<ListingWrite>;
type Confirmation = "price_confirmed" | "duplicate_confirmed";
type EnumName = keyof Schema<"Enums">;

/**
 * Every key a seller writes, with the catalog enum its value comes from (null:
 * typed). `satisfies` over the schema's write request: a field the API gains
 * or loses fails tsc here.
 */
const FIELDS = {
  make: null,
  model: null,
  year: null,
  price: null,
  mileage_km: null,
  trim: null,
  title: null,
  fuel: "fuel",
  transmission: "transmission",
  regional_spec: "regional_spec",
  // The country's own list: catalog/enums `country`, each with its `regions`.
  country: null,
  region: null,
  body_type: "body_type",
  drivetrain: "drivetrain",
  condition: "condition",
  exterior_color: "color",
  description: null,
} as const satisfies Record<Exclude<keyof Write, "status" | Confirmation>, EnumName | null>;

export type DraftField = keyof typeof FIELDS;
/** The form as typed: every field a string ("" when not given). */
export type Draft = Record<DraftField, string>;
export const DRAFT_FIELDS = Object.keys(FIELDS) as DraftField[];
type EnumField = { [Field in DraftField]: (typeof FIELDS)[Field] extends null ? never : Field }[DraftField];
const ENUM_FIELDS = DRAFT_FIELDS.filter((field): field is EnumField => FIELDS[field] !== null);
/** The choices a new listing must have, in the order the form asks them. */
const REQUIRED_ENUMS: readonly EnumField[] = ["fuel", "transmission", "regional_spec"];
export const EMPTY_DRAFT = Object.fromEntries(DRAFT_FIELDS.map((field) => [field, ""])) as Draft;

export function draftOf(listing: Listing): Draft {
  return Object.fromEntries(DRAFT_FIELDS.map((field) => [field, listing[field] === null || listing[field] === undefined ? "" : String(listing[field])])) as Draft;
}

/** The draft after the seller set `field`: another make takes its model back, another country its region. */
export function withChange(draft: Draft, field: DraftField, value: string): Draft {
  return { ...draft, [field]: value, ...(field === "make" ? { model: "" } : {}), ...(field === "country" && value !== draft.country ? { region: "" } : {}) };
}

/** Whole numbers go as numbers; anything else as typed, for the API to refuse with its reason (or read its Arabic digits). */
const wholeOrText = (value: string): number => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : (value.trim() as unknown as number));

/** The write request for `fields` of the draft (all of them when creating, the changed ones when editing). */
export function bodyOf(draft: Draft, fields: readonly DraftField[]): Schema<"PatchedListingWriteRequest"> {
  const body: Record<string, unknown> = {};
  for (const field of fields) body[field] = field === "year" || field === "mileage_km" ? wholeOrText(draft[field]) : draft[field].trim();
  return body as Schema<"PatchedListingWriteRequest">;
}

/** The fields of `draft` that differ from `before`. */
export function changedFields(draft: Draft, before: Draft): DraftField[] {
  return DRAFT_FIELDS.filter((field) => draft[field].trim() !== before[field].trim());
}

export type Question =
  | { kind: "price"; hold: boolean; floor: string; typical: { low: string; high: string } | null }
  | { kind: "duplicate"; duplicates: { id: number; title: string }[] };

/** The API's 400 that is a question to the seller, not a mistake: confirm and send again. */
export function questionOf(error: unknown): Question | null {
  if (!(error instanceof ApiError)) return null;
  const body = (error.body ?? {}) as Record<string, unknown>;
  if (error.code === "price_unusual") {
    const typical = body.typical as { low: string; high: string } | null | undefined;
    return { kind: "price", hold: body.hold === true, floor: typeof body.floor === "string" ? body.floor : "0", typical: typical ?? null };
  }
  if (error.code === "listing_duplicate") return { kind: "duplicate", duplicates: Array.isArray(body.duplicates) ? (body.duplicates as { id: number; title: string }[]) : [] };
  return null;
}

export type Confirmed = Partial<Record<Confirmation, true>>;
export const confirmationOf = (question: Question): Confirmation => (question.kind === "price" ? "price_confirmed" : "duplicate_confirmed");

/** The API's messages under each field of the form; empty when the error is no field's. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError) || error.kind !== "validation" || questionOf(error)) return {};
  return Object.fromEntries(DRAFT_FIELDS.map((field) => [field, error.fieldMessages(field)]).filter(([, messages]) => messages.length));
}

export function useCatalog() {
  const makes = useQuery({ queryKey: ["catalog", "makes"], queryFn: () => ok(api.GET("/api/v1/catalog/makes")), staleTime: Infinity });
  const enums = useEnums();
  return { makes: makes.data, enums: enums.data, error: makes.error ?? enums.error, retry: () => void Promise.all([makes.refetch(), enums.refetch()]) };
}

type FieldsProps = { draft: Draft; onChange: (field: DraftField, value: string) => void; errors: Record<string, string[]>; catalog: ReturnType<typeof useCatalog> };

/** The car's facts: what a new listing must have first, then the rest (optional). */
export function ListingFields({ draft, onChange, errors, catalog }: FieldsProps) {
  const { t } = useTranslation();
  const arabic = currentLanguage() === "ar";
  const name = (item: { name_en: string; name_ar: string }) => (arabic ? item.name_ar : item.name_en);
  const make = catalog.makes?.find((item) => item.slug === draft.make);
  const countries = catalog.enums?.country ?? [];
  const country = countryOf(countries, draft.country);
  const currency = t(`currency.${country.currency}`, { defaultValue: country.currency });
  const set = (field: DraftField) => (value: string) => onChange(field, value);
  const labelled = (item: { value: string; label_en: string; label_ar: string }) => ({ value: item.value, label: arabic ? item.label_ar : item.label_en });
  const choices = (field: EnumField) => {
    const options = catalog.enums?.[FIELDS[field]] ?? [];
    if (!options.length) return null;
    const label = t(`facets.${FIELDS[field]}`);
    return <Choices key={field} label={label} choices={options.map(labelled)} value={draft[field]} onChange={set(field)} errors={errors[field]} />;
  };
  return (
    <>
      <Choices label={t("sell.make")} choices={(catalog.makes ?? []).map((item) => ({ value: item.slug, label: name(item) }))} value={draft.make} onChange={set("make")} errors={errors.make} />
      {make ? <Choices label={t("sell.model")} choices={make.models.map((item) => ({ value: item.slug, label: name(item) }))} value={draft.model} onChange={set("model")} errors={errors.model} /> : null}
      <Field label={t("sell.year")} keyboardType="number-pad" value={draft.year} onChangeText={set("year")} errors={errors.year} />
      {countries.length ? <Choices label={t("sell.country")} choices={countries.map(labelled)} value={country.value} onChange={set("country")} errors={errors.country} /> : null}
      {/* The currency's decimals: the placeholder shows them, a currency without any takes whole numbers only. */}
      <Field label={t("sell.price", { currency })} keyboardType={country.decimals ? "decimal-pad" : "number-pad"} placeholder={(0).toFixed(country.decimals)} value={draft.price} onChangeText={set("price")} errors={errors.price} />
      <Field label={t("sell.mileage")} keyboardType="number-pad" value={draft.mileage_km} onChangeText={set("mileage_km")} errors={errors.mileage_km} />
      {REQUIRED_ENUMS.map(choices)}
      {country.regions.length ? <Choices label={t("sell.region")} choices={country.regions.map(labelled)} value={draft.region} onChange={set("region")} errors={errors.region} /> : null}
      <Text style={styles.section} accessibilityRole="header">
        {t("sell.optional")}
      </Text>
      <Field label={t("sell.trim")} value={draft.trim} onChangeText={set("trim")} errors={errors.trim} maxLength={80} />
      {ENUM_FIELDS.filter((field) => !REQUIRED_ENUMS.includes(field)).map(choices)}
      <Field label={t("sell.titleField")} value={draft.title} onChangeText={set("title")} errors={errors.title} maxLength={120} />
      <Field label={t("sell.description")} value={draft.description} onChangeText={set("description")} errors={errors.description} multiline numberOfLines={5} style={styles.description} />
    </>
  );
}

/** The API's question (an unusual price, a likely duplicate) and the seller's answer to it. */
export function QuestionBox({ question, price, currency, confirmed, onToggle }: { question: Question; price: string; currency: string; confirmed: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const priceText = usePriceText();
  const money = (value: string) => priceText(value, currency);
  if (question.kind === "price") {
    return (
      <View style={styles.question} accessibilityRole="alert">
        <Text style={styles.questionTitle}>{t("sell.priceUnusual.title")}</Text>
        <Text style={styles.questionText}>
          {question.typical ? t("sell.priceUnusual.band", { low: money(question.typical.low), high: money(question.typical.high) }) : t("sell.priceUnusual.floor", { floor: money(question.floor) })}
        </Text>
        {question.hold ? <Text style={styles.questionText}>{t("sell.priceUnusual.hold")}</Text> : null}
        <Checkbox label={t("sell.priceUnusual.confirm", { price: Number.isFinite(Number(price)) ? money(price) : price })} checked={confirmed} onToggle={onToggle} />
      </View>
    );
  }
  return (
    <View style={styles.question} accessibilityRole="alert">
      <Text style={styles.questionTitle}>{t("sell.duplicate.title")}</Text>
      <Text style={styles.questionText}>{t("sell.duplicate.body")}</Text>
      {question.duplicates.map((other) => (
        <Pressable key={other.id} accessibilityRole="link" onPress={() => navigation.navigate("Listing", { id: other.id })}>
          <Text style={styles.link}>{other.title}</Text>
        </Pressable>
      ))}
      <Checkbox label={t("sell.duplicate.confirm")} checked={confirmed} onToggle={onToggle} />
    </View>
  );
}

/** The seller ticks or unticks the answer to `question`. */
export function toggled(confirmed: Confirmed, question: Question): Confirmed {
  const key = confirmationOf(question);
  const { [key]: given, ...rest } = confirmed;
  return given ? rest : { ...rest, [key]: true };
}

/** Changing what a question was about takes back the answer given to it. */
export function answersAfterChange(confirmed: Confirmed, field: DraftField): Confirmed {
  const next = { ...confirmed };
  if (field === "price") delete next.price_confirmed;
  if (field === "make" || field === "model" || field === "year" || field === "mileage_km") delete next.duplicate_confirmed;
  return next;
}

const styles = StyleSheet.create({
  section: { fontSize: 16, fontWeight: "700", color: colors.text, marginTop: space.md, textAlign: "left" },
  description: { minHeight: 110, textAlignVertical: "top" },
  question: { borderWidth: 1, borderColor: colors.warning, backgroundColor: colors.warningSurface, borderRadius: 10, padding: space.md, gap: space.sm },
  questionTitle: { fontWeight: "700", color: colors.text, textAlign: "left" },
  questionText: { color: colors.text, textAlign: "left" },
  link: { color: colors.brand, fontWeight: "600", textDecorationLine: "underline", textAlign: "left" },
});

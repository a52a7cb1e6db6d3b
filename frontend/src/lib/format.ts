import type { Language, Money } from "@/api/models";

// Latin digits in both languages: the digits Bahraini car ads, plates and
// phone numbers use, and what people type in the price boxes.
const LOCALES: Record<Language, string> = { en: "en-BH", ar: "ar-BH-u-nu-latn" };

// Building an Intl formatter costs far more than using one, and a results page formats
// hundreds of numbers: one formatter per language and style, made on first use.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n ${language} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) formatters.set(key, (formatter = new Intl.NumberFormat(LOCALES[language], options)));
  return formatter;
}

function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${language} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(LOCALES[language], options)));
  return formatter;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** An ISO 4217 code of a currency Sayara sells in (a listing's `currency`). */
export type Currency = "BHD" | "SAR" | "AED" | "KWD" | "QAR" | "OMR";

/**
 * How each currency is written: its decimals (those of core/catalog/countries.py, which the
 * API writes prices with) and its sign in Arabic, after the amount; English puts the ISO code
 * before it, as Gulf price tags do.
 */
export const CURRENCIES: Record<Currency, { decimals: number; arabic: string }> = {
  BHD: { decimals: 3, arabic: "د.ب" },
  SAR: { decimals: 2, arabic: "ر.س" },
  AED: { decimals: 2, arabic: "د.إ" },
  KWD: { decimals: 3, arabic: "د.ك" },
  QAR: { decimals: 2, arabic: "ر.ق" },
  OMR: { decimals: 3, arabic: "ر.ع" },
};
export const DEFAULT_CURRENCY: Currency = "BHD";

function currencyOf(code: string | undefined): Currency {
  return code && code in CURRENCIES ? (code as Currency) : DEFAULT_CURRENCY;
}

/** The decimals prices of a currency are written with: 3 for BHD, 2 for SAR. */
export function currencyDecimals(code: string | undefined): number {
  return CURRENCIES[currencyOf(code)].decimals;
}

/**
 * "8500.000" → "8,500.000" (BHD), "85000.5" → "85,000.50" (SAR): works on the decimal
 * string itself, so no amount ever goes through a float on its way to the screen.
 */
export function formatAmount(amount: Money | number, currency?: string): string {
  const decimals = currencyDecimals(currency);
  const text = typeof amount === "number" ? amount.toFixed(decimals) : amount.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = ""] = match;
  const minor = (fraction + "0".repeat(decimals)).slice(0, decimals);
  return `${sign}${groupThousands(whole.replace(/^0+(?=\d)/, "") || "0")}.${minor}`;
}

/** "SAR" in English, "ر.س" in Arabic: the unit beside a price box or slider. */
export function currencySign(currency: string | undefined, language: Language): string {
  const code = currencyOf(currency);
  return language === "ar" ? CURRENCIES[code].arabic : code;
}

/** The currency's code before the amount in English, its Arabic sign after it in Arabic. */
function withCurrency(value: string, language: Language, currency?: string): string {
  const sign = currencySign(currency, language);
  return language === "ar" ? `${value} ${sign}` : `${sign} ${value}`;
}

/** "BHD 8,500.000" / "8,500.000 د.ب"; "SAR 85,000.00" / "85,000.00 ر.س" (BHD unless named). */
export function formatPrice(amount: Money | number | null | undefined, language: Language, currency?: string): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  return withCurrency(formatAmount(amount, currency), language, currency);
}

/** "8233.500" → "8234": whole dinars, rounded half up on the decimal string itself. */
export function roundDinars(amount: Money): string {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match) return amount;
  const [, whole, fraction = ""] = match;
  const digits = (whole.replace(/^0+(?=\d)/, "") || "0").split("").map(Number);
  if (Number(fraction[0] ?? 0) >= 5) {
    let index = digits.length - 1;
    while (index >= 0 && digits[index] === 9) digits[index--] = 0;
    if (index < 0) digits.unshift(1);
    else digits[index] += 1;
  }
  return digits.join("");
}

/** "8,900": a rounded amount, for estimates where fils mean nothing. */
export function formatWholeDinars(amount: Money): string {
  return groupThousands(roundDinars(amount));
}

/** "BHD 8,200–9,600" / "8,200–9,600 د.ب" (BHD unless named). */
export function formatPriceRange(low: Money, high: Money, language: Language, currency?: string): string {
  return withCurrency(`${formatWholeDinars(low)}–${formatWholeDinars(high)}`, language, currency);
}

/** "≈ SAR 1,002" / "≈ 1,002 ر.س": a price in the buyer's currency at staff's rate, in whole units (it is approximate). */
export function formatApproxPrice(amount: Money, language: Language, currency: string): string {
  return `≈ ${withCurrency(formatWholeDinars(amount), language, currency)}`;
}

/** Whole dinars of a money string, for slider positions only (never shown as money). */
export function wholeDinars(amount: Money | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  const match = /^-?\d+/.exec(String(amount).trim());
  return match ? Number(match[0]) : null;
}

/**
 * 45000 → "45,000" in both languages (Latin digits, comma groups: what Intl gives for
 * LOCALES). Written out for the usual case because the page's first Intl formatter loads the locale's data,
 * which blocks a phone's main thread for a tenth of a second on the first screen.
 */
export function formatNumber(value: number, language: Language): string {
  // Counts, kilometres, years: never negative but in odd cases, which Intl marks for RTL.
  if (!(value >= 0)) return numberFormat(language, { maximumFractionDigits: 0 }).format(value);
  return groupThousands(String(Math.round(value)));
}

const MONTHS: Record<Language, readonly string[]> = {
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  ar: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
};

/**
 * A day as Gulf readers write it, day first, in the buyer's time zone: "3 Nov 2026", "3 نوفمبر 2026"
 * (Latin digits). Written out, as formatNumber is: a listing page's first date otherwise builds the
 * page's first Intl formatter, which loads the locale's data in the first screen's task.
 */
export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getDate()} ${MONTHS[language][date.getMonth()]} ${date.getFullYear()}`;
}

export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(language, { timeStyle: "short" }).format(date);
}

/** "12K" / "12 ألف": short enough to sit on a chart's bar or axis. */
export function formatCompact(value: number, language: Language): string {
  return numberFormat(language, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

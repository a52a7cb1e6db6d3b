// Numbers and money as the user reads them: Arabic-Indic digits in Arabic.
import type { Language } from "@/api/types";

const locale = (language: Language) => (language === "ar" ? "ar-BH" : "en-BH");

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/** Money travels as a decimal string ("8500.000"): shown whole when it has no fils. */
export function formatMoney(value: string, language: Language): string {
  const amount = Number(value);
  const fils = Math.round(amount * 1000) % 1000 !== 0;
  return new Intl.NumberFormat(locale(language), { minimumFractionDigits: fils ? 3 : 0, maximumFractionDigits: 3 }).format(amount);
}

/** A day ("2026-12-01") or a moment, as a date in the user's language. */
export function formatDate(value: string, language: Language): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", year: "numeric", timeZone: "Asia/Bahrain" }).format(date);
}

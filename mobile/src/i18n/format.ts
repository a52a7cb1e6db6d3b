// Numbers and money as the user reads them: Arabic-Indic digits in Arabic.
import type { Language } from "@/api/types";

const locale = (language: Language) => (language === "ar" ? "ar-BH" : "en-BH");

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/**
 * Money travels as a decimal string with its currency's decimals ("8500.000"
 * dinars, "85000.00" riyals): shown whole when its minor units are zero, else
 * with as many decimals as it came with.
 */
export function formatMoney(value: string, language: Language): string {
  const amount = Number(value);
  const places = Math.min(value.trim().split(".")[1]?.length ?? 0, 3);
  const minor = Math.round(amount * 10 ** places) % 10 ** places !== 0;
  return new Intl.NumberFormat(locale(language), { minimumFractionDigits: minor ? places : 0, maximumFractionDigits: places }).format(amount);
}

/** A day ("2026-12-01") or a moment, as a date in the user's language. */
export function formatDate(value: string, language: Language): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", year: "numeric", timeZone: "Asia/Bahrain" }).format(date);
}

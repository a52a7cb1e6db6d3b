/**
 * Numbers as people type them. An Arabic keyboard types Arabic-Indic digits
 * (٢٠١٩), a Persian one Extended Arabic-Indic digits (۲۰۱۹); Arabic text groups
 * thousands with ٬ and marks decimals with ٫. The number boxes show Latin digits
 * (as the rest of the app does: lib/format.ts) and never drop what was typed.
 */

const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹";

/** Every digit in Latin, the Arabic separators as "." and ",": same length, so the caret stays put. */
export function toLatinDigits(text: string): string {
  let out = "";
  for (const char of text) {
    const digit = ARABIC_DIGITS.indexOf(char);
    out += digit >= 0 ? String(digit % 10) : char === "٫" ? "." : char === "٬" || char === "،" ? "," : char;
  }
  return out;
}

/** A number box's text as the API reads it: Latin digits, no grouping ("٨٬٥٠٠٫٥" → "8500.5"). */
export function numberText(text: string): string {
  return toLatinDigits(text).replace(/[,\s'_]/g, "").trim();
}

/** A whole number typed in a box, or null when it is empty; NaN when it is not a number. */
export function wholeNumber(text: string): number | null {
  const plain = numberText(text);
  if (plain === "") return null;
  return /^\d+$/.test(plain) ? Number(plain) : Number.NaN;
}

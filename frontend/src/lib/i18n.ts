import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "@/locales/en.json";
import type { Language } from "@/api/models";

const LANGUAGES: Language[] = ["en", "ar"];
const LANGUAGE_STORAGE_KEY = "sayara.lang";

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "ar";
}

export function directionOf(language: Language): "rtl" | "ltr" {
  return language === "ar" ? "rtl" : "ltr";
}

function initialLanguage(): Language {
  // A link's ?lang= names the page's language (the server answered its head in it: web/seo.py).
  const linked = typeof location !== "undefined" ? new URLSearchParams(location.search).get("lang") : null;
  if (isLanguage(linked)) {
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, linked);
    } catch {
      // not remembered; still shown in it
    }
    return linked;
  }
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage can be blocked; fall back to the browser's language
  }
  return typeof navigator !== "undefined" && navigator.language?.startsWith("ar") ? "ar" : "en";
}

/** `<html lang dir>` follow the language, so the whole layout mirrors in Arabic. */
function applyToDocument(language: Language): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
}

/**
 * The Arabic catalog is its own chunk, fetched when Arabic is first shown: an English
 * visitor's first bundle carries no Arabic (English is in it as every language's fallback).
 * The server preloads it with a page asked in Arabic (web/first_load.py).
 */
async function loadCatalog(language: Language): Promise<void> {
  if (language === "en" || i18n.hasResourceBundle(language, "translation")) return;
  const { default: ar } = await import("@/locales/ar.json");
  i18n.addResourceBundle("ar", "translation", ar);
}

/** Switch and remember the language on this device. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // not persisted; still switch
  }
  await loadCatalog(language);
  await i18n.changeLanguage(language);
}

const firstLanguage = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  // English until the first language's catalog is in (i18nReady); the page is drawn after that.
  lng: "en",
  fallbackLng: "en",
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
applyToDocument(firstLanguage);

/** Resolves once the first language's catalog is in and chosen: draw the app after it. */
export const i18nReady: Promise<void> = loadCatalog(firstLanguage)
  .then(() => i18n.changeLanguage(firstLanguage))
  // Offline or a failed chunk: the page is still drawn, in English.
  .catch(() => undefined)
  .then(() => {
    // From here `<html lang dir>` follow every switch (not the English the catalog starts in).
    i18n.on("languageChanged", (language) => {
      if (isLanguage(language)) applyToDocument(language);
    });
    applyToDocument(currentLanguage());
  });

export { i18n };

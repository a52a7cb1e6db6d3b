// i18next with the app's two languages. The chosen one is remembered on the
// device; the first run follows the phone's language. Arabic lays the app out
// right to left through I18nManager, which takes effect on the next start, so
// switching direction reloads the app.
import AsyncStorage from "@react-native-async-storage/async-storage";
import { getLocales } from "expo-localization";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { I18nManager, Platform } from "react-native";
import { reloadAppAsync } from "expo";
import { setSession } from "@/api/client";
import type { Language } from "@/api/types";
import { ar } from "@/i18n/ar";
import { en } from "@/i18n/en";

export const LANGUAGE_KEY = "sayara.language";

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ar: { translation: ar } },
  lng: "en",
  fallbackLng: "en",
  interpolation: { escapeValue: false },
});

const isLanguage = (value: unknown): value is Language => value === "en" || value === "ar";

function deviceLanguage(): Language {
  return getLocales()[0]?.languageCode === "ar" ? "ar" : "en";
}

async function apply(language: Language): Promise<void> {
  setSession({ language });
  await i18n.changeLanguage(language);
  const rtl = language === "ar";
  if (Platform.OS === "web") {
    // The browser build: React Native Web lays out by the page's direction, at once
    // (its I18nManager has no isRTL to compare: reloading would never end).
    document.documentElement.dir = rtl ? "rtl" : "ltr";
    document.documentElement.lang = language;
    return;
  }
  I18nManager.allowRTL(rtl);
  if (I18nManager.isRTL !== rtl) {
    I18nManager.forceRTL(rtl);
    await reloadAppAsync("layout direction changed");
  }
}

/** At start: the remembered language, else the phone's. */
export async function restoreLanguage(): Promise<Language> {
  const stored = await AsyncStorage.getItem(LANGUAGE_KEY);
  const language = isLanguage(stored) ? stored : deviceLanguage();
  await apply(language);
  return language;
}

/** The user's choice: remembered, applied, and laid out in its direction. */
export async function chooseLanguage(language: Language): Promise<void> {
  await AsyncStorage.setItem(LANGUAGE_KEY, language);
  await apply(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : "en";
}

export { i18n };

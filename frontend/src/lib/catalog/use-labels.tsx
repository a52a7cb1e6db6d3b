import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useEnums, type EnumName } from "@/lib/catalog/get-enums";
import { useMakes } from "@/lib/catalog/get-makes";
import { useLanguage } from "@/lib/use-language";

type Named = { name_en: string; name_ar: string };
type Labelled = { label_en: string; label_ar: string };

export function nameIn(item: Named, language: "en" | "ar"): string {
  return (language === "ar" ? item.name_ar : item.name_en) || item.name_en;
}

export function labelIn(item: Labelled, language: "en" | "ar"): string {
  return (language === "ar" ? item.label_ar : item.label_en) || item.label_en;
}

/** Turns a slug into words people read until the catalog has loaded. */
function humanizeSlug(slug: string): string {
  return slug.replace(/[-_]+/g, " ").replace(/\b\w/g, (letter) => letter.toUpperCase());
}

type CatalogLabels = ReturnType<typeof useLabelsOfCatalog> & { want: () => void };

const CatalogLabelsContext = createContext<CatalogLabels | null>(null);

/**
 * One pair of catalog queries for the whole app (AppProvider), asked once a page needs
 * labels: a results page draws dozens of cards, and a query observer per card and
 * catalog cost a phone's main thread more than drawing the cards themselves.
 */
export function CatalogLabelsProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState(false);
  const labels = useLabelsOfCatalog(wanted);
  const want = useCallback(() => setWanted(true), []);
  const value = useMemo(() => ({ ...labels, want }), [labels, want]);
  return <CatalogLabelsContext.Provider value={value}>{children}</CatalogLabelsContext.Provider>;
}

/** Labels of catalog slugs (makes, models, enum values) in the current language. */
export function useCatalogLabels(): CatalogLabels {
  const labels = useContext(CatalogLabelsContext);
  if (labels === null) throw new Error("useCatalogLabels needs a CatalogLabelsProvider (AppProvider)");
  const { want } = labels;
  useEffect(want, [want]);
  return labels;
}

/** The labels, from the catalog as far as it has loaded (the page's first answers, then the API's, once `wanted`). */
function useLabelsOfCatalog(wanted: boolean) {
  const { language } = useLanguage();
  const { data: makes } = useMakes({ enabled: wanted });
  const { data: enums } = useEnums({ enabled: wanted });

  const makeLabel = useCallback(
    (slug: string) => {
      const make = makes?.find((item) => item.slug === slug);
      return make ? nameIn(make, language) : humanizeSlug(slug);
    },
    [makes, language],
  );

  const modelLabel = useCallback(
    (slug: string, makeSlug?: string) => {
      for (const make of makes ?? []) {
        if (makeSlug && make.slug !== makeSlug) continue;
        const model = make.models.find((item) => item.slug === slug);
        if (model) return nameIn(model, language);
      }
      return humanizeSlug(slug);
    },
    [makes, language],
  );

  const enumLabel = useCallback(
    (name: EnumName, value: string | null | undefined) => {
      if (!value) return "";
      const option = enums?.[name]?.find((item) => item.value === value);
      return option ? labelIn(option, language) : humanizeSlug(value);
    },
    [enums, language],
  );

  return useMemo(
    () => ({ makeLabel, modelLabel, enumLabel, makes, enums, language }),
    [makeLabel, modelLabel, enumLabel, makes, enums, language],
  );
}

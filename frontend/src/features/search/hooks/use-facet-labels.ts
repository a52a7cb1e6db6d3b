import { useCallback } from "react";
import type { FacetBucket, MultiField } from "@/features/search/types/search";
import type { EnumName } from "@/lib/catalog/get-enums";
import { useCatalogLabels } from "@/lib/catalog/use-labels";

/** A facet value's label: the bucket's own label_en/label_ar, else the catalog's. */
export function useFacetLabels() {
  const labels = useCatalogLabels();
  const { language, makeLabel, modelLabel, enumLabel } = labels;

  const valueLabel = useCallback(
    (field: MultiField, value: string, bucket?: FacetBucket) => {
      const own = language === "ar" ? bucket?.label_ar : bucket?.label_en;
      if (own) return own;
      if (field === "make") return makeLabel(value);
      if (field === "model") return modelLabel(value);
      return enumLabel(field as EnumName, value);
    },
    [language, makeLabel, modelLabel, enumLabel],
  );

  return { ...labels, valueLabel };
}

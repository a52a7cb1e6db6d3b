import { useTranslation } from "react-i18next";
import { FacetGroup } from "@/features/search/components/facet-group";
import { useFacetLabels } from "@/features/search/hooks/use-facet-labels";
import type { SearchState } from "@/features/search/hooks/use-search-state";
import type { Facets } from "@/features/search/types/search";
import { useMakes } from "@/lib/catalog/get-makes";

/**
 * Make → model: the models of each ticked make sit under it. Model counts
 * cover the selected makes (API.md), so they are split by make through the catalog.
 */
export function MakeModelFacet({ facets, state }: { facets: Facets; state: SearchState }) {
  const { t } = useTranslation();
  const { data: makes } = useMakes();
  const { valueLabel } = useFacetLabels();
  const modelBuckets = facets.model ?? [];
  const selectedModels = state.selected.model;

  const modelsOf = (makeSlug: string) => makes?.find((make) => make.slug === makeSlug)?.models.map((model) => model.slug) ?? [];

  // Models ticked without their make (a shared link, say) still need a place to be unticked.
  const claimed = new Set(state.selected.make.flatMap(modelsOf));
  const orphanModels = selectedModels.filter((model) => !claimed.has(model));

  return (
    <>
      <FacetGroup
        field="make"
        title={t("facets.make")}
        buckets={facets.make ?? []}
        selected={state.selected.make}
        onToggle={(value) => state.toggleValue("make", value, { field: "model", values: modelsOf(value) })}
        renderNested={(bucket) => {
          const slugs = modelsOf(bucket.value);
          const buckets = modelBuckets.filter((model) => slugs.includes(model.value));
          const selected = selectedModels.filter((model) => slugs.includes(model));
          if (!buckets.length && !selected.length) return null;
          return (
            <div className="facet-nested">
              <FacetGroup
                field="model"
                title={t("facets.modelsOf", { make: valueLabel("make", bucket.value, bucket) })}
                buckets={buckets}
                selected={selected}
                onToggle={(value) => state.toggleValue("model", value)}
                compact
              />
            </div>
          );
        }}
      />
      {orphanModels.length ? (
        <FacetGroup
          field="model"
          title={t("facets.model")}
          buckets={modelBuckets.filter((bucket) => orphanModels.includes(bucket.value))}
          selected={orphanModels}
          onToggle={(value) => state.toggleValue("model", value)}
        />
      ) : null}
    </>
  );
}

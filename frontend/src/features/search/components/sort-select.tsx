import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { SearchState } from "@/features/search/hooks/use-search-state";
import { SORTS } from "@/features/search/types/search";

export function SortSelect({ state }: { state: SearchState }) {
  const { t } = useTranslation();
  const id = useId();
  // Relevance only means something when there is text to be relevant to.
  const options = SORTS.filter((sort) => sort !== "relevance" || state.q);
  return (
    <div className="sort-select">
      <label htmlFor={id}>{t("search.sortLabel")}</label>
      <select id={id} className="input select" value={state.sort} onChange={(event) => state.setSort(event.target.value as (typeof SORTS)[number])}>
        {options.map((sort) => (
          <option key={sort} value={sort}>
            {t(`sort.${sort}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

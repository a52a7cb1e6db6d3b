import { Trans, useTranslation } from "react-i18next";
import type { SearchState } from "@/features/search/hooks/use-search-state";
import type { SearchResponse } from "@/features/search/types/search";

/**
 * Under the results' heading: what the typed words became, and a way out of it.
 * "Showing results for camry" after a correction; "Search the words literally"
 * when they were understood; "Understand the words" when searching literally.
 */
export function UnderstoodNote({ state, data }: { state: SearchState; data?: SearchResponse }) {
  const { t } = useTranslation();
  if (!state.q || !data) return <p className="results-typo" role="status" />;
  const understood = (data.understood ?? []).length > 0;
  return (
    <>
      <p className="results-typo" role="status">
        {data.corrected ? (
          <Trans i18nKey="search.correctedTo" values={{ q: data.corrected }} components={{ q: <bdi /> }} />
        ) : data.typo_tolerant && data.results.length ? (
          <Trans i18nKey="search.typoTolerant" values={{ q: state.q }} components={{ q: <bdi /> }} />
        ) : null}
      </p>
      {understood || state.literal ? (
        <p className="results-understood">
          {state.literal ? (
            <>
              {t("search.searchedLiterally")}{" "}
              <button type="button" className="link-button" onClick={() => state.setLiteral(false)}>
                {t("search.understandWords")}
              </button>
            </>
          ) : (
            <button type="button" className="link-button" onClick={() => state.setLiteral(true)}>
              <Trans i18nKey="search.searchLiterally" values={{ q: state.q }} components={{ q: <bdi /> }} />
            </button>
          )}
        </p>
      ) : null}
    </>
  );
}

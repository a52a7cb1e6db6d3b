import { useDeferredValue, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useSearchListings } from "@/features/search/api/search-listings";
import { FacetSidebar } from "@/features/search/components/facet-sidebar";
import { FilterChips } from "@/features/search/components/filter-chips";
import { RelaxAnswer } from "@/features/search/components/relax-answer";
import { SaveSearch } from "@/features/search/components/save-search";
import { SearchBox } from "@/features/search/components/search-box";
import { SortSelect } from "@/features/search/components/sort-select";
import { UnderstoodNote } from "@/features/search/components/understood-note";
import { useFacetLabels } from "@/features/search/hooks/use-facet-labels";
import { useSearchState } from "@/features/search/hooks/use-search-state";
import { RANGE_FIELDS } from "@/features/search/types/search";
import { Alert } from "@/components/alert";
import { Button, ButtonLink } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { useCountry } from "@/lib/use-country";
import { CloseIcon, FilterIcon, SearchIcon } from "@/components/icons";
import { ListingCard } from "@/components/listing-card";
import { Pagination } from "@/components/pagination";
import { QueryError } from "@/components/query-error";
import { CardGridSkeleton } from "@/components/skeleton";
import { isApiError } from "@/lib/api-client";
import { formatNumber } from "@/lib/format";
import { pageCountOf } from "@/lib/paging";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useInTasks } from "@/lib/use-in-tasks";
import { useMediaQuery } from "@/lib/use-media-query";
import type { ResultCard } from "@/api/models";

/** Where the filters are a drawer, closed at first (the breakpoint of .search-filters in components.css). */
const FILTERS_DRAWER = "(max-width: 900px)";

/** The cards drawn with the page (what a phone shows at first), before the rest. */
const FIRST_CARDS = 2;
/** The cards drawn in each task after those: a page of 20 comes in ten short tasks, not one long one. */
const MORE_CARDS = 2;

/** The bounds the sidebar shows its own errors for. */
const RANGE_NAMES: string[] = RANGE_FIELDS.flatMap((field) => [field.min, field.max]);

type Props = {
  /** A control for each result card (the app puts the favourite heart there). */
  cardAction?: (listing: ResultCard) => ReactNode;
};

export function SearchView({ cardAction }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { country } = useCountry();
  const state = useSearchState();
  const { valueLabel, language } = useFacetLabels();
  const [filtersOpen, setFiltersOpen] = useState(false);
  // In a phone's drawer the filters (hundreds of boxes) are drawn when it first opens, not in
  // the same long task as the results a phone shows first; on a wide screen they are beside them.
  const [filtersDrawn, setFiltersDrawn] = useState(false);
  const drawFilters = !useMediaQuery(FILTERS_DRAWER) || filtersDrawn;
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const closeFiltersRef = useRef<HTMLButtonElement>(null);
  const openFiltersRef = useRef<HTMLButtonElement>(null);

  // The filters drawer (small screens): page behind it does not scroll,
  // focus goes in on open (before it is painted: a layout effect) and back to the toggle on close, Escape closes.
  useLayoutEffect(() => {
    if (!filtersOpen) return;
    const toggle = openFiltersRef.current;
    closeFiltersRef.current?.focus();
    const previousOverflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setFiltersOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.body.style.overflow = previousOverflow;
      document.removeEventListener("keydown", onKey);
      toggle?.focus();
    };
  }, [filtersOpen]);

  const apiParams = new URLSearchParams(state.params);
  const asked = useSearchListings(apiParams);
  // A value the API refuses (Year from 2030, page 10001) is shown beside its field;
  // meanwhile the page runs the search without it, so filters and results keep working.
  const refused = isApiError(asked.error) && asked.error.kind === "validation" ? asked.error.fieldErrors : {};
  const refusedNames = Object.keys(refused);
  const withoutRefused = new URLSearchParams(apiParams);
  for (const name of refusedNames) withoutRefused.delete(name);
  const fallback = useSearchListings(withoutRefused, { enabled: refusedNames.length > 0 });
  // The results are drawn in the background (time-sliced, between the phone's other work),
  // not in one long task the moment they arrive; till then the previous answer stays.
  const query = useDeferredValue(refusedNames.length ? fallback : asked);
  const { data, isPending, isError, error, isPlaceholderData, refetch } = query;
  // Refusals of parameters the sidebar has no box for (the page, a value from an old link).
  const otherRefusals = refusedNames.filter((name) => !RANGE_NAMES.includes(name)).flatMap((name) => refused[name]);

  const makes = state.selected.make.map((make) => valueLabel("make", make));
  const models = state.selected.model.map((model) => valueLabel("model", model));
  // "Toyota Land Cruiser, Camry" for one make; "Toyota, Nissan" for several.
  const carNames = makes.length === 1 ? `${makes[0]} ${models.join(", ")}`.trim() : [...makes, ...models].join(", ");
  const headline = carNames || state.q || t("search.allCars");
  useDocumentTitle(t("search.titleFor", { what: headline }));

  // Moving to another page puts focus (and the reader) on the new results.
  const previousPage = useRef(state.page);
  useEffect(() => {
    if (previousPage.current !== state.page) {
      previousPage.current = state.page;
      resultsRef.current?.focus();
      resultsRef.current?.scrollIntoView?.({ block: "start" });
    }
  }, [state.page]);

  const pageCount = pageCountOf(data, state.pageSize);
  const unavailable = isApiError(error) && error.kind === "unavailable";

  return (
    <div className="search-page container page">
      <div className="search-top">
        <SearchBox
          key={state.q}
          defaultValue={state.q}
          onSearch={(params) => {
            const q = params.get("q");
            if (params.has("make") || params.has("model")) navigate(`${location.pathname}?${params.toString()}`);
            else state.setQuery(q ?? "");
          }}
        />
      </div>

      <div className="search-layout">
        <aside className={`search-filters ${filtersOpen ? "is-open" : ""}`} aria-label={t("search.filters")} id="search-filters">
          <div className="search-filters-head">
            <h2>{t("search.filters")}</h2>
            <Button ref={closeFiltersRef} variant="ghost" size="s" className="search-filters-close" onClick={() => setFiltersOpen(false)} aria-label={t("actions.close")}>
              <CloseIcon />
            </Button>
          </div>
          {!drawFilters ? null : data?.facets ? <FacetSidebar facets={data.facets} state={state} errors={refused} /> : isPending ? <FacetSkeleton /> : null}
          <div className="search-filters-foot">
            <Button block onClick={() => setFiltersOpen(false)}>
              {data ? t("search.showResults", { count: data.count }) : t("actions.close")}
            </Button>
          </div>
        </aside>

        <section className="search-results" aria-labelledby="results-heading">
          <div className="results-head">
            <div>
              <h1 id="results-heading" ref={resultsRef} tabIndex={-1}>
                {headline}
              </h1>
              <p className="results-count muted" aria-live="polite" aria-atomic="true">
                {data ? t("search.resultsCount", { count: data.count, formatted: formatNumber(data.count, language) }) : isPending ? t("search.searching") : ""}
              </p>
              <UnderstoodNote state={state} data={data} />
            </div>
            <div className="results-tools">
              <Button
                ref={openFiltersRef}
                variant="secondary"
                size="s"
                className="filters-toggle"
                icon={<FilterIcon size={16} />}
                aria-expanded={filtersOpen}
                aria-controls="search-filters"
                onClick={() => {
                  setFiltersDrawn(true);
                  setFiltersOpen(true);
                }}
              >
                {t("search.filters")}
                {state.activeFilterCount ? <span className="count-pill num">{state.activeFilterCount}</span> : null}
              </Button>
              <SortSelect state={state} />
            </div>
          </div>

          <FilterChips state={state} facets={data?.facets} understood={data?.understood} leftover={data?.q} corrected={data?.corrected} />
          <div className="results-save">
            <SaveSearch params={state.params} suggestedName={headline} />
          </div>

          {otherRefusals.length ? (
            <Alert tone="warning" title={t("search.notApplied")} action={<ButtonLink variant="secondary" size="s" to={state.hrefForPage(1)}>{t("search.firstPage")}</ButtonLink>}>
              {otherRefusals.map((message) => (
                <p key={message} dir="auto">
                  {message}
                </p>
              ))}
            </Alert>
          ) : null}
          {isError && !data ? (
            unavailable ? (
              <Alert tone="warning" title={t("search.unavailableTitle")} action={<Button variant="secondary" size="s" onClick={() => refetch()}>{t("actions.retry")}</Button>}>
                {t("errors.unavailable")}
              </Alert>
            ) : (
              <QueryError error={error} onRetry={() => refetch()} />
            )
          ) : isPending ? (
            <CardGridSkeleton label={t("search.searching")} />
          ) : data && data.results.length === 0 && data.relax ? (
            <RelaxAnswer state={state} data={{ ...data, relax: data.relax }} cardAction={cardAction} />
          ) : data && data.results.length === 0 && !state.activeFilterCount && !state.q ? (
            // Nothing at all in the country (one Sayara has just opened in): no filter to clear.
            <EmptyState
              icon={<SearchIcon size={32} />}
              title={t("search.emptyCountryTitle", { country: t(`countries.${country}`) })}
              action={<ButtonLink to="/sell">{t("nav.sell")}</ButtonLink>}
            >
              {t("search.emptyCountryBody")}
            </EmptyState>
          ) : data && data.results.length === 0 ? (
            <EmptyState
              icon={<SearchIcon size={32} />}
              title={t("search.emptyTitle")}
              action={
                state.activeFilterCount || state.q ? (
                  <Button variant="secondary" onClick={state.clearFilters}>
                    {t("search.clearFilters")}
                  </Button>
                ) : null
              }
            >
              {t("search.emptyBody")}
            </EmptyState>
          ) : data ? (
            <>
              {isError ? <QueryError error={error} onRetry={() => refetch()} /> : null}
              <ResultCards results={data.results} stale={isPlaceholderData} cardAction={cardAction} />
              <Pagination page={state.page} pageCount={pageCount} hrefFor={state.hrefForPage} />
            </>
          ) : null}
        </section>
      </div>
    </div>
  );
}

function FacetSkeleton() {
  return (
    <div className="facet-skeleton" aria-hidden="true">
      {Array.from({ length: 5 }, (_, index) => (
        <div key={index} className="skeleton" style={{ blockSize: 90, marginBlockEnd: 16 }} />
      ))}
    </div>
  );
}

/** The page's cards, drawn a few per task (its own component: each task redraws the list alone, not the page). */
function ResultCards({ results, stale, cardAction }: { results: ResultCard[]; stale: boolean } & Props) {
  const cards = useInTasks(results, FIRST_CARDS, MORE_CARDS);
  return (
    <ul className={`bare-list grid-cards ${stale ? "is-stale" : ""}`} aria-busy={stale || undefined}>
      {cards.map((listing) => (
        <li key={listing.id}>
          <ListingCard listing={listing} headingLevel={2} action={cardAction?.(listing)} />
        </li>
      ))}
    </ul>
  );
}

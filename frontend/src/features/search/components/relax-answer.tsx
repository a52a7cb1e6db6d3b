import type { ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import type { SearchState } from "@/features/search/hooks/use-search-state";
import { understoodSpans, withoutWords } from "@/features/search/hooks/use-understood";
import type { SearchResponse } from "@/features/search/types/search";
import { Button } from "@/components/button";
import { EmptyState } from "@/components/empty-state";
import { SearchIcon } from "@/components/icons";
import { ListingCard } from "@/components/listing-card";
import { formatNumber } from "@/lib/format";
import type { ResultCard } from "@/api/models";

type Props = {
  state: SearchState;
  data: SearchResponse & { relax: NonNullable<SearchResponse["relax"]> };
  cardAction?: (listing: ResultCard) => ReactNode;
};

/**
 * A search whose understood words find nothing is never a dead end: it says
 * which words to drop (and how many cars that finds) and shows the nearest cars.
 */
export function RelaxAnswer({ state, data, cardAction }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "ar" ? "ar" : "en";
  const { relax } = data;
  const droppingWords = relax.filters.includes("q") && relax.filters.length === 1;
  // The words left over are scattered among the understood ones: keep the understood.
  const next = droppingWords
    ? understoodSpans(data.understood).map((span) => span.text).join(" ")
    : withoutWords(state.q, relax.text);
  const count = formatNumber(relax.count, language);
  return (
    <>
      <EmptyState
        icon={<SearchIcon size={32} />}
        title={t("search.relaxTitle")}
        action={
          <Button variant="secondary" onClick={() => state.setQuery(next)}>
            <Trans i18nKey="search.relaxAction" values={{ words: relax.text }} components={{ q: <bdi /> }} />
          </Button>
        }
      >
        <Trans i18nKey="search.relaxBody" count={relax.count} values={{ words: relax.text, formatted: count }} components={{ q: <bdi /> }} />
      </EmptyState>
      {data.nearest?.length ? (
        <section aria-labelledby="nearest-heading" className="nearest">
          <h2 id="nearest-heading">{t("search.nearestTitle")}</h2>
          <ul className="bare-list grid-cards">
            {data.nearest.map((listing) => (
              <li key={listing.id}>
                <ListingCard listing={listing} headingLevel={3} action={cardAction?.(listing)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

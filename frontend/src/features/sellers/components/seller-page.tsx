import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useSeller } from "@/features/sellers/api/get-seller";
import { Badge } from "@/components/badge";
import { EmptyState } from "@/components/empty-state";
import { ListingCard } from "@/components/listing-card";
import { Pagination } from "@/components/pagination";
import { QueryError } from "@/components/query-error";
import { PageSpinner } from "@/components/spinner";
import { formatDate, formatNumber } from "@/lib/format";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLanguage } from "@/lib/use-language";

function responseTime(minutes: number, t: ReturnType<typeof useTranslation>["t"], language: "en" | "ar"): string {
  if (minutes < 60) return t("seller.respondsMinutes", { count: minutes, formatted: formatNumber(minutes, language) });
  const hours = Math.round(minutes / 60);
  return t("seller.respondsHours", { count: hours, formatted: formatNumber(hours, language) });
}

/** A dealer's or private seller's page: who they are, their badges, their cars for sale. */
export function SellerPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { data, isPending, isError, error, refetch } = useSeller(id, page);
  useDocumentTitle(data ? data.display_name : t("seller.title"));

  if (isPending) return <PageSpinner />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;

  const pageCount = Math.max(1, Math.ceil(data.listings.count / data.listings.page_size));
  return (
    <div className="container page stack">
      <header className="card card-body stack">
        <h1>{data.display_name}</h1>
        <p className="row">
          <Badge tone={data.account_type === "dealer" ? "info" : "neutral"}>{t(`account.type.${data.account_type}`)}</Badge>
          {data.badges.includes("verified_phone") ? <Badge tone="ok">{t("phoneVerification.verified")}</Badge> : null}
        </p>
        <p className="muted">
          {t("seller.memberSince", { date: formatDate(data.member_since, language) })}
          {data.typical_response_minutes !== null ? ` · ${responseTime(data.typical_response_minutes, t, language)}` : ""}
        </p>
      </header>
      <section aria-labelledby="seller-listings-title" className="stack">
        <h2 id="seller-listings-title">{t("seller.listings", { count: data.active_listings, formatted: formatNumber(data.active_listings, language) })}</h2>
        {data.listings.results.length ? (
          <ul className="grid-cards">
            {data.listings.results.map((listing) => (
              <li key={listing.id}>
                <ListingCard listing={listing} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={t("seller.noListings")} />
        )}
        <Pagination page={page} pageCount={pageCount} hrefFor={(target) => (target > 1 ? `?page=${target}` : "?")} />
      </section>
    </div>
  );
}

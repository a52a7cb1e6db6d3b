import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ChevronIcon } from "@/components/icons";

/** Pages around the current one, with gaps: 1 … 4 5 [6] 7 8 … 20 */
function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const pages = new Set<number>([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p += 1) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  sorted.forEach((p, index) => {
    if (index > 0 && p - sorted[index - 1] > 1) out.push("gap");
    out.push(p);
  });
  return out;
}

type Props = {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  label?: string;
};

export function Pagination({ page, pageCount, hrefFor, label }: Props) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label ?? t("pagination.label")}>
      {page > 1 ? (
        <Link className="page-link page-step" to={hrefFor(page - 1)} rel="prev">
          <ChevronIcon className="flip" size={16} />
          <span>{t("pagination.previous")}</span>
        </Link>
      ) : null}
      <ul className="bare-list page-list">
        {pageWindow(page, pageCount).map((item, index) =>
          item === "gap" ? (
            <li key={`gap-${index}`} className="page-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={item}>
              <Link
                className="page-link num"
                to={hrefFor(item)}
                aria-current={item === page ? "page" : undefined}
                aria-label={t("pagination.page", { page: item })}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pageCount ? (
        <Link className="page-link page-step" to={hrefFor(page + 1)} rel="next">
          <span>{t("pagination.next")}</span>
          <ChevronIcon size={16} />
        </Link>
      ) : null}
    </nav>
  );
}

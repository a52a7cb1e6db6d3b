/** A positive whole number from the URL (`page=3`), or the fallback for anything else. */
export function positiveInt(value: string | null, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

/** A link to another page of the same list: the other parameters kept, page 1 without `page`. */
export function pageHref(params: URLSearchParams, target: number): string {
  const next = new URLSearchParams(params);
  if (target <= 1) next.delete("page");
  else next.set("page", String(target));
  const text = next.toString();
  return text ? `?${text}` : "?";
}

/** How many pages a `{count, page_size}` answer spans (at least one). */
export function pageCountOf(data: { count: number; page_size: number } | undefined, pageSize: number): number {
  return data ? Math.max(1, Math.ceil(data.count / (data.page_size || pageSize))) : 1;
}

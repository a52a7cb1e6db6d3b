import { useSearchParams } from "react-router";

/** Where to go after signing in: only paths on this site (no open redirect). */
export function useNextPath(): string {
  const [params] = useSearchParams();
  const next = params.get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

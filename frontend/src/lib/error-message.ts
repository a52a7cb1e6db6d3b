import type { TFunction } from "i18next";
import { isApiError, type ApiError } from "@/lib/api-client";

/** How long `Retry-After` asks us to wait, in words: "30 seconds", "15 minutes", "2 hours". */
export function waitText(seconds: number, t: TFunction): string {
  if (seconds < 60) return t("wait.seconds", { count: Math.max(1, Math.round(seconds)) });
  if (seconds < 3600) return t("wait.minutes", { count: Math.max(1, Math.round(seconds / 60)) });
  return t("wait.hours", { count: Math.max(1, Math.round(seconds / 3600)) });
}

/** The API's own sentence for a refusal (`detail`), when it sent one. */
export function detailOf(error: ApiError): string | null {
  return error.formErrors[0] ?? null;
}

/** One sentence a person can act on, for any error a request can raise. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t("errors.generic");
  switch (error.kind) {
    case "network":
      return t("errors.network");
    case "unauthorized":
      return t("errors.unauthorized");
    case "forbidden":
      return t("errors.forbidden");
    case "not_found":
      return t("errors.notFound");
    case "conflict":
      return detailOf(error) ?? t("errors.conflict");
    case "rate_limited":
      return error.retryAfter ? t("errors.rateLimitedFor", { wait: waitText(error.retryAfter, t) }) : t("errors.rateLimited");
    case "unavailable":
      return t("errors.unavailable");
    case "validation":
      return detailOf(error) ?? t("errors.validation");
    default:
      return t("errors.server");
  }
}

import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";

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
      return error.formErrors[0] ?? t("errors.conflict");
    case "rate_limited":
      return error.retryAfter
        ? t("errors.rateLimitedFor", { count: error.retryAfter })
        : t("errors.rateLimited");
    case "unavailable":
      return t("errors.unavailable");
    case "validation":
      return error.formErrors[0] ?? t("errors.validation");
    default:
      return t("errors.server");
  }
}

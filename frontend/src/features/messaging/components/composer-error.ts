import type { TFunction } from "i18next";
import { isApiError } from "@/lib/api-client";
import { errorMessage, waitText } from "@/lib/error-message";

/** Why a message was not sent, in words that say what to do (docs/decisions/messaging.md, status codes). */
export function composerErrorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return errorMessage(error, t);
  const body = error.body as { code?: unknown } | null;
  if (error.kind === "forbidden" && body?.code === "blocked") return t("messages.blockedYou");
  if (error.kind === "forbidden" && body?.code === "you_blocked") return t("messages.youBlockedThem");
  if (error.kind === "forbidden" && body?.code === "email_unverified") return t("messages.confirmEmailFirst");
  if (error.kind === "rate_limited")
    return error.retryAfter ? t("messages.tooFastFor", { wait: waitText(error.retryAfter, t) }) : t("messages.tooFast");
  // 400s name `body` or `listing_id`: say the API's sentence, not "check the fields".
  if (error.kind === "validation") return Object.values(error.fieldErrors)[0]?.[0] ?? errorMessage(error, t);
  return errorMessage(error, t);
}

/** A 403 that says one of the two blocked the other: the conversation's state changed under us. */
export function isBlockedError(error: unknown): boolean {
  const code = isApiError(error) && error.kind === "forbidden" ? (error.body as { code?: unknown } | null)?.code : null;
  return code === "blocked" || code === "you_blocked";
}

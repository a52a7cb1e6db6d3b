import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/alert";
import type { ApiError } from "@/lib/api-client";
import { detailOf, waitText } from "@/lib/error-message";

/**
 * A 429 by the form that caused it: the API's own sentence (it says what was
 * limited: this account, this network…) and how long Retry-After asks to wait.
 */
export function RateLimitAlert({ error, title, children }: { error: ApiError; title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const detail = detailOf(error);
  return (
    <Alert tone="danger" title={title}>
      {detail ? <p dir="auto">{detail}</p> : null}
      {error.retryAfter ? <p>{t("errors.tryAgainIn", { wait: waitText(error.retryAfter, t) })}</p> : null}
      {children}
    </Alert>
  );
}

import { useTranslation } from "react-i18next";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { errorMessage } from "@/lib/error-message";

/** What a failed load shows: why, and a way to try again. */
export function QueryError({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      tone="danger"
      title={title ?? t("errors.loadFailed")}
      action={
        onRetry ? (
          <Button variant="secondary" size="s" onClick={onRetry}>
            {t("actions.retry")}
          </Button>
        ) : null
      }
    >
      {errorMessage(error, t)}
    </Alert>
  );
}

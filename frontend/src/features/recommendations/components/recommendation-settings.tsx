import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClearRecommendationHistory } from "@/features/recommendations/api/clear-recommendation-history";
import { useRecommendationSettings } from "@/features/recommendations/api/get-recommendation-settings";
import { useSetRecommendationsEnabled } from "@/features/recommendations/api/set-recommendations-enabled";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/dialog";
import { QueryError } from "@/components/query-error";
import { Spinner } from "@/components/spinner";
import { errorMessage } from "@/lib/error-message";
import { formatNumber } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";

/** The buyer's switch and clear button (account page, and the home page's "Manage"). */
export function RecommendationSettingsPanel() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data, isPending, isError, error, refetch } = useRecommendationSettings();
  const toggle = useSetRecommendationsEnabled();
  const clear = useClearRecommendationHistory();
  const [confirming, setConfirming] = useState(false);
  const [cleared, setCleared] = useState(false);
  if (isPending) return <Spinner label={t("common.loading")} />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  const failure = toggle.error ?? clear.error;

  return (
    <div className="card card-body stack" role="group" aria-labelledby="recommendation-settings">
      <h3 id="recommendation-settings">{t("recommendations.settingsTitle")}</h3>
      <p className="muted">{t("recommendations.explain")}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={data.enabled}
          onChange={(event) => {
            setCleared(false);
            toggle.mutate(event.target.checked);
          }}
        />
        <span>{t("recommendations.enabled")}</span>
      </label>
      <p className="muted" aria-live="polite">
        {data.enabled
          ? t("recommendations.remembered", { count: data.signals, formatted: formatNumber(data.signals, language) })
          : t("recommendations.offNote")}
      </p>
      {data.enabled ? (
        <div>
          <Button variant="secondary" size="s" onClick={() => setConfirming(true)} loading={clear.isPending}>
            {t("recommendations.clear")}
          </Button>
        </div>
      ) : null}
      {cleared ? <Alert tone="success">{t("recommendations.clearedNote")}</Alert> : null}
      {failure ? <Alert tone="danger">{errorMessage(failure, t)}</Alert> : null}
      <ConfirmDialog
        open={confirming}
        title={t("recommendations.clearConfirmTitle")}
        confirmLabel={t("recommendations.clear")}
        tone="danger"
        busy={clear.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          clear.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              setCleared(true);
            },
          })
        }
      >
        {t("recommendations.clearConfirmBody")}
      </ConfirmDialog>
    </div>
  );
}

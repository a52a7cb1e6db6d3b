import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";
import { EmptyState } from "@/components/empty-state";

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <main className="container page" id="main">
      <EmptyState
        title={chunkFailed ? t("errors.newVersionTitle") : t("errors.pageCrashed")}
        action={
          <button type="button" className="btn btn-primary btn-m" onClick={() => window.location.reload()}>
            {t("actions.reload")}
          </button>
        }
      >
        {chunkFailed ? t("errors.newVersionBody") : t("errors.generic")}
      </EmptyState>
    </main>
  );
}

import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAccessTokens, useRevokeAccessToken, type AccessToken } from "@/features/account/api/access-tokens";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/dialog";
import { EmptyState } from "@/components/empty-state";
import { UserIcon } from "@/components/icons";
import { QueryError } from "@/components/query-error";
import { Spinner } from "@/components/spinner";
import { isApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/error-message";
import { formatDate } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";

/** The apps and scripts signed in with a token (GET /me/tokens): each can be signed out here. */
export function SignedInApps() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data, isPending, isError, error, refetch } = useAccessTokens();
  const revoke = useRevokeAccessToken();
  const [asked, setAsked] = useState<AccessToken | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);

  const signOut = (app: AccessToken) => {
    revoke.mutate(app.id, {
      onSuccess: () => signedOut(app),
      onError: (failure) => {
        // Already gone (signed out from the phone meanwhile): the list refreshes, nothing to say.
        if (isApiError(failure) && failure.kind === "not_found") signedOut(app);
      },
    });
  };
  const signedOut = (app: AccessToken) => {
    setAsked(null);
    setAnnouncement(t("apps.signedOut", { name: app.name }));
    // The row and its button are gone: keep the reader where the outcome is said.
    statusRef.current?.focus();
  };

  const failed = revoke.isError && !(isApiError(revoke.error) && revoke.error.kind === "not_found");
  return (
    <div className="stack">
      <p className="muted">{t("apps.lead")}</p>
      <p ref={statusRef} tabIndex={-1} className="visually-hidden" role="status">
        {announcement}
      </p>
      {isPending ? (
        <Spinner label={t("common.loading")} />
      ) : isError ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : !data.results.length ? (
        <EmptyState icon={<UserIcon size={32} />} title={t("apps.emptyTitle")}>
          {t("apps.emptyBody")}
        </EmptyState>
      ) : (
        <ul className="bare-list plain-list">
          {data.results.map((app) => (
            <li key={app.id} className="plain-list-item">
              <div>
                <span className="plain-list-title">{app.name}</span> {app.current ? <Badge tone="info">{t("apps.thisOne")}</Badge> : null}
                <div className="muted">
                  {t("apps.signedInOn", { date: formatDate(app.created_at, language) })}
                  {app.expires_at ? ` · ${t("apps.expiresOn", { date: formatDate(app.expires_at, language) })}` : null}
                </div>
              </div>
              <Button variant="ghost" size="s" aria-label={t("apps.signOutNamed", { name: app.name })} onClick={() => setAsked(app)}>
                {t("apps.signOut")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={asked !== null}
        title={t("apps.confirmTitle", { name: asked?.name ?? "" })}
        confirmLabel={t("apps.signOut")}
        tone="danger"
        busy={revoke.isPending}
        onConfirm={() => asked && signOut(asked)}
        onCancel={() => {
          setAsked(null);
          revoke.reset();
        }}
      >
        <p>{t("apps.confirmBody")}</p>
        {failed ? <Alert tone="danger">{errorMessage(revoke.error, t)}</Alert> : null}
      </ConfirmDialog>
    </div>
  );
}

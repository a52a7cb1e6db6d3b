import { useTranslation } from "react-i18next";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { useResendVerification } from "@/lib/auth";

type Reason = "publish" | "message" | "banner";
const TEXT = { publish: "auth.unverifiedPublish", message: "auth.unverifiedMessage", banner: "auth.unverifiedBanner" } as const;

/** Where an unconfirmed address stops someone (publishing, messaging): why, and a new link. */
export function VerifyEmailNotice({ email, reason }: { email: string; reason: Reason }) {
  const { t } = useTranslation();
  const resend = useResendVerification();
  return (
    <Alert
      tone="warning"
      title={reason === "banner" ? undefined : t("auth.unverifiedTitle")}
      action={
        resend.isSuccess ? null : (
          <Button variant="secondary" size="s" loading={resend.isPending} onClick={() => resend.mutate(undefined)}>
            {t("auth.resendLink")}
          </Button>
        )
      }
    >
      <p dir="auto">{t(TEXT[reason], { email })}</p>
      {resend.isSuccess ? <p>{t("auth.resent")}</p> : null}
    </Alert>
  );
}

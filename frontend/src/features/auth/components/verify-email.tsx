import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@/components/alert";
import { Button, ButtonLink } from "@/components/button";
import { TextField } from "@/components/field";
import { Spinner } from "@/components/spinner";
import { useResendVerification, useVerifyEmail } from "@/lib/auth";

/** Ask for a new link by address (the answer is the same whatever the address is). */
function NewLinkForm() {
  const { t } = useTranslation();
  const resend = useResendVerification();
  const [email, setEmail] = useState("");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) resend.mutate(email.trim());
  };
  if (resend.isSuccess) return <p role="status">{t("auth.resent")}</p>;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <TextField label={t("auth.email")} type="email" dir="ltr" name="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
      <Button type="submit" loading={resend.isPending}>
        {t("auth.resendLink")}
      </Button>
    </form>
  );
}

/** The page the confirmation e-mail links to: /verify-email?token=… */
export function VerifyEmail() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const verify = useVerifyEmail();
  const sent = useRef(false);

  useEffect(() => {
    // Once per page: the link works again, but there is no need to ask twice.
    if (token && !sent.current) {
      sent.current = true;
      verify.mutate(token);
    }
  }, [token, verify]);

  if (!token || verify.isError)
    return (
      <div className="stack auth-form">
        <Alert tone="warning" title={t("auth.verifyInvalidTitle")}>
          {t("auth.verifyInvalidBody")}
        </Alert>
        <NewLinkForm />
      </div>
    );
  if (!verify.data)
    return (
      <p role="status" className="center">
        <Spinner /> {t("auth.verifying")}
      </p>
    );
  return (
    <div className="stack auth-form">
      <Alert tone="success" title={t("auth.verifiedTitle")}>
        {verify.data.signed_in ? t("auth.verifiedSignedIn") : t("auth.verifiedSignIn")}
      </Alert>
      {verify.data.signed_in ? (
        <ButtonLink to="/sell" block>
          {t("auth.continue")}
        </ButtonLink>
      ) : (
        <ButtonLink to="/sign-in" block>
          {t("auth.signIn")}
        </ButtonLink>
      )}
      <p className="muted center">
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </div>
  );
}

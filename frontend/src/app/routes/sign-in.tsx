import { useTranslation } from "react-i18next";
import { AuthCard } from "@/features/auth/components/auth-card";
import { SignInForm } from "@/features/auth/components/sign-in-form";

export default function SignInRoute() {
  const { t } = useTranslation();
  return (
    <AuthCard title={t("auth.signInTitle")} lead={t("auth.signInLead")} documentTitle={t("auth.signIn")}>
      <SignInForm />
    </AuthCard>
  );
}

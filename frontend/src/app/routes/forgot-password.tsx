import { useTranslation } from "react-i18next";
import { AuthCard } from "@/features/auth/components/auth-card";
import { ForgotPasswordForm } from "@/features/auth/components/forgot-password-form";

export default function ForgotPasswordRoute() {
  const { t } = useTranslation();
  return (
    <AuthCard title={t("auth.forgotTitle")} lead={t("auth.forgotLead")} documentTitle={t("auth.forgotTitle")} allowSignedIn>
      <ForgotPasswordForm />
    </AuthCard>
  );
}

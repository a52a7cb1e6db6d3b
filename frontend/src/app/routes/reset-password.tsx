import { useTranslation } from "react-i18next";
import { AuthCard } from "@/features/auth/components/auth-card";
import { ResetPasswordForm } from "@/features/auth/components/reset-password-form";

export default function ResetPasswordRoute() {
  const { t } = useTranslation();
  return (
    <AuthCard title={t("auth.resetTitle")} lead={t("auth.resetLead")} documentTitle={t("auth.resetTitle")} allowSignedIn>
      <ResetPasswordForm />
    </AuthCard>
  );
}

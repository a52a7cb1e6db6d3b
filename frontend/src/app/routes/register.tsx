import { useTranslation } from "react-i18next";
import { AuthCard } from "@/features/auth/components/auth-card";
import { RegisterForm } from "@/features/auth/components/register-form";

export default function RegisterRoute() {
  const { t } = useTranslation();
  return (
    <AuthCard title={t("auth.registerTitle")} lead={t("auth.registerLead")} documentTitle={t("auth.createAccount")}>
      <RegisterForm />
    </AuthCard>
  );
}

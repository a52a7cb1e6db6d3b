import { useTranslation } from "react-i18next";
import { AuthCard } from "@/features/auth/components/auth-card";
import { VerifyEmail } from "@/features/auth/components/verify-email";

export default function VerifyEmailRoute() {
  const { t } = useTranslation();
  return (
    <AuthCard title={t("auth.unverifiedTitle")} lead="" documentTitle={t("auth.unverifiedTitle")} allowSignedIn>
      <VerifyEmail />
    </AuthCard>
  );
}

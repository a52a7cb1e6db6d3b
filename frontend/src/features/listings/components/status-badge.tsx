import { useTranslation } from "react-i18next";
import { Badge } from "@/components/badge";
import type { ListingStatus } from "@/types/api";

const TONES = { active: "ok", draft: "neutral", sold: "info", expired: "warn", pending_review: "warn", hidden: "danger" } as const;

export function StatusBadge({ status }: { status: ListingStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status] ?? "neutral"}>{t(`status.${status}`)}</Badge>;
}

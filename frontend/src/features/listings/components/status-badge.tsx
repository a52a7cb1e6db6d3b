import { useTranslation } from "react-i18next";
import { Badge } from "@/components/badge";
import type { ListingStatus } from "@/api/models";

const TONES = { active: "ok", draft: "neutral", sold: "info", expired: "warn", pending_review: "warn", hidden: "danger", deleted: "neutral" } as const;

export function StatusBadge({ status }: { status: ListingStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>;
}

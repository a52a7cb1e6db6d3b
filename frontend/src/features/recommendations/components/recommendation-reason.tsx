import type { Reason } from "@/features/recommendations/api/get-recommendations";
import { useLanguage } from "@/lib/use-language";

/** Why a car is recommended, in the page's language (the API sends both). */
export function RecommendationReason({ reason }: { reason: Reason }) {
  const { language } = useLanguage();
  return (
    <p className="recommendation-reason" dir="auto">
      {language === "ar" ? reason.text_ar : reason.text_en}
    </p>
  );
}

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "@/lib/api-client";
import { currentLanguage, directionOf, setLanguage } from "@/lib/i18n";
import type { Language, User } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

/** The current language, its direction, and a switch that also saves it on the account. */
export function useLanguage() {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const language: Language = i18n.resolvedLanguage === "ar" ? "ar" : "en";

  const saveOnAccount = useMutation({
    mutationFn: (preferred: Language) => api.patch<User>("/me", { preferred_language: preferred }),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });

  const switchLanguage = async (next: Language) => {
    if (next === currentLanguage()) return;
    await setLanguage(next);
    const user = queryClient.getQueryData<User | null>(queryKeys.me);
    if (user && user.preferred_language !== next) saveOnAccount.mutate(next);
  };

  return { language, dir: directionOf(language), switchLanguage };
}

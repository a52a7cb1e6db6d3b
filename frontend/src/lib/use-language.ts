import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "@/lib/api-client";
import { currentLanguage, directionOf, setLanguage } from "@/lib/i18n";
import type { Language, User } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

/**
 * The current language and its direction. Every card and price reads it, so it holds no
 * more than that (a mutation observer each cost a phone's main thread; the switch is below).
 */
export function useLanguage() {
  const { i18n } = useTranslation();
  const language: Language = i18n.resolvedLanguage === "ar" ? "ar" : "en";
  return { language, dir: directionOf(language) };
}

/** A switch of the language that also saves it on the account (the header's switch). */
export function useSwitchLanguage() {
  const queryClient = useQueryClient();
  const saveOnAccount = useMutation({
    mutationFn: (preferred: Language) => api.patch<User>("/me", { preferred_language: preferred }),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });

  return async (next: Language) => {
    if (next === currentLanguage()) return;
    await setLanguage(next);
    const user = queryClient.getQueryData<User | null>(queryKeys.me);
    if (user && user.preferred_language !== next) saveOnAccount.mutate(next);
  };
}

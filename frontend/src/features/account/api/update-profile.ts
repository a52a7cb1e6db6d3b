import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { CountryCode, Language, User } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

type ProfileInput = {
  display_name?: string;
  phone?: string | null;
  preferred_language?: Language;
  country?: CountryCode;
  shows_call?: boolean;
  shows_whatsapp?: boolean;
};

function updateProfile(input: ProfileInput): Promise<User> {
  return api.patch<User>("/me", input);
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateProfile, onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user) });
}

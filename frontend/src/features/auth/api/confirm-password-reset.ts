import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { forgetSession } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";

type PasswordResetConfirmInput = { uid: string; token: string; new_password: string };

/** 204, or 400 naming `token` (invalid or expired link) or `new_password`. */
function confirmPasswordReset(input: PasswordResetConfirmInput): Promise<null> {
  return api.post<null>("/auth/password-reset/confirm", input, { allowUnauthorized: true });
}

export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmPasswordReset,
    // A new password ends every session of the account, this one included.
    onSuccess: () => {
      forgetSession();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

type PasswordResetInput = { email: string };

/** 204 whether or not an account uses the address (docs/API-notes/accounts.md). */
function requestPasswordReset(input: PasswordResetInput): Promise<null> {
  return api.post<null>("/auth/password-reset", input, { allowUnauthorized: true });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

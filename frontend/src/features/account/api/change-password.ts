import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

type ChangePasswordInput = { current_password: string; new_password: string };

export function changePassword(input: ChangePasswordInput): Promise<null> {
  return api.post<null>("/me/password", input);
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}

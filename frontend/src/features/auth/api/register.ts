import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { User } from "@/types/api";

export type RegisterInput = { email: string; password: string; display_name: string; phone?: string };

export function register(input: RegisterInput): Promise<User> {
  return api.post<User>("/auth/register", input, { allowUnauthorized: true });
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}

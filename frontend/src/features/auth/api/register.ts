import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { CountryCode, Language } from "@/api/models";

type RegisterInput = {
  email: string;
  password: string;
  display_name: string;
  phone?: string;
  preferred_language?: Language;
  country?: CountryCode;
};

/** 202 whether the address is new or taken: a link (or, for a taken one, a notice) goes to it. */
type Registered = { detail: string; email: string };

export function register(input: RegisterInput): Promise<Registered> {
  return api.post<Registered>("/auth/register", input, { allowUnauthorized: true });
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}

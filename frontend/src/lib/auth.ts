import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, isApiError } from "@/lib/api-client";
import type { User } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

// Who is signed in is needed everywhere (header, guards, owner checks), so it
// lives in lib as bulletproof-react does, not in one feature.


// The session cookie is HttpOnly, so the page cannot see it. This flag, set
// when someone signs in here, spares anonymous visitors a 401 on every load
// (which browsers log as a console error).
const SESSION_HINT = "sayara.session";

function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SESSION_HINT, "1");
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // storage blocked: /me is simply asked every time
  }
}

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === "1";
  } catch {
    return true;
  }
}

/** GET /me; `null` when nobody is signed in. */
async function getUser(): Promise<User | null> {
  if (!hasSessionHint()) return null;
  try {
    return await api.get<User>("/me", { allowUnauthorized: true });
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) {
      setSessionHint(false);
      return null;
    }
    throw error;
  }
}

/** Forget the signed-in user (after sign-out or a 401). */
export function forgetSession(): void {
  setSessionHint(false);
}

/**
 * For requests nobody clicked for (badges polled every minute): when the
 * session has ended, show the visitor signed out where they are rather than
 * send them to sign in. Pages that need an account redirect by themselves.
 * Pass `allowUnauthorized: true` to the request.
 */
export async function whileSignedIn<T>(queryClient: QueryClient, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setSessionHint(false);
      queryClient.setQueryData(queryKeys.me, null);
    }
    throw error;
  }
}

const userQueryOptions = queryOptions({
  queryKey: queryKeys.me,
  queryFn: getUser,
  // Nobody signed in on this device: known at once, so the first page is drawn signed out,
  // not drawn pending and again a moment later.
  initialData: () => (hasSessionHint() ? undefined : null),
  staleTime: 5 * 60_000,
});

export function useUser() {
  return useQuery(userQueryOptions);
}

type LoginInput = { email: string; password: string };

export function login(input: LoginInput): Promise<User> {
  return api.post<User>("/auth/login", input, { allowUnauthorized: true });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      setSessionHint(true);
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}

export function logout(): Promise<null> {
  return api.post<null>("/auth/logout", undefined, { allowUnauthorized: true });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      setSessionHint(false);
      queryClient.setQueryData(queryKeys.me, null);
      // Private data of the previous session must not linger in the cache.
      queryClient.removeQueries({
        predicate: ({ queryKey: [first, ...rest] }) => !(first === queryKeys.me[0] && !rest.length) && first !== queryKeys.catalog.makes[0],
      });
    },
  });
}

// ---------------------------------------------------------------- e-mail verification

type EmailVerified = { email_verified: true; signed_in: boolean; user: User | null };

/** POST /auth/verify-email with the e-mailed link's token; signs in the browser that registered. */
function verifyEmail(token: string): Promise<EmailVerified> {
  return api.post<EmailVerified>("/auth/verify-email", { token }, { allowUnauthorized: true });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyEmail,
    onSuccess: (answer) => {
      if (answer.user) {
        setSessionHint(true);
        queryClient.setQueryData(queryKeys.me, answer.user);
      } else {
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      }
    },
  });
}

/** A new verification link: to the signed-in user's address, or to `email` (204 whatever it is). */
function resendVerification(email?: string): Promise<null> {
  return api.post<null>("/auth/verify-email/resend", email ? { email } : {}, { allowUnauthorized: true });
}

export function useResendVerification() {
  return useMutation({ mutationFn: resendVerification });
}

/** The API's answer when an unverified account tries to publish or write (403, code email_unverified). */
export function isEmailUnverified(error: unknown): boolean {
  return isApiError(error) && error.status === 403 && error.code === "email_unverified";
}

// Who is signed in. The API token lives only in the device's secure storage
// (Keychain / Keystore through expo-secure-store); the rest of the app reads
// it from here. Signing out forgets it and everything cached for the user.
// The server may end the sign-in first (signed out from another phone, a new
// password): a 401 to the token, or the chat socket closed with 4401, signs the
// app out too, and `ended` tells the screens to say why.
import { useQueryClient } from "@tanstack/react-query";
import * as Device from "expo-device";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api, ok, onTokenRefused, setSession } from "@/api/client";
import type { Schema } from "@/api/types";
import { currentLanguage } from "@/i18n";
import * as SecureStore from "@/device/secure-store";

/** What the account's list of sign-ins (`/me/tokens`) calls this phone: "Sara's iPhone". */
function deviceName(): string {
  return (Device.deviceName ?? Device.modelName ?? "Sayara app").slice(0, 80);
}

export const TOKEN_KEY = "sayara.token";

type Account = {
  /** False until the stored token has been read at start. */
  ready: boolean;
  token: string | null;
  signIn: (email: string, password: string) => Promise<void>;
  /** Creates the account, then signs in with it; answers where the verification link went. */
  register: (form: Schema<"RegisterRequest">) => Promise<Schema<"Registered">>;
  signOut: () => Promise<void>;
  /** The server no longer takes `token` (it was revoked): sign out, if it is still this phone's. */
  endSession: (token: string) => Promise<void>;
  /** The server ended the last sign-in (not the user here): the screens say so until the next sign-in. */
  ended: boolean;
};

const AccountContext = createContext<Account | null>(null);

/** Hooks that run when a user signs in or out (push registration, push/index.ts). */
type SessionHooks = { onSignIn?: () => Promise<void>; onSignOut?: () => Promise<void> };

export function AccountProvider({ children, hooks = {} }: { children: ReactNode; hooks?: SessionHooks }) {
  const queryClient = useQueryClient();
  const [ready, setReady] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const current = useRef<string | null>(null);

  useEffect(() => {
    void SecureStore.getItemAsync(TOKEN_KEY).then((stored) => {
      setSession({ token: stored });
      current.current = stored;
      setToken(stored);
      setReady(true);
    });
  }, []);

  const keep = useCallback(
    async (next: string) => {
      await SecureStore.setItemAsync(TOKEN_KEY, next);
      setSession({ token: next });
      current.current = next;
      setToken(next);
      setEnded(false);
      queryClient.clear();
      await hooks.onSignIn?.().catch(() => undefined);
    },
    [queryClient, hooks],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const answer = await ok(api.POST("/api/v1/auth/token", { body: { email, password, name: deviceName() } }));
      await keep(answer.token);
    },
    [keep],
  );

  const register = useCallback(
    async (form: Schema<"RegisterRequest">) => {
      const registered = await ok(api.POST("/api/v1/auth/register", { body: { preferred_language: currentLanguage(), ...form } }));
      await signIn(form.email, form.password);
      return registered;
    },
    [signIn],
  );

  const forget = useCallback(async () => {
    current.current = null;
    await SecureStore.deleteItemAsync(TOKEN_KEY);
    setSession({ token: null });
    setToken(null);
    queryClient.clear();
  }, [queryClient]);

  const signOut = useCallback(async () => {
    // The device stops receiving the user's notifications while the token still works.
    await hooks.onSignOut?.().catch(() => undefined);
    await forget();
  }, [forget, hooks]);

  const endSession = useCallback(
    async (refused: string) => {
      // A late answer to a token already replaced (a new sign-in) ends nothing.
      if (refused !== current.current) return;
      // The server removed the token's push devices with it: nothing to unregister.
      await forget();
      setEnded(true);
    },
    [forget],
  );

  useEffect(() => {
    onTokenRefused((refused) => void endSession(refused));
    return () => onTokenRefused(null);
  }, [endSession]);

  const value = useMemo(() => ({ ready, token, signIn, register, signOut, endSession, ended }), [ready, token, signIn, register, signOut, endSession, ended]);
  return <AccountContext.Provider value={value}>{children}</AccountContext.Provider>;
}

export function useAccount(): Account {
  const account = useContext(AccountContext);
  if (!account) throw new Error("useAccount outside AccountProvider");
  return account;
}

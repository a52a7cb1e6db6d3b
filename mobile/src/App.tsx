// The app: data cache, account, language and live chat around the screens.
import { NavigationContainer } from "@react-navigation/native";
import { focusManager, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StatusBar } from "expo-status-bar";
import { useEffect, useState } from "react";
import { AppState } from "react-native";
import { SafeAreaProvider } from "react-native-safe-area-context";
import { AccountProvider, useAccount } from "@/account/session";
import { i18n, restoreLanguage } from "@/i18n";
import { I18nextProvider } from "react-i18next";
import { ChatSocketProvider } from "@/messaging/socket";
import { AppNavigator } from "@/navigation/AppNavigator";
import { pushHooks } from "@/push/register";

// Back from the background, the app catches up: queries refetch as on a browser tab's focus.
focusManager.setEventListener((setFocused) => {
  const subscription = AppState.addEventListener("change", (state) => setFocused(state === "active"));
  return () => subscription.remove();
});

export function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 30_000 } } });
}

function Ready({ children }: { children: React.ReactNode }) {
  const { ready } = useAccount();
  return ready ? children : null;
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  const [languageReady, setLanguageReady] = useState(false);
  useEffect(() => {
    void restoreLanguage().finally(() => setLanguageReady(true));
  }, []);
  if (!languageReady) return null;
  return (
    <SafeAreaProvider>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={client}>
          <AccountProvider hooks={pushHooks}>
            <Ready>
              <ChatSocketProvider>
                <NavigationContainer>
                  <AppNavigator />
                </NavigationContainer>
              </ChatSocketProvider>
            </Ready>
          </AccountProvider>
        </QueryClientProvider>
      </I18nextProvider>
      <StatusBar style="dark" />
    </SafeAreaProvider>
  );
}

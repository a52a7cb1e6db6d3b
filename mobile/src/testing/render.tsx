// Renders the whole app as a phone would show it, against a FakeApi, with a
// fresh cache, storage and language for each test.
import AsyncStorage from "@react-native-async-storage/async-storage";
import { render } from "@testing-library/react-native";
import { getLocales } from "expo-localization";
import * as SecureStore from "expo-secure-store";
import { App, makeQueryClient } from "@/App";
import { setSession } from "@/api/client";
import { TOKEN_KEY } from "@/account/session";
import { i18n, LANGUAGE_KEY } from "@/i18n";
import { FakeApi, type Handlers } from "@/testing/fake-api";
import { FakeWebSocket } from "@/testing/fake-socket";

type Options = {
  handlers?: Handlers;
  token?: string;
  language?: "en" | "ar";
  /** The app starts again on the same phone: storage is kept. */
  restart?: boolean;
  /** A real API's fetch instead of the FakeApi (src/live: the app against the backend). */
  fetch?: typeof fetch;
  /** With `fetch`: the XMLHttpRequest that photo uploads use (src/live). */
  xhr?: typeof XMLHttpRequest;
  /** The phone's region (ISO 3166-1, "SA"); none of the marketplace's unless named. */
  region?: string;
};

export async function renderApp({ handlers = {}, token, language, restart = false, fetch, xhr, region }: Options = {}) {
  const fake = new FakeApi(handlers);
  globalThis.fetch = fetch ?? (fake.fetch as typeof globalThis.fetch);
  globalThis.XMLHttpRequest = xhr ?? fake.xhr();
  FakeWebSocket.install();
  // The two fields the app reads of the phone's locale (i18n/index.ts, catalog/countries.ts).
  const locale = { languageCode: "en", regionCode: region ?? null };
  jest.mocked(getLocales).mockImplementation(() => [locale] as unknown as ReturnType<typeof getLocales>);
  if (!restart) {
    await AsyncStorage.clear();
    (SecureStore as unknown as { __store: Map<string, string> }).__store.clear();
  }
  if (token) await SecureStore.setItemAsync(TOKEN_KEY, token);
  if (language) await AsyncStorage.setItem(LANGUAGE_KEY, language);
  setSession({ token: null, language: "en" });
  await i18n.changeLanguage("en");
  const queryClient = makeQueryClient();
  // No retries, nothing stale, and no garbage-collection timers to keep jest waiting after the test.
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 0, gcTime: Infinity }, mutations: { gcTime: Infinity } });
  const view = render(<App queryClient={queryClient} />);
  return { ...view, api: fake, queryClient };
}

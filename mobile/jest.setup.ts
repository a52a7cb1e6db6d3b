// The device's side of the app in tests: storage, the picker, notifications
// and links are the phone's, so tests stand in for them here; the app's own
// code and the API contract run for real (src/testing/fake-api.ts).
/* eslint-disable @typescript-eslint/no-require-imports */
jest.mock("@react-native-async-storage/async-storage", () => require("@react-native-async-storage/async-storage/jest/async-storage-mock"));
jest.mock("react-native-safe-area-context", () => require("react-native-safe-area-context/jest/mock").default);

jest.mock("expo-secure-store", () => {
  const store = new Map<string, string>();
  return {
    getItemAsync: jest.fn(async (key: string) => store.get(key) ?? null),
    setItemAsync: jest.fn(async (key: string, value: string) => void store.set(key, value)),
    deleteItemAsync: jest.fn(async (key: string) => void store.delete(key)),
    __store: store,
  };
});

// A phone that allows notifications and has a push token; tests change these per case.
jest.mock("expo-notifications", () => ({
  getPermissionsAsync: jest.fn(async () => ({ granted: true, canAskAgain: true })),
  requestPermissionsAsync: jest.fn(async () => ({ granted: true, canAskAgain: true })),
  getExpoPushTokenAsync: jest.fn(async () => ({ type: "expo", data: "ExponentPushToken[test-device]" })),
}));
jest.mock("expo-device", () => ({ isDevice: true, deviceName: "Sara's iPhone" }));

// A phone in English with no region of the marketplace; a test names one with renderApp({ region }).
jest.mock("expo-localization", () => ({ getLocales: jest.fn(() => [{ languageCode: "en", regionCode: null }]) }));

jest.mock("expo", () => ({ ...jest.requireActual("expo"), reloadAppAsync: jest.fn(async () => undefined) }));

// Queries wait up to 10 s for what they expect on a busy shared machine (they return as soon as it shows).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("@testing-library/react-native").configure({ asyncUtilTimeout: 10_000 });

// The phone's FormData (React Native's), which sends a file given as { uri, name, type }.
globalThis.FormData = jest.requireActual("react-native/Libraries/Network/FormData").default;

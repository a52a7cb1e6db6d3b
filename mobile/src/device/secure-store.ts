// Where the app keeps its secrets (the API token, the push registration): the
// phone's Keychain / Keystore. secure-store.web.ts stands in for the browser
// build, which has neither.
export { deleteItemAsync, getItemAsync, setItemAsync } from "expo-secure-store";

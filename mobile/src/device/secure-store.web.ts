// The browser build (`expo export --platform web`, driven by the end-to-end
// tests) has no Keychain: expo-secure-store's web module is empty. The page's
// localStorage keeps the token as the web app's cookie would, for this origin only.
export async function getItemAsync(key: string): Promise<string | null> {
  return localStorage.getItem(key);
}

export async function setItemAsync(key: string, value: string): Promise<void> {
  localStorage.setItem(key, value);
}

export async function deleteItemAsync(key: string): Promise<void> {
  localStorage.removeItem(key);
}

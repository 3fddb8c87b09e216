const STORAGE_KEY = 'sitebook.serverUrl';

/** The last server this device signed in to (the backend's, else the one remembered here). */
export function rememberedServerUrl(fromStatus: string | null): string {
  if (fromStatus) return fromStatus;
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    // Storage can be unavailable; the field then starts empty.
    return '';
  }
}

export function rememberServerUrl(url: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, url);
  } catch {
    // Not remembered; the backend keeps the address of a signed-in device anyway.
  }
}

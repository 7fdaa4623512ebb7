/** The user's language as remembered on this device; no dictionary, so light pages can use it. */
export type Language = 'zh-CN' | 'en-US';

export const LANGUAGE_STORAGE_KEY = 'grassroots.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** `{name}` in a message replaced by `values.name`. */
export function fill(message: string, values?: Record<string, string | number>): string {
  if (values === undefined) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

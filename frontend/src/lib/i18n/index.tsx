/** The user's language (zh-CN by default, English on request, remembered) and its dictionary. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { setAppTitle } from '../pageFocus';
import { fill, LANGUAGE_STORAGE_KEY, storedLanguage, type Language } from './language';
import { zh, type MessageKey } from './zh';

export { LANGUAGE_STORAGE_KEY, storedLanguage, type Language };
export type { MessageKey };
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const dictionaries: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zh, 'en-US': en };

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}

/** A translate function for one language; `{name}` in a message is replaced by `values.name`. */
export function translator(language: Language): Translate {
  const dictionary = dictionaries[language];
  return (key, values) => fill(dictionary[key], values);
}

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(initial ?? storedLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    const t = translator(language);
    setAppTitle(t('app.title'), t('shell.titleSeparator'));
  }, [language]);
  const value = useMemo(() => ({ language, setLanguage, t: translator(language) }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

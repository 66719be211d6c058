import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { interpolate, isLocale, DEFAULT_LOCALE, type Locale } from '../../../common/src/i18n/locale.js';
import { setApiLocale } from './api.js';

// UI text lives beside each feature in a `messages.ts` made with defineMessages(zh, en): the English
// catalog must have every key of the Chinese one, so the compiler catches a missing translation.

export interface MessageCatalog<K extends string> {
  'zh-CN': Record<K, string>;
  'en-US': Record<K, string>;
}

export function defineMessages<T extends Record<string, string>>(
  zh: T,
  en: Record<keyof T & string, string>,
): MessageCatalog<keyof T & string> {
  return { 'zh-CN': zh, 'en-US': en };
}

const STORAGE_KEY = 'tongxin.locale';

/** Whether the user picked a language in this browser (which then wins over the server's memory). */
export function hasStoredLocale(): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) !== null;
}

function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}

interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleContextValue>({ locale: DEFAULT_LOCALE, setLocale: () => {} });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    setApiLocale(l);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    setApiLocale(l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  return useContext(LocaleContext);
}

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/** `const t = useT(messages)`; then `t('title')` or `t('count', { n: 3 })`. */
export function useT<K extends string>(catalog: MessageCatalog<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback(
    (key: K, params?: Record<string, string | number>) => interpolate(catalog[locale][key] ?? key, params),
    [catalog, locale],
  );
}

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zhCN, { type Messages } from './zh-CN.ts';
import en from './en.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The only key this app writes to localStorage: the UI language, nothing else (SECURITY.md 28c). */
const STORAGE_KEY = 'bw.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** The locale the user chose on this browser, or null if they never switched. */
export function readStoredLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function applyLocale(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

const initial: Locale = readStoredLocale() ?? 'zh-CN';
applyLocale(initial);

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** The current UI language; also sent as Accept-Language on every API call. */
export function getLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'zh-CN';
}

/** Switch the UI language and remember it in this browser. Server sync is done by the caller (auth hooks). */
export async function changeLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage may be disabled (private mode); the switch still applies to this tab
  }
  applyLocale(locale);
  await i18next.changeLanguage(locale);
}

export { isLocale };
export default i18next;

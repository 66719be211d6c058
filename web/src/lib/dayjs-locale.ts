import type { Locale } from '../../../common/src/i18n/locale.js';

// The UI language for dayjs, without loading dayjs: only lazily loaded pages use dates through
// dayjs (lib/dayjs.ts), so the first screen does not carry it. AntdProvider reports the language on
// every render; lib/dayjs.ts applies it as soon as dayjs is loaded, and on every later change.

let current: Locale | undefined;
let apply: ((locale: Locale) => void) | undefined;

export function setDayjsLocale(locale: Locale): void {
  current = locale;
  apply?.(locale);
}

export function onDayjsLocale(f: (locale: Locale) => void): void {
  apply = f;
  if (current) f(current);
}

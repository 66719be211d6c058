import dayjs from 'dayjs';

// Display formats used across the app (ui.md): dates as YYYY-MM-DD HH:mm, numbers with separators.

type DateInput = string | number | Date | null | undefined;

/** 'YYYY-MM-DD HH:mm', or '' for no value. */
export function formatDateTime(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : '';
}

/** 'YYYY-MM-DD', or '' for no value. */
export function formatDate(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : '';
}

/** 12,345 */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

/** A unit's or role's name in the UI language: the English name in English when one is set, else the Chinese one. */
export function localizedName(item: { name: string; nameEn: string }, locale: string): string {
  return locale === 'en-US' && item.nameEn ? item.nameEn : item.name;
}

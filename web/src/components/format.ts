// Display formats used across the app (ui.md): dates as YYYY-MM-DD HH:mm, numbers with separators.
// No date library here: the workbench (first screen) formats dates, and dayjs would add ~4 KB gzip to
// the first load. Parsing follows dayjs's rules exactly (a string without "Z" in the ISO-like form is
// local time, so "1985-03-01" is that day here, not UTC midnight; anything else goes to Date).

type DateInput = string | number | Date | null | undefined;

// dayjs's REGEX_PARSE.
const LOCAL_FORM = /^(\d{4})[-/]?(\d{1,2})?[-/]?(\d{0,2})[Tt\s]*(\d{1,2})?:?(\d{1,2})?:?(\d{1,2})?[.:]?(\d+)?$/;

function toDate(value: string | number | Date): Date | null {
  let d: Date;
  const m = typeof value === 'string' && !/Z$/i.test(value) ? LOCAL_FORM.exec(value) : null;
  if (m) {
    d = new Date(
      Number(m[1]),
      Number(m[2]) - 1 || 0,
      Number(m[3] || 1),
      Number(m[4] || 0),
      Number(m[5] || 0),
      Number(m[6] || 0),
      Number((m[7] || '0').slice(0, 3)),
    );
  } else {
    d = new Date(value);
  }
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD HH:mm', or '' for no value. */
export function formatDateTime(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toDate(value);
  return d ? `${formatDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}` : '';
}

/** 'YYYY-MM-DD', or '' for no value. */
export function formatDate(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toDate(value);
  return d ? `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : '';
}

/** 12,345 */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

/** A unit's or role's name in the UI language: the English name in English when one is set, else the Chinese one. */
export function localizedName(item: { name: string; nameEn: string }, locale: string): string {
  return locale === 'en-US' && item.nameEn ? item.nameEn : item.name;
}

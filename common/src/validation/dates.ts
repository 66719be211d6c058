// Dates as departments record them: often only a year or a month (入党 1985.03), in a dozen
// notations, or as whatever Excel made of them (Date objects, serial numbers).

export type DatePrecision = 'year' | 'month' | 'day';

export interface LooseDate {
  value: string | null;
  precision: DatePrecision | null;
  valid: boolean;
}

const INVALID: LooseDate = { value: null, precision: null, valid: false };
// 73050 = 2099-12-31, the end of the range where a bare number can sensibly be a date serial.
const MAX_SERIAL = 73050;
const DAY_MS = 86_400_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Checks the parts and renders 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' at the precision given. */
function build(y: number, m: number | null, d: number | null, today: Date, minYear: number): LooseDate {
  if (!Number.isInteger(y) || y < minYear || y > 9999) return INVALID;
  let value = String(y);
  let precision: DatePrecision = 'year';
  if (m !== null) {
    if (m < 1 || m > 12) return INVALID;
    value += `-${pad2(m)}`;
    precision = 'month';
    if (d !== null) {
      if (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return INVALID;
      value += `-${pad2(d)}`;
      precision = 'day';
    }
  }
  // Compare at the value's own precision: '2025-06' is not in the future during June 2025.
  const todayIso = `${today.getFullYear()}-${pad2(today.getMonth() + 1)}-${pad2(today.getDate())}`;
  if (value > todayIso.slice(0, value.length)) return INVALID;
  return { value, precision, valid: true };
}

function fromUtcDate(date: Date, today: Date, minYear: number): LooseDate {
  if (Number.isNaN(date.getTime())) return INVALID;
  return build(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), today, minYear);
}

/** Excel 1900 date system. Serial 60 is 1900-02-29, a day Lotus and Excel invented: no real date. */
function fromSerial(serial: number, today: Date, minYear: number): LooseDate {
  const day = Math.floor(serial);
  if (day < 1 || day > MAX_SERIAL || day === 60) return INVALID;
  // Serials after the fake leap day count from 1899-12-30, so 25569 is 1970-01-01.
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return fromUtcDate(new Date(epoch + day * DAY_MS), today, minYear);
}

/** Digit runs: 19850307, 198503, 1985, or else an Excel serial. */
function fromDigits(digits: string, today: Date, minYear: number): LooseDate {
  const n = (from: number, to: number) => Number(digits.slice(from, to));
  if (digits.length === 8) return build(n(0, 4), n(4, 6), n(6, 8), today, minYear);
  if (digits.length === 6) return build(n(0, 4), n(4, 6), null, today, minYear);
  // Four digits are a year, not serials 1000–9999 (dates in 1902–1927): a year column is far likelier.
  if (digits.length === 4) return build(n(0, 4), null, null, today, minYear);
  if (digits.length <= 5) return fromSerial(Number(digits), today, minYear);
  return INVALID;
}

/**
 * Parses what a form or spreadsheet holds into 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. Impossible
 * dates, years before minYear (default 1900) and dates after today are invalid.
 */
export function parseLooseDate(raw: unknown, opts: { today?: Date; minYear?: number } = {}): LooseDate {
  const today = opts.today ?? new Date();
  const minYear = opts.minYear ?? 1900;

  // exceljs hands date cells over as UTC midnight, so the UTC fields are the calendar date.
  if (raw instanceof Date) return fromUtcDate(raw, today, minYear);

  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw <= 0) return INVALID;
    if (Number.isInteger(raw)) return fromDigits(String(raw), today, minYear);
    if (raw >= 1000 && raw < 10000) {
      // Excel stores a typed 1985.03 as the number 1985.03, and 1985.10 as 1985.1, which then
      // cannot be told from January; refuse that one rather than guess.
      const text = String(raw);
      if (/^\d{4}\.1$/u.test(text)) return INVALID;
      return parseText(text, today, minYear);
    }
    // Date-time serials carry the time of day as a fraction.
    return fromSerial(raw, today, minYear);
  }

  if (typeof raw !== 'string') return INVALID;
  return parseText(raw, today, minYear);
}

function parseText(raw: string, today: Date, minYear: number): LooseDate {
  const text = raw
    .normalize('NFKC')
    .trim()
    .replace(/^['‘’`]+/u, '');
  if (text === '') return INVALID;

  if (/^\d+$/u.test(text)) return fromDigits(text, today, minYear);
  // Date-time serial as text, e.g. '31113.5'. Only five-digit ones: '1985.3' is year.month, and
  // '85.3' is a two-digit year, not a moment in 1900.
  if (/^\d{5}\.\d+$/u.test(text)) return fromSerial(Number(text), today, minYear);

  // 1985年3月7日, 1985-3-7, 1985/03/07, 1985.03: unify the separators, then read Y[-M[-D]].
  // A time part (ISO or '1985/3/7 0:00:00' from CSV exports) goes first: the written calendar
  // date is the one meant, whatever the time or offset.
  const unified = text
    .replace(/(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/u, '')
    .replace(/\s+/gu, '')
    .replace(/[日号]$/u, '')
    .replace(/[年月/.]/gu, '-')
    .replace(/-$/u, '');
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/u.exec(unified);
  if (!m) return INVALID;
  return build(
    Number(m[1]),
    m[2] === undefined ? null : Number(m[2]),
    m[3] === undefined ? null : Number(m[3]),
    today,
    minYear,
  );
}

const LOOSE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/u;

/**
 * Whether two loose dates agree at the coarser of their precisions ('1985-03' agrees with
 * '1985-03-07', not with '1985-04-01'). Values that are not loose dates never agree.
 */
export function compareLooseDates(a: string, b: string): boolean {
  if (!LOOSE.test(a) || !LOOSE.test(b)) return false;
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

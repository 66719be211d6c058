// Working days in China for case clocks: weekends are off, then the State Council's holiday data
// (holidays.ts) and an administrator's overrides are layered on top, later layers winning.
//
// Dates are 'YYYY-MM-DD' strings (a calendar day in China). Instants are ISO 8601 strings (or
// Date objects) and are placed on China's calendar in Asia/Shanghai, which is a fixed UTC+08:00
// (no daylight saving since 1991), so nothing here depends on the host's time zone.
//
// Deadline rule (the one rule every function here follows):
// - The day a case is received is not counted (like 期间开始的日不计算在内): a deadline of n
//   working days falls at the end of the n-th working day strictly after the day received,
//   whatever the hour of receipt. Received Monday 16:00 with n = 1: due end of Tuesday.
//   Received on Saturday (or a holiday) with n = 1: counting starts on the next working day,
//   which is day 1, so due end of Monday, as for a case received late on Friday.
// - n = 0 (urgent, same day): due at the end of the day received if it is a working day,
//   otherwise at the end of the next working day.
// - "End of the day" is midnight in Shanghai: the case is overdue from 00:00 (+08:00) of the
//   day after the due date, which `Deadline.overdueFrom` gives as a UTC ISO string.
// - workingDaysBetween(a, b) counts the working days in (a, b], the same convention, so that
//   workingDaysBetween(received, addWorkingDays(received, n)) === n for every n ≥ 1.
// - A pause stops the clock: working days from the day after it starts up to and including the
//   day it ends are not counted, and when the clock restarts the remaining days count as for a
//   case received on the resumption day (see `deadline` and `workingDaysBetween`).
// - Outside the years that have data (2025–2027 shipped, plus any year an override touches)
//   only weekends are off; `covers(date)` says so, for a warning rather than a wrong clock.

import { HOLIDAY_NAMES, HOLIDAY_YEARS, type HolidayYear } from './holidays.js';

/** A calendar day in China, 'YYYY-MM-DD'. */
export type CalendarDate = string;
/** A 'YYYY-MM-DD' date, or an instant: an ISO 8601 date-time string or a Date. */
export type DateOrInstant = string | Date;

/** One day set by the shipped data or an administrator, overriding the weekend rule. */
export interface CalendarEntry {
  date: CalendarDate;
  kind: 'holiday' | 'workday';
  name?: string;
  nameEn?: string;
}

/** A period the case was paused; `to` absent or null while the case is still paused. */
export interface PauseInterval {
  from: DateOrInstant;
  to?: DateOrInstant | null;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayInfo {
  date: CalendarDate;
  working: boolean;
  /** 'makeUpWorkday' is a weekend day worked (调休上班); 'holiday' is any entry of kind holiday. */
  kind: DayKind;
  name?: string;
  nameEn?: string;
}

export interface Deadline {
  /** The last working day of the clock; the case is due by the end of it. */
  dueDate: CalendarDate;
  /** UTC ISO instant from which the case is overdue: 00:00 Shanghai the day after `dueDate`. */
  overdueFrom: string;
}

export type DeadlineState = 'onTrack' | 'dueSoon' | 'overdue';

export interface DeadlineStatus {
  state: DeadlineState;
  /**
   * Working days after today up to the due date: 0 = due by the end of today (or, on a day
   * off, of the next working day); 0 when overdue.
   */
  workingDaysLeft: number;
  /** Working days after the due date up to today; 0 unless overdue (and 0 on the weekend right after). */
  workingDaysOverdue: number;
}

/** Thrown for a malformed date, instant or argument; the message names the value. */
export class CalendarInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarInputError';
  }
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
// An admin calendar could mark everything as a holiday; stop instead of looping forever.
const MAX_SCAN_DAYS = 3660;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Days since 1970-01-01 for a valid y-m-d, or null. Date.UTC is host-zone independent. */
function dayNumberOf(y: number, m: number, d: number): number | null {
  if (y < 1 || m < 1 || m > 12 || d < 1) return null;
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  // Date.UTC maps 0..99 to 1900..1999; the round trip also rejects 31 April and 29 February 2025.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return Math.round(ms / DAY_MS);
}

function dateOfDayNumber(day: number): CalendarDate {
  const t = new Date(day * DAY_MS);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Day number of a 'YYYY-MM-DD' date; throws CalendarInputError otherwise. */
function parseDate(value: unknown): number {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  const day = m ? dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (day === null) {
    throw new CalendarInputError(`Invalid calendar date ${show(value)}: expected an existing date as YYYY-MM-DD`);
  }
  return day;
}

/** Epoch milliseconds of an instant; a date-time without an offset is Shanghai wall time. */
function parseInstantMs(value: string | Date): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new CalendarInputError('Invalid instant: the Date is invalid');
    return ms;
  }
  const m = typeof value === 'string' ? INSTANT_RE.exec(value) : null;
  const fail = () =>
    new CalendarInputError(
      `Invalid date or instant ${show(value)}: expected YYYY-MM-DD or an ISO 8601 date-time` +
        ' such as 2025-10-09T16:00:00+08:00',
    );
  if (!m) throw fail();
  const day = dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3]));
  const [hh, mm, ss] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (day === null || hh > 24 || mm > 59 || ss > 59 || (hh === 24 && (mm > 0 || ss > 0 || Number(m[7] ?? 0) > 0))) {
    throw fail();
  }
  const fraction = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let offsetMs = SHANGHAI_OFFSET_MS;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 23 || om > 59) throw fail();
    offsetMs = (zone[0] === '-' ? -1 : 1) * (oh * 3_600_000 + om * 60_000);
  } else if (zone) {
    offsetMs = 0;
  }
  return day * DAY_MS + ((hh * 60 + mm) * 60 + ss) * 1000 + fraction - offsetMs;
}

/** Day number in Shanghai of a date or an instant. */
function toDay(value: DateOrInstant): number {
  if (typeof value === 'string' && DATE_RE.test(value)) return parseDate(value);
  if (typeof value !== 'string' && !(value instanceof Date)) parseDate(value);
  return Math.floor((parseInstantMs(value) + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Throws CalendarInputError unless `value` is an existing date as 'YYYY-MM-DD'. */
export function assertCalendarDate(value: unknown): asserts value is CalendarDate {
  parseDate(value);
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  return m !== null && dayNumberOf(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/** The calendar day in Shanghai of an instant (a 'YYYY-MM-DD' date is returned as is). */
export function shanghaiDate(value: DateOrInstant): CalendarDate {
  return dateOfDayNumber(toDay(value));
}

/** The instant (UTC ISO) a day ends in Shanghai, i.e. 00:00 +08:00 of the next day. */
export function endOfShanghaiDay(date: CalendarDate): string {
  return new Date((parseDate(date) + 1) * DAY_MS - SHANGHAI_OFFSET_MS).toISOString();
}

/** Problems in an administrator's list of entries, for a form or an API to report. */
export function validateCalendarEntries(entries: readonly unknown[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  const seen = new Map<string, number>();
  entries.forEach((raw, index) => {
    const entry = raw as Partial<CalendarEntry> | null;
    if (typeof entry !== 'object' || entry === null) {
      problems.push({ index, message: 'Entry must be an object with date and kind' });
      return;
    }
    if (!isCalendarDate(entry.date)) {
      problems.push({ index, message: `Invalid calendar date ${show(entry.date)}: expected YYYY-MM-DD` });
    } else if (seen.has(entry.date)) {
      problems.push({ index, message: `Date ${entry.date} is already set by entry ${seen.get(entry.date)}` });
    } else {
      seen.set(entry.date, index);
    }
    if (entry.kind !== 'holiday' && entry.kind !== 'workday') {
      problems.push({ index, message: `Invalid kind ${show(entry.kind)}: expected "holiday" or "workday"` });
    }
    if (entry.name !== undefined && typeof entry.name !== 'string') {
      problems.push({ index, message: 'Name must be a string' });
    }
  });
  return problems;
}

/** The shipped data as entries: every day of each holiday period, then the make-up days. */
export function holidayEntries(years: readonly HolidayYear[] = HOLIDAY_YEARS): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const year of years) {
    for (const h of year.holidays) {
      const end = parseDate(h.end);
      for (let day = parseDate(h.start); day <= end; day++) {
        entries.push({ date: dateOfDayNumber(day), kind: 'holiday', name: h.nameZh, nameEn: h.nameEn });
      }
    }
    for (const w of year.makeUpWorkdays) {
      const names = HOLIDAY_NAMES[w.key];
      entries.push({
        date: w.date,
        kind: 'workday',
        name: `${names.zh}调休上班`,
        nameEn: `${names.en} make-up working day`,
      });
    }
  }
  return entries;
}

interface DaySetting {
  working: boolean;
  name?: string;
  nameEn?: string;
}

const isWeekend = (day: number) => {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
  return weekday === 0 || weekday === 6;
};

export class WorkCalendar {
  private readonly settings = new Map<number, DaySetting>();
  private readonly years = new Set<number>();

  /**
   * `layers` are applied in order over the weekend rule; within and across layers the last entry
   * for a date wins (validate an administrator's list with validateCalendarEntries first).
   * `coveredYears` are the years whose holidays are known; years with any entry count too.
   */
  constructor(layers: readonly (readonly CalendarEntry[])[], coveredYears: Iterable<number> = []) {
    for (const y of coveredYears) this.years.add(y);
    for (const layer of layers) {
      for (const entry of layer) {
        const day = parseDate(entry.date);
        if (entry.kind !== 'holiday' && entry.kind !== 'workday') {
          throw new CalendarInputError(
            `Invalid kind ${show(entry.kind)} for ${entry.date}: expected "holiday" or "workday"`,
          );
        }
        this.settings.set(day, { working: entry.kind === 'workday', name: entry.name, nameEn: entry.nameEn });
        this.years.add(Number(entry.date.slice(0, 4)));
      }
    }
  }

  private working(day: number): boolean {
    return this.settings.get(day)?.working ?? !isWeekend(day);
  }

  /** The first working day on or after `day` (scanning is bounded). */
  private firstWorkingFrom(day: number): number {
    for (let i = 0; i < MAX_SCAN_DAYS; i++) if (this.working(day + i)) return day + i;
    throw new CalendarInputError(`No working day within ${MAX_SCAN_DAYS} days of ${dateOfDayNumber(day)}`);
  }

  private addDays(start: number, n: number): number {
    let day = this.firstWorkingFrom(start);
    // Day 1 is the first working day strictly after the start; on a non-working start the
    // first working day found above is already day 1.
    let counted = day === start ? 0 : 1;
    if (n === 0) return day;
    while (counted < n) {
      day = this.firstWorkingFrom(day + 1);
      counted++;
    }
    return day;
  }

  /** Working days in (a, b]; negative when b is before a. */
  private countBetween(a: number, b: number): number {
    if (b < a) return -this.countBetween(b, a);
    let count = 0;
    for (let day = a + 1; day <= b; day++) if (this.working(day)) count++;
    return count;
  }

  /** Whether the year of `date` has holiday data; outside it only weekends are off. */
  covers(date: DateOrInstant): boolean {
    return this.years.has(Number(shanghaiDate(date).slice(0, 4)));
  }

  isWorkingDay(date: DateOrInstant): boolean {
    return this.working(toDay(date));
  }

  dayInfo(date: DateOrInstant): DayInfo {
    const day = toDay(date);
    const setting = this.settings.get(day);
    const weekend = isWeekend(day);
    const info: DayInfo = {
      date: dateOfDayNumber(day),
      working: this.working(day),
      kind: weekend ? 'weekend' : 'workday',
    };
    if (setting) {
      info.kind = setting.working ? (weekend ? 'makeUpWorkday' : 'workday') : 'holiday';
      if (setting.name !== undefined) info.name = setting.name;
      if (setting.nameEn !== undefined) info.nameEn = setting.nameEn;
    }
    return info;
  }

  /** The first working day strictly after the day of `date`. */
  nextWorkingDay(date: DateOrInstant): CalendarDate {
    return dateOfDayNumber(this.firstWorkingFrom(toDay(date) + 1));
  }

  /**
   * The due date of a clock of `n` working days started by a case received at `start` (a date or
   * an instant): the n-th working day strictly after the day received; for n = 0 that day itself
   * when it is a working day, else the next working day. See the rule at the top of this file.
   */
  addWorkingDays(start: DateOrInstant, n: number): CalendarDate {
    return dateOfDayNumber(this.addDays(toDay(start), checkCount(n)));
  }

  /**
   * Working days in (a, b] (a and b dates or instants, taken as days in Shanghai): how many
   * working days a case received at `a` and closed at `b` took, for handling-time averages.
   * Negative when b is before a. With `pauses`, working days while paused are not counted:
   * a pause from p to q (days) removes the working days in (p, q], clipped to (a, b]; an open
   * pause runs to b.
   */
  workingDaysBetween(a: DateOrInstant, b: DateOrInstant, pauses: readonly PauseInterval[] = []): number {
    const [from, to] = [toDay(a), toDay(b)];
    if (to < from) {
      if (pauses.length > 0) throw new CalendarInputError('workingDaysBetween with pauses needs a on or before b');
      return this.countBetween(from, to);
    }
    let count = 0;
    let running = from;
    for (const pause of mergePauses(pauses, to)) {
      if (pause.to <= running) continue;
      if (pause.from >= to) break;
      if (pause.from > running) count += this.countBetween(running, pause.from);
      running = Math.max(running, pause.to);
    }
    if (running < to) count += this.countBetween(running, to);
    return count;
  }

  /**
   * The deadline of a clock of `n` working days for a case received at `received`, stopped
   * while paused: at a pause the working days used so far are kept, and on resumption the rest
   * run as if the case were received on the resumption day (so an urgent case paused on its due
   * day is due at the end of the day it resumes). A pause that starts after the due date does
   * not move it. Null while a pause is still open: the clock has no deadline then.
   */
  deadline(received: DateOrInstant, n: number, pauses: readonly PauseInterval[] = []): Deadline | null {
    let remaining = checkCount(n);
    let start = toDay(received);
    for (const pause of mergePauses(pauses, null)) {
      if (pause.to <= start) continue; // ended before the clock (re)started
      const due = this.addDays(start, remaining);
      if (pause.from > due) break; // the case was already due (or overdue) when paused
      if (pause.from > start) remaining -= Math.min(remaining, this.countBetween(start, pause.from));
      if (pause.open) return null;
      start = pause.to;
    }
    const dueDate = dateOfDayNumber(this.addDays(start, remaining));
    return { dueDate, overdueFrom: endOfShanghaiDay(dueDate) };
  }

  /**
   * Where a clock due on `dueDate` stands at `now`: overdue after the end of the due date,
   * due soon when at most `dueSoonWithin` working days are left (default 1: due today or by the
   * end of the next working day), else on track.
   */
  deadlineStatus(dueDate: CalendarDate, now: DateOrInstant, dueSoonWithin = 1): DeadlineStatus {
    const due = parseDate(dueDate);
    const today = toDay(now);
    checkCount(dueSoonWithin);
    if (today > due) return { state: 'overdue', workingDaysLeft: 0, workingDaysOverdue: this.countBetween(due, today) };
    const left = this.countBetween(today, due);
    return { state: left <= dueSoonWithin ? 'dueSoon' : 'onTrack', workingDaysLeft: left, workingDaysOverdue: 0 };
  }

  isDueSoon(dueDate: CalendarDate, now: DateOrInstant, dueSoonWithin = 1): boolean {
    return this.deadlineStatus(dueDate, now, dueSoonWithin).state === 'dueSoon';
  }
}

function checkCount(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CalendarInputError(`Invalid number of working days ${show(n)}: expected an integer ≥ 0`);
  }
  return n;
}

interface DayPause {
  from: number;
  to: number;
  open: boolean;
}

/** Pauses as day ranges, sorted and merged; an open pause ends at `openEnd` (or never). */
function mergePauses(pauses: readonly PauseInterval[], openEnd: number | null): DayPause[] {
  const ranges = pauses.map((p): DayPause => {
    const from = toDay(p.from);
    const open = p.to === undefined || p.to === null;
    // An open pause that starts after `openEnd` removes nothing before it.
    const to = open ? Math.max(from, openEnd ?? Number.POSITIVE_INFINITY) : toDay(p.to as DateOrInstant);
    if (to < from) {
      throw new CalendarInputError(
        `Invalid pause: ends ${dateOfDayNumber(to)} before it starts ${dateOfDayNumber(from)}`,
      );
    }
    return { from, to, open };
  });
  ranges.sort((x, y) => x.from - y.from);
  const merged: DayPause[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to) {
      last.open ||= r.open && r.to >= last.to;
      last.to = Math.max(last.to, r.to);
    } else {
      merged.push({ ...r });
    }
  }
  return merged;
}

/**
 * A calendar from the shipped State Council data with an administrator's overrides on top.
 * Pass `years` to replace the shipped data (e.g. tests, or a corrected copy).
 */
export function createWorkCalendar(
  overrides: readonly CalendarEntry[] = [],
  years: readonly HolidayYear[] = HOLIDAY_YEARS,
): WorkCalendar {
  return new WorkCalendar([holidayEntries(years), overrides], years.map((y) => y.year));
}

let shipped: WorkCalendar | undefined;

/** The calendar of the shipped data alone, built once. */
export function defaultWorkCalendar(): WorkCalendar {
  shipped ??= createWorkCalendar();
  return shipped;
}

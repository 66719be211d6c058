import { describe, expect, it } from 'vitest';
import { HOLIDAY_YEARS } from './holidays.js';
import { holidayEntries } from './working-days.js';

// The published schedules as listed by chinese-days 1.5.7, holiday-calendar 1.3.3 and
// lunar-javascript 1.7.7 (all three agree): days off as ranges, then the make-up working days.
const PUBLISHED: Record<number, { off: [string, string][]; work: string[] }> = {
  2025: {
    off: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    off: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

const DAY_MS = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const expand = ([start, end]: [string, string]) => {
  const days: string[] = [];
  for (let d = dayOf(start); d <= dayOf(end); d++) days.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  return days;
};

describe('shipped holiday data', () => {
  it('covers 2025 to 2027, with only 2027 provisional', () => {
    expect(HOLIDAY_YEARS.map((y) => [y.year, y.provisional])).toEqual([
      [2025, false],
      [2026, false],
      [2027, true],
    ]);
  });

  it.each(Object.entries(PUBLISHED))('matches the published %s schedule day by day', (year, published) => {
    const data = HOLIDAY_YEARS.find((y) => String(y.year) === year)!;
    const entries = holidayEntries([data]);
    expect(entries.filter((e) => e.kind === 'holiday').map((e) => e.date)).toEqual(published.off.flatMap(expand));
    expect(entries.filter((e) => e.kind === 'workday').map((e) => e.date)).toEqual(published.work);
  });

  it.each(HOLIDAY_YEARS.map((y) => [y.year, y] as const))('%s is consistent', (year, data) => {
    const entries = holidayEntries([data]);
    const dates = entries.map((e) => e.date);
    expect(new Set(dates).size).toBe(dates.length); // no day both off and worked
    for (const date of dates) expect(date.slice(0, 4)).toBe(String(year));
    for (const h of data.holidays) expect(h.start <= h.end).toBe(true);
    // Make-up days are weekend days; otherwise they would change nothing.
    for (const w of data.makeUpWorkdays) expect([0, 6]).toContain(weekday(w.date));
    // Since 2025 the law gives 13 days a year, and the schedule takes exactly that many weekdays
    // off (a statutory day on a weekend is given back on a weekday; make-up days pay the rest).
    const weekdaysOff = entries.filter((e) => e.kind === 'holiday' && ![0, 6].includes(weekday(e.date))).length;
    expect(weekdaysOff - data.makeUpWorkdays.length).toBe(13);
  });

  it('has Chinese and English names on every period', () => {
    for (const y of HOLIDAY_YEARS) {
      for (const h of y.holidays) {
        expect(h.nameZh).toMatch(/[\u4e00-\u9fff]/);
        expect(h.nameEn).toMatch(/^[A-Z]/);
      }
    }
    expect(HOLIDAY_YEARS[0].holidays.find((h) => h.start === '2025-01-28')).toMatchObject({
      nameZh: '春节',
      nameEn: 'Spring Festival',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { compareLooseDates, parseLooseDate } from './dates.js';

const TODAY = new Date(2025, 5, 15); // 2025-06-15, local time

describe('parseLooseDate', () => {
  it.each<[unknown, string, string]>([
    // [input, value, why]
    ['1985.03', '1985-03', 'dotted year.month'],
    ['1985.3', '1985-03', 'single-digit month'],
    ['1985年3月', '1985-03', 'Chinese year and month'],
    ['1985年03月', '1985-03', 'Chinese, zero-padded'],
    ['1985年3月7日', '1985-03-07', 'Chinese full date'],
    ['1985 年 3 月 7 日', '1985-03-07', 'Chinese with spaces'],
    ['1985年3月7号', '1985-03-07', '号 for the day'],
    ['1985年', '1985', 'Chinese year only'],
    ['1985-3-7', '1985-03-07', 'dashes, no padding'],
    ['1985/03/07', '1985-03-07', 'slashes'],
    ['1985.03.07', '1985-03-07', 'dots'],
    ['19850307', '1985-03-07', 'eight digits'],
    ['198503', '1985-03', 'six digits'],
    ['1985', '1985', 'year'],
    ['１９８５．０３', '1985-03', 'full-width'],
    ['１９８５年３月７日', '1985-03-07', 'full-width Chinese'],
    ["'1985.03", '1985-03', 'leading apostrophe'],
    ['1985-03-07T00:00:00.000Z', '1985-03-07', 'ISO date-time, UTC'],
    ['1985-03-07T08:30:00+08:00', '1985-03-07', 'ISO date-time with offset: the written date'],
    ['1985/3/7 0:00:00', '1985-03-07', 'CSV export of a date cell'],
    ['31113', '1985-03-07', 'Excel serial as text'],
    ['31113.75', '1985-03-07', 'Excel date-time serial as text'],
    [31113, '1985-03-07', 'Excel serial'],
    [31113.5, '1985-03-07', 'Excel date-time serial'],
    [25569, '1970-01-01', 'serial of the Unix epoch'],
    [1, '1900-01-01', 'first serial'],
    [59, '1900-02-28', 'last serial before the fake leap day'],
    [61, '1900-03-01', 'first serial after the fake leap day'],
    [45658, '2025-01-01', 'recent serial'],
    [19850307, '1985-03-07', 'yyyymmdd typed as a number'],
    [198503, '1985-03', 'yyyymm typed as a number'],
    [1985, '1985', 'a year typed as a number is a year, not serial 1985 (1905-06-07)'],
    [1985.03, '1985-03', 'Excel turned the typed 1985.03 into a number'],
    [1985.12, '1985-12', 'same for December'],
    [new Date(Date.UTC(1985, 2, 7)), '1985-03-07', 'exceljs date: UTC midnight'],
    ['2025-06-15', '2025-06-15', 'today'],
    ['2025-06', '2025-06', 'this month'],
    ['2025', '2025', 'this year'],
    ['1900-01-01', '1900-01-01', 'first day of minYear'],
    ['2024-02-29', '2024-02-29', 'real leap day'],
  ])('%j → %s (%s)', (raw, value) => {
    expect(parseLooseDate(raw, { today: TODAY })).toEqual({
      value,
      precision: value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day',
      valid: true,
    });
  });

  it.each<[unknown, string]>([
    ['1985-02-30', 'no 30 February'],
    ['19850230', 'no 30 February, digits'],
    ['1985年2月29日', '1985 is no leap year'],
    ['1900-02-29', '1900 is no leap year'],
    ['1985-13', 'month 13'],
    ['1985.00', 'month 0'],
    ['1985-03-00', 'day 0'],
    [60, 'serial 60 is the fake 1900-02-29'],
    ['60', 'same as text'],
    [0, 'serial 0'],
    [-5, 'negative'],
    [73051, 'serial past 2099'],
    ['1899-12-31', 'before minYear'],
    ['1899', 'year before minYear'],
    ['2025-06-16', 'tomorrow'],
    ['2025-07', 'next month'],
    ['2026', 'next year'],
    [1985.1, 'could be typed 1985.1 (January) or 1985.10 (October)'],
    ['85.3', 'two-digit year'],
    ['03/07/1985', 'day-month order is ambiguous'],
    ['1985-3-7-1', 'too many parts'],
    ['1234567', 'seven digits'],
    ['不详', 'unknown'],
    ['', 'empty'],
    [null, 'null'],
    [undefined, 'undefined'],
    [new Date(Number.NaN), 'invalid Date'],
    [Number.POSITIVE_INFINITY, 'infinity'],
    [{}, 'object'],
  ])('%j is invalid (%s)', (raw) => {
    expect(parseLooseDate(raw, { today: TODAY })).toEqual({ value: null, precision: null, valid: false });
  });

  it('honours minYear', () => {
    expect(parseLooseDate('1949-10-01', { today: TODAY, minYear: 1950 }).valid).toBe(false);
    expect(parseLooseDate('1950-01', { today: TODAY, minYear: 1950 }).value).toBe('1950-01');
  });

  it('uses the current date when no today is given', () => {
    const next = new Date().getFullYear() + 1;
    expect(parseLooseDate(String(next)).valid).toBe(false);
    expect(parseLooseDate('2000-01-01').value).toBe('2000-01-01');
  });
});

describe('compareLooseDates', () => {
  it.each([
    ['1985-03-07', '1985-03-07', true],
    ['1985-03', '1985-03-07', true],
    ['1985-03-07', '1985', true],
    ['1985', '1985', true],
    ['1985-03-07', '1985-03-08', false],
    ['1985-03', '1985-04-01', false],
    ['1985', '1986-03-07', false],
    ['1985-3-7', '1985-03-07', false],
    ['', '1985', false],
  ])('%s vs %s → %s', (a, b, same) => {
    expect(compareLooseDates(a, b)).toBe(same);
    expect(compareLooseDates(b, a)).toBe(same);
  });
});

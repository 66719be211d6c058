import { afterEach, describe, expect, it } from 'vitest';
import {
  CalendarInputError,
  createWorkCalendar,
  defaultWorkCalendar,
  endOfShanghaiDay,
  shanghaiDate,
  validateCalendarEntries,
  WorkCalendar,
  type PauseInterval,
} from './working-days.js';

const cal = defaultWorkCalendar();

describe('isWorkingDay', () => {
  it.each([
    // 2025 National Day and Mid-Autumn: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
    ['2025-09-27', false, 'ordinary Saturday'],
    ['2025-09-28', true, 'make-up Sunday'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-06', false, 'Mid-Autumn inside the National Day week'],
    ['2025-10-08', false, 'last day off'],
    ['2025-10-09', true, 'first working day after'],
    ['2025-10-11', true, 'make-up Saturday'],
    ['2025-10-12', false, 'ordinary Sunday'],
    // 2026 National Day: 1–7 October, worked Sunday 20 September and Saturday 10 October.
    ['2026-09-20', true, 'make-up Sunday'],
    ['2026-09-25', false, 'Mid-Autumn 2026'],
    ['2026-10-07', false, 'National Day 2026'],
    ['2026-10-08', true, 'first working day after'],
    ['2026-10-10', true, 'make-up Saturday'],
    // Spring Festival.
    ['2025-01-26', true, 'make-up Sunday before 春节 2025'],
    ['2025-01-28', false, '除夕 2025 (a holiday since 2025)'],
    ['2025-02-04', false, '初七 2025'],
    ['2025-02-08', true, 'make-up Saturday after 春节 2025'],
    ['2026-02-14', true, 'make-up Saturday before 春节 2026'],
    ['2026-02-23', false, 'last day of 春节 2026'],
    ['2026-02-28', true, 'make-up Saturday after 春节 2026'],
    // 2025 Labour Day got a fifth day.
    ['2025-05-05', false, 'Labour Day 2025, Monday'],
    ['2025-04-27', true, 'make-up Sunday'],
    ['2026-01-04', true, 'make-up Sunday after New Year 2026'],
    ['2025-11-25', true, 'ordinary Tuesday'],
  ])('%s is working: %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });
});

describe('addWorkingDays (due dates)', () => {
  it.each([
    // National Day 2025.
    ['2025-09-30', 1, '2025-10-09', 'received the day before the holiday'],
    ['2025-09-30T16:00:00+08:00', 1, '2025-10-09', 'the hour does not matter'],
    ['2025-09-30', 3, '2025-10-11', 'lands on the make-up Saturday'],
    ['2025-09-30', 4, '2025-10-13', 'then skips the Sunday'],
    ['2025-09-26', 1, '2025-09-28', 'Friday, next working day is the make-up Sunday'],
    ['2025-09-27', 1, '2025-09-28', 'received on a Saturday: the make-up Sunday is day 1'],
    ['2025-10-03', 1, '2025-10-09', 'received on a holiday: counting starts on the next working day'],
    ['2025-10-03', 2, '2025-10-10', 'received on a holiday, 2 days'],
    ['2025-10-03', 0, '2025-10-09', 'urgent, received on a holiday: end of the next working day'],
    // National Day 2026 (and Mid-Autumn the week before).
    ['2026-09-24', 1, '2026-09-28', 'over Mid-Autumn 2026'],
    ['2026-09-18', 1, '2026-09-20', 'Friday before the make-up Sunday'],
    ['2026-09-30', 1, '2026-10-08', 'over National Day 2026'],
    ['2026-09-30', 3, '2026-10-10', 'lands on the make-up Saturday'],
    ['2026-09-30', 15, '2026-10-27', 'a 15-day clock over the holiday'],
    // Spring Festival.
    ['2025-01-27', 1, '2025-02-05', 'Spring Festival 2025'],
    ['2025-01-24', 1, '2025-01-26', 'Friday before the make-up Sunday'],
    ['2026-02-13', 1, '2026-02-14', 'Spring Festival 2026: make-up Saturday'],
    ['2026-02-13', 2, '2026-02-24', 'Spring Festival 2026: after the nine days'],
    ['2026-02-16', 0, '2026-02-24', 'received on 除夕 2026, urgent'],
    // Year boundaries.
    ['2025-12-31', 1, '2026-01-04', 'into 2026: the make-up Sunday'],
    ['2025-12-31', 2, '2026-01-05', 'into 2026'],
    ['2026-12-31', 1, '2027-01-04', 'into 2027 (provisional data)'],
    // Same day / urgent.
    ['2025-10-09', 0, '2025-10-09', 'urgent on a working day: end of the same day'],
    ['2025-10-11', 0, '2025-10-11', 'urgent on a make-up Saturday'],
    ['2025-11-25', 0, '2025-11-25', 'urgent on an ordinary Tuesday'],
    ['2025-11-29', 0, '2025-12-01', 'urgent on a Saturday'],
    // Instants are placed in Shanghai, whatever their offset.
    ['2025-09-29T16:30:00Z', 1, '2025-10-09', '00:30 on 30 September in Shanghai'],
    ['2025-09-29T15:59:59.999Z', 1, '2025-09-30', '23:59 on 29 September in Shanghai'],
    ['2025-09-29T12:30:00-04:00', 1, '2025-10-09', 'New York noon is 00:30 next day in Shanghai'],
    ['2025-09-30T23:30:00', 1, '2025-10-09', 'no offset: Shanghai wall time'],
    ['2025-09-29 23:30', 0, '2025-09-29', 'space separator, no seconds'],
  ])('%s + %i → %s (%s)', (start, n, due) => {
    expect(cal.addWorkingDays(start, n)).toBe(due);
  });

  it('accepts Date objects as instants', () => {
    expect(cal.addWorkingDays(new Date(Date.UTC(2025, 8, 29, 16, 30)), 1)).toBe('2025-10-09');
  });
});

describe('nextWorkingDay', () => {
  it.each([
    ['2025-09-30', '2025-10-09'],
    ['2025-09-27', '2025-09-28'],
    ['2025-10-10', '2025-10-11'],
    ['2025-10-11', '2025-10-13'],
    ['2026-02-13', '2026-02-14'],
    ['2026-02-14', '2026-02-24'],
    ['2025-12-31', '2026-01-04'],
  ])('after %s is %s', (date, next) => {
    expect(cal.nextWorkingDay(date)).toBe(next);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2025-09-30', '2025-10-09', 1],
    ['2025-09-26', '2025-10-13', 7], // 28, 29, 30 Sep; 9, 10, 11, 13 Oct
    ['2025-10-01', '2025-10-08', 0],
    ['2025-10-09', '2025-10-09', 0],
    ['2025-10-09T08:00:00+08:00', '2025-10-09T18:00:00+08:00', 0],
    ['2025-10-13', '2025-09-26', -7],
    ['2025-12-31', '2026-01-05', 2],
    ['2026-02-13', '2026-02-28', 6], // 14, 24, 25, 26, 27, 28 Feb
  ])('(%s, %s] has %i working days', (a, b, n) => {
    expect(cal.workingDaysBetween(a, b)).toBe(n);
  });

  it('inverts addWorkingDays for every start in 2025–2026 and n in 1..25', () => {
    for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
      const start = new Date(day).toISOString().slice(0, 10);
      for (const n of [1, 2, 5, 10, 15, 25]) {
        expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
      }
    }
  });
});

describe('pauses', () => {
  // Plain weeks in November 2025: Monday 17 to Sunday 30, no holidays.
  const pause = (from: string, to?: string | null): PauseInterval => ({ from, to });
  const cases: [string, string, number, PauseInterval[], string | null][] = [
    ['no pause', '2025-11-17', 1, [], '2025-11-18'],
    ['paused Mon, resumed Wed: restarts on Wed', '2025-11-17', 1, [pause('2025-11-17', '2025-11-19')], '2025-11-20'],
    [
      'urgent, paused the same day until Wed',
      '2025-11-17',
      0,
      [pause('2025-11-17T10:00:00+08:00', '2025-11-19T10:00:00+08:00')],
      '2025-11-19',
    ],
    ['paused on the due day Fri, resumed Mon', '2025-11-20', 1, [pause('2025-11-21', '2025-11-24')], '2025-11-24'],
    ['paused Fri to Mon, 3-day clock: one day back', '2025-11-20', 3, [pause('2025-11-21', '2025-11-24')], '2025-11-26'],
    ['paused over a weekend only: no change', '2025-11-20', 2, [pause('2025-11-22', '2025-11-23')], '2025-11-24'],
    ['paused and resumed the same day: no change', '2025-11-17', 2, [pause('2025-11-18', '2025-11-18')], '2025-11-19'],
    ['paused after the due date: no change', '2025-11-17', 1, [pause('2025-11-20', '2025-11-25')], '2025-11-18'],
    ['still paused: no deadline', '2025-11-17', 5, [pause('2025-11-18', null)], null],
    ['still paused, but only after it was overdue', '2025-11-17', 1, [pause('2025-11-20')], '2025-11-18'],
    [
      'two pauses',
      '2025-11-17',
      3,
      [pause('2025-11-18', '2025-11-19'), pause('2025-11-20', '2025-11-21')],
      '2025-11-24',
    ],
    [
      'overlapping pauses count once: 19, 20 and 21 lost',
      '2025-11-17',
      3,
      [pause('2025-11-18', '2025-11-20'), pause('2025-11-19', '2025-11-21')],
      '2025-11-25',
    ],
    ['paused across National Day 2025', '2025-09-29', 2, [pause('2025-09-30', '2025-10-09')], '2025-10-10'],
  ];

  it.each(cases)('deadline: %s', (_label, received, n, pauses, due) => {
    const deadline = cal.deadline(received, n, pauses);
    expect(deadline?.dueDate ?? null).toBe(due);
    if (due !== null) {
      // The clock's working days, pauses excluded, add up to n (for n ≥ 1).
      if (n > 0) expect(cal.workingDaysBetween(received, due, pauses)).toBe(n);
    }
  });

  it.each([
    ['2025-11-17', '2025-11-21', [], 4],
    ['2025-11-17', '2025-11-21', [{ from: '2025-11-18', to: '2025-11-20' }], 2], // 18 and 21
    ['2025-11-17', '2025-11-21', [{ from: '2025-11-10', to: '2025-11-19' }], 2], // started before a
    ['2025-11-17', '2025-11-21', [{ from: '2025-11-19', to: '2025-12-01' }], 2], // runs past b
    ['2025-11-17', '2025-11-21', [{ from: '2025-11-19' }], 2], // still open: up to b
    ['2025-11-17', '2025-11-21', [{ from: '2025-11-21', to: '2025-11-24' }], 4], // starts on b
  ] as [string, string, PauseInterval[], number][])(
    'workingDaysBetween(%s, %s) less pauses %j = %i',
    (a, b, pauses, n) => {
      expect(cal.workingDaysBetween(a, b, pauses)).toBe(n);
    },
  );

  it('rejects a pause that ends before it starts', () => {
    expect(() => cal.deadline('2025-11-17', 2, [{ from: '2025-11-19', to: '2025-11-18' }])).toThrow(CalendarInputError);
  });
});

describe('deadline instants and status', () => {
  it('is overdue from midnight Shanghai after the due date', () => {
    expect(cal.deadline('2025-09-30T16:00:00+08:00', 1)).toEqual({
      dueDate: '2025-10-09',
      overdueFrom: '2025-10-09T16:00:00.000Z',
    });
    expect(endOfShanghaiDay('2025-12-31')).toBe('2025-12-31T16:00:00.000Z');
  });

  it.each([
    ['2025-10-13', '2025-09-30T10:00:00+08:00', 'onTrack', 4, 0], // 9, 10, 11, 13 Oct
    ['2025-10-13', '2025-10-10T09:00:00+08:00', 'onTrack', 2, 0], // 11 (make-up Saturday) and 13
    ['2025-10-13', '2025-10-11T09:00:00+08:00', 'dueSoon', 1, 0],
    ['2025-10-13', '2025-10-12T09:00:00+08:00', 'dueSoon', 1, 0], // Sunday: Monday is left
    ['2025-10-13', '2025-10-13T23:59:59+08:00', 'dueSoon', 0, 0],
    ['2025-10-13', '2025-10-13T16:00:00Z', 'overdue', 0, 1], // 00:00 on the 14th in Shanghai
    ['2025-10-10', '2025-10-12T09:00:00+08:00', 'overdue', 0, 1], // the make-up Saturday was lost
    ['2025-11-21', '2025-11-22T09:00:00+08:00', 'overdue', 0, 0], // Friday's case on Saturday
    ['2025-09-30', '2025-10-09T09:00:00+08:00', 'overdue', 0, 1],
  ] as const)('due %s at %s: %s, %i left, %i overdue', (due, now, state, left, overdue) => {
    expect(cal.deadlineStatus(due, now)).toEqual({ state, workingDaysLeft: left, workingDaysOverdue: overdue });
  });

  it('takes a due-soon threshold', () => {
    expect(cal.isDueSoon('2025-10-13', '2025-10-10T09:00:00+08:00')).toBe(false);
    expect(cal.isDueSoon('2025-10-13', '2025-10-10T09:00:00+08:00', 2)).toBe(true);
    expect(cal.isDueSoon('2025-10-13', '2025-10-14T09:00:00+08:00', 2)).toBe(false);
  });
});

describe('overrides', () => {
  it.each([
    ['an extra local holiday', [{ date: '2025-10-09', kind: 'holiday', name: '地方假日' }], '2025-09-30', 1, '2025-10-10'],
    ['a make-up day cancelled', [{ date: '2025-10-11', kind: 'holiday' }], '2025-09-30', 3, '2025-10-13'],
    ['a Saturday made a working day', [{ date: '2025-11-22', kind: 'workday' }], '2025-11-21', 1, '2025-11-22'],
    ['a holiday made a working day', [{ date: '2025-10-08', kind: 'workday' }], '2025-09-30', 1, '2025-10-08'],
    [
      'the last entry for a date wins',
      [
        { date: '2025-10-08', kind: 'holiday' },
        { date: '2025-10-08', kind: 'workday' },
      ],
      '2025-09-30',
      1,
      '2025-10-08',
    ],
    ['a 2028 holiday', [{ date: '2028-01-03', kind: 'holiday', name: '元旦' }], '2027-12-31', 1, '2028-01-04'],
  ] as const)('%s', (_label, overrides, start, n, due) => {
    expect(createWorkCalendar([...overrides]).addWorkingDays(start, n)).toBe(due);
    // The shipped calendar is untouched.
    expect(cal.addWorkingDays(start, n)).not.toBe(due);
  });

  it('describes days, names included', () => {
    const custom = createWorkCalendar([{ date: '2025-11-24', kind: 'holiday', name: '地方假日' }]);
    expect(custom.dayInfo('2025-10-01')).toEqual({
      date: '2025-10-01',
      working: false,
      kind: 'holiday',
      name: '国庆节、中秋节',
      nameEn: 'National Day and Mid-Autumn Festival',
    });
    expect(custom.dayInfo('2025-10-11')).toMatchObject({ working: true, kind: 'makeUpWorkday', name: '国庆节、中秋节调休上班' });
    expect(custom.dayInfo('2025-10-12')).toEqual({ date: '2025-10-12', working: false, kind: 'weekend' });
    expect(custom.dayInfo('2025-10-13')).toEqual({ date: '2025-10-13', working: true, kind: 'workday' });
    expect(custom.dayInfo('2025-11-24')).toEqual({ date: '2025-11-24', working: false, kind: 'holiday', name: '地方假日' });
  });

  it('knows which years it has holidays for', () => {
    expect(cal.covers('2025-06-01')).toBe(true);
    expect(cal.covers('2027-12-31')).toBe(true);
    expect(cal.covers('2028-01-01')).toBe(false);
    expect(cal.covers('2024-12-31T16:00:00Z')).toBe(true); // 1 January 2025 in Shanghai
    expect(createWorkCalendar([{ date: '2028-01-03', kind: 'holiday' }]).covers('2028-06-01')).toBe(true);
    // Outside the data only weekends are off.
    expect(cal.addWorkingDays('2028-09-29', 1)).toBe('2028-10-02');
  });

  it('validates an administrator list', () => {
    expect(validateCalendarEntries([{ date: '2025-10-09', kind: 'holiday', name: 'x' }])).toEqual([]);
    expect(
      validateCalendarEntries([
        { date: '2025-02-29', kind: 'holiday' },
        { date: '2025-10-09', kind: 'off' },
        { date: '2025-10-09', kind: 'workday' },
        null,
        { date: '2025-10-10', kind: 'workday', name: 3 },
      ]),
    ).toEqual([
      { index: 0, message: 'Invalid calendar date "2025-02-29": expected YYYY-MM-DD' },
      { index: 1, message: 'Invalid kind "off": expected "holiday" or "workday"' },
      { index: 2, message: 'Date 2025-10-09 is already set by entry 1' },
      { index: 3, message: 'Entry must be an object with date and kind' },
      { index: 4, message: 'Name must be a string' },
    ]);
  });

  it('rejects a bad entry when built', () => {
    expect(() => createWorkCalendar([{ date: '2025-13-01', kind: 'holiday' }])).toThrow(
      /Invalid calendar date "2025-13-01"/,
    );
    expect(() => new WorkCalendar([[{ date: '2025-10-01', kind: 'off' as 'holiday' }]])).toThrow(/Invalid kind "off"/);
  });

  it('stops instead of looping when no working day exists', () => {
    const allOff = Array.from({ length: 4000 }, (_, i) => ({
      date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
      kind: 'holiday' as const,
    }));
    expect(() => createWorkCalendar(allOff).addWorkingDays('2025-01-01', 1)).toThrow(/No working day within/);
  });
});

describe('invalid input', () => {
  it.each([
    ['2025-02-29', /Invalid calendar date "2025-02-29"/],
    ['2025-04-31', /Invalid calendar date/],
    ['2025-13-01', /Invalid calendar date/],
    ['2025-2-3', /Invalid date or instant "2025-2-3"/],
    ['20251001', /Invalid date or instant/],
    ['2025/10/01', /Invalid date or instant/],
    ['', /Invalid date or instant ""/],
    ['tomorrow', /Invalid date or instant "tomorrow"/],
    ['2025-10-01T25:00:00Z', /Invalid date or instant/],
    ['2025-10-01T12:60Z', /Invalid date or instant/],
    ['2025-02-29T12:00:00Z', /Invalid date or instant/],
    ['2025-10-01T12:00:00+25:00', /Invalid date or instant/],
  ])('rejects %j', (value, message) => {
    expect(() => cal.isWorkingDay(value)).toThrow(CalendarInputError);
    expect(() => cal.addWorkingDays(value, 1)).toThrow(message);
  });

  it('rejects an invalid Date, a missing value and bad counts', () => {
    expect(() => cal.isWorkingDay(new Date('nope'))).toThrow(/the Date is invalid/);
    expect(() => cal.isWorkingDay(undefined as unknown as string)).toThrow(/Invalid calendar date undefined/);
    expect(() => cal.addWorkingDays('2025-10-09', -1)).toThrow(/Invalid number of working days -1/);
    expect(() => cal.addWorkingDays('2025-10-09', 1.5)).toThrow(/Invalid number of working days 1.5/);
    expect(() => cal.addWorkingDays('2025-10-09', Number.NaN)).toThrow(CalendarInputError);
    expect(() => cal.deadlineStatus('2025-10-32', '2025-10-09')).toThrow(/Invalid calendar date "2025-10-32"/);
    expect(() => endOfShanghaiDay('2025-10-09T00:00:00Z')).toThrow(/Invalid calendar date/);
  });

  it('is a RangeError with a name', () => {
    const error = (() => {
      try {
        cal.nextWorkingDay('2025-02-30');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ name: 'CalendarInputError' });
  });
});

describe('host time zone independence', () => {
  // Node re-reads TZ when it is assigned; CI also runs this file with TZ=America/New_York.
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  const original = env?.TZ;
  afterEach(() => {
    if (!env) return;
    if (original === undefined) delete env.TZ;
    else env.TZ = original;
  });

  it.each(['America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Shanghai', 'UTC'])(
    'gives the same answers with TZ=%s',
    (zone) => {
      if (env) env.TZ = zone;
      const fresh = createWorkCalendar();
      expect(shanghaiDate('2025-09-29T16:30:00Z')).toBe('2025-09-30');
      expect(shanghaiDate('2025-09-30T23:30:00')).toBe('2025-09-30');
      expect(shanghaiDate(new Date(Date.UTC(2025, 11, 31, 16)))).toBe('2026-01-01');
      expect(fresh.isWorkingDay('2025-10-11')).toBe(true);
      expect(fresh.addWorkingDays('2025-09-30T16:00:00+08:00', 1)).toBe('2025-10-09');
      expect(fresh.addWorkingDays('2025-12-31', 2)).toBe('2026-01-05');
      expect(fresh.workingDaysBetween('2025-09-26', '2025-10-13')).toBe(7);
      expect(fresh.deadline('2025-09-30', 1)?.overdueFrom).toBe('2025-10-09T16:00:00.000Z');
      expect(fresh.deadlineStatus('2025-10-13', '2025-10-13T15:59:59Z').state).toBe('dueSoon');
      expect(fresh.deadlineStatus('2025-10-13', '2025-10-13T16:00:00Z').state).toBe('overdue');
    },
  );
});

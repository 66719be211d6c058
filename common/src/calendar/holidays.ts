// The State Council's public holiday schedules (国务院办公厅关于部分节假日安排的通知), shipped as
// plain data so an administrator can later correct or extend them as overrides (see
// working-days.ts). Dates are calendar dates in China ('YYYY-MM-DD').
//
// Sources and checks:
// - 2025: 国办发明电〔2024〕12号, the first schedule under the revised 全国年节及纪念日放假办法 (one
//   more day each for Spring Festival, from 除夕, and Labour Day). Cross-checked day by day against
//   the npm packages chinese-days 1.5.7, holiday-calendar 1.3.3 and lunar-javascript 1.7.7.
// - 2026: the General Office's notice of November 2025 on the 2026 arrangements. Cross-checked
//   against the same three packages.
// - 2027: PROVISIONAL. No package available here ships the official 2027 schedule (the newest
//   were published before the State Council announced it), so 2027 is derived from the rules
//   the 2025 and 2026 schedules follow; replace it with the official notice when it is at hand.

export type HolidayKey =
  | 'newYear'
  | 'springFestival'
  | 'qingming'
  | 'labourDay'
  | 'dragonBoat'
  | 'midAutumn'
  | 'nationalDay'
  | 'nationalDayMidAutumn';

export interface HolidayPeriod {
  key: HolidayKey;
  nameZh: string;
  nameEn: string;
  /** First day off, inclusive. */
  start: string;
  /** Last day off, inclusive; weekends inside the period are part of it. */
  end: string;
}

/** 调休上班: a weekend day that is worked to make up for a weekday off in a holiday period. */
export interface MakeUpWorkday {
  date: string;
  /** The holiday the day is worked for. */
  key: HolidayKey;
}

export interface HolidayYear {
  year: number;
  /** True when the schedule is derived from the rules, not copied from the published notice. */
  provisional: boolean;
  source: string;
  holidays: HolidayPeriod[];
  makeUpWorkdays: MakeUpWorkday[];
}

export const HOLIDAY_NAMES: Record<HolidayKey, { zh: string; en: string }> = {
  newYear: { zh: '元旦', en: "New Year's Day" },
  springFestival: { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Qingming Festival' },
  labourDay: { zh: '劳动节', en: 'Labour Day' },
  dragonBoat: { zh: '端午节', en: 'Dragon Boat Festival' },
  midAutumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  nationalDay: { zh: '国庆节', en: 'National Day' },
  nationalDayMidAutumn: { zh: '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' },
};

const period = (key: HolidayKey, start: string, end: string = start): HolidayPeriod => ({
  key,
  nameZh: HOLIDAY_NAMES[key].zh,
  nameEn: HOLIDAY_NAMES[key].en,
  start,
  end,
});

const makeUp = (key: HolidayKey, ...dates: string[]): MakeUpWorkday[] => dates.map((date) => ({ date, key }));

export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2025,
    provisional: false,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    holidays: [
      period('newYear', '2025-01-01'),
      // 除夕 Tuesday 28 January to 初七 Tuesday 4 February, 8 days.
      period('springFestival', '2025-01-28', '2025-02-04'),
      period('qingming', '2025-04-04', '2025-04-06'),
      period('labourDay', '2025-05-01', '2025-05-05'),
      period('dragonBoat', '2025-05-31', '2025-06-02'),
      // Mid-Autumn (6 October) fell inside the National Day week, so both were merged: 8 days.
      period('nationalDayMidAutumn', '2025-10-01', '2025-10-08'),
    ],
    makeUpWorkdays: [
      ...makeUp('springFestival', '2025-01-26', '2025-02-08'),
      ...makeUp('labourDay', '2025-04-27'),
      ...makeUp('nationalDayMidAutumn', '2025-09-28', '2025-10-11'),
    ],
  },
  {
    year: 2026,
    provisional: false,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月）',
    holidays: [
      period('newYear', '2026-01-01', '2026-01-03'),
      // 9 days, Sunday 15 to Monday 23 February (除夕 is Monday 16 February).
      period('springFestival', '2026-02-15', '2026-02-23'),
      period('qingming', '2026-04-04', '2026-04-06'),
      period('labourDay', '2026-05-01', '2026-05-05'),
      period('dragonBoat', '2026-06-19', '2026-06-21'),
      period('midAutumn', '2026-09-25', '2026-09-27'),
      period('nationalDay', '2026-10-01', '2026-10-07'),
    ],
    makeUpWorkdays: [
      ...makeUp('newYear', '2026-01-04'),
      ...makeUp('springFestival', '2026-02-14', '2026-02-28'),
      ...makeUp('labourDay', '2026-05-09'),
      ...makeUp('nationalDay', '2026-09-20', '2026-10-10'),
    ],
  },
  {
    // PROVISIONAL: derived, not published. Lunar dates checked with lunar-javascript 1.7.7:
    // 除夕 Friday 5 February, 春节 Saturday 6 February, 清明 Monday 5 April, 端午 Wednesday
    // 9 June, 中秋 Wednesday 15 September. Rules applied, as in the 2025 and 2026 notices:
    // 春节 8 days from 除夕, 劳动节 5 days, 国庆节 7 days from 1 October, each with the make-up
    // days that keep the total of working days; other holidays join the weekend, or stand alone
    // when they fall on a Wednesday; make-up days chosen to keep the working stretch around the
    // holiday shortest (how the 2025 and 2026 Labour Day make-up days were placed).
    year: 2027,
    provisional: true,
    source: 'Derived from the rules of the 2025 and 2026 schedules; not the published notice',
    holidays: [
      // Friday, joined to the weekend: no make-up day.
      period('newYear', '2027-01-01', '2027-01-03'),
      // 除夕 Friday 5 to Friday 12 February (the following weekend is off anyway).
      period('springFestival', '2027-02-05', '2027-02-12'),
      period('qingming', '2027-04-03', '2027-04-05'),
      // Saturday 1 to Wednesday 5 May.
      period('labourDay', '2027-05-01', '2027-05-05'),
      period('dragonBoat', '2027-06-09'),
      period('midAutumn', '2027-09-15'),
      // Friday 1 to Thursday 7 October (the 2021 pattern, when 1 October was also a Friday).
      period('nationalDay', '2027-10-01', '2027-10-07'),
    ],
    makeUpWorkdays: [
      ...makeUp('springFestival', '2027-01-31', '2027-02-20'),
      ...makeUp('labourDay', '2027-05-08'),
      ...makeUp('nationalDay', '2027-09-26', '2027-10-09'),
    ],
  },
];

/**
 * Working-day arithmetic for statutory deadlines.
 *
 * Dates are ISO calendar dates ("YYYY-MM-DD") in Europe/London: a deadline is a day, not an instant,
 * so all arithmetic happens on UTC midnights to stay clear of daylight-saving shifts.
 */
export type IsoDate = string;

/** How long a closed case's returns are kept (a partnership's configuration). */
export type RetentionPeriod = { yearsAfterClose: number } | { daysAfterClose: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function parseIsoDate(value: IsoDate): Date {
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`not an ISO date: ${value}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (formatIsoDate(date) !== value) throw new RangeError(`not a calendar date: ${value}`);
  return date;
}

export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return formatIsoDate(new Date(parseIsoDate(date).getTime() + days * DAY_MS));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / DAY_MS);
}

/** Adds calendar months; a day that does not exist in the target month becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const start = parseIsoDate(date);
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return formatIsoDate(firstOfTarget);
}

/**
 * The day a closed case's returns are deleted: `yearsAfterClose` is calendar years (closed 29 Feb 2028, six
 * years on is 28 Feb 2034), so "six years" in a records schedule means what it says, leap days and all.
 */
export function retentionEnd(closedOn: IsoDate, period: RetentionPeriod): IsoDate {
  return 'yearsAfterClose' in period
    ? addCalendarMonths(closedOn, 12 * period.yearsAfterClose)
    : addDays(closedOn, period.daysAfterClose);
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * The Europe/London calendar date and wall-clock time of an instant (a Date or an ISO timestamp): how people
 * here read it. Every day or time shown to people from an instant comes from here, never from the UTC date
 * (`toISOString().slice(0, 10)` is the day before from midnight to 01:00 in summer).
 */
export function londonWallClock(instant: Date | string): {
  date: IsoDate;
  hours: number;
  minutes: number;
  seconds: number;
} {
  const parts = LONDON.formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    hours: Number(part('hour')),
    minutes: Number(part('minute')),
    seconds: Number(part('second')),
  };
}

/** The calendar date in Europe/London at the given instant. */
export function londonDate(instant: Date | string): IsoDate {
  return londonWallClock(instant).date;
}

/** Supplies the non-working days (bank holidays) of a year. */
export type HolidaySource = (year: number) => Iterable<IsoDate>;

export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /**
   * The n-th working day after `date` (n ≥ 1), counting from the next working day after it, so that
   * day 0 itself never counts. n = 0 returns `date` unchanged; negative n counts backwards.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /**
   * Working days left until a deadline (`due`, the last day on which it is met), as seen on `today`:
   * - not passed (`due` today or later): the working days after today up to and including `due`, so 0 is
   *   "due today" and a deadline on the next working day is 1, on a weekend too;
   * - passed (`due` before today): minus the working days after `due` up to and including today or, on a
   *   weekend or bank holiday, the next working day. Never 0: a Friday deadline is -1 over the weekend and
   *   on Monday, -2 on Tuesday, as the chasing ladder's "1 day overdue" step falls on that Monday.
   * So the count is negative exactly when the deadline has passed.
   */
  workingDaysLeft(today: IsoDate, due: IsoDate): number;
  /** `date` if it is a working day, else the last working day before it. */
  onOrBefore(date: IsoDate): IsoDate;
  /** `date` if it is a working day, else the first working day after it. */
  onOrAfter(date: IsoDate): IsoDate;
}

export function createWorkingCalendar(holidays: HolidaySource): WorkingCalendar {
  const byYear = new Map<number, Set<IsoDate>>();
  const holidaysOf = (year: number): Set<IsoDate> => {
    let set = byYear.get(year);
    if (!set) {
      set = new Set(holidays(year));
      byYear.set(year, set);
    }
    return set;
  };

  const isWorkingDay = (date: IsoDate): boolean => {
    const parsed = parseIsoDate(date);
    const weekday = parsed.getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    return !holidaysOf(parsed.getUTCFullYear()).has(date);
  };

  const addWorkingDays = (date: IsoDate, n: number): IsoDate => {
    if (!Number.isInteger(n)) throw new RangeError('working days must be a whole number');
    const step = n < 0 ? -1 : 1;
    let current = date;
    for (let remaining = Math.abs(n); remaining > 0;) {
      current = addDays(current, step);
      if (isWorkingDay(current)) remaining -= 1;
    }
    return current;
  };

  // Weekdays by whole weeks, less the holidays that fall on one: a count over years (an old day 0 on a case
  // list) costs a loop over those years' holidays, not over every day.
  const workingDaysBetween = (from: IsoDate, to: IsoDate): number => {
    if (from === to) return 0;
    const forward = from < to;
    const [start, end] = forward ? [from, to] : [to, from];
    const first = parseIsoDate(start);
    const days = daysBetween(start, end);
    let count = Math.floor(days / 7) * 5;
    for (let i = 1; i <= days % 7; i += 1) {
      const weekday = (first.getUTCDay() + i) % 7;
      if (weekday !== 0 && weekday !== 6) count += 1;
    }
    // `start` itself is not counted, so its year's holidays are needed only when the next day is in it.
    for (let year = parseIsoDate(addDays(start, 1)).getUTCFullYear(); year <= Number(end.slice(0, 4)); year += 1) {
      for (const holiday of holidaysOf(year)) {
        // As isWorkingDay reads it: a source's day counts only in its own year's list.
        if (holiday <= start || holiday > end || !holiday.startsWith(`${year}-`)) continue;
        const weekday = parseIsoDate(holiday).getUTCDay();
        if (weekday !== 0 && weekday !== 6) count -= 1;
      }
    }
    return forward ? count : 0 - count; // not -count: no -0 for an empty stretch backwards
  };

  const seek = (date: IsoDate, step: 1 | -1): IsoDate => {
    let current = date;
    while (!isWorkingDay(current)) current = addDays(current, step);
    return current;
  };

  const workingDaysLeft = (today: IsoDate, due: IsoDate): number =>
    due >= today ? workingDaysBetween(today, due) : -workingDaysBetween(due, seek(today, 1));

  return {
    isWorkingDay,
    addWorkingDays,
    workingDaysBetween,
    workingDaysLeft,
    onOrBefore: (date) => seek(date, -1),
    onOrAfter: (date) => seek(date, 1),
  };
}

/**
 * Working-day arithmetic for statutory deadlines.
 *
 * Dates are ISO calendar dates ("YYYY-MM-DD") in Europe/London: a deadline is a day, not an instant,
 * so all arithmetic happens on UTC midnights to stay clear of daylight-saving shifts.
 */
export type IsoDate = string;

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

  const workingDaysBetween = (from: IsoDate, to: IsoDate): number => {
    if (from === to) return 0;
    const forward = from < to;
    const [start, end] = forward ? [from, to] : [to, from];
    let count = 0;
    for (let current = addDays(start, 1); current <= end; current = addDays(current, 1)) {
      if (isWorkingDay(current)) count += 1;
    }
    return forward ? count : -count;
  };

  const seek = (date: IsoDate, step: 1 | -1): IsoDate => {
    let current = date;
    while (!isWorkingDay(current)) current = addDays(current, step);
    return current;
  };

  return {
    isWorkingDay,
    addWorkingDays,
    workingDaysBetween,
    onOrBefore: (date) => seek(date, -1),
    onOrAfter: (date) => seek(date, 1),
  };
}

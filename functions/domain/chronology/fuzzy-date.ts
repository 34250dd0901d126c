import { addCalendarMonths, addDays, isIsoDate, parseIsoDate, type IsoDate } from '../calendar';

/**
 * Dates as agencies record them in a chronology: often only a month or a year is known, or the date is
 * someone's recollection. The precision and the uncertainty are stored, never guessed away, so that a
 * reader of the merged chronology can tell "12 May 2019" from "about May 2019".
 */
export type DatePrecision = 'day' | 'month' | 'year';

export interface FuzzyDate {
  /** 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY', matching `precision`. */
  value: string;
  precision: DatePrecision;
  approximate: boolean;
}

export type FuzzyDateResult = { ok: true; date: FuzzyDate } | { ok: false; message: string };

/** Ordering of precisions at the same start date: the more precise date comes first. */
export const PRECISION_RANK: Readonly<Record<DatePrecision, number>> = { day: 0, month: 1, year: 2 };

/**
 * The years a date in a return may be in, at every precision (day, month or year; the form, the import and
 * the API alike): back to a parent's childhood. The last year only bounds the schema's pattern: no date may
 * be in the future anyway (isFutureFuzzyDate).
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2099;

const EXAMPLES = 'like 12/05/2019, May 2019 or about 2018';
const NOT_A_DATE = `Enter a real date, ${EXAMPLES}`;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((name, index) => {
  const lower = name.toLowerCase();
  MONTHS.set(lower, index + 1);
  MONTHS.set(lower.slice(0, 3), index + 1);
});
MONTHS.set('sept', 9);

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const WEEKDAY = /^(sun|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat)(?:day|nesday|rsday|urday|sday)?\.?,?\s+/;

// Words people put in front of a date they are unsure of; "c 2018" and "~2018" are how it is written in notes.
const APPROXIMATE_PREFIX = /^(?:about|around|approximately|approx\.?|roughly|circa|ca\.?|c\.?|~)\s*(?=\S)/;
const APPROXIMATE_SUFFIX = /\s*(?:\((?:approx\.?|approximately|estimated)\)|approx\.?|\?)$/;
// "early 2019" / "mid-2019" / "late 2019": the part of the year has no agreed boundaries, so we keep the
// whole year (or month) as the span and mark it approximate rather than invent a narrower range.
const PART_OF = /^(?:early|mid|late|beginning of|start of|end of)(?:\s+|-)/;
// Seasons are refused, naming what to write instead: kept as "about 2020", "spring 2020" would lose the words
// the record gave (precision is never guessed away), and a season has no agreed months to keep it as a span.
const SEASON = /^(spring|summer|autumn|fall|winter)\s+(\S+)$/;
/** A month in the middle of each season, for the example: "spring 2020" → "about April 2020". */
const SEASON_MONTH: Record<string, string> = { spring: 'April', summer: 'July', autumn: 'October', fall: 'October' };

const YEAR_ONLY = /^(\d+)$/;
const ISO_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const ISO_DAY = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const UK_NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d+)$/;
const NUMERIC_MONTH = /^(\d{1,2})[-/.](\d+)$/;
const DAY_MONTH_YEAR = /^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s/-]+([a-z]+)\.?,?[\s/-]+(\d+)$/;
const MONTH_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d+)$/;
const MONTH_YEAR = /^([a-z]+)\.?,?[\s/-]+(\d+)$/;

/**
 * "May-19" is how Excel shows "May 2019" typed into a date cell, and how a CSV saved from it writes it.
 * Refused, naming the form that works, rather than read as May 2019: typed into the form, "May 19" as often
 * means 19 May with the year left out, and a two-digit year leaves its century to guess in a chronology
 * that can reach back to a parent's childhood. A wrong date would pass unnoticed into the merged
 * chronology; a refused one the lead puts right (the Excel template keeps "May 2019" as typed).
 */
const MONTH_YEAR_IN_FULL = 'Enter the month and year in full, like May 2019';

type Core = { ok: true; date: Omit<FuzzyDate, 'approximate'> } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Reads a date as a safeguarding lead types it or a spreadsheet cell holds it (as text).
 * Numeric dates are always day first (12/05/2019 is 12 May); two-digit years are refused rather than
 * guessed, because a chronology can reach back to a parent's own childhood. Spreadsheet serial numbers
 * are not read as dates: the importer converts date cells before their text reaches this.
 */
export function parseFuzzyDate(text: string): FuzzyDateResult {
  // Trailing punctuation is how a date often ends in a note or a cell ("12/05/2019.").
  let rest = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.,;:]+$/, '');
  if (rest === '') return fail(`Enter a date, ${EXAMPLES}`);

  let approximate = false;
  const strip = (pattern: RegExp) => {
    const next = rest.replace(pattern, '').trim();
    if (next === rest) return false;
    rest = next;
    return true;
  };
  if (strip(APPROXIMATE_PREFIX)) approximate = true;
  if (strip(APPROXIMATE_SUFFIX)) approximate = true;
  if (rest === '') return fail(NOT_A_DATE);

  // A part of a year or month ("early 2019", "late May 2019") keeps the whole year or month, approximate.
  const partOf = strip(PART_OF);
  if (partOf && rest === '') return fail(NOT_A_DATE);

  const season = SEASON.exec(rest);
  if (season) {
    if (season[1] === 'winter')
      return fail('Winter spans two years: enter the month, like January 2019, or about 2019');
    const year = readYear(season[2] ?? '');
    if (!year.ok) return year;
    return fail(
      `A season has no set months: enter the month, like about ${SEASON_MONTH[season[1] ?? '']} ${year.year}, or the year, like about ${year.year}`,
    );
  }

  const core = parseCore(rest);
  if (!core.ok) return core;
  if (partOf && core.date.precision === 'day')
    return fail(`Enter a whole date or a part of a month or year, ${EXAMPLES}`);
  return done(core.date, approximate || partOf);
}

function done(date: Omit<FuzzyDate, 'approximate'>, approximate: boolean): FuzzyDateResult {
  return { ok: true, date: { value: date.value, precision: date.precision, approximate } };
}

function parseCore(input: string): Core {
  let text = input;
  let weekday: number | undefined;
  const named = WEEKDAY.exec(text);
  if (named) {
    weekday = WEEKDAYS.findIndex((day) => day.startsWith((named[1] ?? '').slice(0, 3)));
    text = text.slice(named[0].length);
  }

  let match: RegExpExecArray | null;
  let result: Core;
  if ((match = YEAR_ONLY.exec(text))) {
    const year = readYear(match[1] ?? '');
    result = year.ok ? { ok: true, date: { value: pad(year.year, 4), precision: 'year' } } : year;
  } else if ((match = ISO_MONTH.exec(text))) {
    result = monthOf(match[1] ?? '', Number(match[2]));
  } else if ((match = ISO_DAY.exec(text))) {
    result = dayOf(match[1] ?? '', Number(match[3]), Number(match[4]));
  } else if ((match = UK_NUMERIC.exec(text))) {
    result = dayOf(match[4] ?? '', Number(match[3]), Number(match[1]), `${match[1]}/${match[3]}/${match[4]}`);
  } else if ((match = NUMERIC_MONTH.exec(text))) {
    result = monthOf(match[2] ?? '', Number(match[1]));
  } else if ((match = DAY_MONTH_YEAR.exec(text))) {
    result = namedMonth(match[2] ?? '', (month) => dayOf(match?.[3] ?? '', month, Number(match?.[1])));
  } else if ((match = MONTH_DAY_YEAR.exec(text))) {
    result = namedMonth(match[1] ?? '', (month) => dayOf(match?.[3] ?? '', month, Number(match?.[2])));
  } else if ((match = MONTH_YEAR.exec(text))) {
    const year = match[2] ?? '';
    result = namedMonth(match[1] ?? '', (month) =>
      year.length === 2 ? fail(MONTH_YEAR_IN_FULL) : monthOf(year, month),
    );
  } else {
    return fail(NOT_A_DATE);
  }

  if (weekday !== undefined && result.ok) {
    if (result.date.precision !== 'day') return fail(`Enter a day of the week only with a full date, ${EXAMPLES}`);
    const actual = parseIsoDate(result.date.value).getUTCDay();
    if (actual !== weekday) {
      const name = (i: number) => capitalise(WEEKDAYS[i] ?? '');
      return fail(`${formatDay(result.date.value)} was a ${name(actual)}, not a ${name(weekday)}`);
    }
  }
  return result;
}

function readYear(digits: string): { ok: true; year: number } | { ok: false; message: string } {
  if (digits.length === 2) return fail('Enter the year in full, like 12/05/2019 rather than 12/05/19');
  if (digits.length !== 4) return fail(NOT_A_DATE);
  const year = Number(digits);
  if (year < EARLIEST_YEAR) return fail(`Enter a date from ${EARLIEST_YEAR} onwards`);
  // Later years are refused for what they are, whatever today is.
  if (year > LATEST_YEAR) return fail(FUTURE_DATE);
  return { ok: true, year };
}

function namedMonth(word: string, then: (month: number) => Core): Core {
  const month = MONTHS.get(word);
  return month === undefined ? fail(NOT_A_DATE) : then(month);
}

function monthOf(yearDigits: string, month: number): Core {
  const year = readYear(yearDigits);
  if (!year.ok) return year;
  if (month < 1 || month > 12) return fail(NOT_A_DATE);
  return { ok: true, date: { value: `${pad(year.year, 4)}-${pad(month)}`, precision: 'month' } };
}

function dayOf(yearDigits: string, month: number, day: number, typed?: string): Core {
  const year = readYear(yearDigits);
  if (!year.ok) return year;
  if (month < 1 || month > 12) {
    // 05/13/2019 is almost always US order; say so instead of a bare "not a date".
    if (typed && month <= 31 && day >= 1 && day <= 12) {
      return fail(`There is no month ${month}: enter the day first, like ${pad(month)}/${pad(day)}/${year.year}`);
    }
    return fail(NOT_A_DATE);
  }
  const value = `${pad(year.year, 4)}-${pad(month)}-${pad(day)}`;
  if (day < 1 || !isIsoDate(value)) {
    const monthName = MONTH_NAMES[month - 1] ?? '';
    const length = daysInMonth(year.year, month);
    return fail(
      `${typed ?? `${day} ${monthName} ${year.year}`} is not a real date: ${monthName} ${year.year} has ${length} days`,
    );
  }
  return { ok: true, date: { value, precision: 'day' } };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const PATTERNS: Record<DatePrecision, RegExp> = {
  day: /^\d{4}-\d{2}-\d{2}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  year: /^\d{4}$/,
};

/** Validates the stored JSON form `{ value, precision, approximate }`; value must match precision. */
export function parseFuzzyDateObject(input: unknown): FuzzyDateResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('A date must be an object with value, precision and approximate');
  }
  const { value, precision, approximate } = input as Record<string, unknown>;
  if (precision !== 'day' && precision !== 'month' && precision !== 'year') {
    return fail('The precision of a date must be day, month or year');
  }
  if (typeof approximate !== 'boolean') return fail('Say whether the date is approximate (true or false)');
  if (typeof value !== 'string' || !PATTERNS[precision].test(value)) {
    const shape = { day: 'YYYY-MM-DD', month: 'YYYY-MM', year: 'YYYY' }[precision];
    return fail(`A date with ${precision} precision must be written ${shape}`);
  }
  if (precision === 'day' && !isIsoDate(value)) return fail(NOT_A_DATE);
  const year = Number(value.slice(0, 4));
  if (year < EARLIEST_YEAR) return fail(`Enter a date from ${EARLIEST_YEAR} onwards`);
  if (year > LATEST_YEAR) return fail(FUTURE_DATE);
  return { ok: true, date: { value, precision, approximate } };
}

/** The days a fuzzy date may fall on: May 2019 is 1–31 May, 2019 is 1 January–31 December. */
export function spanOf(date: FuzzyDate): { start: IsoDate; end: IsoDate } {
  switch (date.precision) {
    case 'day':
      return { start: date.value, end: date.value };
    case 'month': {
      const start = `${date.value}-01`;
      return { start, end: addDays(addCalendarMonths(start, 1), -1) };
    }
    case 'year':
      return { start: `${date.value}-01-01`, end: `${date.value}-12-31` };
  }
}

/** "12 May 2019", "May 2019", "2019", with "about " in front of an approximate date. Parses back to the same date. */
export function formatFuzzyDate(date: FuzzyDate): string {
  const year = date.value.slice(0, 4);
  const month = MONTH_NAMES[Number(date.value.slice(5, 7)) - 1] ?? '';
  const text =
    date.precision === 'day' ? formatDay(date.value) : date.precision === 'month' ? `${month} ${year}` : year;
  return date.approximate ? `about ${text}` : text;
}

function formatDay(value: IsoDate): string {
  const month = MONTH_NAMES[Number(value.slice(5, 7)) - 1] ?? '';
  return `${Number(value.slice(8, 10))} ${month} ${value.slice(0, 4)}`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** By the start of the span, then the more precise date first, then exact before approximate. */
export function compareFuzzyDates(a: FuzzyDate, b: FuzzyDate): number {
  const aStart = spanOf(a).start;
  const bStart = spanOf(b).start;
  if (aStart !== bStart) return aStart < bStart ? -1 : 1;
  const byPrecision = PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision];
  if (byPrecision !== 0) return byPrecision;
  return Number(a.approximate) - Number(b.approximate);
}

/** The first day a date can mean: "May 2019" could be 1 May 2019. */
function earliestDayOf(date: Pick<FuzzyDate, 'value' | 'precision'>): IsoDate {
  return date.precision === 'day'
    ? date.value
    : date.precision === 'month'
      ? `${date.value}-01`
      : `${date.value}-01-01`;
}

/** Whether `end` must fall before `start`: "May 2024" to "about June 2024" is refused; "2024" to "May 2024" is not. */
export function endsBeforeStart(start: FuzzyDate, end: FuzzyDate): boolean {
  return spanOf(end).end < spanOf(start).start;
}

export const FUTURE_DATE = 'The date cannot be in the future';

/**
 * A chronology records what has happened: no date may start after today, approximate or not ("about
 * 28/11/2026" on the 27th is refused as "28/11/2026" is; "about November 2026" is fine all month). One rule
 * for the form, the import and the submission.
 */
export function isFutureFuzzyDate(date: FuzzyDate, today: IsoDate): boolean {
  return earliestDayOf(date) > today;
}

import { createWorkingCalendar, type IsoDate, type WorkingCalendar } from './calendar';
import data from './data/england-wales-bank-holidays.json';
import { DomainError } from './errors';

/**
 * England & Wales bank holidays, generated from the maintained `date-holidays` data set (substitute days
 * and one-off holidays: jubilees, state funerals, coronations) by scripts/generate-bank-holidays.ts, with
 * its corrections where the data set is wrong (2002, 2011, 2012), and checked against both by the tests.
 * A year outside the generated range is refused, not guessed.
 */
const holidays = data.holidays as Record<string, string[]>;

/**
 * The years the API takes day 0 and due dates in (ADR 0008): the table's years but its last, which is kept
 * for what is counted from them (a CSPR's six months, the chasing ladders' steps after a due date).
 */
export const SUPPORTED_YEARS = { first: data.firstYear, last: data.lastYear - 1 } as const;
export const SUPPORTED_DATES = {
  from: `${SUPPORTED_YEARS.first}-01-01`,
  to: `${SUPPORTED_YEARS.last}-12-31`,
  /** For messages: "from 1 January 2000 to 31 December 2059". */
  text: `from 1 January ${SUPPORTED_YEARS.first} to 31 December ${SUPPORTED_YEARS.last}`,
} as const;

export const isSupportedDate = (date: IsoDate): boolean => date >= SUPPORTED_DATES.from && date <= SUPPORTED_DATES.to;

/**
 * The answer to a working-day count outside the table (HTTP 400): what the API takes is checked before
 * (SUPPORTED_DATES), so this is the backstop for anything counted further.
 */
export const dateOutsideCalendar = () =>
  new DomainError(
    'invalid',
    'date-out-of-range',
    `Working days can be counted only in ${data.firstYear}–${data.lastYear}, the years whose bank holidays are known: use a date ${SUPPORTED_DATES.text}.`,
  );

export function englandAndWalesBankHolidays(year: number): IsoDate[] {
  const list = holidays[String(year)];
  if (!list) throw dateOutsideCalendar();
  return list;
}

let calendar: WorkingCalendar | undefined;

/** The working-day calendar of the partnerships: Monday–Friday except England & Wales bank holidays. */
export function englandAndWalesCalendar(): WorkingCalendar {
  calendar ??= createWorkingCalendar(englandAndWalesBankHolidays);
  return calendar;
}

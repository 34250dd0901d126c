import { createWorkingCalendar, type IsoDate, type WorkingCalendar } from './calendar';
import data from './data/england-wales-bank-holidays.json';

/**
 * England & Wales bank holidays, generated from the maintained `date-holidays` data set (substitute days
 * and one-off holidays: jubilees, state funerals, coronations) by scripts/generate-bank-holidays.ts, with
 * its corrections where the data set is wrong (2002, 2011, 2012), and checked against both by the tests.
 * A year outside the generated range is an error, not a silent guess.
 */
const holidays = data.holidays as Record<string, string[]>;

export function englandAndWalesBankHolidays(year: number): IsoDate[] {
  const list = holidays[String(year)];
  if (!list) throw new RangeError(`bank holidays are known for ${data.firstYear}–${data.lastYear}, not ${year}`);
  return list;
}

let calendar: WorkingCalendar | undefined;

/** The working-day calendar of the partnerships: Monday–Friday except England & Wales bank holidays. */
export function englandAndWalesCalendar(): WorkingCalendar {
  calendar ??= createWorkingCalendar(englandAndWalesBankHolidays);
  return calendar;
}

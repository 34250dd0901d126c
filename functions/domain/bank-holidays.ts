import Holidays from 'date-holidays';
import { createWorkingCalendar, type IsoDate, type WorkingCalendar } from './calendar';

/**
 * England & Wales bank holidays from the maintained `date-holidays` data set, which carries
 * substitute days and one-off holidays (jubilees, state funerals, coronations).
 */
const englandAndWales = new Holidays('GB', 'ENG');

export function englandAndWalesBankHolidays(year: number): IsoDate[] {
  return englandAndWales
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => holiday.date.slice(0, 10));
}

let calendar: WorkingCalendar | undefined;

/** The working-day calendar of the partnerships: Monday–Friday except England & Wales bank holidays. */
export function englandAndWalesCalendar(): WorkingCalendar {
  calendar ??= createWorkingCalendar(englandAndWalesBankHolidays);
  return calendar;
}

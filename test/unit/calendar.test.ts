import { englandAndWalesBankHolidays, englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import {
  addCalendarMonths,
  createWorkingCalendar,
  isIsoDate,
  londonDate,
  londonWallClock,
  parseIsoDate,
} from '../../functions/domain/calendar';

const calendar = englandAndWalesCalendar();

describe('England & Wales bank holidays', () => {
  it('include substitute days and one-off holidays from the maintained data set', () => {
    expect(englandAndWalesBankHolidays(2026)).toEqual(expect.arrayContaining(['2026-12-25', '2026-12-28']));
    expect(englandAndWalesBankHolidays(2027)).toEqual(
      expect.arrayContaining(['2027-01-01', '2027-12-27', '2027-12-28']),
    );
    // One-off holidays: the Platinum Jubilee, the state funeral, the coronation.
    expect(englandAndWalesBankHolidays(2022)).toEqual(expect.arrayContaining(['2022-06-03', '2022-09-19']));
    expect(englandAndWalesBankHolidays(2023)).toContain('2023-05-08');
  });

  it('exclude observances that are not days off', () => {
    expect(englandAndWalesBankHolidays(2026)).not.toContain('2026-03-15'); // Mother's Day
    const weekdays = englandAndWalesBankHolidays(2026).filter((d) => ![0, 6].includes(parseIsoDate(d).getUTCDay()));
    expect(weekdays).toHaveLength(8);
  });
});

describe('working days', () => {
  it('count from the next working day after day 0 (the DOMAIN.md Christmas example)', () => {
    const day0 = '2026-12-18'; // a Friday
    expect(calendar.addWorkingDays(day0, 1)).toBe('2026-12-21');
    expect(calendar.addWorkingDays(day0, 2)).toBe('2026-12-22');
    expect(calendar.addWorkingDays(day0, 10)).toBe('2027-01-06');
    expect(calendar.addWorkingDays(day0, 13)).toBe('2027-01-11');
    expect(calendar.addWorkingDays(day0, 15)).toBe('2027-01-13');
  });

  it('skip weekends when day 0 is a weekend day', () => {
    expect(calendar.addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // Saturday → Monday
  });

  it('count backwards and measure the distance between two days', () => {
    expect(calendar.addWorkingDays('2027-01-06', -10)).toBe('2026-12-18');
    expect(calendar.workingDaysBetween('2026-12-18', '2027-01-13')).toBe(15);
    expect(calendar.workingDaysBetween('2027-01-13', '2026-12-18')).toBe(-15);
    expect(calendar.workingDaysBetween('2026-12-25', '2026-12-28')).toBe(0);
    expect(calendar.workingDaysBetween('2026-12-24', '2026-12-24')).toBe(0);
  });

  it('are the inverse of adding working days, for any start and count', () => {
    for (let start = parseIsoDate('2026-12-01').getTime(), i = 0; i < 60; i += 1, start += 86_400_000) {
      const from = new Date(start).toISOString().slice(0, 10);
      for (const n of [1, 2, 5, 10, 13, 15, 40]) {
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n))).toBe(n);
      }
    }
  });

  it('find the working day on or around a closed day', () => {
    expect(calendar.onOrBefore('2026-12-28')).toBe('2026-12-24');
    expect(calendar.onOrAfter('2026-12-25')).toBe('2026-12-29');
    expect(calendar.onOrBefore('2026-12-23')).toBe('2026-12-23');
  });

  it('take holidays from any source, so offices could add their own closures', () => {
    const closures = createWorkingCalendar((year) => (year === 2026 ? ['2026-12-21'] : []));
    expect(closures.addWorkingDays('2026-12-18', 1)).toBe('2026-12-22');
    expect(closures.isWorkingDay('2026-12-25')).toBe(true);
  });

  it('refuse fractional working days', () => {
    expect(() => calendar.addWorkingDays('2026-12-18', 1.5)).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  it('add calendar months, ending short months on their last day', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-11-27', 2)).toBe('2027-01-27');
  });

  it('reject dates that do not exist', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });

  it('take "today" in Europe/London, across the clock change', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // BST
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // GMT
  });

  it('read an instant, Date or ISO timestamp, as London’s date and wall clock', () => {
    expect(londonDate('2027-07-06T23:30:00.000Z')).toBe('2027-07-07');
    expect(londonWallClock('2027-07-06T23:30:05.000Z')).toEqual({
      date: '2027-07-07',
      hours: 0,
      minutes: 30,
      seconds: 5,
    });
    expect(londonWallClock(new Date('2027-01-06T23:30:00Z'))).toEqual({
      date: '2027-01-06',
      hours: 23,
      minutes: 30,
      seconds: 0,
    });
    // Midnight is hour 0, never 24.
    expect(londonWallClock('2027-01-06T00:00:00Z').hours).toBe(0);
  });
});

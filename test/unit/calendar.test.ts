import fc from 'fast-check';
import { englandAndWalesBankHolidays, englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import {
  addCalendarMonths,
  addDays,
  createWorkingCalendar,
  daysBetween,
  isIsoDate,
  londonDate,
  londonWallClock,
  parseIsoDate,
  retentionEnd,
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

  it('count working days across years as a day-by-day count does, holidays and all', () => {
    const dayByDay = (from: string, to: string) => {
      let count = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) count += 1;
      return count;
    };
    const day = fc
      .integer({ min: 0, max: daysBetween('2000-01-01', '2060-12-31') })
      .map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (from, length) => {
        const to = addDays(from, length) > '2060-12-31' ? '2060-12-31' : addDays(from, length);
        expect(calendar.workingDaysBetween(from, to)).toBe(dayByDay(from, to));
        expect(calendar.workingDaysBetween(to, from)).toBe(0 - dayByDay(from, to));
      }),
      { seed: 20_261_206, numRuns: 300 },
    );
    // Over the one-off holidays of 2002 and 2022, and twenty-six years at once.
    expect(calendar.workingDaysBetween('2002-05-31', '2002-06-05')).toBe(1);
    expect(calendar.workingDaysBetween('2022-05-27', '2022-06-06')).toBe(4);
    expect(calendar.workingDaysBetween('2000-01-01', '2026-12-06')).toBe(dayByDay('2000-01-01', '2026-12-06'));
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

describe('working days left until a deadline', () => {
  it('are 0 on the due date and count the working days still to come, at a weekend too', () => {
    expect(calendar.workingDaysLeft('2026-12-04', '2026-12-04')).toBe(0); // Friday, due today
    expect(calendar.workingDaysLeft('2026-12-04', '2026-12-07')).toBe(1);
    expect(calendar.workingDaysLeft('2026-12-05', '2026-12-07')).toBe(1); // Saturday, due Monday
    expect(calendar.workingDaysLeft('2026-12-24', '2026-12-29')).toBe(1); // over Christmas and its substitute day
  });

  it('are negative as soon as the deadline has passed, over a weekend or bank holiday too', () => {
    // Due Friday 4 December 2026: overdue all weekend, as on the Monday the chasing ladder's first step is taken.
    expect(calendar.workingDaysLeft('2026-12-05', '2026-12-04')).toBe(-1);
    expect(calendar.workingDaysLeft('2026-12-06', '2026-12-04')).toBe(-1);
    expect(calendar.workingDaysLeft('2026-12-07', '2026-12-04')).toBe(-1);
    expect(calendar.workingDaysLeft('2026-12-08', '2026-12-04')).toBe(-2);
    // Due Christmas Eve: the next working day is Tuesday 29 December.
    for (const today of ['2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29']) {
      expect({ today, left: calendar.workingDaysLeft(today, '2026-12-24') }).toEqual({ today, left: -1 });
    }
    expect(calendar.workingDaysLeft('2026-12-30', '2026-12-24')).toBe(-2);
  });

  it('are negative exactly when the due date has passed, and on a working day are the distance to it', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays('2026-11-01', n));
    fc.assert(
      fc.property(day, day, (today, due) => {
        const left = calendar.workingDaysLeft(today, due);
        expect(left < 0).toBe(due < today);
        if (calendar.isWorkingDay(today)) expect(left).toBe(calendar.workingDaysBetween(today, due));
        else if (due < today) expect(left).toBe(calendar.workingDaysLeft(calendar.onOrAfter(today), due));
      }),
      { seed: 20_261_206, numRuns: 500 },
    );
  });
});

describe('calendar dates', () => {
  it('add calendar months, ending short months on their last day', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-11-27', 2)).toBe('2027-01-27');
  });

  it('end retention after whole calendar years, or after days where a profile counts days', () => {
    expect(retentionEnd('2026-11-02', { yearsAfterClose: 6 })).toBe('2032-11-02'); // not 2,190 days: 2032-10-31
    expect(retentionEnd('2028-02-29', { yearsAfterClose: 6 })).toBe('2034-02-28');
    expect(retentionEnd('2026-11-02', { daysAfterClose: 30 })).toBe('2026-12-02');
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

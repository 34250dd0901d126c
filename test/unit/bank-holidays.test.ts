import data from '../../functions/domain/data/england-wales-bank-holidays.json';
import { englandAndWalesBankHolidays, englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { parseIsoDate } from '../../functions/domain/calendar';
import { corrected, englandAndWalesFromDataSet, FIRST_YEAR, LAST_YEAR } from '../../scripts/generate-bank-holidays';

const weekdays = (year: number) =>
  englandAndWalesBankHolidays(year).filter((day) => ![0, 6].includes(parseIsoDate(day).getUTCDay()));

describe('the generated bank holidays', () => {
  it('match the corrected data set for every year (regenerate after updating date-holidays)', () => {
    expect(data.holidays).toEqual(englandAndWalesFromDataSet());
    expect([data.firstYear, data.lastYear]).toEqual([FIRST_YEAR, LAST_YEAR]);
  });

  it('refuse a year they do not cover rather than guess, with an error the API answers 400 to', () => {
    for (const year of [FIRST_YEAR - 1, LAST_YEAR + 1]) {
      expect(() => englandAndWalesBankHolidays(year)).toThrow(
        expect.objectContaining({ name: 'DomainError', kind: 'invalid', code: 'date-out-of-range' }),
      );
    }
  });

  // Every weekday bank holiday of the years with one-off changes, as proclaimed (gov.uk's list agrees).
  it.each([
    [2002, ['01-01', '03-29', '04-01', '05-06', '06-03', '06-04', '08-26', '12-25', '12-26']], // Golden Jubilee
    [2011, ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27']], // royal wedding
    [2012, ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26']], // Diamond Jubilee
    [2020, ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28']], // VE Day moved to 8 May
    [2022, ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27']], // Platinum Jubilee, state funeral
    [2023, ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26']], // coronation
  ])('are the proclaimed ones in %i, one-off and moved days included', (year, days) => {
    expect(weekdays(year)).toEqual(days.map((day) => `${year}-${day}`));
  });

  it('count working days over the one-off holidays', () => {
    const calendar = englandAndWalesCalendar();
    expect(calendar.isWorkingDay('2002-05-27')).toBe(true); // the usual spring bank holiday, moved that year
    expect(calendar.addWorkingDays('2002-05-31', 1)).toBe('2002-06-05');
    expect(calendar.addWorkingDays('2011-04-27', 2)).toBe('2011-05-03');
    expect(calendar.isWorkingDay('2012-05-28')).toBe(true);
    expect(calendar.addWorkingDays('2012-06-01', 1)).toBe('2012-06-06');
  });

  it('stop the generator when a correction no longer fits the data set', () => {
    const correction = { 2002: { remove: ['2002-05-27'], add: ['2002-06-03'] } };
    expect(corrected(2002, ['2002-05-27'], correction)).toEqual(['2002-06-03']);
    // date-holidays fixed upstream: the day to add is already there, the one to remove is gone.
    expect(() => corrected(2002, ['2002-06-03'], correction)).toThrow(/review CORRECTIONS/);
  });
});

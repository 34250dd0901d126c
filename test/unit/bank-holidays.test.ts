import data from '../../functions/domain/data/england-wales-bank-holidays.json';
import { englandAndWalesBankHolidays } from '../../functions/domain/bank-holidays';
import { englandAndWalesFromDataSet, FIRST_YEAR, LAST_YEAR } from '../../scripts/generate-bank-holidays';

describe('the generated bank holidays', () => {
  it('match the maintained data set for every year (regenerate after updating date-holidays)', () => {
    expect(data.holidays).toEqual(englandAndWalesFromDataSet());
    expect([data.firstYear, data.lastYear]).toEqual([FIRST_YEAR, LAST_YEAR]);
  });

  it('refuse a year they do not cover rather than guess', () => {
    expect(() => englandAndWalesBankHolidays(LAST_YEAR + 1)).toThrow(RangeError);
  });
});

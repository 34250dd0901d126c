import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Holidays from 'date-holidays';
import { projectRoot } from './project-root';

/**
 * England & Wales bank holidays, generated from the maintained `date-holidays` data set (substitute days
 * and one-off holidays included) into a small JSON file the functions load, so that the Lambda bundles
 * do not carry the whole world's holiday rules and a time-zone database.
 * Run after updating date-holidays: `npm run generate:bank-holidays`. test/unit/bank-holidays.test.ts
 * fails if the file and the data set disagree.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2060;

export function englandAndWalesFromDataSet(first = FIRST_YEAR, last = LAST_YEAR): Record<string, string[]> {
  const holidays = new Holidays('GB', 'ENG');
  const byYear: Record<string, string[]> = {};
  for (let year = first; year <= last; year += 1) {
    byYear[year] = holidays
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => holiday.date.slice(0, 10))
      .sort();
  }
  return byYear;
}

if (process.argv[1]?.endsWith('generate-bank-holidays.ts')) {
  const file = join(projectRoot(), 'functions/domain/data/england-wales-bank-holidays.json');
  writeFileSync(
    file,
    `${JSON.stringify({ source: 'date-holidays (GB-ENG, type public)', firstYear: FIRST_YEAR, lastYear: LAST_YEAR, holidays: englandAndWalesFromDataSet() }, null, 1)}\n`,
  );
  console.log(`Bank holidays ${FIRST_YEAR}–${LAST_YEAR} written to ${file}`);
}

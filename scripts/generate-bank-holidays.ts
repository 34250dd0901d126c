import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Holidays from 'date-holidays';
import { projectRoot } from './project-root';

/**
 * England & Wales bank holidays, generated from the maintained `date-holidays` data set (substitute days
 * and one-off holidays included) into a small JSON file the functions load, so that the Lambda bundles
 * do not carry the whole world's holiday rules and a time-zone database. Where the data set is wrong,
 * CORRECTIONS below puts it right.
 * Run after updating date-holidays: `npm run generate:bank-holidays`. test/unit/bank-holidays.test.ts
 * fails if the file and the corrected data set disagree.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2060;

export interface Correction {
  /** Days the data set lists that were not bank holidays that year. */
  remove: string[];
  /** Bank holidays the data set misses. */
  add: string[];
}

/**
 * One-off changes date-holidays 3.37 gets wrong, each made by Royal Proclamation under the Banking and
 * Financial Dealings Act 1971 (s.1(2) moves a bank holiday, s.1(3) appoints a special one) and published
 * in the London Gazette; gov.uk's bank-holidays list agrees. The 1995 and 2020 VE Day moves, the 2022
 * jubilee and state funeral and the 2023 coronation are right in the data set and tested.
 * The generator stops when a correction no longer applies (the data set fixed it, or changed), so that
 * it is looked at again rather than applied twice.
 */
export const CORRECTIONS: Readonly<Record<number, Correction>> = {
  // Golden Jubilee: the spring bank holiday moved from Monday 27 May to Monday 3 June (s.1(2)), and
  // Tuesday 4 June appointed as the Golden Jubilee bank holiday (s.1(3)).
  2002: { remove: ['2002-05-27'], add: ['2002-06-03', '2002-06-04'] },
  // The wedding of Prince William and Catherine Middleton: Friday 29 April appointed (s.1(3)).
  2011: { remove: [], add: ['2011-04-29'] },
  // Diamond Jubilee: the spring bank holiday moved from Monday 28 May to Monday 4 June (s.1(2)); the data
  // set already has Tuesday 5 June, the Diamond Jubilee bank holiday (s.1(3)).
  2012: { remove: ['2012-05-28'], add: ['2012-06-04'] },
};

/** The data set's list for a year, corrected; throws when a correction no longer fits the data set. */
export function corrected(year: number, listed: string[], corrections = CORRECTIONS): string[] {
  const correction = corrections[year];
  if (!correction) return listed;
  const stale = [
    ...correction.remove.filter((day) => !listed.includes(day)),
    ...correction.add.filter((day) => listed.includes(day)),
  ];
  if (stale.length) {
    throw new Error(`date-holidays changed for ${year} (${stale.join(', ')}): review CORRECTIONS before regenerating`);
  }
  return [...listed.filter((day) => !correction.remove.includes(day)), ...correction.add].sort();
}

export function englandAndWalesFromDataSet(first = FIRST_YEAR, last = LAST_YEAR): Record<string, string[]> {
  const holidays = new Holidays('GB', 'ENG');
  const byYear: Record<string, string[]> = {};
  for (let year = first; year <= last; year += 1) {
    const listed = holidays
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => holiday.date.slice(0, 10));
    byYear[year] = corrected(year, listed).sort();
  }
  return byYear;
}

if (process.argv[1]?.endsWith('generate-bank-holidays.ts')) {
  const file = join(projectRoot(), 'functions/domain/data/england-wales-bank-holidays.json');
  const source = `date-holidays (GB-ENG, type public), corrected for ${Object.keys(CORRECTIONS).join(', ')}`;
  writeFileSync(
    file,
    `${JSON.stringify({ source, firstYear: FIRST_YEAR, lastYear: LAST_YEAR, holidays: englandAndWalesFromDataSet() }, null, 2)}\n`,
  );
  console.log(`Bank holidays ${FIRST_YEAR}–${LAST_YEAR} written to ${file}`);
}

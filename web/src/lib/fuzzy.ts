import { capitalise } from './dates';
import {
  compareFuzzyDates,
  endsBeforeStart,
  formatFuzzyDate,
  FUTURE_DATE,
  isFutureFuzzyDate,
  parseFuzzyDate,
  type FuzzyDate,
} from '../../../functions/domain/chronology/fuzzy-date';

/**
 * Dates as a chronology records them: typed as text ("12/05/2019", "May 2019", "about 2018") and read by
 * the very module the API uses, so the page and the server always understand a date the same way. The
 * precision is kept as typed, never guessed.
 */
export {
  compareFuzzyDates,
  endsBeforeStart,
  formatFuzzyDate,
  FUTURE_DATE,
  isFutureFuzzyDate,
  parseFuzzyDate,
  type FuzzyDate,
};

export const FUZZY_DATE_HINT = 'For example, 12/05/2019, May 2019 or about 2018. Add "about" if you are not sure.';

/**
 * "12 May 2019", "about May 2019", "about 2018": a date as every page shows it, in the words agencies type
 * and the merged chronology uses, so one date never reads two ways.
 */
export const describeFuzzyDate = (date: FuzzyDate): string => formatFuzzyDate(date);

/** Reads typed text: the date, or the message to show; blank text is `missing`. Without `today`, any date. */
export function readFuzzyDate(
  text: string,
  today?: string,
): { date: FuzzyDate } | { missing: true } | { problem: string } {
  if (!text.trim()) return { missing: true };
  const parsed = parseFuzzyDate(text);
  if (!parsed.ok) return { problem: parsed.message };
  if (today && isFutureFuzzyDate(parsed.date, today)) return { problem: FUTURE_DATE };
  return { date: parsed.date };
}

/**
 * What the page says it understood as the lead leaves a date field: the date, or why it cannot be kept,
 * by the rule and in the words the save check uses, so a future date is flagged before saving.
 */
export function understoodText(text: string, today: string): string {
  if (!text.trim()) return '';
  const parsed = parseFuzzyDate(text);
  if (!parsed.ok) return `Not understood yet. ${parsed.message}`;
  const understood = `Understood as ${describeFuzzyDate(parsed.date)}`;
  return isFutureFuzzyDate(parsed.date, today) ? `${understood}. ${FUTURE_DATE}.` : understood;
}

/** A stored date as the lead would type it again; it reads back to the same date. */
export const fuzzyDateText = (date: FuzzyDate | undefined): string => (date ? formatFuzzyDate(date) : '');

/** A stored date from a draft or return, if it has the shape of one. */
export function fuzzyDateOf(value: unknown): FuzzyDate | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { value: v, precision, approximate } = value as Record<string, unknown>;
  if (typeof v !== 'string' || (precision !== 'day' && precision !== 'month' && precision !== 'year')) return undefined;
  return { value: v, precision, approximate: approximate === true };
}

export const DATE_EXAMPLES = 'like 12/05/2019, May 2019 or about 2018';

/**
 * The date parser's message for a typed date, naming the item as the "Enter the date of contact 2" message
 * does ("The date of contact 2 must be a real date…"), so a list of several dates says which one is wrong.
 * A day of 0 says the range a day may have, not the month's length alone.
 */
export function namedDateProblem(problem: string, what: string): string {
  const What = capitalise(what);
  if (problem === FUTURE_DATE) return `${What} cannot be in the future`;
  const days = /^(\d+)\D.* is not a real date: (\S+ \d{4}) has (\d+) days$/.exec(problem);
  if (days)
    return Number(days[1]) < 1
      ? `${What} must be a real date: the day must be from 1 to ${days[3]}`
      : `${What} must be a real date: ${days[2]} has ${days[3]} days`;
  if (/^Enter a (real )?date, like /.test(problem)) return `${What} must be a real date, ${DATE_EXAMPLES}`;
  const inFull = /^Enter the (year|month and year) in full, (.+)$/.exec(problem);
  if (inFull) return `Enter ${what} with the ${inFull[1]} in full, ${inFull[2]}`;
  const from = /^Enter a date from (\d{4}) onwards$/.exec(problem);
  if (from) return `${What} must be in ${from[1]} or later`;
  if (problem.startsWith('Enter a whole date or a part of a month or year'))
    return `Enter ${what} as a whole date or a part of a month or year, ${DATE_EXAMPLES}`;
  if (problem.startsWith('Enter a day of the week only with a full date'))
    return `${What} can have a day of the week only if it is a full date, like Monday 13/05/2019`;
  const month = /^There is no month (\d+): (.+)$/.exec(problem);
  if (month) return `There is no month ${month[1]} in ${what}: ${month[2]}`;
  const season = /^A season has no set months: enter the month, (.+)$/.exec(problem);
  if (season) return `A season has no set months: enter ${what} as a month, ${season[1]}`;
  const winter = /^Winter spans two years: enter the month, (.+)$/.exec(problem);
  if (winter) return `Winter spans two years: enter ${what} as a month, ${winter[1]}`;
  return `Check ${what}: ${problem}`;
}

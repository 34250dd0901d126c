import {
  compareFuzzyDates,
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
export { compareFuzzyDates, formatFuzzyDate, FUTURE_DATE, isFutureFuzzyDate, parseFuzzyDate, type FuzzyDate };

export const FUZZY_DATE_HINT = 'For example, 12/05/2019, May 2019 or about 2018. Add "about" if you are not sure.';

/**
 * "12 May 2019", "about May 2019", "about 2018": a date as every page shows it, in the words agencies type
 * and the merged chronology uses, so one date never reads two ways.
 */
export const describeFuzzyDate = (date: FuzzyDate): string => formatFuzzyDate(date);

/** A key event's day, marked approximate or not, in the same words as a chronology date. */
export const describeDay = (iso: string, approximate: boolean): string =>
  formatFuzzyDate({ value: iso, precision: 'day', approximate });

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

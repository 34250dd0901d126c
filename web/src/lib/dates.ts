/**
 * Dates as the portal shows them. Deadlines are calendar days in Europe/London ("YYYY-MM-DD"), so the
 * arithmetic here runs on UTC midnights, clear of daylight-saving shifts. Working days are never
 * computed here: the bank-holiday calendar lives in the API, which sends `workingDaysLeft`.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function utc(iso: string): Date | undefined {
  const match = ISO_DATE.exec(iso);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === iso ? date : undefined;
}

export const isIsoDate = (value: string): boolean => utc(value) !== undefined;

/** Today's calendar date in London, whatever the browser's time zone. */
export function londonToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "6 January 2027" (GOV.UK style). Anything that is not a date is shown as it is. */
export function formatDate(iso: string): string {
  const d = utc(iso);
  return d ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : iso;
}

/** "Wed 6 Jan 2027": compact, for tables. */
export function formatDateShort(iso: string): string {
  const d = utc(iso);
  if (!d) return iso;
  return `${WEEKDAYS[d.getUTCDay()]?.slice(0, 3)} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]?.slice(0, 3)} ${d.getUTCFullYear()}`;
}

/** "Wednesday 6 January 2027". */
export function formatDateLong(iso: string): string {
  const d = utc(iso);
  return d ? `${WEEKDAYS[d.getUTCDay()]} ${formatDate(iso)}` : iso;
}

/** "10:42" in London time. */
export function formatTime(timestamp: string): string {
  const instant = new Date(timestamp);
  if (Number.isNaN(instant.getTime())) return timestamp;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** "6 January 2027": the London calendar day of a timestamp; anything unreadable is shown as it is. */
export function dayOf(timestamp: string): string {
  const instant = new Date(timestamp);
  return Number.isNaN(instant.getTime()) ? timestamp : formatDate(londonToday(instant));
}

/** "6 January 2027 at 10:42" in London time. */

export function formatDateTime(timestamp: string): string {
  const instant = new Date(timestamp);
  if (Number.isNaN(instant.getTime())) return timestamp;
  return `${formatDate(londonToday(instant))} at ${formatTime(timestamp)}`;
}

/** Calendar days from `from` to `to`, negative when `to` is earlier. */
export function calendarDaysBetween(from: string, to: string): number {
  const a = utc(from);
  const b = utc(to);
  if (!a || !b) return Number.NaN;
  return Math.round((b.getTime() - a.getTime()) / DAY_MS);
}

export function addCalendarDays(iso: string, days: number): string {
  const d = utc(iso);
  if (!d) return iso;
  return new Date(d.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "today", "in 3 days", "2 days ago": calendar days, used only when working days are not known. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  return days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
}

/** The API's working-day count in words: "3 working days left", "Due today", "2 working days overdue". */
export function workingDaysText(days: number): string {
  if (days === 0) return 'Due today';
  return days > 0 ? `${plural(days, 'working day')} left` : `${plural(-days, 'working day')} overdue`;
}

// ---------- GOV.UK date input ----------

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export function partsFromIso(iso: string | undefined): DateParts {
  const match = iso ? ISO_DATE.exec(iso) : null;
  if (!match) return { ...EMPTY_DATE };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

/**
 * A date input's boxes as a draft keeps them: the date when it can be read, otherwise each box exactly
 * as typed (TypedDateParts in the API's draft schema); nothing when all three are blank.
 */
export function draftOfParts(parts: DateParts): string | DateParts | undefined {
  const read = isoFromParts(parts);
  if ('iso' in read) return read.iso;
  return read.problem === 'missing' ? undefined : { day: parts.day, month: parts.month, year: parts.year };
}

/** A date input's boxes from a draft or a return: a 'YYYY-MM-DD' date, or the boxes as they were typed. */
export function partsFromDraft(value: unknown): DateParts {
  if (typeof value === 'string') return partsFromIso(value);
  if (!value || typeof value !== 'object') return { ...EMPTY_DATE };
  const { day, month, year } = value as Record<string, unknown>;
  const text = (part: unknown) => (typeof part === 'string' ? part : '');
  return { day: text(day), month: text(month), year: text(year) };
}

export type DateProblem = 'missing' | 'incomplete' | 'invalid';

export const isBlankDate = (parts: DateParts): boolean =>
  !parts.day.trim() && !parts.month.trim() && !parts.year.trim();

/**
 * Reads a date input. Months may be typed as numbers or names ("Jan", "january"), as GOV.UK
 * recommends accepting; a two-digit year is refused because it is ambiguous.
 */
export function isoFromParts(parts: DateParts): { iso: string } | { problem: DateProblem } {
  const day = parts.day.trim();
  const monthText = parts.month.trim().toLowerCase();
  const year = parts.year.trim();
  if (!day && !monthText && !year) return { problem: 'missing' };
  if (!day || !monthText || !year) return { problem: 'incomplete' };
  const named = MONTHS.findIndex((m) => monthText.length >= 3 && m.toLowerCase().startsWith(monthText));
  const month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : named >= 0 ? named + 1 : Number.NaN;
  if (!/^\d{1,2}$/.test(day) || !/^\d{4}$/.test(year) || !Number.isInteger(month)) return { problem: 'invalid' };
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? { iso } : { problem: 'invalid' };
}

/** The date as typed, once it is a real date (advice such as a warning is judged from it as it is typed). */
export function typedDate(parts: DateParts): string | undefined {
  const read = isoFromParts(parts);
  return 'iso' in read ? read.iso : undefined;
}

/** The GOV.UK error message for a date input, naming the date in the words of its question. */
export function dateProblemMessage(problem: DateProblem, what: string): string {
  switch (problem) {
    case 'missing':
      return `Enter ${what}`;
    case 'incomplete':
      return `${capitalise(what)} must include a day, month and year`;
    case 'invalid':
      return `${capitalise(what)} must be a real date`;
  }
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

import type { FieldError } from './issues';
import { readable } from './issues';
import {
  compareFuzzyDates,
  fuzzyDateOf,
  FUTURE_DATE,
  isFutureFuzzyDate,
  namedDateProblem,
  readFuzzyDate,
  type FuzzyDate,
} from './fuzzy';

/** Why words kept for a date cannot be read, in the row form's words ("The date must be a real date, …"). */
export function unreadDateProblem(text: string): string {
  const read = readFuzzyDate(text);
  return 'problem' in read
    ? namedDateProblem(read.problem, 'the date')
    : 'Enter the date, like 12/05/2019, May 2019 or about 2018';
}

/**
 * A chronology of key events (§8.4) as the lead edits it: one row at a time, each with a stable id the
 * merged chronology keeps. Pure functions check a row, sort rows, and connect the API's issues
 * (`content.rows[3].date.value`) to the row and the column they are about ("Row 4, Date: …").
 */
export type FactOrOpinion = '' | 'fact' | 'opinion';
export type ExpectedPractice = '' | 'yes' | 'no' | 'partly' | 'not-known';

export interface ChronRow {
  rowId: string;
  /** The date, once the typed words have been understood. */
  date?: FuzzyDate | undefined;
  /** Words typed for the date that could not be read yet: the draft keeps them as typed until they are put right. */
  dateText?: string | undefined;
  time: string;
  sourceRecord: string;
  event: string;
  actionOutcome: string;
  practitionerRole: string;
  factOrOpinion: FactOrOpinion;
  expectedPractice: ExpectedPractice;
  analysisComment: string;
}

export type ColumnKey = Exclude<keyof ChronRow, 'rowId' | 'dateText'>;

export const COLUMN_LABELS: Record<ColumnKey, string> = {
  date: 'Date',
  time: 'Time',
  sourceRecord: 'Source record',
  event: 'What happened',
  actionOutcome: 'Action taken or outcome',
  practitionerRole: 'Practitioner role',
  factOrOpinion: 'Fact or opinion',
  expectedPractice: 'Expected practice?',
  analysisComment: 'Comment',
};

/** The analysis columns, as the template heads them. */
export const ANALYSIS_HEADERS = [COLUMN_LABELS.expectedPractice, COLUMN_LABELS.analysisComment];

/**
 * The lines of an imported file with something in the analysis columns when the request does not ask for
 * them: the import refuses those rows rather than drop what the lead wrote, and the page says why once.
 */
export function unaskedAnalysisLines(
  rejected: readonly { line: number; column?: string | undefined }[],
  analysisColumns: boolean,
): number[] {
  if (analysisColumns) return [];
  return [...new Set(rejected.filter((r) => ANALYSIS_HEADERS.includes(r.column ?? '')).map((r) => r.line))];
}

/** "line 3", "lines 3, 5 and 9"; a long list is left to the table of rows. */
export function linesText(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  if (lines.length > 20) return `${lines.length.toLocaleString('en-GB')} lines (listed below)`;
  return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
}

export { EXPECTED_PRACTICE_LABELS } from '../../../functions/domain/model';

/**
 * The API's rule (ChronologyRow in functions/contract/returns.ts), in its words: a time goes with a day, an
 * approximate day included, not with a month or a year. The page does not load zod, so the words are
 * repeated here; a unit test keeps the two the same.
 */
export const TIME_NEEDS_DAY = 'A time needs a day, not just a month or a year: give the day, or leave the time blank';

const ROW_ID = /^[A-Za-z0-9_-]{1,40}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
// eslint-disable-next-line no-control-regex -- as the API: control characters are refused on one line.
const ONE_LINE = /^[^\u0000-\u001F\u007F]*$/;

/** A new row's id: a random UUID, which already fits the API's pattern (36 letters, digits and "-"). */
export const newRowId = (): string =>
  crypto
    .randomUUID()
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 40);

/** The id of a row's field in the row form; the error summary links to it. */
export const rowFieldId = (key: ColumnKey): string => `row-${key}`;

export const emptyRow = (rowId = newRowId()): ChronRow => ({
  rowId,
  time: '',
  sourceRecord: '',
  event: '',
  actionOutcome: '',
  practitionerRole: '',
  factOrOpinion: '',
  expectedPractice: '',
  analysisComment: '',
});

type Loose = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A row from a draft or a return; a row without a usable id gets a new one. */
export function rowFromContent(value: unknown): ChronRow {
  const r = value && typeof value === 'object' ? (value as Loose) : {};
  const rowId = typeof r.rowId === 'string' && ROW_ID.test(r.rowId) ? r.rowId : newRowId();
  return {
    ...emptyRow(rowId),
    date: fuzzyDateOf(r.date),
    ...(typeof r.date === 'string' && r.date.trim() ? { dateText: r.date } : {}),
    time: str(r.time),
    sourceRecord: str(r.sourceRecord),
    event: str(r.event),
    actionOutcome: str(r.actionOutcome),
    practitionerRole: str(r.practitionerRole),
    factOrOpinion: r.factOrOpinion === 'fact' || r.factOrOpinion === 'opinion' ? r.factOrOpinion : '',
    expectedPractice: (['yes', 'no', 'partly', 'not-known'] as const).includes(r.expectedPractice as never)
      ? (r.expectedPractice as ExpectedPractice)
      : '',
    analysisComment: str(r.analysisComment),
  };
}

interface RowOptions {
  analysisColumns: boolean;
  today: string;
}

/**
 * A row's problems, as the API would find them, in the order of the row form. Paths are the API's
 * (`rows[2].event`); messages say only what is wrong: `inRow` names the row and column for a summary.
 */
export function checkRow(row: ChronRow, index: number, options: RowOptions): FieldError[] {
  const errors: FieldError[] = [];
  const add = (key: ColumnKey, message: string) =>
    errors.push({ path: `rows[${index}].${key}`, fieldId: rowFieldId(key), message });
  const text = (key: ColumnKey, what: string, max: number, required: boolean, oneLine: boolean) => {
    const value = row[key] as string;
    if (!value.trim()) {
      if (required) add(key, `Enter ${what}`);
    } else if (value.length > max)
      add(key, `${COLUMN_LABELS[key]} must be ${max.toLocaleString('en-GB')} characters or fewer`);
    else if (oneLine && !ONE_LINE.test(value)) add(key, `${COLUMN_LABELS[key]} must be on one line`);
  };
  if (!row.date && row.dateText?.trim()) add('date', unreadDateProblem(row.dateText));
  else if (!row.date) add('date', 'Enter the date, like 12/05/2019, May 2019 or about 2018');
  else if (isFutureFuzzyDate(row.date, options.today)) add('date', FUTURE_DATE);
  if (row.time.trim() && !TIME.test(row.time.trim())) add('time', 'Enter the time like 14:30, or leave it blank');
  else if (row.time.trim() && row.date && row.date.precision !== 'day') add('time', TIME_NEEDS_DAY);
  text('sourceRecord', 'the source record, such as a case note number', 200, true, true);
  text('event', 'what happened', 4000, true, false);
  text('actionOutcome', 'the action taken or the outcome', 4000, true, false);
  text('practitionerRole', "the practitioner's role", 200, true, true);
  if (!row.factOrOpinion) add('factOrOpinion', 'Select whether the row records fact or opinion');
  if (options.analysisColumns && !row.expectedPractice)
    add('expectedPractice', 'Select whether this was expected practice');
  text('analysisComment', 'a comment', 4000, false, false);
  return errors;
}

/** Every row's problems, each named by its row and column for the error summary. */
export function checkRows(rows: readonly ChronRow[], options: RowOptions): FieldError[] {
  return rows.flatMap((row, index) => checkRow(row, index, options).map(inRow));
}

const PATH = /^(?:content\.)?rows\[(\d+)\](?:\.([A-Za-z]+))?/;

/** The row index and column an API path is about: `content.rows[3].date.value` → 3, 'date'. */
export function rowOfPath(path: string): { index: number; key: ColumnKey | undefined } | undefined {
  const match = PATH.exec(path);
  if (!match) return undefined;
  const key = match[2] as ColumnKey | undefined;
  return { index: Number(match[1]), key: key && key in COLUMN_LABELS ? key : undefined };
}

/** "Row 4, Date: The date cannot be in the future". */
export function inRow(error: FieldError): FieldError {
  const at = rowOfPath(error.path);
  if (!at) return error;
  const column = at.key ? `, ${COLUMN_LABELS[at.key]}` : '';
  return { ...error, message: `Row ${at.index + 1}${column}: ${error.message}` };
}

/** An API issue on a row, as a field error of the row form, named by its row and column. */
export function rowIssueError(issue: { path: string; message: string }): FieldError | undefined {
  const at = rowOfPath(issue.path);
  if (!at) return undefined;
  const key = at.key ?? 'date';
  return inRow({
    path: `rows[${at.index}].${key}`,
    fieldId: rowFieldId(key),
    message: readable(issue.message, COLUMN_LABELS[key].toLowerCase()),
  });
}

const BY_TIME = (a: ChronRow, b: ChronRow) => (a.time || '99:99').localeCompare(b.time || '99:99');

/** Date order (the more precise date first at the same start), then time; undated rows last; stable. */
export function sortRows(rows: readonly ChronRow[]): ChronRow[] {
  return rows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => {
      if (!a.row.date || !b.row.date) return Number(!a.row.date) - Number(!b.row.date) || a.order - b.order;
      return compareFuzzyDates(a.row.date, b.row.date) || BY_TIME(a.row, b.row) || a.order - b.order;
    })
    .map(({ row }) => row);
}

/** What a draft keeps of a row: every field that has something in it. */
export function rowDraft(row: ChronRow): Loose {
  const draft: Loose = { rowId: row.rowId };
  if (row.date) draft.date = row.date;
  else if (row.dateText?.trim()) draft.date = row.dateText;
  for (const key of [
    'time',
    'sourceRecord',
    'event',
    'actionOutcome',
    'practitionerRole',
    'factOrOpinion',
    'expectedPractice',
    'analysisComment',
  ] as const) {
    if (row[key].trim()) draft[key] = key === 'time' ? row[key].trim() : row[key];
  }
  return draft;
}

/** A complete row as the API takes it; call only once checkRow found nothing. */
export function rowContent(row: ChronRow, analysisColumns: boolean) {
  return {
    rowId: row.rowId,
    date: row.date as FuzzyDate,
    ...(row.time.trim() ? { time: row.time.trim() } : {}),
    sourceRecord: row.sourceRecord.trim(),
    event: row.event.trim(),
    actionOutcome: row.actionOutcome.trim(),
    practitionerRole: row.practitionerRole.trim(),
    factOrOpinion: row.factOrOpinion as 'fact' | 'opinion',
    ...(analysisColumns && row.expectedPractice
      ? { expectedPractice: row.expectedPractice as Exclude<ExpectedPractice, ''> }
      : {}),
    ...(analysisColumns && row.analysisComment.trim() ? { analysisComment: row.analysisComment.trim() } : {}),
  };
}

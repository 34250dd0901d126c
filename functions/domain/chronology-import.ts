import { ChronologyRow, TIME_NEEDS_DAY } from '../contract/returns';
import { FUTURE_DATE, isFutureFuzzyDate, parseFuzzyDate } from './chronology/fuzzy-date';
import type { IsoDate } from './calendar';

/**
 * Turning a spreadsheet into chronology rows: the columns of the template, a date in any form a lead
 * types ("12/05/2019", "May 2019", "about 2018"), and every rejected row with the reason and column, so the
 * lead can fix the file. Pure: the caller reads the file and says whether analysis columns are asked for.
 */
export interface Column {
  key: keyof ChronologyRow;
  header: string;
  required: boolean;
  width: number;
  note: string;
}

export function chronologyColumns(analysisColumns: boolean): Column[] {
  const columns: Column[] = [
    {
      key: 'date',
      header: 'Date',
      required: true,
      width: 16,
      note: 'A day (12/05/2019), a month (May 2019) or a year (2019); add "about" if approximate.',
    },
    { key: 'time', header: 'Time', required: false, width: 8, note: 'If known, like 14:30.' },
    { key: 'sourceRecord', header: 'Source record', required: true, width: 20, note: 'Where the event is recorded.' },
    { key: 'event', header: 'What happened', required: true, width: 50, note: 'The event, in plain words.' },
    {
      key: 'actionOutcome',
      header: 'Action taken or outcome',
      required: true,
      width: 40,
      note: 'What your agency did, or what came of it.',
    },
    { key: 'practitionerRole', header: 'Practitioner role', required: true, width: 22, note: 'A role, not a name.' },
    { key: 'factOrOpinion', header: 'Fact or opinion', required: true, width: 14, note: 'Fact or Opinion.' },
  ];
  if (analysisColumns) {
    columns.push(
      {
        key: 'expectedPractice',
        header: 'Expected practice?',
        required: true,
        width: 16,
        note: 'Yes, No, Partly or Not known.',
      },
      {
        key: 'analysisComment',
        header: 'Comment',
        required: false,
        width: 40,
        note: 'Why practice was or was not as expected.',
      },
    );
  }
  return columns;
}

export interface RejectedRow {
  /** The line in the file (1 is the header row). */
  line: number;
  column?: string;
  message: string;
}

export interface ImportResult {
  rows: ChronologyRow[];
  /** The line in the file of each row in `rows`. */
  lines: number[];
  rejected: RejectedRow[];
  /**
   * Columns of the file that are not the template's, with the lines where they hold something: they are not
   * imported, and the preview says so, so that nothing the lead wrote disappears unannounced.
   */
  ignoredColumns: { header: string; lines: number[] }[];
}

/**
 * What makes two rows the same event written down twice: every field alike (spacing aside) but the row's
 * own id. Importing the same file again, or a file that repeats rows already typed in, would otherwise
 * list the event twice. `row` may be a saved draft's row, which can be incomplete.
 */
export function chronologyRowKey(row: unknown): string {
  if (typeof row !== 'object' || row === null) return '';
  const fields = Object.entries(row as Record<string, unknown>)
    .filter(([key, value]) => key !== 'rowId' && value !== undefined && value !== '')
    .map(([key, value]): [string, unknown] => {
      if (typeof value === 'string') return [key, value.replace(/\s+/g, ' ').trim()];
      if (key === 'date' && typeof value === 'object' && value !== null) {
        const { value: day, precision, approximate } = value as Record<string, unknown>;
        return [key, [day, precision, approximate === true]];
      }
      return [key, value];
    })
    .sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify(fields);
}

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
/** Each choice as the template and the page word it ("Not known"), read whatever its case or spacing. */
const CHOICES: Partial<Record<keyof ChronologyRow, { codes: Record<string, string>; words: string }>> = {
  factOrOpinion: { codes: { fact: 'fact', opinion: 'opinion' }, words: 'Fact or Opinion' },
  expectedPractice: {
    codes: { yes: 'yes', no: 'no', partly: 'partly', notknown: 'not-known', unknown: 'not-known' },
    words: 'Yes, No, Partly or Not known',
  },
};

/**
 * The analysis columns, when the request does not ask for them: a row with something in them is refused,
 * not imported without it. The lead wrote that analysis; importing the rest of the row would lose it with
 * no more than a line in a preview they may not read, and "nothing half-imported" holds for a row as for
 * the file. Emptying or deleting the columns, a deliberate step, lets the file in.
 */
const UNASKED_ANALYSIS = (header: string) =>
  `This request does not ask for the analysis columns, so ${header} would not be imported. Delete the column or empty it, and check the file again.`;

const HEADERS = chronologyColumns(true).map((c) => c.header);
const columnOrder = (header: string | undefined) => HEADERS.indexOf(header ?? '');

export function importChronology(
  table: string[][],
  options: { analysisColumns: boolean; newRowId: () => string; today: IsoDate },
): ImportResult {
  const columns = chronologyColumns(options.analysisColumns);
  const headerIndex = table.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  const header = (table[headerIndex] ?? []).map(normalise);
  const positions = new Map(columns.map((c) => [c.key, header.indexOf(normalise(c.header))]));
  const missing = columns.filter((c) => c.required && positions.get(c.key) === -1);
  const unasked = options.analysisColumns
    ? []
    : chronologyColumns(true)
        .filter((c) => !positions.has(c.key))
        .map((c) => ({ header: c.header, position: header.indexOf(normalise(c.header)) }))
        .filter((c) => c.position !== -1);
  if (headerIndex === -1 || missing.length) {
    return {
      rows: [],
      lines: [],
      ignoredColumns: [],
      rejected: [
        {
          line: headerIndex + 1 || 1,
          message: `The first row must name the template's columns. Missing: ${missing.map((c) => c.header).join(', ') || 'all'}`,
        },
      ],
    };
  }
  const rows: ChronologyRow[] = [];
  const lines: number[] = [];
  const rejected: RejectedRow[] = [];
  // Any other column, named or not (the analysis columns, asked for or not, are dealt with above).
  const known = new Set(chronologyColumns(true).map((c) => normalise(c.header)));
  const headerCells = table[headerIndex] ?? [];
  const others = headerCells.flatMap((cell, position) =>
    known.has(normalise(cell))
      ? []
      : [{ header: cell.trim() || `Column ${position + 1}`, position, lines: [] as number[] }],
  );
  table.slice(headerIndex + 1).forEach((cells, offset) => {
    const line = headerIndex + offset + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    for (const other of others) if ((cells[other.position] ?? '').trim()) other.lines.push(line);
    const value = (key: keyof ChronologyRow) => (cells[positions.get(key) ?? -1] ?? '').trim();
    const candidate: Record<string, unknown> = { rowId: options.newRowId() };
    const problems: RejectedRow[] = [];
    for (const column of columns) {
      const text = value(column.key);
      if (!text) {
        if (column.required) problems.push({ line, column: column.header, message: `${column.header} is missing` });
        continue;
      }
      if (column.key === 'date') {
        const parsed = parseFuzzyDate(text);
        // The rule the form and the submission apply: an import must not let in what submitting refuses.
        if (!parsed.ok) problems.push({ line, column: column.header, message: parsed.message });
        else if (isFutureFuzzyDate(parsed.date, options.today)) {
          problems.push({ line, column: column.header, message: FUTURE_DATE });
        } else candidate.date = parsed.date;
        continue;
      }
      const choices = CHOICES[column.key];
      if (choices) {
        const choice = choices.codes[normalise(text)];
        if (choice) candidate[column.key] = choice;
        else problems.push({ line, column: column.header, message: `${column.header} must be ${choices.words}` });
        continue;
      }
      candidate[column.key] = text;
    }
    const date = candidate.date as ChronologyRow['date'] | undefined;
    // As the contract's rule, said here too so that it is listed with the row's other problems.
    if (date && date.precision !== 'day' && value('time'))
      problems.push({ line, column: 'Time', message: TIME_NEEDS_DAY });
    for (const column of unasked) {
      if ((cells[column.position] ?? '').trim())
        problems.push({ line, column: column.header, message: UNASKED_ANALYSIS(column.header) });
    }
    if (!problems.length) {
      const checked = ChronologyRow.safeParse(candidate);
      if (checked.success) {
        rows.push(checked.data);
        lines.push(line);
      } else {
        for (const issue of checked.error.issues) {
          const key = issue.path[0] as keyof ChronologyRow;
          problems.push({
            line,
            column: columns.find((c) => c.key === key)?.header ?? String(key),
            message: issue.message,
          });
        }
      }
    }
    // In the order of the columns, as the lead reads the row.
    rejected.push(...problems.sort((a, b) => columnOrder(a.column) - columnOrder(b.column)));
  });
  const ignoredColumns = others
    .filter((other) => other.lines.length > 0)
    .map(({ header, lines: where }) => ({ header, lines: where }));
  return { rows, lines, rejected, ignoredColumns };
}

import type { Column } from '../domain/chronology-import';
import { writeCsv, writeXlsx } from './spreadsheet';

/**
 * Typed as text in Excel: left to itself, Excel turns "May 2019" typed as a date into 1 May 2019 (shown
 * "May-19"), losing the precision the lead gave, and "14:30" into a fraction of a day. Not every column:
 * a long "What happened" formatted as Text shows as #### in older Excel.
 */
const TYPED_AS_TEXT: ReadonlySet<Column['key']> = new Set(['date', 'time']);

/**
 * The chronology template, with no example rows to delete. The Excel file explains each column on a second
 * sheet, Guidance, which the import does not read (it reads the first sheet only).
 */
export function chronologyTemplateXlsx(columns: Column[]): Promise<Buffer> {
  return writeXlsx([
    {
      name: 'Chronology',
      columns: columns.map((c) => ({ header: c.header, width: c.width, text: TYPED_AS_TEXT.has(c.key) })),
      rows: [],
    },
    {
      name: 'Guidance',
      columns: [
        { header: 'Column', width: 24 },
        { header: 'Needed', width: 10 },
        { header: 'What to enter', width: 70 },
      ],
      rows: columns.map((c) => [c.header, c.required ? 'Required' : 'If known', c.note]),
    },
  ]);
}

export function chronologyTemplateCsv(columns: Column[]): Buffer {
  return writeCsv([columns.map((c) => c.header)]);
}

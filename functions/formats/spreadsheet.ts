import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile, { type Row } from 'write-excel-file/node';

/**
 * Reading and writing the CSV and Excel files people exchange with the portal. Cells come back as text;
 * a date typed into Excel comes back as YYYY-MM-DD so it keeps its day precision.
 *
 * Excel files are read with read-excel-file and written with write-excel-file: both small and built on
 * fflate, where exceljs brought 1.1 MB of streams, archivers and file-system helpers into every function that
 * touches a workbook (ADR 0014).
 */
export type Table = string[][];

// The multi-sheet overload, the last one declared; the package does not export its file-content type.
type Sheets = Parameters<typeof writeXlsxFile>[0];
type Feature = NonNullable<NonNullable<Parameters<typeof writeXlsxFile>[1]>['features']>[number];

export function readCsv(bytes: Uint8Array): Table {
  return parse(Buffer.from(bytes), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
  }) as Table;
}

/** Day 0 of Excel's serial dates: a time typed on its own (14:30) is a fraction of a day after it. */
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);
const EXCEL_DAY_ONE = Date.UTC(1900, 0, 1);
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Excel keeps no time zone: a date cell is read as the day shown (midnight UTC), a date with a time as its
 * day, and a time on its own as HH:MM (its seconds dropped, after rounding away the fraction's float error).
 */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return '';
    if (ms >= EXCEL_DAY_ONE) return value.toISOString().slice(0, 10);
    const minutes = Math.floor(Math.round((ms - EXCEL_DAY_ZERO) / 1000) / 60) % 1440;
    return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  }
  return String(value).trim();
}

/**
 * The first worksheet as text, row 1 first, every row as wide as the widest. A formula reads as the value
 * the spreadsheet last worked out; an error cell reads as empty. Call only on a file already inspected
 * (no macros, no zip bomb).
 */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const rows = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return rows.map((row) => row.map(cellText));
}

/** CSV with a byte-order mark, so Excel opens UTF-8 (names with accents) correctly. */
export function writeCsv(table: Table): Buffer {
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(stringify(table.map(guardFormula)), 'utf8')]);
}

/** A cell that starts like a formula is written as text, so a spreadsheet never runs it (CSV injection). */
function guardFormula(row: string[]): string[] {
  return row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell));
}

export interface SheetSpec {
  name: string;
  /** Widths in characters. */
  columns: { header: string; width: number }[];
  rows: string[][];
}

/**
 * Printed as a whole page wide: the pageSetUpPr flag, which write-excel-file does not set, is what makes
 * Excel honour fitToWidth. The sheet properties element must come first in the worksheet.
 */
const fitToPageWidth: Feature = {
  files: {
    transform: {
      'xl/worksheets/sheet{id}.xml': {
        transform: (xml) =>
          xml.includes('<sheetPr')
            ? xml
            : xml.replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'),
        transformElementAttributes: (tagName, attributes) =>
          tagName === 'pageSetup' ? { ...attributes, fitToWidth: 1, fitToHeight: 0 } : attributes,
      },
    },
  },
};

/**
 * Every sheet: a bold header row that stays in view, text that wraps and sits at the top of its cell, and
 * landscape A4 a page wide for printing. Every cell is written as text, never as a formula.
 */
export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook: Sheets = sheets.map((spec) => {
    const header: Row = spec.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' }));
    const rows: Row[] = spec.rows.map((row) =>
      row.map((cell) => ({ value: cell, type: String, wrap: true, alignVertical: 'top' })),
    );
    return {
      sheet: spec.name,
      data: [header, ...rows],
      columns: spec.columns.map((c) => ({ width: c.width })),
      stickyRowsCount: 1,
      orientation: 'landscape',
    };
  });
  return writeXlsxFile(workbook, { features: [fitToPageWidth] }).toBuffer();
}

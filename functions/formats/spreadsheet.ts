import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/**
 * Reading and writing the CSV and Excel files people exchange with the portal. Cells come back as text;
 * a date typed into Excel comes back as YYYY-MM-DD so it keeps its day precision.
 */
export type Table = string[][];

export function readCsv(bytes: Uint8Array): Table {
  return parse(Buffer.from(bytes), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
  }) as Table;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** The first worksheet as text. Call only on a file already inspected (no macros, no zip bomb). */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: Table = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) cells.push(cellText(row.getCell(column).value));
    table[rowNumber - 1] = cells;
  });
  return Array.from(table, (row) => row ?? []);
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
  columns: { header: string; width: number; note?: string }[];
  rows: string[][];
  /** Landscape A4 for printing, frozen header row. */
  title?: string;
}

export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Safeguarding returns portal';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, {
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
    spec.columns.forEach((c, i) => {
      const cell = sheet.getRow(1).getCell(i + 1);
      cell.font = { bold: true };
      if (c.note) cell.note = c.note;
    });
    for (const row of spec.rows) sheet.addRow(row.map((cell) => cell)).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import { CsvError, parse } from 'csv-parse/sync';
import { UnreadableCsv } from '../domain/unreadable-csv';
import { stringify } from 'csv-stringify/sync';
import { strFromU8, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import {
  getCellAddress,
  getOrderOfSiblings,
  insertElementMarkupAccordingToOrderOfSiblings,
  sanitizeTextContent,
} from 'write-excel-file/utility';

/**
 * Reading and writing the CSV and Excel files people exchange with the portal. Cells come back as text;
 * an Excel date comes back as YYYY-MM-DD, or as YYYY-MM or YYYY when the cell shows only the month or the
 * year, so it keeps the precision shown.
 *
 * Excel files are read with read-excel-file and written with write-excel-file: both small and built on
 * fflate, where exceljs brought 1.1 MB of streams, archivers and file-system helpers into every function that
 * touches a workbook (ADR 0014).
 */
export type Table = string[][];

// The multi-sheet overload, the last one declared; the package does not export its file-content type.
type Sheets = Parameters<typeof writeXlsxFile>[0];
type Feature = NonNullable<NonNullable<Parameters<typeof writeXlsxFile>[1]>['features']>[number];

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Windows-1252 is Latin-1 but for bytes 0x80–0x9F, which hold € “ ” – — and the like (the five it leaves
 * unassigned stay as they are). Spelt out because TextDecoder('windows-1252') decodes as Latin-1 in some
 * Node releases (20.20 among them), which would turn “debt” into control characters.
 */
const WINDOWS_1252_80_TO_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Excel's "CSV (Comma delimited)" is Windows-1252, not UTF-8: read as UTF-8, its £, ë and curly quotes would
 * each become U+FFFD and be imported so. Bytes that are not UTF-8 are read as Windows-1252, which decodes
 * any byte; UTF-8 (a byte-order mark dropped) is read as it is.
 */
function decodeCsv(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_80_TO_9F[c.charCodeAt(0) - 0x80] ?? c);
  }
}

/**
 * Excel set to a European region saves "CSV" with semicolons between cells (its decimal mark is the comma).
 * The first line that is not blank decides, a heading row holding neither mark inside a heading: whichever
 * separates more of it separates the cells. Splitting on both (csv-parse's list of delimiters) would cut
 * a comma-separated file's "Seen by GP; no concerns" in two.
 */
function delimiterOf(text: string): ',' | ';' {
  const first = text.split(/\r\n|\n|\r/).find((line) => /[^\s,;]/.test(line)) ?? '';
  const unquoted = first.replace(/"[^"]*("|$)/g, '');
  const count = (mark: string) => unquoted.split(mark).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * The file's rows of cells, comma- or semicolon-separated, in UTF-8 or Windows-1252; a file that is not
 * well-formed CSV throws UnreadableCsv, naming the line.
 */
export function readCsv(bytes: Uint8Array): Table {
  const text = decodeCsv(bytes);
  try {
    return parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as Table;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The record at fault follows the complete ones: counted as the import preview counts lines (one per
    // row, as a spreadsheet numbers them, a cell's own line breaks included in its row).
    const line = ((error as CsvError & { records?: number }).records ?? 0) + 1;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw new UnreadableCsv('unclosed-quote', line);
    const stray =
      error.code === 'INVALID_OPENING_QUOTE' ||
      error.code === 'CSV_INVALID_CLOSING_QUOTE' ||
      error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE';
    throw new UnreadableCsv(stray ? 'stray-quote' : 'other', line);
  }
}

/** Day 0 of Excel's serial dates: a time typed on its own (14:30) is a fraction of a day after it. */
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);
const EXCEL_DAY_ONE = Date.UTC(1900, 0, 1);
const pad = (n: number) => String(n).padStart(2, '0');

/** How much of a date a cell's number format shows; a cell not listed shows its day. */
type Shown = 'month' | 'year';
const ISO_LENGTH: Record<Shown | 'day', number> = { day: 10, month: 7, year: 4 };

/**
 * Excel keeps no time zone: a date cell is read as the day shown (midnight UTC), a date with a time as its
 * day, and a time on its own as HH:MM (its seconds dropped, after rounding away the fraction's float error).
 * A date shown without its day ("May-19": Excel's reading of "May 2019" typed) is read as the month or the
 * year shown (2019-05), never as the 1st of the month Excel stores.
 */
function cellText(value: unknown, shown: Shown | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return '';
    if (ms >= EXCEL_DAY_ONE) return value.toISOString().slice(0, ISO_LENGTH[shown ?? 'day']);
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
  const shown = rows.some((row) => row.some((cell) => cell instanceof Date))
    ? datesShownWithoutDay(bytes)
    : new Map<string, Shown>();
  return rows.map((row, r) => row.map((cell, c) => cellText(cell, shown.get(`${r},${c}`))));
}

/** Excel's built-in number formats that show a date without its day; the others show the day, or no date. */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = { 17: 'mmm-yy' };

/** How much of a date a number format shows: "mmm-yy" a month, "yyyy" a year, anything with a day a day. */
function shownBy(formatCode: string): Shown | undefined {
  // The first section (for numbers from 0 up) without its quoted text, escaped and padding characters,
  // colours, locales and AM/PM.
  const [section = ''] = formatCode.replace(/"[^"]*"|\\.|[_*].|\[[^\]]*\]/g, '').split(';');
  const tokens = section.toLowerCase().replace(/am\/pm|a\/p/g, '');
  if (tokens.includes('d') || !/[ye]/.test(tokens)) return undefined;
  return tokens.includes('m') ? 'month' : 'year';
}

const attribute = (attributes: string, name: string) =>
  new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(attributes)
    ?.slice(1)
    .find((v) => v !== undefined);
const unescapeXml = (text: string) =>
  text.replace(
    /&(quot|apos|lt|gt|amp);/g,
    (_, name: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' })[name] ?? '',
  );
/** The attributes of each `tag` element, in order (as one string each), whatever its namespace prefix. */
function* elements(xml: string, tag: string): Generator<string> {
  for (const match of xml.matchAll(new RegExp(`<(?:[\\w-]+:)?${tag}\\b([^>]*)>`, 'g'))) yield match[1] ?? '';
}

/**
 * The cells of the first sheet (as readSheet numbers them: "row,column" from 0) whose number format shows a
 * date without its day. read-excel-file reads a date cell's value but not its format, so the format is
 * looked up here: the cell's style in the sheet, the style's number format in styles.xml. Regular expressions
 * suffice for these machine-written parts; anything not found leaves the cell read as a day, as before.
 */
function datesShownWithoutDay(bytes: Uint8Array): Map<string, Shown> {
  const found = new Map<string, Shown>();
  const read = (...names: string[]) => {
    const files = unzipSync(bytes, { filter: (file) => names.includes(file.name) });
    return names.map((name) => (files[name] ? strFromU8(files[name]) : ''));
  };
  // The paths, as read-excel-file finds them: the workbook's first sheet and its styles, through its relationships.
  const [workbook = '', relationships = ''] = read('xl/workbook.xml', 'xl/_rels/workbook.xml.rels');
  const path = (rel: string | undefined) => {
    const target = rel === undefined ? '' : (attribute(rel, 'Target') ?? '');
    return target.startsWith('/') ? target.slice(1) : target && `xl/${target}`;
  };
  const rels = [...elements(relationships, 'Relationship')];
  const firstSheet = /\s[\w-]+:id\s*=\s*"([^"]*)"/.exec(elements(workbook, 'sheet').next().value ?? '')?.[1];
  const sheetPath = path(rels.find((rel) => attribute(rel, 'Id') === firstSheet));
  const stylesPath = path(rels.find((rel) => /\/styles$/.test(attribute(rel, 'Type') ?? '')));
  if (!sheetPath || !stylesPath) return found;
  const [styles = ''] = read(stylesPath);

  const formats = new Map<number, string>(Object.entries(BUILT_IN_FORMATS).map(([id, code]) => [Number(id), code]));
  for (const numFmt of elements(styles, 'numFmt')) {
    formats.set(Number(attribute(numFmt, 'numFmtId')), unescapeXml(attribute(numFmt, 'formatCode') ?? ''));
  }
  const cellXfs = /<(?:[\w-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?cellXfs>/.exec(styles)?.[1] ?? '';
  const shownByStyle = new Map<string, Shown>();
  [...elements(cellXfs, 'xf')].forEach((xf, index) => {
    const shown = shownBy(formats.get(Number(attribute(xf, 'numFmtId') ?? 0)) ?? '');
    if (shown) shownByStyle.set(String(index), shown);
  });
  if (!shownByStyle.size) return found;

  const [sheet = ''] = read(sheetPath);
  for (const cell of elements(sheet, 'c')) {
    const shown = shownByStyle.get(attribute(cell, 's') ?? '');
    const address = /^([A-Z]+)(\d+)$/.exec(attribute(cell, 'r') ?? '');
    if (!shown || !address) continue;
    const column = [...(address[1] ?? '')].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
    found.set(`${Number(address[2]) - 1},${column - 1}`, shown);
  }
  return found;
}

/** CSV with a byte-order mark, so Excel opens UTF-8 (names with accents) correctly. */
export function writeCsv(table: Table): Buffer {
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(stringify(table.map(guardFormula)), 'utf8')]);
}

/** A cell that starts like a formula is written as text, so a spreadsheet never runs it (CSV injection). */
function guardFormula(row: string[]): string[] {
  return row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell));
}

/**
 * What a column's cells hold. The table is text (the CSV is written from it as it is); the workbook writes a
 * `number` column's cells as numbers and a `date` column's (ISO days, YYYY-MM-DD) as Excel dates, so that
 * Excel sorts and filters them as numbers and dates rather than as text (1, 10, 2…). An empty cell stays empty.
 */
export type ColumnType = 'text' | 'number' | 'date';

export interface SheetColumn {
  header: string;
  /** In characters. */
  width: number;
  /** `text` if not given. */
  type?: ColumnType;
  /**
   * A `text` column formatted as Text: Excel keeps what is typed into it as typed, where it would turn
   * "May 2019" into the date 1 May 2019, shown "May-19", and "14:30" into a fraction.
   */
  text?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: string[][];
  /** Filter buttons on the header row, over every column and row of the sheet. */
  autoFilter?: boolean;
}

/** Shown as an ISO day, as the CSV has it; Excel keeps the date itself, so a date filter works on it. */
const DATE_FORMAT = 'yyyy-mm-dd';

/**
 * A typed column's cell from its text. Excel dates have no time zone: an ISO day is written as the Date of
 * its midnight UTC, which write-excel-file turns into that day's serial number (and readXlsx reads back as
 * the same day). Text that is not of the column's type is a fault in the table, never written as text that
 * would sort apart from the rest; the error names the place, not the value (which may be personal data).
 */
function typedValue(text: string, type: Exclude<ColumnType, 'text'>, where: () => string): number | Date {
  if (type === 'number') {
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = new Date(`${text}T00:00:00.000Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(text)) return day;
  }
  throw new Error(`${where()} is not a ${type === 'number' ? 'number' : 'date (YYYY-MM-DD)'}`);
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
 * A `text` column takes the Text format as a whole, so a cell typed into anywhere below takes it too.
 * write-excel-file styles cells, not columns: the column is given the style of its cell in row 2, which is
 * written (empty, in a template) with the Text format.
 */
const textColumnsOf = (sheets: SheetSpec[]): Feature => ({
  files: {
    transform: {
      'xl/worksheets/sheet{id}.xml': {
        transform: (xml, _options, { sheetIndex }) =>
          xml.replace(/<col\b([^>]*?)\/>/g, (col, attributes: string) => {
            const index = Number(/\bmin="(\d+)"/.exec(attributes)?.[1]) - 1;
            if (!sheets[sheetIndex]?.columns[index]?.text || /\bstyle=/.test(attributes)) return col;
            const style = new RegExp(`<c r="${getCellAddress(1, index)}" s="(\\d+)"`).exec(xml)?.[1];
            return style === undefined ? col : `<col${attributes} style="${style}"/>`;
          }),
      },
    },
  },
});

/** The header row and every row below it, A1:P42: the range an autofilter covers. */
const filterRange = (spec: SheetSpec) => `A1:${getCellAddress(spec.rows.length, Math.max(spec.columns.length - 1, 0))}`;

/**
 * Filter buttons on the header row, which write-excel-file does not write: the sheet's autoFilter element
 * (in its place among the worksheet's elements, which Excel requires in order), and the hidden
 * _xlnm._FilterDatabase name that Excel itself keeps for a sheet's filter.
 */
const autoFiltersOf = (sheets: SheetSpec[]): Feature => ({
  files: {
    transform: {
      'xl/worksheets/sheet{id}.xml': {
        transform: (xml, _options, { sheetIndex }) => {
          const spec = sheets[sheetIndex];
          if (!spec?.autoFilter || /<autoFilter\b/.test(xml)) return xml;
          return insertElementMarkupAccordingToOrderOfSiblings(
            xml,
            `<autoFilter ref="${filterRange(spec)}"/>`,
            getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? [],
            'worksheet',
          );
        },
      },
      'xl/workbook.xml': {
        transform: (xml) => {
          const names = sheets.flatMap((spec, index) => {
            if (!spec.autoFilter) return [];
            const [from, to] = filterRange(spec)
              .split(':')
              .map((cell) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'));
            const sheet = sanitizeTextContent(`'${spec.name.replace(/'/g, "''")}'`);
            return [
              `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${sheet}!${from}:${to}</definedName>`,
            ];
          });
          if (!names.length) return xml;
          if (/<definedNames\s*\/>/.test(xml))
            return xml.replace(/<definedNames\s*\/>/, `<definedNames>${names.join('')}</definedNames>`);
          if (/<\/definedNames>/.test(xml)) return xml.replace(/<\/definedNames>/, `${names.join('')}</definedNames>`);
          return insertElementMarkupAccordingToOrderOfSiblings(
            xml,
            `<definedNames>${names.join('')}</definedNames>`,
            getOrderOfSiblings('xl/workbook.xml', 'workbook') ?? [],
            'workbook',
          );
        },
      },
    },
  },
});

/**
 * Every sheet: a bold header row that stays in view, text that wraps and sits at the top of its cell, and
 * landscape A4 a page wide for printing. A cell is written as its column's type (text if none), and text
 * is never written as a formula.
 */
export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook: Sheets = sheets.map((spec) => {
    const header: Row = spec.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' }));
    const cell = (value: string, index: number, rowIndex: number): Cell => {
      const column = spec.columns[index];
      const style = { wrap: true, alignVertical: 'top' } as const;
      if (!column?.type || column.type === 'text') {
        return { value, type: String, ...style, ...(column?.text ? { format: '@' } : {}) };
      }
      if (value === '') return null;
      const typed = typedValue(value, column.type, () => `${spec.name}, ${column.header}, row ${rowIndex + 2}`);
      return typed instanceof Date
        ? { value: typed, type: Date, format: DATE_FORMAT, ...style }
        : { value: typed, type: Number, ...style };
    };
    const rows: Row[] = spec.rows.map((row, r) => row.map((value, c) => cell(value, c, r)));
    if (!rows.length && spec.columns.some((c) => c.text))
      rows.push(spec.columns.map((c, i) => (c.text ? cell('', i, 0) : null)));
    return {
      sheet: spec.name,
      data: [header, ...rows],
      columns: spec.columns.map((c) => ({ width: c.width })),
      stickyRowsCount: 1,
      orientation: 'landscape',
    };
  });
  return writeXlsxFile(workbook, {
    features: [fitToPageWidth, textColumnsOf(sheets), autoFiltersOf(sheets)],
  }).toBuffer();
}

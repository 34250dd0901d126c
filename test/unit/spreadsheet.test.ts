import ExcelJS from 'exceljs';
import { readXlsx, writeXlsx } from '../../functions/formats/spreadsheet';

/**
 * The portal's Excel files against another implementation: exceljs (a test dependency only) opens what the
 * portal writes, and writes the files, shaped as Excel saves them, that the portal must read.
 */
async function openWithExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

const CHRONOLOGY = {
  name: 'Multi-agency chronology',
  columns: [
    { header: 'Date', width: 14 },
    { header: 'What happened', width: 60 },
  ],
  rows: [
    ['2024-03-14', 'Police attended the family home & completed a DASH <high risk>'],
    ['2023-09', '=HYPERLINK("https://example.org","click")'],
    ['', 'Ünïcode — “quotes” and a line\nbreak'],
  ],
};

describe('writing a workbook', () => {
  it('writes each sheet with its header, widths, frozen header row and landscape A4 a page wide', async () => {
    const workbook = await openWithExcelJs(
      await writeXlsx([CHRONOLOGY, { name: 'Guidance', columns: [{ header: 'Column', width: 20 }], rows: [['Date']] }]),
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Multi-agency chronology', 'Guidance']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Date');
    expect(sheet.getRow(1).getCell(2).value).toBe('What happened');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(2).font?.bold).toBeFalsy();
    expect(sheet.getColumn(1).width).toBe(14);
    expect(sheet.getColumn(2).width).toBe(60);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(sheet.getRow(2).getCell(2).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
  });

  it('writes every cell as text: a value that looks like a formula is never made one', async () => {
    const sheet = (await openWithExcelJs(await writeXlsx([CHRONOLOGY]))).worksheets[0]!;
    const formulaLike = sheet.getRow(3).getCell(2);
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
    expect(formulaLike.value).toBe('=HYPERLINK("https://example.org","click")');
    expect(sheet.getRow(2).getCell(2).value).toBe(CHRONOLOGY.rows[0]![1]);
    expect(sheet.getRow(4).getCell(2).value).toBe('Ünïcode — “quotes” and a line\nbreak');
  });

  it('reads back what it wrote, header first', async () => {
    const table = await readXlsx(await writeXlsx([CHRONOLOGY]));
    expect(table).toEqual([['Date', 'What happened'], ...CHRONOLOGY.rows]);
  });

  it('writes a sheet with a header and no rows (the template)', async () => {
    const table = await readXlsx(await writeXlsx([{ ...CHRONOLOGY, rows: [] }]));
    expect(table).toEqual([['Date', 'What happened']]);
  });
});

describe('reading a workbook saved by a spreadsheet program', () => {
  async function saved(fill: (sheet: ExcelJS.Worksheet) => void, second?: (sheet: ExcelJS.Worksheet) => void) {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('Chronology'));
    if (second) second(workbook.addWorksheet('Notes'));
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  it('reads dates typed as Excel dates as the day shown, whatever the time zone', async () => {
    const bytes = await saved((sheet) => {
      sheet.addRow(['Date', 'Time']);
      sheet.addRow([new Date(Date.UTC(2024, 2, 14)), '09:15']);
      sheet.addRow([new Date(Date.UTC(2019, 11, 31)), '']);
    });
    expect(await readXlsx(bytes)).toEqual([
      ['Date', 'Time'],
      ['2024-03-14', '09:15'],
      ['2019-12-31', ''],
    ]);
  });

  // Excel stores a typed time (14:30) as a fraction of a day, shown through a time format.
  it('reads times typed as Excel times as HH:MM, and a date with a time as its day', async () => {
    const bytes = await saved((sheet) => {
      sheet.addRow(['Date', 'Time']);
      sheet.addRow([new Date(Date.UTC(2024, 2, 14)), 14.5 / 24]);
      sheet.addRow([new Date(Date.UTC(2024, 2, 15, 23, 59)), (9 * 60 + 5) / 1440 + 20 / 86400]);
      sheet.addRow(['', 0]);
      sheet.getColumn(2).numFmt = 'hh:mm';
      sheet.getCell('B4').numFmt = 'h:mm:ss AM/PM';
      sheet.getCell('A3').numFmt = 'dd/mm/yyyy hh:mm';
    });
    expect(await readXlsx(bytes)).toEqual([
      ['Date', 'Time'],
      ['2024-03-14', '14:30'],
      ['2024-03-15', '09:05'],
      ['', '00:00'],
    ]);
  });

  it('reads rich text as its words, a formula as its last result, numbers and booleans as text, errors as empty', async () => {
    const bytes = await saved((sheet) => {
      sheet.addRow([
        { richText: [{ text: 'Seen by ' }, { text: 'GP', font: { bold: true } }] },
        { formula: '1+2', result: 3 },
        2019,
        12.5,
        true,
        { error: '#DIV/0!' },
        '  padded  ',
      ]);
    });
    expect(await readXlsx(bytes)).toEqual([['Seen by GP', '3', '2019', '12.5', 'true', '', 'padded']]);
  });

  it('keeps every row in its place, empty ones too, reads only the first sheet and pads rows to one width', async () => {
    const bytes = await saved(
      (sheet) => {
        sheet.getCell('B2').value = 'Header';
        sheet.getCell('D4').value = 'far';
      },
      (notes) => notes.addRow(['not read']),
    );
    expect(await readXlsx(bytes)).toEqual([
      ['', '', '', ''],
      ['', 'Header', '', ''],
      ['', '', '', ''],
      ['', '', '', 'far'],
    ]);
  });
});

import ExcelJS from 'exceljs';
import { readCsv, readXlsx, writeXlsx } from '../../functions/formats/spreadsheet';
import { chronologyColumns } from '../../functions/domain/chronology-import';
import { UnreadableCsv } from '../../functions/domain/unreadable-csv';
import { chronologyTemplateCsv, chronologyTemplateXlsx } from '../../functions/formats/chronology-template';

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

  it('writes every cell of an untyped column as text: a value that looks like a formula is never made one', async () => {
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

describe('writing typed columns and filters', () => {
  const EVENTS = {
    name: 'Multi-agency chronology',
    columns: [
      { header: 'Event', width: 7, type: 'number' as const },
      { header: 'Sort date', width: 11, type: 'date' as const },
      { header: 'What happened', width: 60 },
    ],
    rows: [
      ['01', '2021-05-12', 'Strategy meeting'],
      ['', '2021-06-01', 'No agency contact for 40 days'],
      ['10', '2024-02-29', '12'],
    ],
    autoFilter: true,
  };

  it('writes a number column as numbers, a date column as dates of the ISO day, and text as text', async () => {
    const sheet = (await openWithExcelJs(await writeXlsx([EVENTS]))).worksheets[0]!;
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('A2').value).toBe(1);
    expect(sheet.getCell('A4').value).toBe(10);
    expect(sheet.getCell('A3').value).toBeNull();
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getCell('B2').value).toEqual(new Date(Date.UTC(2021, 4, 12)));
    expect(sheet.getCell('B4').value).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(sheet.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    // Untyped columns stay text, even where the text is a number.
    expect(sheet.getCell('C4').value).toBe('12');
    expect(sheet.getCell('A2').alignment).toMatchObject({ vertical: 'top' });
  });

  it('reads a date back as the same day in any time zone', async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/London']) {
        process.env.TZ = tz;
        expect(await readXlsx(await writeXlsx([EVENTS]))).toEqual([
          ['Event', 'Sort date', 'What happened'],
          ['1', '2021-05-12', 'Strategy meeting'],
          ['', '2021-06-01', 'No agency contact for 40 days'],
          ['10', '2024-02-29', '12'],
        ]);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('puts filter buttons on the header row over every row, only on a sheet that asks for them', async () => {
    const workbook = await openWithExcelJs(
      await writeXlsx([EVENTS, { name: 'Guidance', columns: [{ header: 'Column', width: 20 }], rows: [['Date']] }]),
    );
    expect(workbook.worksheets[0]!.autoFilter).toBe('A1:C4');
    expect(workbook.worksheets[1]!.autoFilter).toBeUndefined();
    // The hidden name Excel keeps for a sheet's filter.
    expect(workbook.definedNames.model).toEqual([
      { name: '_xlnm._FilterDatabase', ranges: ["'Multi-agency chronology'!$A$1:$C$4"] },
    ]);
    expect((await openWithExcelJs(await writeXlsx([{ ...EVENTS, rows: [] }]))).worksheets[0]!.autoFilter).toBe('A1:C1');
  });

  it.each([
    ['a number column', 0, 'about 3'],
    ['a date column', 1, '2021-02-30'],
    ['a date column', 1, '12/05/2021'],
  ])('refuses text that is not of %s, naming the place and not the text', async (_, column, text) => {
    const rows = [EVENTS.rows[0]!.map((cell, c) => (c === column ? text : cell))];
    const written = writeXlsx([{ ...EVENTS, rows }]);
    await expect(written).rejects.toThrow(`Multi-agency chronology, ${EVENTS.columns[column]!.header}, row 2`);
    await expect(written).rejects.not.toThrow(text);
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

describe('reading a CSV file', () => {
  const csv = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

  it('reads cells, trimmed, after a byte-order mark, keeping line breaks inside quoted cells', () => {
    expect(readCsv(csv('\uFEFFDate, What happened\r\n14/03/2024,"Two\nlines, one cell"\r\n'))).toEqual([
      ['Date', 'What happened'],
      ['14/03/2024', 'Two\nlines, one cell'],
    ]);
  });

  it.each([
    ['a quote mark in the middle of a cell', 'Date,What happened\n14/03/2024,Said "no"\n', 'stray-quote', 2],
    ['text after a closing quote', 'Date,What happened\n01/01/2024,ok\n14/03/2024,"Said" no\n', 'stray-quote', 3],
    // Counted in rows, as the preview counts them: the multi-line cell in row 2 is one row.
    [
      'a quote never closed',
      'Date,What happened\n01/01/2024,"one\ncell"\n14/03/2024,"open\n15/03/2024,next\n',
      'unclosed-quote',
      3,
    ],
  ])('names the row of %s', (_, text, problem, line) => {
    let thrown: unknown;
    try {
      readCsv(csv(text));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnreadableCsv);
    expect(thrown).toMatchObject({ problem, line });
  });
});

describe('the chronology template', () => {
  const columns = chronologyColumns(true);

  it('formats the Date and Time columns as Text, so Excel keeps "May 2019" and "14:30" as typed', async () => {
    const sheet = (await openWithExcelJs(await chronologyTemplateXlsx(columns))).worksheets[0]!;
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getColumn(2).numFmt).toBe('@');
    for (const column of [3, 4, 5, 6, 7, 8, 9]) expect(sheet.getColumn(column).numFmt).toBeUndefined();
    // A cell typed into anywhere down the column takes the column's format, as in Excel.
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(sheet.getCell('A500').numFmt).toBe('@');
    expect(sheet.getCell('B37').numFmt).toBe('@');
    expect(sheet.getCell('C37').numFmt).toBeUndefined();
  });

  it('reads back as the header row alone, with the guidance on a second sheet', async () => {
    const bytes = await chronologyTemplateXlsx(columns);
    expect(await readXlsx(bytes)).toEqual([columns.map((c) => c.header)]);
    expect((await openWithExcelJs(bytes)).worksheets.map((sheet) => sheet.name)).toEqual(['Chronology', 'Guidance']);
  });

  it('writes the CSV template as the header row', () => {
    expect(readCsv(chronologyTemplateCsv(columns))).toEqual([columns.map((c) => c.header)]);
  });
});

describe('reading a date Excel shows without its day', () => {
  async function saved(fill: (sheet: ExcelJS.Worksheet) => void, second?: (sheet: ExcelJS.Worksheet) => void) {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('Chronology'));
    if (second) second(workbook.addWorksheet('Notes'));
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }
  const may = new Date(Date.UTC(2019, 4, 1));

  // "May 2019" typed into a General cell: Excel stores 1 May 2019 and shows it "May-19" (built-in format 17).
  it.each([
    ['mmm-yy', '2019-05'],
    ['mmmm yyyy', '2019-05'],
    ['[$-809]mmmm\\ yyyy;@', '2019-05'],
    ['mm/yyyy', '2019-05'],
    ['yyyy', '2019'],
    ['"Year "yyyy', '2019'],
    ['dd/mm/yyyy', '2019-05-01'],
    ['d mmm yyyy', '2019-05-01'],
    ['dddd, mmmm d, yyyy', '2019-05-01'],
  ])('reads a date cell formatted %s as %s', async (format, text) => {
    const bytes = await saved((sheet) => {
      sheet.addRow(['Date', 'What happened']);
      sheet.addRow([may, 'Seen']);
      sheet.getCell('A2').numFmt = format;
    });
    expect(await readXlsx(bytes)).toEqual([
      ['Date', 'What happened'],
      [text, 'Seen'],
    ]);
  });

  it('reads each cell by its own format, in whichever row and column it is', async () => {
    const bytes = await saved((sheet) => {
      sheet.getCell('B3').value = may;
      sheet.getCell('B3').numFmt = 'mmm-yy';
      sheet.getCell('C3').value = new Date(Date.UTC(2019, 4, 12));
      sheet.getCell('C3').numFmt = 'dd/mm/yyyy';
      sheet.getCell('AB4').value = new Date(Date.UTC(2018, 0, 1));
      sheet.getCell('AB4').numFmt = 'yyyy';
      sheet.getCell('A4').value = new Date(Date.UTC(2018, 0, 1));
      sheet.getCell('A4').numFmt = 'dd/mm/yyyy';
    });
    const table = await readXlsx(bytes);
    expect(table[2]?.slice(0, 3)).toEqual(['', '2019-05', '2019-05-12']);
    expect(table[3]?.[0]).toBe('2018-01-01');
    expect(table[3]?.[27]).toBe('2018');
  });

  it('looks up the formats of the first sheet, not of another sheet at the same place', async () => {
    const bytes = await saved(
      (sheet) => {
        sheet.getCell('A1').value = new Date(Date.UTC(2019, 4, 12));
        sheet.getCell('A1').numFmt = 'dd/mm/yyyy';
      },
      (notes) => {
        notes.getCell('A1').value = may;
        notes.getCell('A1').numFmt = 'mmm-yy';
      },
    );
    expect(await readXlsx(bytes)).toEqual([['2019-05-12']]);
  });

  it('leaves numbers and text in a month-formatted cell as they are', async () => {
    const bytes = await saved((sheet) => {
      sheet.addRow(['May 2019', 2019]);
      sheet.getCell('A1').numFmt = 'mmm-yy';
    });
    expect(await readXlsx(bytes)).toEqual([['May 2019', '2019']]);
  });
});

describe('reading a CSV file saved by Excel', () => {
  /** The bytes of a file: text as ASCII, numbers as bytes (Windows-1252 where 0x80 and above). */
  const bytes = (...parts: (string | number)[]) =>
    new Uint8Array(
      Buffer.concat(parts.map((p) => (typeof p === 'number' ? Buffer.from([p]) : Buffer.from(p, 'ascii')))),
    );
  const WORDS = 'Zoë said mum owed £200 – “debt”';

  it('reads "CSV (Comma delimited)", which is Windows-1252, with its accents, pound signs, dashes and curly quotes', () => {
    const file = bytes(
      'Date,What happened\r\n14/03/2024,Zo',
      0xeb,
      ' said mum owed ',
      0xa3,
      '200 ',
      0x96,
      ' ',
      0x93,
      'debt',
      0x94,
      '\r\n15/03/2024,"Caf',
      0xe9,
      ', then home"\r\n',
    );
    expect(readCsv(file)).toEqual([
      ['Date', 'What happened'],
      ['14/03/2024', WORDS],
      ['15/03/2024', 'Café, then home'],
    ]);
  });

  it('reads every byte from 0x80 up as Windows-1252 has it, not as Latin-1', () => {
    const high = Array.from({ length: 128 }, (_, i) => 0x80 + i);
    const latin1 = String.fromCharCode(...high.slice(32));
    expect(readCsv(bytes('Notes\r\n', ...high, '\r\n'))).toEqual([
      ['Notes'],
      [`€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ${latin1}`],
    ]);
  });

  it('reads UTF-8 as it is, with or without a byte-order mark', () => {
    const text = `Date,What happened\r\n14/03/2024,${WORDS}\r\n`;
    const expected = [
      ['Date', 'What happened'],
      ['14/03/2024', WORDS],
    ];
    expect(readCsv(new Uint8Array(Buffer.from(text, 'utf8')))).toEqual(expected);
    expect(readCsv(new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8')))).toEqual(expected);
  });

  it('reads cells separated by semicolons, as Excel set to a European region saves them', () => {
    const file = bytes(
      ';;\r\nDate;Time;What happened\r\n14/03/2024;09:15;"Seen by GP; no concerns"\r\n15/03/2024;;Waited 2,5 hours, then left\r\n',
    );
    expect(readCsv(file)).toEqual([
      ['', '', ''],
      ['Date', 'Time', 'What happened'],
      ['14/03/2024', '09:15', 'Seen by GP; no concerns'],
      ['15/03/2024', '', 'Waited 2,5 hours, then left'],
    ]);
  });

  it('reads Windows-1252 separated by semicolons', () => {
    expect(readCsv(bytes('Date;What happened\r\n14/03/2024;Zo', 0xeb, ', at home\r\n'))).toEqual([
      ['Date', 'What happened'],
      ['14/03/2024', 'Zoë, at home'],
    ]);
  });

  it('keeps a semicolon inside a cell of a comma-separated file', () => {
    expect(readCsv(bytes('Date,Time,What happened\n14/03/2024,,Seen by GP; no concerns; none\n'))).toEqual([
      ['Date', 'Time', 'What happened'],
      ['14/03/2024', '', 'Seen by GP; no concerns; none'],
    ]);
  });

  it('names the row at fault in a semicolon-separated file too', () => {
    expect(() => readCsv(bytes('Date;What happened\n14/03/2024;Said "no"\n'))).toThrow(
      expect.objectContaining({ problem: 'stray-quote', line: 2 }),
    );
  });
});

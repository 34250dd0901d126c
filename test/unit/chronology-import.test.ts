import ExcelJS from 'exceljs';
import { chronologyColumns, chronologyRowKey, importChronology } from '../../functions/domain/chronology-import';
import { chronologyTemplateXlsx } from '../../functions/formats/chronology-template';
import { readCsv, readXlsx } from '../../functions/formats/spreadsheet';

const HEADER = [
  'Date',
  'Time',
  'Source record',
  'What happened',
  'Action taken or outcome',
  'Practitioner role',
  'Fact or opinion',
];
let next = 0;
const read = (rows: string[][]) =>
  importChronology([HEADER, ...rows], {
    analysisColumns: false,
    newRowId: () => `r${(next += 1)}`,
    today: '2026-11-27',
  });

describe('importing a chronology table', () => {
  it('names the columns that are not the template’s, with the lines where they hold something, and imports the rest', () => {
    const result = importChronology(
      [
        [...HEADER, 'Notes', '', 'Extra'],
        ['14/03/2024', '09:15', 'CAD 1', 'Attended', 'DASH', 'Officer', 'Fact', 'Mum upset', '', ''],
        ['15/03/2024', '', 'CAD 2', 'Visited', 'None', 'Officer', 'Fact', '', 'x', ''],
        ['16/03/2024', '', 'CAD 3', 'Called', 'None', 'Officer', 'Fact', 'Follow up'],
      ],
      { analysisColumns: false, newRowId: () => `r${(next += 1)}`, today: '2026-11-27' },
    );
    expect(result.rows).toHaveLength(3);
    expect(result.rejected).toEqual([]);
    expect(result.ignoredColumns).toEqual([
      { header: 'Notes', lines: [2, 4] },
      { header: 'Column 9', lines: [3] },
    ]);
    expect(read([['14/03/2024', '', 'CAD 1', 'Attended', 'DASH', 'Officer', 'Fact']]).ignoredColumns).toEqual([]);
  });

  it('gives the line of every row it accepts, counting the header as line 1 and skipping blank rows', () => {
    const result = read([
      ['14/03/2024', '09:15', 'CAD 1', 'Attended', 'DASH', 'Officer', 'Fact'],
      ['', '', '', '', '', '', ''],
      ['31/02/2024', '', 'CAD 2', 'No such day', 'None', 'Officer', 'Fact'],
      ['May 2019', '', 'PNC', 'Arrest', 'Released', 'Sergeant', 'opinion'],
    ]);
    expect(result.lines).toEqual([2, 5]);
    expect(result.rows.map((r) => r.event)).toEqual(['Attended', 'Arrest']);
    expect(result.rejected.map((r) => r.line)).toEqual([4]);
  });
});

describe('the key that finds a row written down twice', () => {
  const row = read([['about 12/05/2019', '14:30', 'PNC 7', 'Father  arrested', 'Released', 'Sergeant', 'Fact']])
    .rows[0]!;

  it('ignores the row id and spacing, so the same event imported again has the same key', () => {
    const again = read([['about 12/05/2019', '14:30', ' PNC 7', 'Father arrested ', 'Released', 'Sergeant', 'fact']])
      .rows[0]!;
    expect(again.rowId).not.toBe(row.rowId);
    expect(chronologyRowKey(again)).toBe(chronologyRowKey(row));
    // A saved draft's row, with its fields in another order and an empty optional field.
    const { event, ...rest } = row;
    expect(chronologyRowKey({ event, analysisComment: '', ...rest, rowId: 'typed-in' })).toBe(chronologyRowKey(row));
  });

  it.each([
    ['the date is not approximate', { date: { ...row.date, approximate: false } }],
    ['the date is only the month', { date: { value: '2019-05', precision: 'month', approximate: true } }],
    ['the time differs', { time: '14:31' }],
    ['the time is missing', { time: undefined }],
    ['the words differ', { event: 'Father arrested again' }],
    ['it is opinion, not fact', { factOrOpinion: 'opinion' }],
  ])('tells rows apart when %s', (_, change) => {
    expect(chronologyRowKey({ ...row, ...change })).not.toBe(chronologyRowKey(row));
  });

  it('gives no key an incomplete or broken saved row could share with a real one', () => {
    expect(chronologyRowKey(null)).toBe('');
    expect(chronologyRowKey('text')).toBe('');
    expect(chronologyRowKey({ rowId: 'x' })).not.toBe(chronologyRowKey(row));
  });
});

describe('importing dates as Excel leaves them', () => {
  const date = (text: string) => read([[text, '', 'PNC', 'Arrest', 'Released', 'Sergeant', 'Fact']]);

  // readXlsx gives a date cell shown "May-19" as 2019-05, and one shown "2019" as 2019.
  it('keeps the month or the year a date cell showed, not the first day Excel stored', () => {
    expect(date('2019-05').rows[0]?.date).toEqual({ value: '2019-05', precision: 'month', approximate: false });
    expect(date('2019').rows[0]?.date).toEqual({ value: '2019', precision: 'year', approximate: false });
    expect(date('2019-05-01').rows[0]?.date).toEqual({ value: '2019-05-01', precision: 'day', approximate: false });
  });

  // How a CSV saved from Excel writes "May 2019" typed into a date cell.
  it('refuses "May-19", saying to write the month and year in full', () => {
    expect(date('May-19')).toMatchObject({
      rows: [],
      rejected: [{ line: 2, column: 'Date', message: 'Enter the month and year in full, like May 2019' }],
    });
  });

  // Precision is never guessed away: the preview says why a season is refused and what to write.
  it('refuses "Spring 2020", saying to write a month or the year', () => {
    expect(date('Spring 2020')).toMatchObject({
      rows: [],
      rejected: [
        {
          line: 2,
          column: 'Date',
          message: 'A season has no set months: enter the month, like about April 2020, or the year, like about 2020',
        },
      ],
    });
  });

  it('imports a semicolon-separated file in Windows-1252, as European Excel saves "CSV"', () => {
    const file = Buffer.concat([
      Buffer.from(`${HEADER.join(';')}\r\n14/03/2024;09:15;CAD 1;Zo`, 'ascii'),
      Buffer.from([0xeb, 0x20, 0x96]),
      Buffer.from(' seen at home, with mum;Referral;Officer;Fact\r\n', 'ascii'),
    ]);
    const result = importChronology(readCsv(new Uint8Array(file)), {
      analysisColumns: false,
      newRowId: () => 'r',
      today: '2026-11-27',
    });
    expect(result.rejected).toEqual([]);
    expect(result.rows[0]).toMatchObject({ time: '09:15', event: 'Zoë – seen at home, with mum' });
  });

  it('imports the Excel template filled in: text typed into the Date column, and dates pasted in', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await chronologyTemplateXlsx(chronologyColumns(false))) as never);
    const sheet = workbook.worksheets[0]!;
    // A time goes with a day only.
    const row = (date: unknown, event: string, time = '') =>
      sheet.addRow([date, time, 'PNC', event, 'Released', 'Sergeant', 'Fact']);
    row('May 2019', 'Typed as text');
    // A date pasted from another workbook keeps that workbook's format.
    row(new Date(Date.UTC(2019, 4, 1)), 'Pasted, shown May-19').getCell(1).numFmt = 'mmm-yy';
    row(new Date(Date.UTC(2024, 2, 14)), 'Pasted, shown as a day', '14:30').getCell(1).numFmt = 'dd/mm/yyyy';
    const table = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    const result = importChronology(table, { analysisColumns: false, newRowId: () => 'r', today: '2026-11-27' });
    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => [r.date, r.time])).toEqual([
      [{ value: '2019-05', precision: 'month', approximate: false }, undefined],
      [{ value: '2019-05', precision: 'month', approximate: false }, undefined],
      [{ value: '2024-03-14', precision: 'day', approximate: false }, '14:30'],
    ]);
  });
});

describe('the analysis columns when the request does not ask for them', () => {
  const withAnalysis = (rows: string[][]) =>
    importChronology([[...HEADER, 'Expected practice?', 'Comment'], ...rows], {
      analysisColumns: false,
      newRowId: () => 'r',
      today: '2026-11-27',
    });
  const event = ['14/03/2024', '09:15', 'CAD 1', 'Attended', 'DASH', 'Officer', 'Fact'];

  // Refused rather than dropped: the lead wrote that analysis, and must not lose it without a word.
  it('refuses each row with something in them, naming the line and the column, so no text is lost unseen', () => {
    const result = withAnalysis([
      [...event, 'Partly', 'Referral was late'],
      [...event, '', ''],
      [...event, '', 'Strategy meeting not held'],
    ]);
    // Line 3 can be read, but nothing is imported while any row is refused.
    expect(result.lines).toEqual([3]);
    expect(result.rejected.map((r) => [r.line, r.column])).toEqual([
      [2, 'Expected practice?'],
      [2, 'Comment'],
      [4, 'Comment'],
    ]);
    expect(result.rejected[0]!.message).toMatch(/does not ask for the analysis columns/);
    expect(result.rejected[0]!.message).toMatch(/would not be imported/);
  });

  it('imports a file whose analysis columns are there but empty', () => {
    const result = withAnalysis([[...event, '', '  ']]);
    expect(result.rejected).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).not.toHaveProperty('analysisComment');
  });
});

describe('choices in the words of the template', () => {
  const analysed = (expected: string, factOrOpinion = 'Fact') =>
    importChronology(
      [
        [...HEADER, 'Expected practice?', 'Comment'],
        ['14/03/2024', '', 'CAD 1', 'Attended', 'DASH', 'Officer', factOrOpinion, expected, ''],
      ],
      { analysisColumns: true, newRowId: () => 'r', today: '2026-11-27' },
    );

  it.each([
    ['Yes', 'yes'],
    ['NO', 'no'],
    ['partly', 'partly'],
    ['Not known', 'not-known'],
    ['not-known', 'not-known'],
  ])('reads "%s" as %s', (text, code) => {
    expect(analysed(text).rows[0]?.expectedPractice).toBe(code);
  });

  it('says what to write as the template does, not the stored codes', () => {
    expect(analysed('Maybe').rejected).toEqual([
      {
        line: 2,
        column: 'Expected practice?',
        message: 'Expected practice? must be Yes, No, Partly or Not known',
      },
    ]);
    expect(analysed('Yes', 'Hearsay').rejected).toEqual([
      { line: 2, column: 'Fact or opinion', message: 'Fact or opinion must be Fact or Opinion' },
    ]);
  });
});

describe('a time with a date less precise than a day', () => {
  const timed = (date: string, time: string) => read([[date, time, 'PNC', 'Arrest', 'Released', 'Sergeant', 'Fact']]);

  it.each(['May 2019', 'about May 2019', '2019', 'about 2018'])('refuses a time with "%s"', (date) => {
    expect(timed(date, '14:30')).toMatchObject({
      rows: [],
      rejected: [{ line: 2, column: 'Time', message: expect.stringMatching(/needs a day/) }],
    });
  });

  it('says so beside the other problems of the row', () => {
    const result = read([['May 2019', '14:30', '', 'Arrest', 'Released', 'Sergeant', 'Fact']]);
    expect(result.rejected.map((r) => r.column)).toEqual(['Time', 'Source record']);
  });

  // An approximate day with a time is kept: a record may give the time of an event it dates only roughly.
  it.each(['12/05/2019', 'about 12/05/2019'])('takes a time with "%s"', (date) => {
    expect(timed(date, '14:30').rows[0]?.time).toBe('14:30');
  });

  it.each(['May 2019', '2019'])('takes "%s" without a time', (date) => {
    expect(timed(date, '').rejected).toEqual([]);
  });
});

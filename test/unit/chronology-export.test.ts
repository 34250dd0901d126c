import ExcelJS from 'exceljs';
import {
  merge,
  type GroupingDecision,
  type PreviousMerge,
  type SourceEntry,
} from '../../functions/domain/chronology/merge';
import {
  chronologyExport,
  chronologyTable,
  type MergedChronologyDocument,
} from '../../functions/domain/services/chronology';
import { readCsv, readXlsx, writeCsv, writeXlsx } from '../../functions/formats/spreadsheet';

/**
 * The tables the multi-agency chronology's documents are made from: `chronologyTable` for the Word chronology
 * (one row per event), `chronologyExport` for the CSV and Excel downloads (one row per agency's row, to sort
 * and filter).
 */
const DESCRIPTION = 'Strategy meeting held about domestic abuse; section 47 enquiry agreed.';

const row = (entry: Partial<SourceEntry> & Pick<SourceEntry, 'entryId' | 'agencyId' | 'agencyName'>): SourceEntry => ({
  date: { value: '2021-05-12', precision: 'day', approximate: false },
  description: DESCRIPTION,
  factOrOpinion: 'fact',
  ...entry,
});

const csc = { agencyId: 'csc', agencyName: "Children's Social Care" };
const police = { agencyId: 'police', agencyName: 'Police' };

function documentOf(
  entries: SourceEntry[],
  gapDays = 3650,
  decisions: GroupingDecision[] = [],
  previous?: PreviousMerge,
) {
  const document: MergedChronologyDocument = {
    ...merge(entries, decisions, { gapDays }, previous),
    version: 1,
    generatedAt: '2026-11-27T10:00:00.000Z',
    sources: [],
  };
  return document;
}

const byHeader = (header: readonly string[], rows: string[][]) =>
  rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));

function tableOf(entries: SourceEntry[]) {
  const { header, rows } = chronologyTable(documentOf(entries));
  return byHeader(header, rows);
}

function exportOf(entries: SourceEntry[], gapDays?: number, decisions?: GroupingDecision[], previous?: PreviousMerge) {
  const { columns, rows } = chronologyExport(documentOf(entries, gapDays, decisions, previous));
  return byHeader(
    columns.map((c) => c.header),
    rows,
  );
}

describe('the multi-agency chronology as a Word table', () => {
  it('keeps every agency’s account of an event several recorded, each named, with its own time', () => {
    const rows = tableOf([
      row({
        ...csc,
        entryId: 'r1:1',
        time: '09:15',
        description: 'Strategy meeting about domestic abuse; section 47 enquiry agreed, social worker allocated.',
        actionOutcome: 'Section 47 started',
        sourceRecord: 'Mosaic 1',
      }),
      row({
        ...police,
        entryId: 'r2:1',
        time: '22:40',
        description: 'Strategy discussion re domestic abuse, S47 agreed, police to lead the enquiry.',
        actionOutcome: 'Joint visit booked',
        factOrOpinion: 'opinion',
      }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Date: '12 May 2021',
      Approximate: '',
      Time: '',
      'What happened':
        "Children's Social Care (09:15): Strategy meeting about domestic abuse; section 47 enquiry agreed, social worker allocated.\n" +
        'Police (22:40): Strategy discussion re domestic abuse, S47 agreed, police to lead the enquiry.',
      'Agencies and sources': "Children's Social Care (Mosaic 1); Police",
      'Action or outcome': "Children's Social Care (09:15): Section 47 started\nPolice (22:40): Joint visit booked",
      'Fact or opinion': "Children's Social Care (09:15): fact\nPolice (22:40): opinion",
      Grouping: 'suggested (2 agencies)',
    });
  });

  it('names each agency’s own date when they recorded the event on different days, and keeps a shared time once', () => {
    const rows = tableOf([
      row({ ...csc, entryId: 'r1:1', time: '10:00' }),
      row({
        ...police,
        entryId: 'r2:1',
        time: '10:00',
        date: { value: '2021-05-13', precision: 'day', approximate: false },
      }),
    ]);
    expect(rows[0]).toMatchObject({ Time: '10:00', 'Fact or opinion': 'fact' });
    expect(rows[0]?.['What happened']).toBe(
      `Children's Social Care (12 May 2021): ${DESCRIPTION}\nPolice (13 May 2021): ${DESCRIPTION}`,
    );
  });

  it('gives a single agency’s row as written', () => {
    const rows = tableOf([row({ ...csc, entryId: 'r1:1', time: '09:15', actionOutcome: 'Plan agreed' })]);
    expect(rows[0]).toMatchObject({
      Time: '09:15',
      'What happened': DESCRIPTION,
      'Action or outcome': 'Plan agreed',
      'Fact or opinion': 'fact',
      Grouping: '',
    });
  });

  it('keeps the practitioner’s role, as the exports do (§8.4): as written for one agency, named for several', () => {
    const single = chronologyTable(
      documentOf([row({ ...csc, entryId: 'r1:1', practitionerRole: 'Allocated social worker' })]),
    );
    expect(single.header).toEqual([
      'Date',
      'Approximate',
      'Time',
      'What happened',
      'Agencies and sources',
      'Action or outcome',
      'Practitioner role',
      'Fact or opinion',
      'Grouping',
      'Entry id',
    ]);
    expect(byHeader(single.header, single.rows)[0]).toMatchObject({ 'Practitioner role': 'Allocated social worker' });
    const grouped = tableOf([
      row({ ...csc, entryId: 'r1:1', practitionerRole: 'Allocated social worker' }),
      row({ ...police, entryId: 'r2:1', practitionerRole: 'Detective sergeant' }),
    ]);
    expect(grouped[0]!['Practitioner role']).toBe(
      "Children's Social Care: Allocated social worker\nPolice: Detective sergeant",
    );
    // A gap still reads as one, whatever the columns.
    const withGap = tableOf([
      row({ ...csc, entryId: 'r1:1' }),
      row({ ...csc, entryId: 'r1:2', date: { value: '2031-05-12', precision: 'day', approximate: false } }),
    ]);
    expect(withGap[1]).toMatchObject({ Grouping: 'gap', 'Practitioner role': '', 'What happened': expect.any(String) });
  });

  it('calls a date approximate only when the agency said so: a month or a year is a precise answer', () => {
    const rows = tableOf([
      row({ ...csc, entryId: 'r1:1', date: { value: '2021-05', precision: 'month', approximate: false } }),
      row({ ...csc, entryId: 'r1:2', date: { value: '2019', precision: 'year', approximate: true } }),
    ]);
    expect(rows.map((r) => [r.Date, r.Approximate])).toEqual([
      ['about 2019', 'yes'],
      ['May 2021', ''],
    ]);
  });
});

describe('the multi-agency chronology as a CSV or Excel export', () => {
  const grouped = () => [
    row({
      ...csc,
      entryId: 'r1:1',
      time: '09:15',
      description: 'Strategy meeting about domestic abuse; section 47 enquiry agreed, social worker allocated.',
      actionOutcome: 'Section 47 started',
      sourceRecord: 'Mosaic 1',
      practitionerRole: 'Social worker',
    }),
    row({
      ...police,
      entryId: 'r2:1',
      time: '22:40',
      date: { value: '2021-05-13', precision: 'day', approximate: false },
      description: 'Strategy discussion re domestic abuse, S47 agreed, police to lead the enquiry.',
      actionOutcome: 'Joint visit booked',
      practitionerRole: 'Detective sergeant',
      factOrOpinion: 'opinion',
    }),
  ];

  it('has one column for each thing a row says', () => {
    const { columns } = chronologyExport(documentOf([]));
    expect(columns.map((c) => c.header)).toEqual([
      'Event',
      'Sort date',
      'Date',
      'Date precision',
      'Approximate',
      'Time',
      'Agency',
      'Source record',
      'What happened',
      'Action taken or outcome',
      'Practitioner role',
      'Fact or opinion',
      'Grouping',
      'Agencies in event',
      'Event id',
      'Source row id',
    ]);
  });

  it('gives each agency’s account of an event several recorded its own row, with its own date, time, role and source', () => {
    const rows = exportOf(grouped());
    expect(rows).toEqual([
      {
        Event: '1',
        'Sort date': '2021-05-12',
        Date: '12 May 2021',
        'Date precision': 'day',
        Approximate: 'no',
        Time: '09:15',
        Agency: "Children's Social Care",
        'Source record': 'Mosaic 1',
        'What happened': 'Strategy meeting about domestic abuse; section 47 enquiry agreed, social worker allocated.',
        'Action taken or outcome': 'Section 47 started',
        'Practitioner role': 'Social worker',
        'Fact or opinion': 'fact',
        Grouping: 'suggested',
        'Agencies in event': '2',
        'Event id': expect.any(String),
        'Source row id': 'r1:1',
      },
      {
        Event: '1',
        // The event's sort date, so that sorting by it keeps the event's rows together; the agency's own date
        // is in Date.
        'Sort date': '2021-05-12',
        Date: '13 May 2021',
        'Date precision': 'day',
        Approximate: 'no',
        Time: '22:40',
        Agency: 'Police',
        'Source record': '',
        'What happened': 'Strategy discussion re domestic abuse, S47 agreed, police to lead the enquiry.',
        'Action taken or outcome': 'Joint visit booked',
        'Practitioner role': 'Detective sergeant',
        'Fact or opinion': 'opinion',
        Grouping: 'suggested',
        'Agencies in event': '2',
        // The event's id, shared by its rows; the Police row's own row is its own request's.
        'Event id': rows[0]?.['Event id'],
        'Source row id': 'r2:1',
      },
    ]);
  });

  it('gives the rows of an event its id, which stays the same when a re-merge renumbers the events', () => {
    const first = documentOf(grouped());
    const [cscRow, policeRow] = exportOf(grouped());
    const eventId = cscRow?.['Event id'];
    expect(eventId).toBe(first.entries[0]?.id);
    expect(policeRow?.['Event id']).toBe(eventId);

    // An earlier event submitted later: the strategy meeting becomes event 2, with the same Event id.
    const earlier = row({
      ...police,
      entryId: 'r2:0',
      date: { value: '2020-01-06', precision: 'day', approximate: false },
      description: 'Anonymous call about shouting at the address.',
    });
    const previous = {
      entries: first.entries.map((e) => ({ id: e.id, sourceEntryIds: e.sources.map((s) => s.entryId) })),
    };
    const rows = exportOf([earlier, ...grouped()], 3650, [], previous);
    expect(rows.map((r) => [r.Event, r['Source row id']])).toEqual([
      ['1', 'r2:0'],
      ['2', 'r1:1'],
      ['2', 'r2:1'],
    ]);
    expect(rows.map((r) => r['Event id'] === eventId)).toEqual([false, true, true]);
  });

  it('says when the office confirmed a group, and that a lone row is single', () => {
    const confirmed: GroupingDecision = {
      kind: 'confirm',
      entryIds: ['r1:1', 'r2:1'],
      decidedAt: '2026-11-27T09:00:00.000Z',
      decidedBy: 'officer',
    };
    const rows = exportOf(
      [
        ...grouped(),
        row({
          ...csc,
          entryId: 'r1:2',
          date: { value: '2022-01-04', precision: 'day', approximate: false },
          description: 'Child seen at home.',
        }),
      ],
      3650,
      [confirmed],
    );
    expect(rows.map((r) => [r.Event, r.Agency, r.Grouping, r['Agencies in event']])).toEqual([
      ['1', "Children's Social Care", 'confirmed', '2'],
      ['1', 'Police', 'confirmed', '2'],
      ['2', "Children's Social Care", 'single', '1'],
    ]);
  });

  it('gives every row, gaps too, an ISO sort date, in the order the rows are in', () => {
    const rows = exportOf(
      [
        row({ ...csc, entryId: 'r1:1', date: { value: '2016-03', precision: 'month', approximate: true } }),
        row({ ...police, entryId: 'r2:1', date: { value: '2017-01-01', precision: 'day', approximate: false } }),
        row({ ...police, entryId: 'r2:2', date: { value: '2019', precision: 'year', approximate: false } }),
      ],
      30,
    );
    expect(rows.map((r) => [r['Sort date'], r.Date, r['Date precision'], r.Approximate, r['What happened']])).toEqual([
      ['2016-03-01', 'about March 2016', 'month', 'yes', DESCRIPTION],
      // The first day with no contact: after the last day of March 2016, before the next contact.
      ['2016-04-01', '1 April 2016 to 31 December 2016', '', '', 'No agency contact for 275 days'],
      ['2017-01-01', '1 January 2017', 'day', 'no', DESCRIPTION],
      ['2017-01-02', '2 January 2017 to 31 December 2018', '', '', 'No agency contact for 729 days'],
      ['2019-01-01', '2019', 'year', 'no', DESCRIPTION],
    ]);
    const dates = rows.map((r) => r['Sort date'] ?? '');
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(rows.filter((r) => r.Grouping === 'gap')).toHaveLength(2);
    expect(rows.filter((r) => r.Grouping === 'gap').every((r) => r.Agency === '' && r.Event === '')).toBe(true);
  });

  it('numbers events so that they sort as text in chronology order', () => {
    const rows = exportOf(
      Array.from({ length: 11 }, (_, i) =>
        row({
          ...csc,
          entryId: `r1:${i}`,
          date: { value: `2020-${String(i + 1).padStart(2, '0')}-01`, precision: 'day', approximate: false },
          description: `Visit number ${i}`,
        }),
      ),
    );
    const events = rows.map((r) => r.Event ?? '');
    expect(events.slice(0, 2)).toEqual(['01', '02']);
    expect(events[10]).toBe('11');
    expect([...events].sort()).toEqual(events);
  });

  it('keeps its columns, as text, and the formula guard in the CSV file', () => {
    const { columns, rows } = chronologyExport(
      documentOf([row({ ...csc, entryId: 'r1:1', time: '09:15', description: '=HYPERLINK("http://x.test")' })]),
    );
    const header = columns.map((c) => c.header);
    const csv = readCsv(writeCsv([header, ...rows]));
    expect(csv[0]).toEqual(header);
    expect(byHeader(header, csv.slice(1))[0]).toMatchObject({
      Event: '1',
      'Sort date': '2021-05-12',
      Time: '09:15',
      Agency: "Children's Social Care",
      'What happened': `'=HYPERLINK("http://x.test")`,
      'Agencies in event': '1',
      'Source row id': 'r1:1',
    });
  });

  it('writes Event and Agencies in event as numbers and Sort date as a date in the workbook, with filters', async () => {
    const table = chronologyExport(
      documentOf(
        Array.from({ length: 10 }, (_, i) =>
          row({
            ...csc,
            entryId: `r1:${i}`,
            date: { value: `2020-${String(i + 1).padStart(2, '0')}-01`, precision: 'day', approximate: false },
            description: `Visit number ${i}`,
          }),
        ),
        28, // visits a month apart leave 28 to 30 days without contact: gaps of 29 and 30 days
      ),
    );
    expect(table.rows.length).toBeGreaterThan(10); // gaps among the events
    expect(table.columns.filter((c) => c.type && c.type !== 'text').map((c) => [c.header, c.type])).toEqual([
      ['Event', 'number'],
      ['Sort date', 'date'],
      ['Agencies in event', 'number'],
    ]);
    const bytes = await writeXlsx([{ name: 'Multi-agency chronology', ...table }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const sheet = workbook.worksheets[0]!;
    const header = table.columns.map((c) => c.header);
    const column = (name: string) => header.indexOf(name) + 1;
    const values = (name: string) =>
      Array.from({ length: table.rows.length }, (_, r) => sheet.getRow(r + 2).getCell(column(name)).value);
    const events = values('Event');
    // Gaps (a month and more with no contact) have no event number: their cell is empty, not text.
    expect(events.filter((v) => v !== null)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(values('Agencies in event').filter((v) => v !== null)).toEqual(Array(10).fill(1));
    const sortDates = values('Sort date');
    expect(sortDates.every((d) => d instanceof Date)).toBe(true);
    expect((sortDates as Date[]).map((d) => d.toISOString().slice(0, 10))).toEqual(
      table.rows.map((cells) => cells[column('Sort date') - 1]),
    );
    expect(sheet.autoFilter).toBe(`A1:${String.fromCharCode(64 + header.length)}${table.rows.length + 1}`);
    // Read back as the portal reads a workbook, every cell is the CSV's but for the zero-padding of events.
    expect(await readXlsx(bytes)).toEqual([
      header,
      ...table.rows.map((cells) =>
        cells.map((cell, c) => (c === column('Event') - 1 && cell ? String(Number(cell)) : cell)),
      ),
    ]);
  });
});

describe('the agencies’ analysis in the multi-agency chronology', () => {
  it('adds Expected practice? and Comment, in the words of the template, when an agency gave them', () => {
    const { columns, rows } = chronologyExport(
      documentOf([
        row({ ...csc, entryId: 'r1:1', expectedPractice: 'not-known', analysisComment: 'No record of a visit.' }),
        row({ ...police, entryId: 'r2:1', date: { value: '2021-06-01', precision: 'day', approximate: false } }),
      ]),
    );
    const headers = columns.map((c) => c.header);
    expect(headers.slice(headers.indexOf('Fact or opinion'), headers.indexOf('Grouping'))).toEqual([
      'Fact or opinion',
      'Expected practice?',
      'Comment',
    ]);
    const [first, second] = byHeader(headers, rows);
    expect(first).toMatchObject({ Agency: "Children's Social Care", 'Expected practice?': 'Not known' });
    expect(first!.Comment).toBe('No record of a visit.');
    expect(second).toMatchObject({ Agency: 'Police', 'Expected practice?': '', Comment: '' });
  });

  it('gives the Word chronology an Analysis column, each agency’s in its words, only when some agency gave it', () => {
    const rows = tableOf([
      row({ ...csc, entryId: 'r1:1', expectedPractice: 'partly', analysisComment: 'The referral was a day late.' }),
      row({ ...police, entryId: 'r2:1', expectedPractice: 'yes' }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.Analysis).toBe(
      "Children's Social Care: Expected practice? Partly. The referral was a day late.\nPolice: Expected practice? Yes",
    );
    expect(Object.keys(tableOf([row({ ...csc, entryId: 'r1:1' })])[0]!)).not.toContain('Analysis');
  });

  it('leaves the two columns out when no agency was asked for analysis', () => {
    const headers = chronologyExport(documentOf([row({ ...csc, entryId: 'r1:1' })])).columns.map((c) => c.header);
    expect(headers).not.toContain('Expected practice?');
    expect(headers).not.toContain('Comment');
    expect(headers).toHaveLength(16);
  });
});

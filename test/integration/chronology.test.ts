import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { readCsv } from '../../functions/formats/spreadsheet';
import { ApiClient, staffClient, tokenFromEmail, waitForMail } from '../support/portal';
import { expectToMatchContract } from '../support/contract';
import { agencyNamed, openCase, signInAgency } from '../support/scenario';
import { chronology, chronologyRow } from '../support/returns';

/**
 * Chronologies from two agencies, imported and typed, merged into one multi-agency chronology (§8.4.3),
 * with the business office's grouping decisions kept across re-merges, and exported.
 */
async function chronologyRequests(agencyNames: string[], analysisColumns = false) {
  const staff = await staffClient('leicester');
  const record = await openCase(staff, { route: 'cspr' });
  const leads: { name: string; agencyId: string; requestId: string; lead: ApiClient }[] = [];
  for (const name of agencyNames) {
    const agency = await agencyNamed(staff, name);
    const created = await staff.post(`/cases/${record.id}/requests`, {
      agencyId: agency.id,
      returnType: 'chronology',
      analysisColumns,
    });
    await staff.post(`/cases/${record.id}/requests/${created.body.id}/send`);
    const [mail] = await waitForMail(
      (e) => e.subject.includes(record.reference) && e.destination.to[0] === agency.leadEmail,
    );
    leads.push({
      name,
      agencyId: agency.id,
      requestId: created.body.id,
      lead: await signInAgency(tokenFromEmail(mail!)!, record.reference),
    });
  }
  return { staff, record, leads };
}

const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8').toString('base64');
const HEADER = 'Date,Time,Source record,What happened,Action taken or outcome,Practitioner role,Fact or opinion';

describe('chronology import', () => {
  it('previews every row with the reason each rejected one was refused, and imports nothing until all are right', async () => {
    const { leads } = await chronologyRequests(['Leicestershire Police']);
    const { lead, requestId } = leads[0]!;
    const file = csv([
      HEADER,
      '14/03/2024,09:15,CAD 1234,Police attended the family home after a 999 call,DASH completed,Response officer,Fact',
      'about May 2019,,PNC,Father arrested for assault,Released under investigation,Custody sergeant,fact',
      '31/02/2024,,CAD 99,A day that does not exist,None,Officer,Fact',
      '2024,,,Missing source record,None,Officer,Rumour',
      '12/05/2030,,CAD 7,A date still to come,None,Officer,Fact',
      ',,,,,,',
    ]);
    const preview = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: file,
      mode: 'preview',
    });
    expect(preview.status).toBe(200);
    expectToMatchContract('POST /api/agency/requests/{requestId}/import', preview);
    expect(preview.body.rows).toHaveLength(2);
    expect(preview.body.rows[1].date).toEqual({ value: '2019-05', precision: 'month', approximate: true });
    expect(preview.body.rejected).toEqual([
      { line: 4, column: 'Date', message: expect.any(String) },
      { line: 5, column: 'Source record', message: 'Source record is missing' },
      { line: 5, column: 'Fact or opinion', message: 'Fact or opinion must be Fact or Opinion' },
      // What submitting refuses, importing refuses too.
      { line: 6, column: 'Date', message: 'The date cannot be in the future' },
    ]);
    expect(preview.body.ignoredColumns).toEqual([]);
    // A column of the lead's own is named, with where it holds something, rather than dropped unannounced.
    const extra = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: csv([
        `${HEADER},Notes`,
        '14/03/2024,09:15,CAD 1234,Police attended the family home,DASH completed,Response officer,Fact,Mother upset',
      ]),
      mode: 'preview',
    });
    expectToMatchContract('POST /api/agency/requests/{requestId}/import', extra);
    expect(extra.body).toMatchObject({ rejected: [], ignoredColumns: [{ header: 'Notes', lines: [2] }] });
    const refused = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: file,
      mode: 'replace',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('rows-rejected');
    expect((await lead.get(`/agency/requests/${requestId}`)).body.draft).toBeUndefined();
  });

  it('says in the preview when a file would go over the 1,000 rows a chronology can have, and then refuses it whole', async () => {
    const { leads } = await chronologyRequests(['Leicestershire Police']);
    const { lead, requestId } = leads[0]!;
    const rows = (count: number, from = 0) =>
      Array.from(
        { length: count },
        (_, i) => `01/03/2024,,CAD ${from + i},Visit number ${from + i},None,Response officer,Fact`,
      );
    const tooMany = csv([HEADER, ...rows(1001)]);
    const preview = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: tooMany,
      mode: 'preview',
    });
    expectToMatchContract('POST /api/agency/requests/{requestId}/import', preview);
    expect(preview.body).toMatchObject({ rejected: [], fits: { replace: false, append: false } });
    expect(preview.body.rows).toHaveLength(1001);
    const refused = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: tooMany,
      mode: 'replace',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'too-many-rows', message: expect.stringMatching(/1,001 events/) });
    expect((await lead.get(`/agency/requests/${requestId}`)).body.draft).toBeUndefined();

    // 600 events in the draft: 600 more fit instead of them, not beside them.
    const first = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: csv([HEADER, ...rows(600)]),
      mode: 'replace',
    });
    expect(first.body).toMatchObject({ imported: 600, fits: { replace: true, append: true } });
    const more = csv([HEADER, ...rows(600, 600)]);
    const second = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: more,
      mode: 'preview',
    });
    expect(second.body.fits).toEqual({ replace: true, append: false });
    const appended = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: more,
      mode: 'append',
    });
    expect(appended.status).toBe(400);
    expect(appended.body.error.code).toBe('too-many-rows');
    expect((await lead.get(`/agency/requests/${requestId}`)).body.draft.content.rows).toHaveLength(600);
  });

  it('imports an Excel file made from the template, with dates typed as text and dates pasted in as Excel dates', async () => {
    const { leads } = await chronologyRequests(['Leicestershire Police'], true);
    const { lead, requestId } = leads[0]!;
    const download = await lead.download(`/agency/requests/${requestId}/chronology-template.xlsx`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="chronology-template.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.bytes as never);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      'Date',
      'Time',
      'Source record',
      'What happened',
      'Action taken or outcome',
      'Practitioner role',
      'Fact or opinion',
      'Expected practice?',
      'Comment',
    ]);
    // Each column is explained on a second sheet, which the import does not read.
    const guidance = workbook.getWorksheet('Guidance')!;
    expect((guidance.getRow(1).values as string[]).slice(1)).toEqual(['Column', 'Needed', 'What to enter']);
    expect((guidance.getRow(2).values as string[]).slice(1)).toEqual([
      'Date',
      'Required',
      'A day (12/05/2019), a month (May 2019) or a year (2019); add "about" if approximate.',
    ]);
    expect(guidance.rowCount).toBe(10);
    // Date and Time are Text columns, so Excel keeps "Sept 2023" as typed rather than make it 1 September 2023.
    expect([sheet.getColumn(1).numFmt, sheet.getColumn(2).numFmt, sheet.getColumn(3).numFmt]).toEqual([
      '@',
      '@',
      undefined,
    ]);
    // Dates pasted from another workbook keep its date formats: a day, and a month shown "May-19".
    sheet
      .addRow([
        new Date(Date.UTC(2024, 2, 14)),
        '09:15',
        'CAD 1234',
        'Police attended the family home',
        'DASH completed',
        'Response officer',
        'Fact',
        'Yes',
        'Timely',
      ])
      .getCell(1).numFmt = 'dd/mm/yyyy';
    sheet
      .addRow([
        new Date(Date.UTC(2019, 4, 1)),
        '',
        'PNC 7',
        'Father arrested',
        'Released',
        'Custody sergeant',
        'Fact',
        'Yes',
        '',
      ])
      .getCell(1).numFmt = 'mmm-yy';
    sheet.addRow([
      'Sept 2023',
      '',
      'PNC',
      'Father arrested for assault',
      'Charged',
      'Custody sergeant',
      'Opinion',
      'Not known',
      '',
    ]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const imported = await lead.post(`/agency/requests/${requestId}/import`, { format: 'xlsx', data, mode: 'replace' });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ imported: 3, rejected: [], version: 1 });
    const draft = (await lead.get(`/agency/requests/${requestId}`)).body.draft.content;
    expect(draft.rows.map((r: { date: unknown }) => r.date)).toEqual([
      { value: '2024-03-14', precision: 'day', approximate: false },
      { value: '2019-05', precision: 'month', approximate: false },
      { value: '2023-09', precision: 'month', approximate: false },
    ]);
    expect(draft.rows[2].expectedPractice).toBe('not-known');
  });

  it('refuses a macro-enabled or malformed workbook before opening it', async () => {
    const { leads } = await chronologyRequests(['Leicestershire Police']);
    const { lead, requestId } = leads[0]!;
    const notXlsx = Buffer.from('MZ this is not a workbook').toString('base64');
    const refused = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'xlsx',
      data: notXlsx,
      mode: 'preview',
    });
    expect(refused.status).toBe(400);
  });

  it('names the rows already in the draft, and adding the file again leaves them out', async () => {
    const { leads } = await chronologyRequests(['Leicestershire Police']);
    const { lead, requestId } = leads[0]!;
    const first = '14/03/2024,09:15,CAD 1234,Police attended the family home,DASH completed,Response officer,Fact';
    const second = 'about May 2019,,PNC,Father arrested for assault,Released under investigation,Custody sergeant,Fact';
    const imported = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: csv([HEADER, first, second]),
      mode: 'replace',
    });
    expect(imported.body).toMatchObject({ imported: 2, alreadyInDraft: [] });

    // The same rows again (spacing aside), after one new row.
    const file = csv([
      HEADER,
      '15/03/2024,,CAD 1300,Strategy discussion held,Section 47 agreed,Sergeant,Fact',
      first.replace('the family home', 'the  family home'),
      second,
    ]);
    const preview = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: file,
      mode: 'preview',
    });
    expect(preview.body).toMatchObject({ rejected: [], alreadyInDraft: [3, 4] });
    expect(preview.body.rows).toHaveLength(3);

    const appended = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: file,
      mode: 'append',
    });
    expect(appended.status).toBe(200);
    expectToMatchContract('POST /api/agency/requests/{requestId}/import', appended);
    expect(appended.body).toMatchObject({ imported: 1, alreadyInDraft: [3, 4] });
    const rows = (await lead.get(`/agency/requests/${requestId}`)).body.draft.content.rows;
    expect(rows.map((r: { event: string }) => r.event)).toEqual([
      'Police attended the family home',
      'Father arrested for assault',
      'Strategy discussion held',
    ]);

    // Replacing takes the file as it is.
    const replaced = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: file,
      mode: 'replace',
    });
    expect(replaced.body).toMatchObject({ imported: 3 });
  });

  it('imports a CSV file saved by Excel as "CSV (Comma delimited)", which is Windows-1252, with its characters', async () => {
    const { leads } = await chronologyRequests(['Leicestershire Police']);
    const { lead, requestId } = leads[0]!;
    // Zoë, £, the en dash and the curly quotes are single bytes in Windows-1252, and not UTF-8.
    const file = Buffer.concat([
      Buffer.from(`${HEADER}\r\n14/03/2024,09:15,CAD 1234,Zo`, 'ascii'),
      Buffer.from([0xeb]),
      Buffer.from(' said mum owed ', 'ascii'),
      Buffer.from([0xa3]),
      Buffer.from('200 ', 'ascii'),
      Buffer.from([0x96, 0x20, 0x93]),
      Buffer.from('debt', 'ascii'),
      Buffer.from([0x94]),
      Buffer.from(',Referral made,Response officer,Fact\r\n', 'ascii'),
    ]);
    const imported = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: file.toString('base64'),
      mode: 'replace',
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ imported: 1, rejected: [] });
    const rows = (await lead.get(`/agency/requests/${requestId}`)).body.draft.content.rows;
    expect(rows.map((r: { event: string }) => r.event)).toEqual(['Zoë said mum owed £200 – “debt”']);
  });

  it('names the line of a CSV file that is not well-formed, and how to put it right', async () => {
    const { leads } = await chronologyRequests(['Leicestershire Police']);
    const { lead, requestId } = leads[0]!;
    const refused = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: csv([HEADER, '14/03/2024,,CAD 1,Mother said "he fell",None,Officer,Fact']),
      mode: 'preview',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^Line 2: a quote mark \(".*\) is in the middle of a cell\./);
    expect(refused.body.error.issues).toEqual([{ path: 'data', message: refused.body.error.message }]);
  });
});

describe('the multi-agency chronology', () => {
  it('carries each agency’s analysis (expected practice?, comment) into the merged chronology and its exports', async () => {
    const { staff, record, leads } = await chronologyRequests(['Leicestershire Police'], true);
    const [police] = leads;
    const submitted = await police!.lead.post(`/agency/requests/${police!.requestId}/submit`, {
      submissionId: randomUUID(),
      content: chronology([
        chronologyRow('a1', { expectedPractice: 'partly', analysisComment: 'The referral was a day late.' }),
      ]),
    });
    expect(submitted.status).toBe(200);
    const merged = await staff.get(`/cases/${record.id}/chronology`);
    expectToMatchContract('GET /api/cases/{caseId}/chronology', merged);
    expect(merged.body.entries[0].sources[0]).toMatchObject({
      expectedPractice: 'partly',
      analysisComment: 'The referral was a day late.',
    });
    const [header = [], first = []] = readCsv((await staff.download(`/cases/${record.id}/chronology.csv`)).bytes);
    expect(first[header.indexOf('Expected practice?')]).toBe('Partly');
    expect(first[header.indexOf('Comment')]).toBe('The referral was a day late.');
  });

  it('merges agencies’ chronologies in date order, groups shared events, shows gaps, and keeps decisions', async () => {
    const { staff, record, leads } = await chronologyRequests([
      'Leicestershire Police',
      "Leicester City Council Children's Social Care",
    ]);
    const [police, social] = leads;
    expect((await staff.get(`/cases/${record.id}/chronology`)).status).toBe(404);

    await police!.lead.post(`/agency/requests/${police!.requestId}/submit`, {
      submissionId: randomUUID(),
      content: chronology([
        chronologyRow('p1', {
          date: { precision: 'day', value: '2024-03-14', approximate: false },
          event: 'Strategy meeting held with police, social care and health about bruising to the child.',
        }),
        chronologyRow('p2', {
          date: { precision: 'day', value: '2023-01-10', approximate: false },
          event: 'Domestic abuse incident attended at the home.',
        }),
        chronologyRow('p3', {
          date: { precision: 'month', value: '2024-09', approximate: true },
          time: undefined,
          event: 'Concern for welfare call from a neighbour.',
        }),
      ]),
    });
    const first = await staff.get(`/cases/${record.id}/chronology`);
    expect(first.status).toBe(200);
    expectToMatchContract('GET /api/cases/{caseId}/chronology', first);
    expect(first.body.version).toBe(1);
    expect(first.body.entries.map((e: { sortDate: string }) => e.sortDate)).toEqual([
      '2023-01-10',
      '2024-03-14',
      '2024-09-01',
    ]);
    // The issue's contract: {id, date, datePrecision, description, sources: [{agencyId, agencyName, entryId}], ...}.
    expect(first.body.entries[2]).toMatchObject({
      id: expect.any(String),
      date: '2024-09',
      datePrecision: 'month',
      approximate: true,
      description: 'Concern for welfare call from a neighbour.',
      sources: [
        {
          agencyId: police!.agencyId,
          agencyName: 'Leicestershire Police',
          entryId: `${police!.requestId}:p3`,
          date: '2024-09',
          datePrecision: 'month',
        },
      ],
    });
    expect(first.body.gaps.length).toBeGreaterThan(0);
    const idsBefore = first.body.entries.map((e: { id: string }) => e.id);

    await social!.lead.post(`/agency/requests/${social!.requestId}/submit`, {
      submissionId: randomUUID(),
      content: chronology([
        chronologyRow('s1', {
          date: { precision: 'day', value: '2024-03-15', approximate: false },
          event: 'Strategy meeting with police and health about bruising; section 47 enquiry agreed.',
        }),
        chronologyRow('s2', {
          date: { precision: 'day', value: '2024-03-15', approximate: false },
          event: 'Home visit by the allocated social worker; child seen alone.',
        }),
      ]),
    });
    const second = (await staff.get(`/cases/${record.id}/chronology`)).body;
    expect(second.version).toBe(2);
    expect(second.sources).toHaveLength(2);
    const meeting = second.entries.find((e: { sources: unknown[] }) => e.sources.length === 2);
    expect(meeting).toMatchObject({ grouping: 'suggested' });
    expect(meeting.sources.map((s: { agencyName: string }) => s.agencyName).sort()).toEqual([
      "Leicester City Council Children's Social Care",
      'Leicestershire Police',
    ]);
    // Entries that did not change keep their ids.
    expect(second.entries.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining([idsBefore[0], idsBefore[2]]),
    );
    const everySource = second.entries
      .flatMap((e: { sources: { entryId: string }[] }) => e.sources.map((s) => s.entryId))
      .sort();
    expect(everySource).toHaveLength(5);

    // The office splits the suggested group; the decision survives a later re-merge.
    const split = await staff.post(`/cases/${record.id}/chronology/decisions`, {
      kind: 'split',
      entryIds: meeting.sources.map((s: { entryId: string }) => s.entryId),
    });
    expect(split.status).toBe(200);
    expectToMatchContract('POST /api/cases/{caseId}/chronology/decisions', split);
    expect(split.body.entries.every((e: { sources: unknown[] }) => e.sources.length === 1)).toBe(true);
    await staff.post(`/cases/${record.id}/requests/${police!.requestId}/request-more`, {
      dueOn: '2031-01-06',
      reason: 'Add the 2022 referral',
    });
    const [more] = await waitForMail(
      (e) => e.subject.startsWith('More information requested') && e.subject.includes(record.reference),
    );
    const policeAgain = await signInAgency(tokenFromEmail(more!)!, record.reference);
    const resubmitted = await policeAgain.post(`/agency/requests/${police!.requestId}/submit`, {
      submissionId: randomUUID(),
      content: chronology([
        chronologyRow('p1', {
          date: { precision: 'day', value: '2024-03-14', approximate: false },
          event: 'Strategy meeting held with police, social care and health about bruising to the child.',
        }),
        chronologyRow('p2', {
          date: { precision: 'day', value: '2023-01-10', approximate: false },
          event: 'Domestic abuse incident attended at the home.',
        }),
        chronologyRow('p3', {
          date: { precision: 'month', value: '2024-09', approximate: true },
          time: undefined,
          event: 'Concern for welfare call from a neighbour.',
        }),
        chronologyRow('p4', {
          date: { precision: 'day', value: '2022-06-01', approximate: false },
          event: 'Referral to children’s social care after a missing episode.',
        }),
      ]),
    });
    expect(resubmitted.body.version).toBe(2);
    const third = (await staff.get(`/cases/${record.id}/chronology`)).body;
    expect(third.entries).toHaveLength(split.body.entries.length + 1);
    expect(third.entries.every((e: { sources: unknown[] }) => e.sources.length === 1)).toBe(true);
    expect(third.entries.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining(split.body.entries.map((e: { id: string }) => e.id)),
    );
    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events.map((e: { action: string }) => e.action);
    expect(trail).toEqual(
      expect.arrayContaining(['chronology.merged', 'chronology.grouping-split', 'chronology.viewed']),
    );

    // Exports carry the same entries: a row for each agency's row, every column one value to sort and filter on.
    const csvExport = await staff.download(`/cases/${record.id}/chronology.csv`);
    expect(csvExport.status).toBe(200);
    expectToMatchContract('GET /api/cases/{caseId}/chronology.csv', { ...csvExport, body: csvExport.bytes });
    expect(csvExport.headers.get('content-type')).toContain('text/csv');
    const csvTable = readCsv(csvExport.bytes);
    const [header = [], ...csvRows] = csvTable;
    expect(header).toEqual([
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
    const exported = csvRows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
    const events = exported.filter((r) => r.Grouping !== 'gap');
    expect(events).toHaveLength(everySource.length + 1);
    expect(events.find((r) => r['What happened'] === 'Domestic abuse incident attended at the home.')).toMatchObject({
      'Sort date': '2023-01-10',
      Date: '10 January 2023',
      'Date precision': 'day',
      Approximate: 'no',
      Time: '14:30',
      Agency: 'Leicestershire Police',
      'Source record': 'Case note 2024/0314',
      'Practitioner role': 'Named nurse',
      'Fact or opinion': 'fact',
      Grouping: 'single',
      'Source row id': `${police!.requestId}:p2`,
    });
    // Each row carries its own agency's row id and the id of the event it is in.
    const eventOfSource = new Map<string, string>(
      third.entries.flatMap((e: { id: string; sources: { entryId: string }[] }) =>
        e.sources.map((s): [string, string] => [s.entryId, e.id]),
      ),
    );
    expect(events.map((r) => r['Source row id']).sort()).toEqual([...eventOfSource.keys()].sort());
    expect(events.every((r) => r['Event id'] === eventOfSource.get(r['Source row id']!))).toBe(true);
    expect(events.find((r) => r['What happened'] === 'Concern for welfare call from a neighbour.')).toMatchObject({
      'Sort date': '2024-09-01',
      Date: 'about September 2024',
      'Date precision': 'month',
      Approximate: 'yes',
    });
    const sortDates = exported.map((r) => r['Sort date'] ?? '');
    expect(sortDates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect([...sortDates].sort()).toEqual(sortDates);
    expect(exported.filter((r) => r.Grouping === 'gap').length).toBeGreaterThan(0);
    expect(
      exported
        .filter((r) => r.Grouping === 'gap')
        .every((r) => /^No agency contact for \d+ days$/.test(r['What happened']!)),
    ).toBe(true);

    const xlsxResponse = await staff.download(`/cases/${record.id}/chronology.xlsx`);
    expect(xlsxResponse.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxResponse.bytes as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.autoFilter).toBe(`A1:P${csvTable.length}`); // filter buttons over the 16 columns, every row
    // The workbook holds the CSV's cells, but Event and Agencies in event as numbers (not zero-padded) and
    // Sort date as the date of the ISO day.
    const xlsxTable = Array.from({ length: sheet.rowCount }, (_, r) =>
      header.map((_name, c) => {
        const value = sheet.getRow(r + 1).getCell(c + 1).value;
        if (value instanceof Date) return value.toISOString().slice(0, 10);
        return value === null || value === undefined ? '' : value;
      }),
    );
    const typed: Record<string, (cell: string) => unknown> = {
      Event: (cell) => (cell ? Number(cell) : ''),
      'Agencies in event': (cell) => (cell ? Number(cell) : ''),
    };
    expect(xlsxTable).toEqual([
      header,
      ...csvRows.map((cells) => header.map((name, c) => (typed[name] ?? String)(cells[c] ?? ''))),
    ]);
    const sortDateCells = Array.from({ length: csvRows.length }, (_, r) =>
      sheet.getRow(r + 2).getCell(header.indexOf('Sort date') + 1),
    );
    expect(sortDateCells.every((cell) => cell.type === ExcelJS.ValueType.Date)).toBe(true);
  });

  it('leaves out a withdrawn chronology, re-merging when the request is withdrawn, and one marked not involved', async () => {
    const { staff, record, leads } = await chronologyRequests([
      'Leicestershire Police',
      "Leicester City Council Children's Social Care",
      'University Hospitals of Leicester NHS Trust',
    ]);
    const [police, social, hospital] = leads;
    const submit = async (lead: (typeof leads)[number], rowId: string, event: string, value: string) =>
      expect(
        (
          await lead.lead.post(`/agency/requests/${lead.requestId}/submit`, {
            submissionId: randomUUID(),
            content: chronology([
              chronologyRow(rowId, { date: { precision: 'day', value, approximate: false }, event }),
            ]),
          })
        ).status,
      ).toBe(200);
    const merged = async () => (await staff.get(`/cases/${record.id}/chronology`)).body;
    const agenciesIn = (body: { sources: { agencyId: string }[]; entries: { sources: { agencyId: string }[] }[] }) => ({
      sources: body.sources.map((s) => s.agencyId).sort(),
      rows: [...new Set(body.entries.flatMap((e) => e.sources.map((s) => s.agencyId)))].sort(),
    });

    await submit(police!, 'p1', 'Police attended a domestic incident at the home.', '2024-01-10');
    expect(agenciesIn(await merged())).toEqual({ sources: [police!.agencyId], rows: [police!.agencyId] });

    // Sent to the wrong agency: withdrawing it takes its rows out at once, without waiting for the daily run.
    const withdrawn = await staff.post(`/cases/${record.id}/requests/${police!.requestId}/withdraw`, {
      reason: 'Sent to the wrong agency',
    });
    expect(withdrawn.status).toBe(200);
    const afterWithdrawal = await merged();
    expect(afterWithdrawal.version).toBe(2);
    expect(agenciesIn(afterWithdrawal)).toEqual({ sources: [], rows: [] });

    await submit(social!, 's1', 'Home visit by the allocated social worker.', '2024-02-01');
    expect(agenciesIn(await merged())).toEqual({ sources: [social!.agencyId], rows: [social!.agencyId] });

    // A chronology reopened for more information still stands; once the agency is recorded as not involved it does not.
    await submit(hospital!, 'h1', 'Seen in the emergency department with a head injury.', '2024-03-05');
    const listed = (await staff.get(`/cases/${record.id}/requests`)).body.requests as { id: string; dueOn: string }[];
    const more = await staff.post(`/cases/${record.id}/requests/${hospital!.requestId}/request-more`, {
      dueOn: listed.find((r) => r.id === hospital!.requestId)!.dueOn,
      reason: 'Please add the follow-up appointments',
    });
    expect(more.status).toBe(200);
    const both = [social!.agencyId, hospital!.agencyId].sort();
    expect(agenciesIn(await merged())).toEqual({ sources: both, rows: both });
    const notInvolved = await staff.post(`/cases/${record.id}/requests/${hospital!.requestId}/not-involved`, {
      reason: 'The records were of another child with the same name',
    });
    expect(notInvolved.status).toBe(200);
    expect(agenciesIn(await merged())).toEqual({ sources: [social!.agencyId], rows: [social!.agencyId] });
  });

  it('is not visible to the other partnership', async () => {
    const { record } = await chronologyRequests(['Leicestershire Police']);
    const other = await staffClient('leicestershire-rutland');
    expect((await other.get(`/cases/${record.id}/chronology`)).status).toBe(404);
    expect((await other.request('GET', `/cases/${record.id}/chronology.csv`)).status).toBe(404);
  });
});

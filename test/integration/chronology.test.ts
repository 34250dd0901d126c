import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { ApiClient, staffClient, tokenFromEmail, waitForMail } from '../support/portal';
import { agencyNamed, openCase, signInAgency } from '../support/scenario';
import { chronology, chronologyRow } from '../support/returns';

/**
 * Chronologies from two agencies, imported and typed, merged into one multi-agency chronology (§8.4.3),
 * with the business office's grouping decisions kept across re-merges, and exported.
 */
async function chronologyRequests(agencyNames: string[], analysisColumns = false) {
  const staff = await staffClient('leicester');
  const record = await openCase(staff, { route: 'cspr' });
  const leads: { name: string; requestId: string; lead: ApiClient }[] = [];
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
    expect(preview.body.rows).toHaveLength(2);
    expect(preview.body.rows[1].date).toEqual({ value: '2019-05', precision: 'month', approximate: true });
    expect(preview.body.rejected).toEqual([
      { line: 4, column: 'Date', message: expect.any(String) },
      { line: 5, column: 'Source record', message: 'Source record is missing' },
      { line: 5, column: 'Fact or opinion', message: 'Fact or opinion must be one of: fact, opinion' },
      // What submitting refuses, importing refuses too.
      { line: 6, column: 'Date', message: 'The date cannot be in the future' },
    ]);
    const refused = await lead.post(`/agency/requests/${requestId}/import`, {
      format: 'csv',
      data: file,
      mode: 'replace',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('rows-rejected');
    expect((await lead.get(`/agency/requests/${requestId}`)).body.draft).toBeUndefined();
  });

  it('imports an Excel file made from the template, with dates typed as Excel dates', async () => {
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
    sheet.addRow([
      new Date(Date.UTC(2024, 2, 14)),
      '09:15',
      'CAD 1234',
      'Police attended the family home',
      'DASH completed',
      'Response officer',
      'Fact',
      'Yes',
      'Timely',
    ]);
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
    expect(imported.body).toMatchObject({ imported: 2, rejected: [], version: 1 });
    const draft = (await lead.get(`/agency/requests/${requestId}`)).body.draft.content;
    expect(draft.rows.map((r: { date: unknown }) => r.date)).toEqual([
      { value: '2024-03-14', precision: 'day', approximate: false },
      { value: '2023-09', precision: 'month', approximate: false },
    ]);
    expect(draft.rows[1].expectedPractice).toBe('not-known');
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
});

describe('the multi-agency chronology', () => {
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
          event: 'Concern for welfare call from a neighbour.',
        }),
      ]),
    });
    const first = await staff.get(`/cases/${record.id}/chronology`);
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    expect(first.body.entries.map((e: { sortDate: string }) => e.sortDate)).toEqual([
      '2023-01-10',
      '2024-03-14',
      '2024-09-01',
    ]);
    expect(first.body.entries[2]).toMatchObject({ approximate: true });
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

    // Exports carry the same entries.
    const csvExport = await staff.request('GET', `/cases/${record.id}/chronology.csv`);
    expect(csvExport.status).toBe(200);
    expect(csvExport.headers.get('content-type')).toContain('text/csv');
    expect(csvExport.text).toContain('Domestic abuse incident attended at the home.');
    expect(csvExport.text).toContain('No agency contact for');
    const xlsxResponse = await staff.download(`/cases/${record.id}/chronology.xlsx`);
    expect(xlsxResponse.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxResponse.bytes as never);
    const texts = workbook.worksheets[0]!.getColumn(4).values.map(String);
    expect(texts).toEqual(expect.arrayContaining(['Domestic abuse incident attended at the home.']));
  });

  it('is not visible to the other partnership', async () => {
    const { record } = await chronologyRequests(['Leicestershire Police']);
    const other = await staffClient('leicestershire-rutland');
    expect((await other.get(`/cases/${record.id}/chronology`)).status).toBe(404);
    expect((await other.request('GET', `/cases/${record.id}/chronology.csv`)).status).toBe(404);
  });
});

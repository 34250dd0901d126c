import { randomUUID } from 'node:crypto';
import { expectToMatchContract } from '../support/contract';
import { staffClient, tokenFromEmail, waitForMail } from '../support/portal';
import { longDate } from '../../functions/domain/emails';
import { agencyNamed, openCase, signInAgency, today } from '../support/scenario';
import {
  chronology,
  chronologyRow,
  declaration,
  factualSummary,
  informationReport,
  nilReturn,
  organisationalChronology,
} from '../support/returns';

/** Every kind of return the guidance names (§8.4–§8.6), and a nil return for any request. */
async function requestFor(returnType: string, extra: Record<string, unknown> = {}) {
  const staff = await staffClient('leicester');
  const record = await openCase(staff, { route: 'cspr' });
  const agency = await agencyNamed(staff, 'University Hospitals of Leicester NHS Trust');
  const created = await staff.post(`/cases/${record.id}/requests`, { agencyId: agency.id, returnType, ...extra });
  expect(created.status).toBe(201);
  await staff.post(`/cases/${record.id}/requests/${created.body.id}/send`);
  const [mail] = await waitForMail(
    (e) => e.subject.includes(record.reference) && e.subject.startsWith('Information request'),
  );
  const lead = await signInAgency(tokenFromEmail(mail!)!, record.reference);
  return { staff, record, requestId: created.body.id as string, lead };
}

describe('returns', () => {
  it.each([
    ['chronology', chronology()],
    ['organisational-chronology', organisationalChronology()],
    ['information-report', informationReport()],
    ['factual-summary', factualSummary()],
  ])('a %s is submitted with its declaration, and read back by the office', async (returnType, content) => {
    const { staff, record, requestId, lead } = await requestFor(returnType);
    const submitted = await lead.post(`/agency/requests/${requestId}/submit`, { submissionId: randomUUID(), content });
    expect(submitted.status).toBe(200);
    const read = await staff.get(`/cases/${record.id}/requests/${requestId}/return`);
    expect(read.body).toMatchObject({ returnType, nilReturn: false, content });
  });

  it.each([
    ['chronology', chronology()],
    ['information-report', informationReport()],
  ])(
    'a %s may name the practitioners and their line managers, for the workshop (§8.10.1)',
    async (returnType, base) => {
      const practitioners = [
        { name: 'Sam Fieldworker', role: 'Social worker', lineManager: { name: 'Pat Overseer', role: 'Team manager' } },
      ];
      const { staff, record, requestId, lead } = await requestFor(returnType);
      const content = { ...base, practitioners };
      expect((await lead.post(`/agency/requests/${requestId}/submit`, { content })).status).toBe(200);
      const read = await staff.get(`/cases/${record.id}/requests/${requestId}/return`);
      expect(read.body.content.practitioners).toEqual(practitioners);
    },
  );

  it('a nil return answers any request and closes it', async () => {
    const { staff, record, requestId, lead } = await requestFor('chronology');
    expect((await lead.post(`/agency/requests/${requestId}/submit`, { content: nilReturn() })).status).toBe(200);
    const read = await staff.get(`/cases/${record.id}/requests/${requestId}/return`);
    expect(read.body).toMatchObject({ nilReturn: true, returnType: 'chronology' });
    expect((await staff.get(`/cases/${record.id}/requests`)).body.requests[0]).toMatchObject({
      status: 'submitted',
      nilReturn: true,
    });
    expect((await staff.get(`/cases/${record.id}/requests`)).body.requests[0].nextActionOn).toBeUndefined();
    // The case list counts it apart: the dashboard says how many nil returns a case has.
    const listed = (await staff.get('/cases')).body.cases.find((c: { id: string }) => c.id === record.id);
    expect(listed.returns).toMatchObject({ total: 1, submitted: 1, nilReturns: 1 });
  });

  it('refuses a return of another kind than the request asks for', async () => {
    const { requestId, lead } = await requestFor('chronology');
    const wrong = await lead.post(`/agency/requests/${requestId}/submit`, { content: factualSummary() });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues).toEqual([
      { path: 'content.kind', message: 'This request asks for a Chronology of key events, or a nil return' },
    ]);
  });

  it('refuses a draft of another type than the request asks for, and keeps a nil return’s', async () => {
    const { requestId, lead } = await requestFor('information-request-reply');
    const put = (content: unknown) => lead.put(`/agency/requests/${requestId}/draft`, { content });
    const wrong = await put({ kind: 'chronology', rows: [] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toEqual({
      code: 'wrong-return-type',
      message: 'This draft is not of the type the request asks for: an Information Request Reply, or a nil return',
      issues: [
        { path: 'content.kind', message: 'This request asks for an Information Request Reply, or a nil return' },
      ],
    });
    // A kinded return's fields without a kind are another type too.
    expect((await put({ rows: [{ rowId: 'r1' }] })).body.error.issues).toEqual([
      { path: 'content.rows', message: 'This request asks for an Information Request Reply, or a nil return' },
    ]);
    expect((await lead.get(`/agency/requests/${requestId}`)).body.draft).toBeUndefined();
    expect((await put({ involvement: 'involved', services: ['Emergency department'] })).body).toMatchObject({
      version: 1,
    });
    expect((await put({ kind: 'nil-return', searched: 'Names and addresses' })).body).toMatchObject({ version: 2 });
  });

  it('refuses a declaration dated before the request was sent', async () => {
    const { requestId, lead } = await requestFor('factual-summary');
    const stale = { ...factualSummary(), declaration: { ...declaration(), date: '2024-06-03' } };
    const refused = await lead.post(`/agency/requests/${requestId}/submit`, { content: stale });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([
      {
        path: 'content.declaration.date',
        message: `The declaration date must be on or after ${longDate(today())}, when the request was sent`,
      },
    ]);
    const dated = await lead.post(`/agency/requests/${requestId}/submit`, { content: factualSummary() });
    expect(dated.status).toBe(200);
  });

  it('says which row and column of a chronology is wrong', async () => {
    const { requestId, lead } = await requestFor('chronology', { analysisColumns: true });
    const rows = [
      chronologyRow('a', { expectedPractice: 'yes' }),
      chronologyRow('b', {
        date: { precision: 'day', value: '2024-02-30', approximate: false },
        expectedPractice: 'no',
      }),
      chronologyRow('c', { factOrOpinion: 'rumour', expectedPractice: 'no' }),
    ];
    const bad = await lead.post(`/agency/requests/${requestId}/submit`, { content: chronology(rows) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'content.rows[1].date.value',
      'content.rows[2].factOrOpinion',
    ]);
    const future = [
      chronologyRow('a', { date: { precision: 'year', value: '2099', approximate: false }, time: undefined }),
    ];
    const later = await lead.post(`/agency/requests/${requestId}/submit`, { content: chronology(future) });
    expect(later.body.error.issues).toEqual([
      { path: 'content.rows[0].date', message: 'The date cannot be in the future' },
      { path: 'content.rows[0].expectedPractice', message: 'Say whether this was expected practice' },
    ]);
  });

  it('takes dates from 1900 at every precision, as the form and the import do', async () => {
    const { requestId, lead } = await requestFor('chronology');
    const at = (value: string, precision: 'day' | 'month' | 'year', rowId: string) =>
      chronologyRow(rowId, { date: { precision, value, approximate: false }, time: undefined });
    const early = [at('1000-01-01', 'day', 'a'), at('1899-12', 'month', 'b'), at('1899', 'year', 'c')];
    const refused = await lead.post(`/agency/requests/${requestId}/submit`, { content: chronology(early) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([
      { path: 'content.rows[0].date.value', message: 'Enter a date from 1900 to 2099' },
      { path: 'content.rows[1].date.value', message: 'Enter a month like 2019-05, from 1900 to 2099' },
      { path: 'content.rows[2].date.value', message: 'Enter a year like 2019, from 1900 to 2099' },
    ]);
    const first = [at('1900-01-01', 'day', 'a'), at('1900-01', 'month', 'b'), at('1900', 'year', 'c')];
    expect((await lead.post(`/agency/requests/${requestId}/submit`, { content: chronology(first) })).status).toBe(200);
  });

  it('offers the agency’s latest declarer in the case for the next declaration, and nobody else’s', async () => {
    const staff = await staffClient('leicester');
    const record = await openCase(staff, { route: 'cspr' });
    const hospital = await agencyNamed(staff, 'University Hospitals of Leicester NHS Trust');
    const police = await agencyNamed(staff, 'Leicestershire Police');
    const batch = await staff.post(`/cases/${record.id}/requests/batch`, {
      agencyIds: [hospital.id, police.id],
      returnTypes: ['chronology', 'information-report'],
      send: true,
    });
    expect(batch.status).toBe(201);
    const mails = await waitForMail((e) => e.subject.includes(record.reference), 2);
    const requests = (await staff.get(`/cases/${record.id}/requests`)).body.requests as {
      id: string;
      agencyId: string;
      returnType: string;
    }[];
    const requestOf = (agencyId: string, returnType: string) =>
      requests.find((r) => r.agencyId === agencyId && r.returnType === returnType)!.id;
    const signIn = (email: string) =>
      signInAgency(tokenFromEmail(mails.find((m) => m.destination.to.includes(email))!)!, record.reference);
    const lead = await signIn(hospital.leadEmail);
    const other = await signIn(police.leadEmail);

    const report = `/agency/requests/${requestOf(hospital.id, 'information-report')}`;
    expect((await lead.get(report)).body.declarationDefaults).toBeUndefined();
    const declared = { ...declaration(), name: 'Dr Priya Shah', role: 'Named doctor' };
    const submitted = await lead.post(`/agency/requests/${requestOf(hospital.id, 'chronology')}/submit`, {
      content: { ...chronology([chronologyRow('r1')]), declaration: declared },
    });
    expect(submitted.status).toBe(200);
    const view = await lead.get(report);
    expect(view.body.declarationDefaults).toEqual({ name: 'Dr Priya Shah', role: 'Named doctor' });
    expectToMatchContract('GET /api/agency/requests/{requestId}', view);
    // Another agency in the same case is offered nothing of it.
    const police1 = await other.get(`/agency/requests/${requestOf(police.id, 'information-report')}`);
    expect(police1.body.declarationDefaults).toBeUndefined();
  });

  it('keeps a chronology draft as typed, half-finished rows included', async () => {
    const { requestId, lead } = await requestFor('chronology');
    const draft = {
      kind: 'chronology',
      rows: [
        { rowId: 'r1', date: { precision: 'month', value: '2019-0' }, event: 'Half typed' },
        // A date that cannot be read yet, and a declaration date typed in part, kept exactly as typed.
        { rowId: 'r2', date: 'Q3 2025', event: 'Strategy meeting' },
      ],
      declaration: { name: 'Sam', date: { day: '31', month: 'Feb', year: '' } },
    };
    expect((await lead.put(`/agency/requests/${requestId}/draft`, { content: draft })).status).toBe(200);
    expect((await lead.get(`/agency/requests/${requestId}`)).body.draft.content).toEqual(draft);
    const unknown = await lead.put(`/agency/requests/${requestId}/draft`, {
      content: { kind: 'chronology', rows: [{ colour: 'red' }] },
    });
    expect(unknown.status).toBe(400);
  });
});

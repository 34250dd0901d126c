import { randomUUID } from 'node:crypto';
import { ApiClient, mailbox, stack, staffClient, waitForMail } from '../support/portal';
import { expectToMatchContract } from '../support/contract';
import { store } from '../support/table';
import { agencyNamed, completeReply, openCase, sentRequest, signInAgency, today, unique } from '../support/scenario';

/**
 * The first complete path: a business office opens a case and sends a request; the agency lead
 * follows the e-mailed link, verifies the code, saves a draft and submits; the office sees it.
 * Everything runs against the local emulators through the local API gateway.
 */
describe('case → tokenised link → agency reply', () => {
  it('walks the whole path end to end', async () => {
    const staff = await staffClient('leicester');

    // The business office opens a Rapid Review and sees its statutory milestones.
    const reference = unique('LSCPB');
    const opened = await staff.post('/cases', {
      route: 'rapid-review',
      day0: today(),
      reference,
      subject: {
        name: 'Zebedee Quinton-Farrow',
        dateOfBirth: '2018-07-09',
        address: '42 Nowhere Lane, Leicester LE1 9ZZ',
        familyMembers: [{ name: 'Yolanda Quinton-Farrow', relationship: 'Mother' }],
      },
    });
    expect(opened.status).toBe(201);
    expectToMatchContract('POST /api/cases', opened);
    expect(opened.body).toMatchObject({ reference, route: 'rapid-review', day0: today() });
    expect(opened.body.milestones.map((m: { key: string }) => m.key)).toEqual([
      'requests-sent',
      'replies-due',
      'meeting',
      'national-panel',
    ]);
    const caseId = opened.body.id as string;
    expect((await staff.get(`/cases/${caseId}`)).body.reference).toBe(reference);
    expect((await staff.get('/cases')).body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    expectToMatchContract('GET /api/cases/{caseId}', await staff.get(`/cases/${caseId}`));
    expectToMatchContract('GET /api/cases', await staff.get('/cases'));
    expectToMatchContract('GET /api/agencies', await staff.get('/agencies'));

    // It asks Leicestershire Police for an Information Request Reply, due by default on working day 10.
    const police = await agencyNamed(staff, 'Leicestershire Police');
    const created = await staff.post(`/cases/${caseId}/requests`, {
      agencyId: police.id,
      returnType: 'information-request-reply',
    });
    expect(created.status).toBe(201);
    expectToMatchContract('POST /api/cases/{caseId}/requests', created);
    const repliesDue = opened.body.milestones.find((m: { key: string }) => m.key === 'replies-due').due;
    expect(created.body).toMatchObject({ status: 'draft', dueOn: repliesDue });
    const requestId = created.body.id as string;

    // Sending e-mails the lead and the deputy a link, and nothing about the child.
    const sent = await staff.post(`/cases/${caseId}/requests/${requestId}/send`);
    expect(sent.status).toBe(200);
    expectToMatchContract('POST /api/cases/{caseId}/requests/{requestId}/send', sent);
    expect(sent.body).toMatchObject({ status: 'sent', email: { status: 'sent' } });
    const linkMails = await waitForMail(
      (e) => e.subject.includes(reference) && e.subject.startsWith('Information request'),
      2,
    );
    expect(linkMails.map((e) => e.destination.to[0]).sort()).toEqual([police.deputyEmail, police.leadEmail].sort());
    for (const mail of linkMails) {
      const everything = `${mail.subject}\n${mail.body.text}\n${mail.body.html}`;
      for (const personal of ['Zebedee', 'Quinton', 'Farrow', 'Yolanda', '2018-07-09', 'Nowhere Lane', 'LE1 9ZZ']) {
        expect(everything).not.toContain(personal);
      }
      expect(mail.body.text).toContain(reference);
    }
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(linkMails[0]!.body.text ?? '')?.[1] as string;
    expect(token).toBeDefined();

    // Opening the link's page (a GET, as a mail scanner would) changes nothing.
    const landing = await fetch(`${stack().endpoints.web}/respond`);
    expect(landing.status).toBe(200);
    expect(await landing.text()).not.toContain(token);
    expect((await staff.get(`/cases/${caseId}/requests`)).body.requests[0].status).toBe('sent');

    // The lead exchanges the link for a code, and the code for a session cookie.
    const agency = await signInAgency(token, reference);
    const list = await agency.get('/agency/requests');
    expect(list.status).toBe(200);
    expectToMatchContract('GET /api/agency/requests', list);
    expect(list.body.case).toMatchObject({ reference, subject: { name: 'Zebedee Quinton-Farrow' } });
    expect(list.body.requests).toEqual([
      expect.objectContaining({ id: requestId, status: 'opened', dueOn: repliesDue }),
    ]);
    expect((await staff.get(`/cases/${caseId}/requests`)).body.requests[0].status).toBe('opened');

    // A draft is saved, read back, and moves the request to in-progress.
    const draft = await agency.put(`/agency/requests/${requestId}/draft`, {
      content: { involvement: 'involved', services: ['Neighbourhood policing'] },
      expectedVersion: 0,
    });
    expect(draft.status).toBe(200);
    expectToMatchContract('PUT /api/agency/requests/{requestId}/draft', draft);
    expect(draft.body.version).toBe(1);
    const stale = await agency.put(`/agency/requests/${requestId}/draft`, { content: {}, expectedVersion: 0 });
    expect(stale.status).toBe(409);
    const reread = await agency.get(`/agency/requests/${requestId}`);
    expectToMatchContract('GET /api/agency/requests/{requestId}', reread);
    expect(reread.body.draft).toMatchObject({ version: 1, content: { services: ['Neighbourhood policing'] } });
    expect((await staff.get(`/cases/${caseId}/requests`)).body.requests[0].status).toBe('in-progress');

    // Submitting is idempotent: the same submission twice is one record.
    const submissionId = randomUUID();
    const reply = completeReply();
    const submitted = await agency.post(`/agency/requests/${requestId}/submit`, { submissionId, content: reply });
    expect(submitted.status).toBe(200);
    expectToMatchContract('POST /api/agency/requests/{requestId}/submit', submitted);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 1, submissionId });
    expect(submitted.body.receipt).toMatch(new RegExp(`^${reference}-[0-9A-F]{6}$`));
    const again = await agency.post(`/agency/requests/${requestId}/submit`, { submissionId, content: reply });
    expect(again.body).toEqual(submitted.body);
    const different = await agency.post(`/agency/requests/${requestId}/submit`, {
      submissionId: randomUUID(),
      content: reply,
    });
    expect(different.status).toBe(409);
    expect((await agency.put(`/agency/requests/${requestId}/draft`, { content: {} })).status).toBe(409);

    // The business office sees `submitted` and reads the return.
    expectToMatchContract('GET /api/cases/{caseId}/requests', await staff.get(`/cases/${caseId}/requests`));
    const requests = (await staff.get(`/cases/${caseId}/requests`)).body.requests;
    expect(requests).toEqual([expect.objectContaining({ id: requestId, status: 'submitted', returnVersion: 1 })]);
    expect(requests[0].sentAt).toBeDefined();
    expect(requests[0].submittedAt).toBe(submitted.body.submittedAt);
    const read = await staff.get(`/cases/${caseId}/requests/${requestId}/return`);
    expect(read.status).toBe(200);
    expectToMatchContract('GET /api/cases/{caseId}/requests/{requestId}/return', read);
    expectToMatchContract(
      'GET /api/cases/{caseId}/requests/{requestId}/returns',
      await staff.get(`/cases/${caseId}/requests/${requestId}/returns`),
    );
    expect(read.body).toMatchObject({
      version: 1,
      agencyName: 'Leicestershire Police',
      nilReturn: false,
      content: reply,
    });

    // Every read and write of the return is in the case's audit trail, in time order, without personal data.
    expectToMatchContract('GET /api/cases/{caseId}/audit', await staff.get(`/cases/${caseId}/audit`));
    const trail = (await staff.get(`/cases/${caseId}/audit`)).body.events as { action: string; actor: object }[];
    expect(trail.map((e) => e.action)).toEqual([
      'case.opened',
      'request.created',
      'request.sent',
      'agency.signed-in',
      'agency.case-viewed',
      'draft.saved',
      'agency.request-viewed',
      'return.submitted',
      'return.viewed',
    ]);
    expect(trail.find((e) => e.action === 'return.viewed')?.actor).toMatchObject({
      type: 'staff',
      partnershipId: 'leicester',
    });
    expect(trail.find((e) => e.action === 'return.submitted')?.actor).toMatchObject({
      type: 'agency',
      agencyId: police.id,
    });
    expect(JSON.stringify(trail)).not.toMatch(/Zebedee|Quinton|Yolanda|Nowhere/);
    // The trail is append-only: an event cannot be written over.
    const stored = await store().audit.list('leicester', caseId);
    await expect(store().audit.append(stored[0]!)).rejects.toThrow(/conditional/i);
  });

  it('alerts the business office at once to an immediate safety concern, without personal data', async () => {
    const { record, requestId, token } = await sentRequest(
      'leicester',
      "Leicester City Council Children's Social Care",
    );
    const agency = await signInAgency(token, record.reference);
    const reply = completeReply({
      immediateSafetyConcern: { raised: true, details: 'Younger sibling Alfie remains at the address.' },
    });
    expect((await agency.post(`/agency/requests/${requestId}/submit`, { content: reply })).status).toBe(200);
    const [alert] = await waitForMail(
      (e) => e.subject === `Immediate safety concern reported for case ${record.reference}`,
    );
    expect(alert!.destination.to).toEqual(['boards-office@leicester-scp.example.org']);
    const everything = `${alert!.subject}${alert!.body.text}${alert!.body.html}`;
    for (const personal of ['Alfie', 'Testchild', 'sibling', 'Example Street', '2019-04-02'])
      expect(everything).not.toContain(personal);
    expect(alert!.body.text).toContain(`/cases/${record.id}`);
  });

  it('takes a nil return: the agency holds no records', async () => {
    const { staff, record, requestId, token } = await sentRequest(
      'leicestershire-rutland',
      'East Midlands Ambulance Service',
    );
    const agency = await signInAgency(token, record.reference);
    const nil = {
      involvement: 'no-records',
      notes: 'Searched by name, date of birth and address.',
      declaration: completeReply().declaration,
    };
    expect((await agency.post(`/agency/requests/${requestId}/submit`, { content: nil })).status).toBe(200);
    const read = await staff.get(`/cases/${record.id}/requests/${requestId}/return`);
    expect(read.body).toMatchObject({ nilReturn: true, content: nil });
  });

  it('keeps each partnership out of the other’s cases', async () => {
    const { record, requestId } = await sentRequest('leicester');
    const other = await staffClient('leicestershire-rutland');
    for (const path of [
      `/cases/${record.id}`,
      `/cases/${record.id}/requests`,
      `/cases/${record.id}/requests/${requestId}/return`,
    ]) {
      const response = await other.get(path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'not-found', message: 'The case was not found.' } });
    }
    expect((await other.post(`/cases/${record.id}/requests/${requestId}/send`)).status).toBe(404);
    const ownAgency = (await other.get('/agencies')).body.agencies[0];
    expect(
      (await other.post(`/cases/${record.id}/requests`, { agencyId: ownAgency.id, returnType: 'chronology' })).status,
    ).toBe(404);
    expect((await other.get('/cases')).body.cases.map((c: { id: string }) => c.id)).not.toContain(record.id);
    const leicesterAgencies = (await (await staffClient('leicester')).get('/agencies')).body.agencies.map(
      (a: { id: string }) => a.id,
    );
    const theirs = (await other.get('/agencies')).body.agencies.map((a: { id: string }) => a.id);
    expect(theirs.filter((id: string) => leicesterAgencies.includes(id))).toEqual([]);
  });

  it('computes milestones and default due dates for every route', async () => {
    const staff = await staffClient('leicester');
    const referral = await openCase(staff, { route: 'agency-referral' });
    expect(referral.milestones.map((m) => m.key)).toEqual(['requests-sent', 'combined-summary']);
    const review = await openCase(staff, { route: 'cspr' });
    expect(review.milestones.map((m) => m.key)).toEqual(['review-complete']);
    const agency = await agencyNamed(staff, 'LLR Integrated Care Board');
    const request = await staff.post(`/cases/${review.id}/requests`, { agencyId: agency.id, returnType: 'chronology' });
    expect(request.status).toBe(201);
    expect(request.body.dueOn > today()).toBe(true);
    expect(request.body.dueOn <= review.milestones[0]!.due).toBe(true);
  });

  it('refuses a due date on a weekend or in the past, saying why', async () => {
    const staff = await staffClient('leicester');
    const record = await openCase(staff);
    const agency = await agencyNamed(staff, 'Leicestershire Police');
    const past = await staff.post(`/cases/${record.id}/requests`, {
      agencyId: agency.id,
      returnType: 'chronology',
      dueOn: '2020-01-06',
    });
    expect(past.status).toBe(400);
    expect(past.body.error.issues).toEqual([{ path: 'dueOn', message: 'The due date cannot be in the past' }]);
    const saturday = await staff.post(`/cases/${record.id}/requests`, {
      agencyId: agency.id,
      returnType: 'chronology',
      dueOn: '2030-01-05',
    });
    expect(saturday.status).toBe(400);
    expect(saturday.body.error.issues[0].message).toMatch(/working day/);
  });

  it('refuses a second case with the same reference', async () => {
    const staff = await staffClient('leicester');
    const reference = unique('DUP');
    await openCase(staff, { reference });
    const again = await staff.post('/cases', {
      route: 'cspr',
      day0: today(),
      reference,
      subject: { name: 'Someone Else', dateOfBirth: '2015-01-01' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('reference-taken');
    expect(JSON.stringify(again.body)).not.toContain('Someone Else');
  });

  it('generates case references from the partnership prefix', async () => {
    const staff = await staffClient('leicestershire-rutland');
    const created = await staff.post('/cases', {
      route: 'cspr',
      day0: today(),
      subject: { name: 'A Child', dateOfBirth: '2016-03-03' },
    });
    expect(created.status).toBe(201);
    expect(created.body.reference).toMatch(new RegExp(`^LRSCP-${today().slice(0, 4)}-\\d{4}$`));
  });

  it('adds an agency to the directory only with a trusted e-mail domain', async () => {
    const staff = await staffClient('leicester');
    const added = await staff.post('/agencies', {
      name: `St Example Primary School ${unique()}`,
      kind: 'education',
      leadName: 'Designated Safeguarding Lead',
      leadEmail: 'dsl@st-example.leicester.sch.uk',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: 'education', leadEmail: 'dsl@st-example.leicester.sch.uk' });
    expect(added.body.partnershipId).toBeUndefined();
    const untrusted = await staff.post('/agencies', {
      name: 'Anywhere',
      kind: 'other',
      leadName: 'Someone',
      leadEmail: 'someone@gmail.com',
    });
    expect(untrusted.status).toBe(400);
    expect(untrusted.body.error.issues[0].path).toBe('leadEmail');
    expect((await mailbox()).some((e) => e.destination.to.includes('someone@gmail.com'))).toBe(false);
    expect((await new ApiClient().get('/agencies')).status).toBe(401);
  });
});

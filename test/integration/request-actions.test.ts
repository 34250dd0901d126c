import { randomUUID } from 'node:crypto';
import { ApiClient, mailbox, staffClient, tokenFromEmail, waitForMail } from '../support/portal';
import { agencyNamed, completeReply, openCase, sentRequest, signInAgency } from '../support/scenario';
import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { londonDate } from '../../functions/domain/calendar';
import { longDate } from '../../functions/domain/emails';

/** What the business office does with requests after sending them (guidance §8.7, §2.1.7). */
const calendar = englandAndWalesCalendar();
const workingDaysFromNow = (n: number) => calendar.addWorkingDays(londonDate(new Date()), n);

async function submitted(partnership: 'leicester' | 'leicestershire-rutland' = 'leicester') {
  const scenario = await sentRequest(partnership);
  const agency = await signInAgency(scenario.token, scenario.record.reference);
  const first = await agency.post(`/agency/requests/${scenario.requestId}/submit`, {
    submissionId: randomUUID(),
    content: completeReply(),
  });
  expect(first.status).toBe(200);
  return { ...scenario, agency, first: first.body };
}

describe('business-office actions', () => {
  it('create and send requests to several agencies at once', async () => {
    const staff = await staffClient('leicester');
    const record = await openCase(staff);
    const police = await agencyNamed(staff, 'Leicestershire Police');
    const icb = await agencyNamed(staff, 'LLR Integrated Care Board');
    const batch = await staff.post(`/cases/${record.id}/requests/batch`, {
      agencyIds: [police.id, icb.id],
      returnTypes: ['information-request-reply', 'chronology'],
      send: true,
    });
    expect(batch.status).toBe(201);
    expect(batch.body.requests).toHaveLength(4);
    expect(batch.body.requests.every((r: { status: string }) => r.status === 'sent')).toBe(true);
    await waitForMail((e) => e.subject.includes(record.reference) && e.subject.startsWith('Information request'), 6);
    const listed = (await staff.get(`/cases/${record.id}/requests`)).body.requests;
    expect(listed.map((r: { emailStatus: string }) => r.emailStatus)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(listed[0].workingDaysLeft).toBeGreaterThan(0);
  });

  it('asks an agency once for each return: a repeated batch creates nothing, until the request is withdrawn', async () => {
    const staff = await staffClient('leicester');
    const record = await openCase(staff);
    const police = await agencyNamed(staff, 'Leicestershire Police');
    const icb = await agencyNamed(staff, 'LLR Integrated Care Board');
    const body = {
      agencyIds: [police.id, icb.id],
      returnTypes: ['information-request-reply', 'chronology'],
      send: true,
    };
    expect((await staff.post(`/cases/${record.id}/requests/batch`, body)).status).toBe(201);

    // The form submitted again: refused whole, naming every agency and return already asked for.
    const again = await staff.post(`/cases/${record.id}/requests/batch`, body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already-requested');
    expect(again.body.error.issues).toHaveLength(4);
    expect(again.body.error.issues).toContainEqual({
      path: 'agencyIds[0]',
      message: 'Leicestershire Police has already been asked for the Chronology of key events in this case',
    });
    expect(again.body.error.message).not.toContain(record.reference);
    // One pair already asked for refuses the new pairs with it.
    const mixed = await staff.post(`/cases/${record.id}/requests/batch`, {
      agencyIds: [police.id],
      returnTypes: ['chronology', 'information-report'],
      send: false,
    });
    expect(mixed.status).toBe(409);
    expect(mixed.body.error.issues).toHaveLength(1);
    const single = await staff.post(`/cases/${record.id}/requests`, { agencyId: police.id, returnType: 'chronology' });
    expect(single.status).toBe(409);
    expect(single.body.error).toMatchObject({
      code: 'already-requested',
      message: 'Leicestershire Police has already been asked for the Chronology of key events in this case.',
    });
    const listed: { id: string; agencyId: string; returnType: string }[] = (
      await staff.get(`/cases/${record.id}/requests`)
    ).body.requests;
    expect(listed).toHaveLength(4);

    // Withdrawn, the return can be asked for again.
    const chronology = listed.find((r) => r.agencyId === police.id && r.returnType === 'chronology')!;
    const withdrawn = await staff.post(`/cases/${record.id}/requests/${chronology.id}/withdraw`, {
      reason: 'Sent to the wrong team',
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    const askedAgain = await staff.post(`/cases/${record.id}/requests`, {
      agencyId: police.id,
      returnType: 'chronology',
    });
    expect(askedAgain.status).toBe(201);
    expect((await staff.get(`/cases/${record.id}/requests`)).body.requests).toHaveLength(5);

    // Two submissions at once: one creates the request, the other is refused.
    const racing = { agencyIds: [icb.id], returnTypes: ['information-report'], send: false };
    const raced = await Promise.all([
      staff.post(`/cases/${record.id}/requests/batch`, racing),
      staff.post(`/cases/${record.id}/requests/batch`, racing),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    const reports = (await staff.get(`/cases/${record.id}/requests`)).body.requests.filter(
      (r: { returnType: string }) => r.returnType === 'information-report',
    );
    expect(reports).toHaveLength(1);
  });

  it('resend a link: the old link and its sessions stop working', async () => {
    const { staff, record, requestId, token } = await sentRequest();
    const agency = await signInAgency(token, record.reference);
    const resent = await staff.post(`/cases/${record.id}/requests/${requestId}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: 'opened', emailStatus: 'sent' });
    expect((await agency.get('/agency/requests')).status).toBe(401);
    expect((await new ApiClient().post('/agency/sessions', { token })).status).toBe(404);
    const mails = await waitForMail(
      (e) => e.subject.includes(record.reference) && e.subject.startsWith('Information request'),
      4,
    );
    const newToken = tokenFromEmail(mails[mails.length - 1]!)!;
    expect(newToken).not.toBe(token);
    const again = await signInAgency(newToken, record.reference);
    expect((await again.get('/agency/requests')).status).toBe(200);
  });

  it('revoke an agency’s links with a reason', async () => {
    const { staff, record, agency, token } = await sentRequest();
    const session = await signInAgency(token, record.reference);
    expect((await staff.post(`/cases/${record.id}/agencies/${agency.id}/revoke-links`, { reason: ' ' })).status).toBe(
      400,
    );
    const revoked = await staff.post(`/cases/${record.id}/agencies/${agency.id}/revoke-links`, {
      reason: 'Lead changed',
    });
    expect(revoked.body).toEqual({ revoked: 1, paused: 1 });
    expect((await session.get('/agency/requests')).status).toBe(401);
    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events;
    expect(trail.find((e: { action: string }) => e.action === 'links.revoked').detail).toEqual({
      revoked: 1,
      reason: 'Lead changed',
      paused: 1,
    });
  });

  it('stopped links stay stopped: no action e-mails the agency a link until the office sends one again', async () => {
    const { staff, record, requestId } = await submitted();
    const police = await agencyNamed(staff, 'Leicestershire Police');
    const chronology = await staff.post(`/cases/${record.id}/requests`, {
      agencyId: police.id,
      returnType: 'chronology',
    });
    await staff.post(`/cases/${record.id}/requests/${chronology.body.id}/send`);
    await staff.post(`/cases/${record.id}/agencies/${police.id}/revoke-links`, { reason: 'Wrong person' });
    const linkMails = async () =>
      (await mailbox()).filter((e) => e.subject.includes(record.reference) && tokenFromEmail(e) !== undefined);
    const before = (await linkMails()).length;

    // The grid's view of both: not chased (daily-run.test.ts shows the ladder paused), and saying so.
    const listed = (await staff.get(`/cases/${record.id}/requests`)).body.requests;
    expect(listed.map((r: { linksStopped?: boolean }) => r.linksStopped)).toEqual([true, true]);
    // A new date, and more information asked for, change the requests but e-mail no link.
    const extended = await staff.post(`/cases/${record.id}/requests/${chronology.body.id}/extend`, {
      dueOn: workingDaysFromNow(25),
      reason: 'Agreed by phone',
    });
    expect(extended.status).toBe(200);
    expect(extended.body.email).toBeUndefined();
    expect(extended.body).toMatchObject({ linksStopped: true });
    const more = await staff.post(`/cases/${record.id}/requests/${requestId}/request-more`, {
      dueOn: workingDaysFromNow(10),
      reason: 'Please add the 2024 contacts.',
    });
    expect(more.body).toMatchObject({ status: 'more-info-requested', linksStopped: true });
    expect(more.body.email).toBeUndefined();
    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events;
    expect(trail.find((e: { action: string }) => e.action === 'request.extended').detail).toMatchObject({
      emailHeld: 'links-stopped',
    });

    // Sending the link again restarts both: one e-mail with a working link.
    const resent = await staff.post(`/cases/${record.id}/requests/${requestId}/resend`);
    expect(resent.body).toMatchObject({ emailStatus: 'sent' });
    expect(resent.body.linksStopped).toBeUndefined();
    const after = (await linkMails()).slice(before);
    expect(after.map((e) => e.subject.split(' ')[0]).sort()).toEqual(['Information', 'Information']);
    await signInAgency(tokenFromEmail(after[0]!)!, record.reference);
    const restarted = (await staff.get(`/cases/${record.id}/requests`)).body.requests;
    expect(restarted.map((r: { linksStopped?: boolean }) => r.linksStopped ?? false)).toEqual([false, false]);
  });

  it('extend a deadline only to a working day, with a reason recorded', async () => {
    const { staff, record, requestId, token } = await sentRequest();
    const lead = await signInAgency(token, record.reference);
    const dueOn = workingDaysFromNow(20);
    const extended = await staff.post(`/cases/${record.id}/requests/${requestId}/extend`, {
      dueOn,
      reason: 'Records held off-site',
    });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ dueOn, lastReason: 'Records held off-site', workingDaysLeft: 20 });
    const weekend = await staff.post(`/cases/${record.id}/requests/${requestId}/extend`, {
      dueOn: '2031-01-04',
      reason: 'x',
    });
    expect(weekend.status).toBe(400);
    const noReason = await staff.post(`/cases/${record.id}/requests/${requestId}/extend`, { dueOn });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toBe('reason');
    // An extension cannot cut the agency's time short.
    for (const earlier of [dueOn, workingDaysFromNow(10)]) {
      const shortened = await staff.post(`/cases/${record.id}/requests/${requestId}/extend`, {
        dueOn: earlier,
        reason: 'Meeting brought forward',
      });
      expect(shortened.status).toBe(400);
      expect(shortened.body.error.issues[0]).toMatchObject({ path: 'dueOn' });
      expect(shortened.body.error.issues[0].message).toMatch(/^The new due date must be after the current one/);
    }
    const listed = (await staff.get(`/cases/${record.id}/requests`)).body.requests;
    expect(listed.find((r: { id: string }) => r.id === requestId).dueOn).toBe(dueOn);
    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events;
    expect(trail.find((e: { action: string }) => e.action === 'request.extended').detail).toMatchObject({
      dueOn,
      reason: 'Records held off-site',
    });
    // The agency is told its new date, with a fresh link lasting to it.
    expect(extended.body.email).toEqual({ status: 'sent' });
    const [mail] = await waitForMail(
      (e) => e.subject.startsWith('New due date for case') && e.subject.includes(record.reference),
    );
    expect(mail!.body.text).toContain(longDate(dueOn));
    expect(mail!.body.text).not.toContain('Records held off-site');
    expect(mail!.body.text).not.toContain('no longer work');
    await signInAgency(tokenFromEmail(mail!)!, record.reference);
    // An extension is good news for the right person: the lead working in a session is not signed out, and
    // the link they already have still works (revoking is for resending, stopping links and closing).
    const stillIn = await lead.get('/agency/requests');
    expect({ status: stillIn.status, error: stillIn.body.error?.code }).toEqual({ status: 200, error: undefined });
    expect((await new ApiClient().post('/agency/sessions', { token })).status).toBe(201);
  });

  it('refuse dates the calendar cannot count from with a 400 naming the field, on every route that takes one', async () => {
    const { staff, record, requestId } = await sentRequest();
    const police = await agencyNamed(staff, 'Leicestershire Police');
    const refused = (answer: { status: number; body: { error: { issues: { path: string }[] } } }) => ({
      status: answer.status,
      paths: answer.body.error?.issues?.map((issue) => issue.path),
    });
    for (const day0 of ['1990-01-01', '1900-01-01', '0001-01-01']) {
      const answer = await staff.post('/cases', {
        route: 'rapid-review',
        day0,
        subject: { name: 'Range Child', dateOfBirth: '2019-04-02' },
      });
      expect({ day0, ...refused(answer) }).toEqual({ day0, status: 400, paths: ['day0'] });
    }
    for (const dueOn of ['2060-01-02', '2061-01-03', '9999-12-31']) {
      const answers = [
        await staff.post(`/cases/${record.id}/requests`, { agencyId: police.id, returnType: 'chronology', dueOn }),
        await staff.post(`/cases/${record.id}/requests/batch`, {
          agencyIds: [police.id],
          returnTypes: ['chronology'],
          dueOn,
          send: false,
        }),
        await staff.post(`/cases/${record.id}/requests/${requestId}/extend`, { dueOn, reason: 'Records off-site' }),
        await staff.post(`/cases/${record.id}/requests/${requestId}/request-more`, { dueOn, reason: 'More detail' }),
      ];
      expect({ dueOn, answers: answers.map(refused) }).toEqual({
        dueOn,
        answers: Array(4).fill({ status: 400, paths: ['dueOn'] }),
      });
    }
    // Nothing was created by the refused requests.
    expect((await staff.get(`/cases/${record.id}/requests`)).body.requests).toHaveLength(1);
  });

  it('mark an agency not involved: the request closes for the agency', async () => {
    const { staff, record, requestId, token } = await sentRequest();
    const agency = await signInAgency(token, record.reference);
    const marked = await staff.post(`/cases/${record.id}/requests/${requestId}/not-involved`, {
      reason: 'No contact found by the MASH check',
    });
    expect(marked.body.status).toBe('not-involved');
    // The agency is told the return is no longer needed; the notice carries no link, and the session stands.
    const [notice] = await waitForMail(
      (e) => e.subject.startsWith('No longer needed:') && e.subject.includes(record.reference),
    );
    expect(notice!.body.text).toContain('was not involved');
    expect(notice!.body.text).not.toContain('No contact found');
    expect(tokenFromEmail(notice!)).toBeUndefined();
    expect((await agency.get('/agency/requests')).status).toBe(200);
    expect((await agency.post(`/agency/requests/${requestId}/submit`, { content: completeReply() })).status).toBe(409);
    expect((await staff.post(`/cases/${record.id}/requests/${requestId}/accept`)).status).toBe(409);
  });

  it('accept a submitted return, and only a submitted one', async () => {
    const { staff, record, requestId } = await submitted();
    const accepted = await staff.post(`/cases/${record.id}/requests/${requestId}/accept`);
    expect(accepted.body.status).toBe('accepted');
    expect((await staff.post(`/cases/${record.id}/requests/${requestId}/accept`)).status).toBe(409);
  });

  it('ask for more information: the request reopens, and both versions are kept', async () => {
    const { staff, record, requestId, agency, first, token: scenarioToken } = await submitted();
    const dueOn = workingDaysFromNow(5);
    const reopened = await staff.post(`/cases/${record.id}/requests/${requestId}/request-more`, {
      dueOn,
      reason: 'Please add the 2024 strategy meeting.',
    });
    expect(reopened.body).toMatchObject({ status: 'more-info-requested', dueOn, returnVersion: 1 });
    const [mail] = await waitForMail(
      (e) => e.subject.startsWith('More information requested') && e.subject.includes(record.reference),
    );
    expect(mail!.body.text).not.toContain('strategy meeting');
    expect(mail!.body.text).not.toContain('no longer work');
    // The lead's session, which may be in use for another return of the case, goes on; the new e-mail's link
    // works, and so does the one they had.
    expect((await agency.get('/agency/requests')).status).toBe(200);
    expect((await new ApiClient().post('/agency/sessions', { token: scenarioToken })).status).toBe(201);
    const again = await signInAgency(tokenFromEmail(mail!)!, record.reference);
    const view = await again.get(`/agency/requests/${requestId}`);
    expect(view.body.request.status).toBe('more-info-requested');
    expect(view.body.submitted).toMatchObject({ version: 1 });
    expect(
      (await again.put(`/agency/requests/${requestId}/draft`, { content: { earlyLearning: 'adding' } })).body.version,
    ).toBe(1);
    const reused = await again.post(`/agency/requests/${requestId}/submit`, {
      submissionId: first.submissionId,
      content: completeReply(),
    });
    expect(reused.status).toBe(409);
    const second = await again.post(`/agency/requests/${requestId}/submit`, {
      submissionId: randomUUID(),
      content: completeReply({ earlyLearning: 'The 2024 strategy meeting did not include the school.' }),
    });
    expect(second.body).toMatchObject({ status: 'submitted', version: 2 });
    const versions = (await staff.get(`/cases/${record.id}/requests/${requestId}/returns`)).body.versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(
      (await staff.get(`/cases/${record.id}/requests/${requestId}/return?version=1`)).body.content.earlyLearning,
    ).toBe('None identified yet.');
    expect((await staff.get(`/cases/${record.id}/requests/${requestId}/return`)).body.version).toBe(2);
    // A version that could exist but does not: not found. One that cannot be a version: bad input.
    const version3 = await staff.get(`/cases/${record.id}/requests/${requestId}/return?version=3`);
    expect({ status: version3.status, code: version3.body.error.code }).toEqual({
      status: 404,
      code: 'no-such-version',
    });
    for (const version of ['abc', '0', '1.5', '10000', '01']) {
      const malformed = await staff.get(`/cases/${record.id}/requests/${requestId}/return?version=${version}`);
      expect({ version, status: malformed.status, error: malformed.body.error }).toEqual({
        version,
        status: 400,
        error: expect.objectContaining({
          code: 'invalid-request',
          issues: [{ path: 'version', message: 'Use a whole number from 1 to 9999, like version=2' }],
        }),
      });
    }
  });

  it('asked for more, the lead carries on from what they submitted, not from a draft saved before it', async () => {
    const scenario = await sentRequest();
    const { staff, record, requestId } = scenario;
    const agency = await signInAgency(scenario.token, record.reference);
    const early = await agency.put(`/agency/requests/${requestId}/draft`, {
      content: { earlyLearning: 'An early draft' },
      expectedVersion: 0,
    });
    expect(early.body.version).toBe(1);
    const submission = await agency.post(`/agency/requests/${requestId}/submit`, {
      submissionId: randomUUID(),
      content: completeReply({ earlyLearning: 'As submitted' }),
    });
    expect(submission.status).toBe(200);
    await staff.post(`/cases/${record.id}/requests/${requestId}/request-more`, {
      dueOn: workingDaysFromNow(5),
      reason: 'Please add the 2024 strategy meeting.',
    });
    const [mail] = await waitForMail(
      (e) => e.subject.startsWith('More information requested') && e.subject.includes(record.reference),
    );
    const again = await signInAgency(tokenFromEmail(mail!)!, record.reference);
    const view = (await again.get(`/agency/requests/${requestId}`)).body;
    expect(view.draft).toBeUndefined();
    expect(view.submitted.content.earlyLearning).toBe('As submitted');
    // Saving builds on the request's draft version, which counts the draft left out.
    expect(view.request.draftVersion).toBe(1);
    const saved = await again.put(`/agency/requests/${requestId}/draft`, {
      content: { ...view.submitted.content, earlyLearning: 'As submitted, and the strategy meeting' },
      expectedVersion: 1,
    });
    expect(saved.body.version).toBe(2);
    const later = (await again.get(`/agency/requests/${requestId}`)).body;
    expect(later.draft).toMatchObject({ version: 2 });
    expect(later.draft.content.earlyLearning).toBe('As submitted, and the strategy meeting');
  });

  it('withdraw a request', async () => {
    const { staff, record, requestId, token } = await sentRequest();
    const withdrawn = await staff.post(`/cases/${record.id}/requests/${requestId}/withdraw`, {
      reason: 'Duplicate request',
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    const [notice] = await waitForMail(
      (e) => e.subject.startsWith('No longer needed:') && e.subject.includes(record.reference),
    );
    expect(notice!.body.text).toContain('has withdrawn its request');
    expect(notice!.body.text).not.toContain('Duplicate request');
    // The agency's link still works: its other requests in the case, if any, still stand.
    const agency = await signInAgency(token, record.reference);
    expect((await agency.put(`/agency/requests/${requestId}/draft`, { content: {} })).status).toBe(409);
  });

  it('changes and withdraws a request not yet sent without telling the agency or stopping its links', async () => {
    // The agency has a live link in the case, for the return it was sent; the office also has a draft for it.
    const { staff, record, agency, token } = await sentRequest();
    const draft = await staff.post(`/cases/${record.id}/requests`, { agencyId: agency.id, returnType: 'chronology' });
    expect(draft.status).toBe(201);
    const path = `/cases/${record.id}/requests/${draft.body.id}`;
    const mailsOfCase = async () =>
      (await mailbox()).filter((e) => e.subject.includes(record.reference) && !e.subject.startsWith('Your code'));
    const before = (await mailsOfCase()).length;

    const dueOn = workingDaysFromNow(15);
    const changed = await staff.post(`${path}/extend`, { dueOn, reason: 'Agency on leave' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'draft', dueOn });
    expect(changed.body.email).toBeUndefined();
    expect(changed.body.emailStatus).toBeUndefined();
    // An unsent request takes an earlier date too: nobody was given the later one.
    expect((await staff.post(`${path}/extend`, { dueOn: workingDaysFromNow(3), reason: 'Meeting moved' })).status).toBe(
      200,
    );
    const notInvolved = await staff.post(`${path}/not-involved`, { reason: 'No records' });
    expect(notInvolved.status).toBe(409);
    expect(notInvolved.body.error.message).toMatch(/has not been sent.*Withdraw the request/);

    const withdrawn = await staff.post(`${path}/withdraw`, { reason: 'Not needed' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.emailStatus).toBeUndefined();
    const send = await staff.post(`${path}/send`);
    expect(send.status).toBe(409);
    expect(send.body.error.message).toMatch(/^This request was withdrawn, so it cannot be sent\./);

    // Each action answered after its e-mail, if any, was handed to SES: there was none.
    expect((await mailsOfCase()).length).toBe(before);
    const session = await signInAgency(token, record.reference);
    expect((await session.get('/agency/requests')).status).toBe(200);
    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events;
    expect(
      trail
        .filter((e: { requestId?: string }) => e.requestId === draft.body.id)
        .map((e: { action: string }) => e.action),
    ).toEqual(['request.created', 'request.due-date-changed', 'request.due-date-changed', 'request.withdrawn']);
  });

  it('close a case: every link is revoked, agencies still owing a return are told, and nothing more can change', async () => {
    const { staff, record, requestId, token } = await sentRequest();
    const agency = await signInAgency(token, record.reference);
    const closed = await staff.post(`/cases/${record.id}/close`, { reason: 'Rapid Review complete; no CSPR' });
    expect(closed.status).toBe(200);
    expect(closed.body.closedReason).toBe('Rapid Review complete; no CSPR');
    const [notice] = await waitForMail(
      (e) => e.subject.startsWith('No longer needed:') && e.subject.includes(record.reference),
    );
    expect(notice!.body.text).toContain(`has closed case ${record.reference}`);
    expect(notice!.body.text).not.toContain('Rapid Review complete');
    expect(tokenFromEmail(notice!)).toBeUndefined();
    const request = (await staff.get(`/cases/${record.id}/requests`)).body.requests.find(
      (r: { id: string }) => r.id === requestId,
    );
    expect(request.emailStatus).toBe('sent');
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closedAt).toBeDefined();
    expect((await agency.get('/agency/requests')).status).toBe(401);
    expect((await new ApiClient().post('/agency/sessions', { token })).status).toBe(404);
    expect((await staff.get('/cases')).body.cases.map((c: { id: string }) => c.id)).not.toContain(record.id);
    expect((await staff.get(`/cases/${record.id}`)).body).toMatchObject({
      status: 'closed',
      closedReason: 'Rapid Review complete; no CSPR',
    });
    expect((await staff.post(`/cases/${record.id}/requests/${requestId}/resend`)).status).toBe(409);
    expect((await staff.post(`/cases/${record.id}/close`, { reason: 'again' })).status).toBe(409);
  });
});

describe('the agency directory', () => {
  it('edits contacts, removes a deputy with null, and keeps to trusted domains', async () => {
    const staff = await staffClient('leicestershire-rutland');
    const added = await staff.post('/agencies', {
      name: `Melton Academy ${randomUUID().slice(0, 6)}`,
      kind: 'education',
      leadName: 'DSL',
      leadEmail: 'dsl@melton-academy.example.org',
      deputyEmail: 'deputy@melton-academy.example.org',
    });
    const changed = await staff.put(`/agencies/${added.body.id}`, {
      leadName: 'New DSL',
      deputyEmail: null,
      strategicLeadEmail: 'HEAD@melton-academy.example.org',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ leadName: 'New DSL', strategicLeadEmail: 'head@melton-academy.example.org' });
    expect(changed.body.deputyEmail).toBeUndefined();
    expect((await staff.put(`/agencies/${added.body.id}`, { leadEmail: 'x@hotmail.com' })).status).toBe(400);
    // An empty change is refused; values it already has change nothing, not even when it was last updated.
    const empty = await staff.put(`/agencies/${added.body.id}`, {});
    expect([empty.status, empty.body.error.issues]).toEqual([
      400,
      [{ path: '(body)', message: 'Give at least one field to change' }],
    ]);
    const same = await staff.put(`/agencies/${added.body.id}`, { leadName: 'New DSL', deputyEmail: null });
    expect(same.body).toEqual(changed.body);
    expect((await staff.get('/agencies')).body.agencies).toContainEqual(changed.body);
    const other = await staffClient('leicester');
    expect((await other.put(`/agencies/${added.body.id}`, { leadName: 'Hijack' })).status).toBe(404);
  });

  it('tells an officer who they are and which partnership they work for', async () => {
    const me = await (await staffClient('leicester')).get('/me');
    expect(me.body).toEqual({
      username: 'officer.leicester',
      partnership: {
        id: 'leicester',
        name: 'Leicester Safeguarding Children Partnership Board',
        officeName: 'Leicester Safeguarding Boards Office',
      },
    });
  });
});

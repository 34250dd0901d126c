import { randomUUID } from 'node:crypto';
import type { DynamoPartnershipDirectory } from '../../functions/adapters/dynamodb/directory';
import { createAgency } from '../../functions/domain/services/agencies';
import { submitReturn } from '../../functions/domain/services/agency-returns';
import { createCase, getCase } from '../../functions/domain/services/cases';
import { runDailySweep } from '../../functions/domain/services/daily-sweep';
import { recordMeetingDecision } from '../../functions/domain/services/meeting-decisions';
import {
  extendRequest,
  requestMoreInformation,
  resendLink,
  revokeAgencyLinks,
  sendRequest,
} from '../../functions/domain/services/request-actions';
import { createRequest, listRequests } from '../../functions/domain/services/requests';
import type { PortalDeps } from '../../functions/domain/ports';
import { isolatedPortal, type IsolatedPortal } from '../support/isolated-portal';
import { mailbox, type SentEmail } from '../support/portal';
import { completeReply } from '../support/scenario';

/**
 * The daily run against the local emulators, with the clock moved: a Rapid Review notified on Friday
 * 18 December 2026, replies due on working day 10, Wednesday 6 January 2027 (DOMAIN.md).
 */
jest.setTimeout(60_000);

const at = (day: string) => `${day}T08:00:00.000Z`;

async function mailsFor(reference: string): Promise<SentEmail[]> {
  return (await mailbox()).filter((e) => e.subject.includes(reference));
}

async function rapidReview(portal: IsolatedPortal, withStrategicLead = true) {
  portal.setNow('2026-12-18T10:00:00.000Z');
  const staff = portal.staff();
  const reference = `RUN-${randomUUID().slice(0, 8).toUpperCase()}`;
  const record = await createCase(portal.deps, staff, {
    route: 'rapid-review',
    day0: '2026-12-18',
    reference,
    subject: { name: 'Chase Testchild', dateOfBirth: '2020-05-05' },
  });
  const agency = await createAgency(portal.deps, staff, {
    name: `Test Police ${reference}`,
    kind: 'police',
    leadName: 'Lead',
    leadEmail: `lead-${reference.toLowerCase()}@force.police.uk`,
    deputyEmail: `deputy-${reference.toLowerCase()}@force.police.uk`,
    ...(withStrategicLead ? { strategicLeadEmail: `strategic-${reference.toLowerCase()}@force.police.uk` } : {}),
  });
  const request = await createRequest(portal.deps, staff, record.id, {
    agencyId: agency.id,
    returnType: 'information-request-reply',
  });
  expect(request.dueOn).toBe('2027-01-06');
  await sendRequest(portal.deps, staff, record.id, request.id);
  return { staff, record, agency, request, reference };
}

const sweep = (portal: IsolatedPortal, day: string, deps: Partial<PortalDeps> = {}) => {
  portal.setNow(at(day));
  return runDailySweep({ ...portal.deps, ...deps });
};

describe('the daily run', () => {
  let portal: IsolatedPortal;
  beforeAll(async () => {
    portal = await isolatedPortal();
  });

  it('climbs the ladder one step a working day, one e-mail per step and recipient, however often it runs', async () => {
    const { staff, record, agency, reference } = await rapidReview(portal);
    const subjects = async () =>
      (await mailsFor(reference)).map((e) => `${e.subject.split(':')[0]} → ${e.destination.to[0]}`);

    expect((await sweep(portal, '2027-01-04')).stepsTaken).toBe(0);
    for (let run = 0; run < 3; run += 1) await sweep(portal, '2027-01-05'); // repeated runs on one day
    const reminderMails = (await mailsFor(reference)).filter((e) => e.subject.startsWith('Reminder'));
    expect(reminderMails.map((e) => e.destination.to[0]).sort()).toEqual([agency.deputyEmail, agency.leadEmail].sort());
    expect(reminderMails[0]!.body.text).toMatch(/#token=[A-Za-z0-9_-]{43}/);

    await sweep(portal, '2027-01-06');
    await sweep(portal, '2027-01-07');
    await sweep(portal, '2027-01-08');
    await sweep(portal, '2027-01-09'); // a Saturday: nothing
    await sweep(portal, '2027-01-11');
    await sweep(portal, '2027-01-12'); // the ladder is exhausted

    const all = await subjects();
    const office = 'boards-office@leicester-scp.example.org';
    const expected = [
      `Reminder → ${agency.leadEmail}`,
      `Reminder → ${agency.deputyEmail}`,
      `Due today → ${agency.leadEmail}`,
      `Due today → ${agency.deputyEmail}`,
      `Overdue → ${agency.leadEmail}`,
      `Overdue → ${agency.deputyEmail}`,
      `Escalation to the Case Review Group → ${office}`,
      `Escalation to the Case Review Group → ${agency.strategicLeadEmail}`,
      'Escalation to the Case Review Group → crg-chair@leicester-scp.example.org',
      `Escalation to the Safeguarding Partners → ${office}`,
      `Escalation to the Safeguarding Partners → ${agency.strategicLeadEmail}`,
      'Escalation to the Safeguarding Partners → partners@leicester-scp.example.org',
    ];
    expect(all.filter((s) => !s.startsWith('Information request') && !s.startsWith('Rapid Review')).sort()).toEqual(
      expected.sort(),
    );

    // The request shows each step, when it was sent and to whom.
    const [listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed!.reminders!.map((r) => r.step)).toEqual([
      '1-day-before',
      'due-today',
      '1-day-overdue',
      '2-days-overdue-crg',
      '3-days-overdue-partners',
    ]);
    expect(listed!.reminders!.every((r) => r.sentAt)).toBe(true);
    expect(listed!.reminders![3]!.to).toContain('crg-chair@leicester-scp.example.org');
    expect(listed!.escalationStep).toBe('safeguarding-partners');
    expect(listed!.nextActionOn).toBeUndefined();

    // Every step is in the audit trail with its recipients, and the e-mails hold no personal data.
    const trail = await portal.deps.store.audit.list('leicester', record.id);
    expect(trail.filter((e) => e.action === 'request.reminded')).toHaveLength(3);
    expect(trail.filter((e) => e.action === 'request.escalated').map((e) => e.detail?.to)).toEqual([
      [office, agency.strategicLeadEmail, 'crg-chair@leicester-scp.example.org'],
      [office, agency.strategicLeadEmail, 'partners@leicester-scp.example.org'],
    ]);
    for (const mail of await mailsFor(reference)) expect(`${mail.body.text}`).not.toMatch(/Chase Testchild|2020-05-05/);
  });

  it('after a missed run, escalates to the Partners and the Case Review Group it skipped, once', async () => {
    const { staff, record, agency, reference } = await rapidReview(portal);
    await sweep(portal, '2027-01-07'); // 1 day overdue: chased
    // The run of Friday 8 January (the CRG step) never happened; Monday's is the Partners step.
    expect(await sweep(portal, '2027-01-11')).toMatchObject({ stepsTaken: 1, stepsSkipped: 1 });
    expect(await sweep(portal, '2027-01-11')).toMatchObject({ stepsTaken: 0 });
    const office = 'boards-office@leicester-scp.example.org';
    const escalations = (await mailsFor(reference)).filter((e) => e.subject.startsWith('Escalation'));
    expect(new Set(escalations.map((e) => e.subject.split(':')[0]))).toEqual(
      new Set(['Escalation to the Safeguarding Partners and the Case Review Group']),
    );
    expect(escalations.map((e) => e.destination.to[0]).sort()).toEqual(
      [
        office,
        agency.strategicLeadEmail,
        'partners@leicester-scp.example.org',
        'crg-chair@leicester-scp.example.org',
      ].sort(),
    );
    expect(`${escalations[0]!.body.text}`).toContain('This e-mail also goes to the Case Review Group');

    const [listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed!.escalationStep).toBe('safeguarding-partners');
    const trail = await portal.deps.store.audit.list('leicester', record.id);
    expect(trail.filter((e) => e.action === 'request.escalated').map((e) => e.detail)).toEqual([
      expect.objectContaining({ skipped: ['2-days-overdue-crg'], alsoFor: ['2-days-overdue-crg'] }),
    ]);
  });

  it('does nothing on a bank holiday or at a weekend', async () => {
    const { reference } = await rapidReview(portal);
    const before = (await mailsFor(reference)).length;
    const christmas = await sweep(portal, '2026-12-25');
    expect(christmas).toMatchObject({ workingDay: false, stepsTaken: 0, requestsDue: 0 });
    expect((await sweep(portal, '2027-01-02')).workingDay).toBe(false);
    expect((await mailsFor(reference)).length).toBe(before);
  });

  it('never chases a submitted return', async () => {
    const { record, agency, request, reference } = await rapidReview(portal);
    portal.setNow('2027-01-04T12:00:00.000Z');
    const session = {
      sessionHash: 'test',
      tokenHash: 'test',
      partnershipId: 'leicester',
      caseId: record.id,
      agencyId: agency.id,
      createdAt: '',
      lastSeenAt: '',
      expiresAt: '',
    };
    await submitReturn(portal.deps, session, request.id, {
      content: completeReply({ declaration: { ...completeReply().declaration, date: '2027-01-04' } }) as never,
    });
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11']) await sweep(portal, day);
    expect(
      (await mailsFor(reference)).filter(
        (e) => !e.subject.startsWith('Information request') && !e.subject.startsWith('Rapid Review'),
      ),
    ).toEqual([]);
  });

  it('never sends an escalation that waited for SES after the agency made a nil return', async () => {
    const { staff, record, agency, request, reference } = await rapidReview(portal);
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07']) await sweep(portal, day);
    // SES is down for the run of Friday 8 January: the Case Review Group escalation waits in the outbox.
    const down = await sweep(portal, '2027-01-08', { mailer: portal.brokenMailer() });
    expect(down).toMatchObject({ stepsTaken: 1 });
    expect(down.emails.queued).toBeGreaterThanOrEqual(1);
    // At 11:00 the agency makes a nil return.
    portal.setNow('2027-01-08T11:00:00.000Z');
    const session = {
      sessionHash: 'test',
      tokenHash: 'test',
      partnershipId: 'leicester',
      caseId: record.id,
      agencyId: agency.id,
      createdAt: '',
      lastSeenAt: '',
      expiresAt: '',
    };
    const declaration = { ...completeReply().declaration, date: '2027-01-08' };
    await submitReturn(portal.deps, session, request.id, {
      content: { involvement: 'no-records', declaration } as never,
    });

    const report = await sweep(portal, '2027-01-11');
    expect((await mailsFor(reference)).filter((e) => e.subject.startsWith('Escalation'))).toEqual([]);
    expect(report.emails.dropped).toBe(1);
    const [listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed).toMatchObject({ status: 'submitted', nilReturn: true });
    expect(listed!.emailStatus).toBeUndefined();
    expect(listed!.reminders!.find((r) => r.step === '2-days-overdue-crg')).toMatchObject({
      dropReason: 'nil-return',
      droppedAt: at('2027-01-11'),
    });
    const trail = await portal.deps.store.audit.list('leicester', record.id);
    expect(trail.find((e) => e.action === 'email.dropped')).toMatchObject({
      actor: { type: 'system', name: 'outbox' },
      detail: { template: 'reminder', reason: 'nil-return', step: '2-days-overdue-crg' },
    });
    // Dropped for good: SES back and runs repeated, the escalation never goes.
    await sweep(portal, '2027-01-12');
    expect((await mailsFor(reference)).filter((e) => e.subject.startsWith('Escalation'))).toEqual([]);
  });

  it('moves the ladder when the deadline is extended', async () => {
    const { staff, record, request, reference } = await rapidReview(portal);
    await sweep(portal, '2027-01-05');
    portal.setNow('2027-01-05T12:00:00.000Z');
    await extendRequest(portal.deps, staff, record.id, request.id, { dueOn: '2027-01-13', reason: 'Records off-site' });
    await sweep(portal, '2027-01-06'); // no longer due today
    await sweep(portal, '2027-01-07');
    const names = (await mailsFor(reference)).map((e) => e.subject.split(':')[0] ?? '');
    expect(names.filter((n) => n === 'Due today')).toHaveLength(0);
    await sweep(portal, '2027-01-12'); // 1 day before the new deadline: a reminder again
    const reminders = (await mailsFor(reference)).filter((e) => e.subject.startsWith('Reminder'));
    expect(reminders).toHaveLength(4); // lead and deputy, for each deadline
    expect(reminders.some((e) => e.subject.includes('Wednesday 13 January 2027'))).toBe(true);
  });

  it('never starts a ladder at its end: a request left unsent past its due date goes only with a new date', async () => {
    portal.setNow('2026-12-18T10:00:00.000Z');
    const staff = portal.staff();
    const reference = `LATE-${randomUUID().slice(0, 8).toUpperCase()}`;
    const record = await createCase(portal.deps, staff, {
      route: 'rapid-review',
      day0: '2026-12-18',
      reference,
      subject: { name: 'Late Testchild', dateOfBirth: '2020-05-05' },
    });
    const agency = await createAgency(portal.deps, staff, {
      name: `Test Police ${reference}`,
      kind: 'police',
      leadName: 'Lead',
      leadEmail: `lead-${reference.toLowerCase()}@force.police.uk`,
      strategicLeadEmail: `strategic-${reference.toLowerCase()}@force.police.uk`,
    });
    const draft = await createRequest(portal.deps, staff, record.id, {
      agencyId: agency.id,
      returnType: 'information-request-reply',
    });
    expect(draft.dueOn).toBe('2027-01-06');

    portal.setNow('2027-01-08T10:00:00.000Z');
    await expect(sendRequest(portal.deps, staff, record.id, draft.id)).rejects.toMatchObject({
      code: 'due-date-passed',
    });
    await extendRequest(portal.deps, staff, record.id, draft.id, { dueOn: '2027-01-13', reason: 'Sent late' });
    await sendRequest(portal.deps, staff, record.id, draft.id);
    for (const day of ['2027-01-11', '2027-01-12']) await sweep(portal, day);
    // The case's own risk alerts to the office aside, the agency had its link and then its reminder.
    const aboutRequest = (await mailsFor(reference)).filter((e) => !e.subject.startsWith('Rapid Review'));
    expect(aboutRequest.map((e) => `${e.subject.split(/[ :]/)[0]} → ${e.destination.to[0]}`)).toEqual([
      `Information → ${agency.leadEmail}`,
      `Reminder → ${agency.leadEmail}`,
    ]);
  });

  it('after an extension of a request escalated to the Partners, reminds the agency and escalates no one again', async () => {
    const { staff, record, request, reference } = await rapidReview(portal);
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11']) await sweep(portal, day);
    portal.setNow('2027-01-11T12:00:00.000Z');
    await extendRequest(portal.deps, staff, record.id, request.id, { dueOn: '2027-01-12', reason: 'Agreed with CRG' });
    const before = (await mailsFor(reference)).length;
    for (const day of ['2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15', '2027-01-18']) await sweep(portal, day);
    const after = (await mailsFor(reference)).slice(before).map((e) => e.subject.split(':')[0] ?? '');
    expect(after.filter((s) => s.startsWith('Escalation'))).toEqual([]);
    expect(after.filter((s) => s === 'Due today' || s === 'Overdue').sort()).toEqual([
      'Due today',
      'Due today',
      'Overdue',
      'Overdue',
    ]);
    const [listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed!.escalationStep).toBe('safeguarding-partners');
    expect(listed!.reminders!.filter((r) => r.dueOn === '2027-01-12').map((r) => r.step)).toEqual([
      'due-today',
      '1-day-overdue',
    ]);
  });

  it('sends each person one e-mail a day per agency and case, listing every return, reopened ones as further information', async () => {
    const { staff, record, agency, request, reference } = await rapidReview(portal);
    const chronology = await createRequest(portal.deps, staff, record.id, {
      agencyId: agency.id,
      returnType: 'chronology',
    });
    await sendRequest(portal.deps, staff, record.id, chronology.id);
    // The Information Request Reply comes in, and the office asks for more by the same date.
    portal.setNow('2027-01-04T11:00:00.000Z');
    const session = {
      sessionHash: 'test',
      tokenHash: 'test',
      partnershipId: 'leicester',
      caseId: record.id,
      agencyId: agency.id,
      createdAt: '',
      lastSeenAt: '',
      expiresAt: '',
    };
    await submitReturn(portal.deps, session, request.id, {
      content: completeReply({ declaration: { ...completeReply().declaration, date: '2027-01-04' } }) as never,
    });
    portal.setNow('2027-01-04T12:00:00.000Z');
    await requestMoreInformation(portal.deps, staff, record.id, request.id, {
      dueOn: '2027-01-06',
      reason: 'Please add the 2024 strategy meeting.',
    });
    const chasing = async () =>
      (await mailsFor(reference)).filter((e) => /^(Reminder|Due today|Overdue|Escalation)/.test(e.subject));

    // Tuesday: one reminder to the lead and one to the deputy, listing both returns, with one link.
    await sweep(portal, '2027-01-05');
    const reminders = await chasing();
    expect(reminders.map((e) => `${e.subject} → ${e.destination.to[0]}`).sort()).toEqual(
      [agency.deputyEmail, agency.leadEmail].map((to) => `Reminder: 2 returns for case ${reference} → ${to}`).sort(),
    );
    const text = reminders[0]!.body.text ?? '';
    expect(text).toContain('- Further information on the Information Request Reply: due on Wednesday 6 January 2027');
    expect(text).toContain('- Chronology of key events: due on Wednesday 6 January 2027');
    expect(text.match(/#token=[A-Za-z0-9_-]{43}/g)).toHaveLength(1);

    for (const day of ['2027-01-06', '2027-01-07', '2027-01-08']) await sweep(portal, day);
    const crg = (await chasing()).filter((e) => e.destination.to[0] === 'crg-chair@leicester-scp.example.org');
    // One e-mail to the chair, not two alike, naming what is owed truthfully.
    expect(crg.map((e) => e.subject)).toEqual([
      `Escalation to the Case Review Group: case ${reference}, Test Police ${reference}`,
    ]);
    const escalation = crg[0]!.body.text ?? '';
    expect(escalation).toContain(`Test Police ${reference} has not sent 2 returns for case ${reference}:`);
    expect(escalation).toContain(
      '- The further information asked for on its Information Request Reply: due on Wednesday 6 January 2027, 2 working days overdue despite reminders',
    );
    expect(escalation).toMatch(
      /- The Chronology of key events: due on Wednesday 6 January 2027, 2 working days overdue despite reminders \(not opened\)/,
    );
    expect(escalation).not.toContain('has not returned the Information Request Reply');
    // The office and the strategic lead get one each too; every day, each person got one e-mail.
    const perPerson = new Map<string, number>();
    for (const e of await chasing()) {
      const key = `${e.subject.split(':')[0]} → ${e.destination.to[0]}`;
      perPerson.set(key, (perPerson.get(key) ?? 0) + 1);
    }
    expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
    expect(perPerson.get(`Escalation to the Case Review Group → ${agency.strategicLeadEmail}`)).toBe(1);

    // The ladder is still recorded per request: each step, sent, and each escalation in the audit trail.
    const listed = await listRequests(portal.deps, staff, record.id);
    for (const r of listed) {
      expect(r.reminders!.map((m) => m.step)).toEqual([
        '1-day-before',
        'due-today',
        '1-day-overdue',
        '2-days-overdue-crg',
      ]);
      expect(r.reminders!.every((m) => m.sentAt)).toBe(true);
      expect(r.escalationStep).toBe('case-review-group');
    }
    const trail = await portal.deps.store.audit.list('leicester', record.id);
    expect(
      trail
        .filter((e) => e.action === 'request.escalated')
        .map((e) => e.requestId)
        .sort(),
    ).toEqual([request.id, chronology.id].sort());
    for (const mail of await mailsFor(reference))
      expect(`${mail.body.text}`).not.toMatch(/Chase Testchild|2020-05-05|strategy meeting/);
  });

  it('stays silent about an agency whose links the office stopped, until the office sends the link again', async () => {
    const { staff, record, agency, request, reference } = await rapidReview(portal);
    // A second return of the same agency, due the same day: its ladder pauses too.
    const chronology = await createRequest(portal.deps, staff, record.id, {
      agencyId: agency.id,
      returnType: 'chronology',
    });
    await sendRequest(portal.deps, staff, record.id, chronology.id);
    // SES is down for Tuesday's reminders: they wait in the outbox, addressed before the stop.
    await sweep(portal, '2027-01-05', { mailer: portal.brokenMailer() });
    portal.setNow('2027-01-05T10:00:00.000Z');
    const stopped = await revokeAgencyLinks(
      portal.deps,
      staff,
      record.id,
      agency.id,
      'E-mail went to the wrong person',
    );
    // (The links of the two requests, and the one minted for the day's reminder that SES refused.)
    expect(stopped).toEqual({ revoked: 3, paused: 2 });
    // The case's statutory-risk alerts to the office go on; nothing about the agency's returns does.
    const aboutAgency = async () => (await mailsFor(reference)).filter((e) => !e.subject.startsWith('Rapid Review'));
    const before = (await aboutAgency()).length;

    // Neither the waiting reminders nor any later step go: no reminder, no chaser, no escalation, no new link.
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11']) await sweep(portal, day);
    expect((await aboutAgency()).slice(before)).toEqual([]);
    const links = await portal.deps.store.links.listForCase('leicester', record.id, agency.id);
    const grants = await Promise.all(links.map((l) => portal.deps.store.links.get(l.tokenHash)));
    expect(grants.filter((g) => !g?.revokedAt)).toEqual([]);
    const listed = await listRequests(portal.deps, staff, record.id);
    for (const r of listed) {
      expect(r).toMatchObject({ linksStopped: true, linksStoppedAt: '2027-01-05T10:00:00.000Z' });
      expect(r.nextActionOn ?? null).toBeNull();
      expect(r.escalationStep).toBeUndefined();
      // Only the reminder taken before the stop was recorded, and it never went.
      expect(r.reminders!.map((m) => [m.step, m.sentAt, m.dropReason])).toEqual([
        ['1-day-before', undefined, 'links-stopped'],
      ]);
    }
    // A new date agreed meanwhile e-mails no link either: the ladder stays paused.
    portal.setNow('2027-01-11T09:00:00.000Z');
    const extended = await extendRequest(portal.deps, staff, record.id, chronology.id, {
      dueOn: '2027-01-20',
      reason: 'Agreed by phone',
    });
    expect(extended.email).toBeUndefined();
    expect(extended.request).toMatchObject({ linksStopped: true, nextActionOn: null });
    expect((await aboutAgency()).slice(before)).toEqual([]);

    // The office corrects nothing here but sends the link again: a working link, and both ladders restart.
    portal.setNow('2027-01-11T10:00:00.000Z');
    const resent = await resendLink(portal.deps, staff, record.id, request.id);
    expect(resent.email).toEqual({ status: 'sent' });
    const [linkMail] = (await aboutAgency()).slice(before);
    expect(linkMail!.subject).toMatch(/^Information request/);
    const trail = await portal.deps.store.audit.list('leicester', record.id);
    expect(trail.filter((e) => e.action === 'request.links-stopped')).toHaveLength(2);
    expect(trail.find((e) => e.action === 'links.revoked')!.detail).toEqual({
      revoked: 3,
      reason: 'E-mail went to the wrong person',
      paused: 2,
    });
    // The steps that fell due while the agency had no link are passed over, never sent late.
    expect(trail.find((e) => e.action === 'request.link-resent')!.detail).toMatchObject({
      linksResumed: true,
      passedOver: ['due-today', '1-day-overdue', '2-days-overdue-crg', '3-days-overdue-partners'],
    });
    expect(trail.find((e) => e.action === 'request.links-resumed')).toMatchObject({ requestId: chronology.id });
    const resumed = await listRequests(portal.deps, staff, record.id);
    expect(resumed.find((r) => r.id === chronology.id)).toMatchObject({ nextActionOn: '2027-01-19' });
    expect(resumed.every((r) => !r.linksStopped)).toBe(true);
    // The reminders addressed before the stop never go, even now; the chronology's new ladder runs.
    for (const day of ['2027-01-12', '2027-01-19']) await sweep(portal, day);
    const after = (await aboutAgency())
      .slice(before)
      .filter((e) => !e.subject.startsWith('Information request'))
      .map((e) => `${e.subject.split(':')[0]} → ${e.destination.to[0]}`);
    expect(after.sort()).toEqual([`Reminder → ${agency.deputyEmail}`, `Reminder → ${agency.leadEmail}`].sort());
  });

  it('retries e-mails SES could not take, later, and sends each once in the end', async () => {
    const { record, staff, reference, agency } = await rapidReview(portal);
    const down = await sweep(portal, '2027-01-05', { mailer: portal.brokenMailer() });
    expect(down.stepsTaken).toBe(1);
    expect(down.emails.queued).toBeGreaterThanOrEqual(1);
    expect((await mailsFor(reference)).filter((e) => e.subject.startsWith('Reminder'))).toEqual([]);
    const [waiting] = await listRequests(portal.deps, staff, record.id);
    expect(waiting!.emailStatus).toBe('queued');
    expect(waiting!.reminders![0]!.sentAt).toBeUndefined();

    // Too early for the retry: nothing is sent.
    portal.setNow('2027-01-05T08:02:00.000Z');
    await runDailySweep(portal.deps);
    expect((await mailsFor(reference)).filter((e) => e.subject.startsWith('Reminder'))).toEqual([]);
    // After the backoff the e-mail goes, once.
    portal.setNow('2027-01-05T08:06:00.000Z');
    await runDailySweep(portal.deps);
    portal.setNow('2027-01-05T09:00:00.000Z');
    await runDailySweep(portal.deps);
    const sent = (await mailsFor(reference)).filter((e) => e.subject.startsWith('Reminder'));
    expect(sent.map((e) => e.destination.to[0]).sort()).toEqual([agency.deputyEmail, agency.leadEmail].sort());
    const [delivered] = await listRequests(portal.deps, staff, record.id);
    expect(delivered!.emailStatus).toBe('sent');
    expect(delivered!.reminders![0]!.sentAt).toBeDefined();
  });

  it('runs concurrently without sending a step twice', async () => {
    const { reference } = await rapidReview(portal);
    portal.setNow(at('2027-01-05'));
    await Promise.all([runDailySweep(portal.deps), runDailySweep(portal.deps), runDailySweep(portal.deps)]);
    expect((await mailsFor(reference)).filter((e) => e.subject.startsWith('Reminder'))).toHaveLength(2);
  });

  it('resumes cleanly after a run that died half way', async () => {
    const first = await rapidReview(portal);
    const second = await rapidReview(portal);
    // The run dies after taking the first request's step, before the e-mail is sent or the next request.
    let steps = 0;
    const dying: PortalDeps = {
      ...portal.deps,
      store: {
        ...portal.deps.store,
        chase: Object.assign(Object.create(Object.getPrototypeOf(portal.deps.store.chase)), portal.deps.store.chase, {
          recordSteps: async (...args: Parameters<PortalDeps['store']['chase']['recordSteps']>) => {
            if (steps++ === 1) throw new Error('process killed');
            return portal.deps.store.chase.recordSteps(...args);
          },
        }),
      },
    };
    portal.setNow(at('2027-01-05'));
    await expect(runDailySweep(dying)).rejects.toThrow('process killed');
    await runDailySweep(portal.deps);
    await runDailySweep(portal.deps);
    for (const { reference } of [first, second]) {
      expect((await mailsFor(reference)).filter((e) => e.subject.startsWith('Reminder'))).toHaveLength(2);
    }
  });

  it('raises statutory risks once: replies overdue the working day after they were due, day 15 at risk', async () => {
    const { reference } = await rapidReview(portal, false);
    const alertsNow = async () => (await mailsFor(reference)).filter((e) => e.subject.startsWith('Rapid Review'));
    await sweep(portal, '2027-01-06'); // replies due today: the agency is told, the office not yet
    expect(await alertsNow()).toEqual([]);
    await sweep(portal, '2027-01-07');
    await sweep(portal, '2027-01-07');
    await sweep(portal, '2027-01-11');
    const alerts = await alertsNow();
    expect(alerts.map((e) => e.subject)).toEqual([
      `Rapid Review ${reference}: replies overdue in the meeting window`,
      `Rapid Review ${reference}: National Panel deadline at risk`,
    ]);
    expect(alerts[0]!.body.text).toContain('replies were due by Wednesday 6 January 2027');
    expect(alerts.every((e) => e.destination.to[0] === 'boards-office@leicester-scp.example.org')).toBe(true);
    expect(alerts[1]!.body.text).toContain('Wednesday 13 January 2027');
  });

  it('warns of day 15 while the meeting decision is unrecorded, not for returns due later (§4.2.2)', async () => {
    const submitReply = async ({ record, agency, request }: Awaited<ReturnType<typeof rapidReview>>) => {
      portal.setNow('2027-01-05T12:00:00.000Z');
      const session = {
        sessionHash: 'test',
        tokenHash: 'test',
        partnershipId: 'leicester',
        caseId: record.id,
        agencyId: agency.id,
        createdAt: '',
        lastSeenAt: '',
        expiresAt: '',
      };
      await submitReturn(portal.deps, session, request.id, {
        content: { involvement: 'no-records', declaration: { ...completeReply().declaration, date: '2027-01-05' } },
      } as never);
    };
    const undecided = await rapidReview(portal, false);
    await submitReply(undecided);
    const decided = await rapidReview(portal, false);
    await submitReply(decided);
    // The decided case also owes a chronology due six weeks on, for the review.
    const chronology = await createRequest(portal.deps, decided.staff, decided.record.id, {
      agencyId: decided.agency.id,
      returnType: 'chronology',
      dueOn: '2027-02-16',
    });
    await sendRequest(portal.deps, decided.staff, decided.record.id, chronology.id);
    portal.setNow('2027-01-11T07:30:00.000Z');
    await recordMeetingDecision(portal.deps, decided.staff, decided.record.id, {
      meetingDate: '2027-01-08',
      decision: 'cspr',
      rationale: 'Criteria met.',
      learningIdentified: 'To be explored by the review.',
    });

    await sweep(portal, '2027-01-11'); // two working days before day 15
    const panel = async (reference: string) =>
      (await mailsFor(reference)).filter((e) => e.subject.includes('National Panel'));
    expect(await panel(decided.reference)).toEqual([]);
    const [alert, ...more] = await panel(undecided.reference);
    expect(more).toEqual([]);
    expect(alert!.body.text).toContain("the Rapid Review meeting's decision is not recorded yet");
    expect(alert!.body.text).not.toMatch(/still outstanding/);
  });

  it('keeps a case on the meeting window it was opened under when the configuration changes', async () => {
    // A table of its own: the partnership's window is changed here, and the other tests' cases must not move.
    const own = await isolatedPortal();
    const { staff, record, agency, reference } = await rapidReview(own, false);
    // As `npm run partnerships:apply` writes a changed config/partnerships.json.
    const directory = own.deps.store.partnerships as DynamoPartnershipDirectory;
    const partnership = await directory.get('leicester');
    await directory.put({ ...partnership!, rapidReviewMeetingWindow: { from: 7, to: 13 } });

    const stored = await own.deps.store.cases.get('leicester', record.id);
    expect(stored!.milestoneSettings).toEqual({ rapidReviewMeetingWindow: { from: 10, to: 13 } });
    const reopened = await getCase(own.deps, staff, record.id);
    expect(reopened.milestones.find((m) => m.key === 'meeting')).toMatchObject({ from: '2027-01-06' });
    const second = await createRequest(own.deps, staff, record.id, {
      agencyId: agency.id,
      returnType: 'factual-summary',
    });
    expect(second.dueOn).toBe('2027-01-06');
    // The stored schedule and the milestones agree: nothing before the replies are late.
    for (const day of ['2026-12-31', '2027-01-04', '2027-01-06']) await sweep(own, day);
    const alerts = async () => (await mailsFor(reference)).filter((e) => e.subject.startsWith('Rapid Review'));
    expect(await alerts()).toEqual([]);
    await sweep(own, '2027-01-07');
    const [alert] = await alerts();
    expect(alert!.body.text).toContain('(Wednesday 6 January 2027 to Monday 11 January 2027)');
  });

  it('reminds the office of §3.1.3 as a CSPR nears six months', async () => {
    portal.setNow('2026-06-01T10:00:00.000Z');
    const reference = `CSPR-${randomUUID().slice(0, 8).toUpperCase()}`;
    await createCase(portal.deps, portal.staff('leicestershire-rutland'), {
      route: 'cspr',
      day0: '2026-06-01',
      reference,
      subject: { name: 'A Child', dateOfBirth: '2019-01-01' },
    });
    await sweep(portal, '2026-10-19');
    expect(await mailsFor(reference)).toEqual([]);
    await sweep(portal, '2026-10-20');
    await sweep(portal, '2026-10-21');
    const alerts = await mailsFor(reference);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.destination.to).toEqual(['business-office@llr-scp.example.org']);
    expect(alerts[0]!.body.text).toMatch(/National Panel and the Secretary of State must be told/);
  });
});

import { memoryPortal, type MemoryPortal } from '../../functions/adapters/memory';
import { MailDeliveryError } from '../../functions/domain/ports';
import { createCase } from '../../functions/domain/services/cases';
import { submitReturn } from '../../functions/domain/services/agency-returns';
import { retryEmails, runDailySweep } from '../../functions/domain/services/daily-sweep';
import { recordMeetingDecision } from '../../functions/domain/services/meeting-decisions';
import { dispatchDueEmails } from '../../functions/domain/services/outbox';
import { extendRequest, sendRequest } from '../../functions/domain/services/request-actions';
import { createRequest, listRequests } from '../../functions/domain/services/requests';
import { seedPartnerships } from '../../scripts/local/stack';
import { completeReply } from '../support/scenario';

/**
 * The daily run's e-mails over the in-memory adapters: a Rapid Review notified Fri 18 Dec 2026, replies
 * due Wed 6 Jan 2027, meeting window 6–11 Jan, National Panel by Wed 13 Jan (DOMAIN.md).
 */
async function rapidReview() {
  const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
  await seedPartnerships(portal.store, true);
  const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
  const [agency] = await portal.store.agencies.list('leicester');
  const record = await createCase(portal.deps, staff, {
    route: 'rapid-review',
    day0: '2026-12-18',
    subject: { name: 'Sweep Child', dateOfBirth: '2020-05-05' },
  });
  const request = await createRequest(portal.deps, staff, record.id, {
    agencyId: agency!.id,
    returnType: 'information-request-reply',
  });
  await sendRequest(portal.deps, staff, record.id, request.id);
  const sweep = async (day: string) => {
    portal.setNow(`${day}T08:00:00.000Z`);
    return runDailySweep(portal.deps);
  };
  const subjectsFrom = (from: number) => [...new Set(portal.mailer.sent.slice(from).map((e) => e.subject))];
  return { portal, sweep, subjectsFrom, reference: record.reference, agencyName: agency!.name };
}

describe('the daily run, on time', () => {
  it('escalates "despite reminders" after the reminders went, and warns of dates still to come', async () => {
    const { portal, sweep, subjectsFrom, reference } = await rapidReview();
    const before = portal.mailer.sent.length;
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11']) await sweep(day);
    const partners = portal.mailer.sent.find((e) => e.subject.startsWith('Escalation to the Safeguarding Partners'));
    expect(partners!.text).toContain('overdue despite reminders.');
    expect(partners!.text).toContain('A prompt resolution has not been found');
    expect(subjectsFrom(before)).toEqual(
      expect.arrayContaining([
        `Rapid Review ${reference}: replies overdue in the meeting window`,
        `Rapid Review ${reference}: National Panel deadline at risk`,
      ]),
    );
  });
});

/** The one case of a portal made by rapidReview(). */
async function caseOf(portal: MemoryPortal, reference: string) {
  const [record] = (await portal.store.cases.list('leicester', 'open')).filter((c) => c.reference === reference);
  return record!;
}

const CRG = 'crg-chair@leicester-scp.example.org';
const PARTNERS = 'partners@leicester-scp.example.org';

describe('the daily run after one missed day across the Case Review Group step', () => {
  it('escalates to the Partners and tells the Case Review Group it skipped, in the same e-mail', async () => {
    const { portal, sweep, reference, agencyName } = await rapidReview();
    await sweep('2027-01-07'); // 1 day overdue: the agency is chased
    const before = portal.mailer.sent.length;
    // The run of Fri 8 Jan (the CRG step) is missed; Mon 11 Jan is the Partners step.
    expect(await sweep('2027-01-11')).toMatchObject({ stepsTaken: 1, stepsSkipped: 1 });
    const escalations = portal.mailer.sent.slice(before).filter((e) => e.subject.startsWith('Escalation'));
    const subject = `Escalation to the Safeguarding Partners and the Case Review Group: case ${reference}, ${agencyName}`;
    expect(new Set(escalations.map((e) => e.subject))).toEqual(new Set([subject]));
    expect(escalations.map((e) => e.to)).toEqual(expect.arrayContaining([CRG, PARTNERS]));
    const [mail] = escalations;
    expect(mail!.text).toContain('overdue despite reminders.');
    expect(mail!.text).toContain('This e-mail also goes to the Case Review Group');
    // The CRG was not referred to before, so nothing claims a resolution was sought.
    expect(mail!.text).not.toMatch(/resolution has not been found/);
  });

  it('on time, the Case Review Group hears once, at its step, and the Partners escalation is theirs alone', async () => {
    const { portal, sweep } = await rapidReview();
    await sweep('2027-01-08');
    const before = portal.mailer.sent.length;
    await sweep('2027-01-11');
    const partners = portal.mailer.sent.slice(before).filter((e) => e.subject.startsWith('Escalation'));
    expect(partners.map((e) => e.to)).not.toContain(CRG);
    expect(partners.map((e) => e.to)).toContain(PARTNERS);
    expect(partners[0]!.subject).not.toContain('Case Review Group');
  });
});

describe('the daily run catching up a month after missed days', () => {
  it('escalates without claiming reminders it never sent, and reports passed dates as passed, once', async () => {
    const { portal, sweep, subjectsFrom, reference, agencyName } = await rapidReview();
    const before = portal.mailer.sent.length;
    const report = await sweep('2027-02-08');
    expect(report).toMatchObject({ stepsTaken: 1, stepsSkipped: 4, alertsRaised: 2 });
    // The skipped Case Review Group referral goes with the Partners escalation, not late and on its own.
    expect(subjectsFrom(before).sort()).toEqual(
      [
        `Escalation to the Safeguarding Partners and the Case Review Group: case ${reference}, ${agencyName}`,
        `Rapid Review ${reference}: National Panel deadline passed`,
        `Rapid Review ${reference}: replies still missing after the meeting window closed`,
      ].sort(),
    );
    const partners = portal.mailer.sent.find((e) => e.subject.startsWith('Escalation to the Safeguarding Partners'));
    expect(partners!.text).toMatch(/and is \d+ working days overdue\./);
    expect(partners!.text).not.toMatch(/reminder|resolution has not been found/i);
    const escalatedTo = portal.mailer.sent.slice(before).filter((e) => e.subject.startsWith('Escalation'));
    expect(escalatedTo.map((e) => e.to)).toEqual(expect.arrayContaining([CRG, PARTNERS]));
    for (const mail of portal.mailer.sent.slice(before)) {
      expect(mail.text).not.toMatch(/window opens|at risk|Sweep Child|2020-05-05/);
    }

    // Each step and alert is taken exactly once, however often the run repeats.
    const sent = portal.mailer.sent.length;
    expect(await sweep('2027-02-08')).toMatchObject({ stepsTaken: 0, alertsRaised: 0 });
    expect(portal.mailer.sent.length).toBe(sent);
  });
});

/** The agency's session, as the link and code would have made it (submitReturn reads only these). */
const sessionFor = (caseId: string, agencyId: string) => ({
  sessionHash: 'test',
  tokenHash: 'test',
  partnershipId: 'leicester',
  caseId,
  agencyId,
  createdAt: '',
  lastSeenAt: '',
  expiresAt: '',
});

const nilReply = (date: string) =>
  ({
    involvement: 'no-records',
    declaration: {
      name: 'DI Sam Okafor',
      role: 'Safeguarding lead',
      date,
      factsDistinguishedFromOpinion: true,
      conflictOfInterest: { declared: false },
    },
  }) as never;

describe('e-mails that waited in the outbox and are no longer true', () => {
  it('drops the Case Review Group escalation queued while SES was down, once the agency made a nil return', async () => {
    const { portal, sweep, reference, agencyName } = await rapidReview();
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07']) await sweep(day);
    // SES is down for the run of Fri 8 January: the escalation waits in the outbox.
    portal.mailer.outage();
    expect(await sweep('2027-01-08')).toMatchObject({ stepsTaken: 1, emails: { queued: 1 } });
    portal.mailer.failWith = undefined;
    // At 11:00 the agency makes a nil return.
    const [request] = await portal.store.requests.listForCase('leicester', (await caseOf(portal, reference)).id);
    portal.setNow('2027-01-08T11:00:00.000Z');
    await submitReturn(portal.deps, sessionFor(request!.caseId, request!.agencyId), request!.id, {
      content: nilReply('2027-01-08'),
    });

    const before = portal.mailer.sent.length;
    const report = await sweep('2027-01-11');
    expect(portal.mailer.sent.slice(before).map((m) => m.subject)).not.toContainEqual(
      expect.stringMatching(/^Escalation/),
    );
    // The one e-mail sent is the office's day-15 alert: no meeting decision is recorded yet.
    expect(report.emails).toMatchObject({ dropped: 1, sent: 1 });
    expect(portal.mailer.sent.slice(before).map((m) => m.subject)).toEqual([
      `Rapid Review ${reference}: National Panel deadline at risk`,
    ]);
    expect(portal.mailer.sent.slice(before).filter((m) => m.text.includes(agencyName))).toEqual([]);

    // Recorded where the office looks: the step, the audit trail and the outbox; nothing says "waiting".
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const [listed] = await listRequests(portal.deps, staff, request!.caseId);
    expect(listed).toMatchObject({ status: 'submitted', nilReturn: true });
    expect(listed!.emailStatus).toBeUndefined();
    const crg = listed!.reminders!.find((r) => r.action === 'escalate-crg');
    expect(crg).toMatchObject({ dropReason: 'nil-return', droppedAt: '2027-01-11T08:00:00.000Z' });
    expect(crg!.sentAt).toBeUndefined();
    const trail = await portal.store.audit.list('leicester', request!.caseId);
    expect(trail.filter((e) => e.action === 'email.dropped').map((e) => e.detail)).toEqual([
      {
        template: 'reminder',
        reason: 'nil-return',
        step: '2-days-overdue-crg',
        dueOn: '2027-01-06',
        action: 'escalate-crg',
      },
    ]);
    // Dropped for good: later runs neither send it nor record it again.
    await sweep('2027-01-12');
    expect(portal.mailer.sent.slice(before).some((m) => m.subject.startsWith('Escalation'))).toBe(false);
    expect(
      (await portal.store.audit.list('leicester', request!.caseId)).filter((e) => e.action === 'email.dropped'),
    ).toHaveLength(1);
  });

  it('sends a day’s escalation of two returns that waited with only the one still owed, and records the other dropped', async () => {
    const { portal, sweep, reference } = await rapidReview();
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const record = await caseOf(portal, reference);
    const [first] = await portal.store.requests.listForCase('leicester', record.id);
    // A second return of the same agency: its steps fall on the same days.
    portal.setNow('2026-12-18T10:05:00.000Z');
    const chronology = await createRequest(portal.deps, staff, record.id, {
      agencyId: first!.agencyId,
      returnType: 'chronology',
    });
    await sendRequest(portal.deps, staff, record.id, chronology.id);
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07']) await sweep(day);
    // SES is down for Friday's referral: one e-mail per recipient waits, listing both returns.
    portal.mailer.outage();
    expect(await sweep('2027-01-08')).toMatchObject({ stepsTaken: 2, emails: { queued: 1 } });
    portal.mailer.failWith = undefined;
    portal.setNow('2027-01-08T11:00:00.000Z');
    await submitReturn(portal.deps, sessionFor(record.id, first!.agencyId), first!.id, {
      content: nilReply('2027-01-08'),
    });

    const before = portal.mailer.sent.length;
    expect((await sweep('2027-01-11')).emails).toMatchObject({ dropped: 0 });
    const crg = portal.mailer.sent.slice(before).filter((m) => m.to === CRG);
    expect(crg).toHaveLength(1);
    // Only the chronology is still owed: the e-mail is about it alone.
    expect(crg[0]!.text).toContain('has not returned the Chronology of key events');
    expect(crg[0]!.text).not.toContain('Information Request Reply');
    const listed = await listRequests(portal.deps, staff, record.id);
    const stepOf = (id: string) => listed.find((r) => r.id === id)!.reminders!.find((m) => m.action === 'escalate-crg');
    expect(stepOf(first!.id)).toMatchObject({ dropReason: 'nil-return' });
    expect(stepOf(first!.id)!.sentAt).toBeUndefined();
    expect(stepOf(chronology.id)!.sentAt).toBeDefined();
    const dropped = (await portal.store.audit.list('leicester', record.id)).filter((e) => e.action === 'email.dropped');
    expect(dropped.map((e) => [e.requestId, e.detail?.reason])).toEqual([[first!.id, 'nil-return']]);
  });

  it('drops a chaser for a due date that was extended while it waited', async () => {
    const { portal, sweep, reference } = await rapidReview();
    portal.mailer.outage();
    await sweep('2027-01-07'); // "1 day overdue", queued
    portal.mailer.failWith = undefined;
    const record = await caseOf(portal, reference);
    const [request] = await portal.store.requests.listForCase('leicester', record.id);
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    portal.setNow('2027-01-07T10:00:00.000Z');
    await extendRequest(portal.deps, staff, record.id, request!.id, {
      dueOn: '2027-01-13',
      reason: 'Records off-site',
    });
    const before = portal.mailer.sent.length;
    // The next dispatch finds the chaser's due date gone: the agency has only its new date.
    portal.setNow('2027-01-07T10:30:00.000Z');
    expect(await dispatchDueEmails(portal.deps)).toMatchObject({ dropped: 1 });
    // (The office's risk alert of the same run, queued with it, goes: it is still true.)
    expect(portal.mailer.sent.slice(before).map((m) => m.subject.split(':')[0])).toEqual([`Rapid Review ${reference}`]);
    const [listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed!.reminders!.find((r) => r.step === '1-day-overdue')).toMatchObject({
      dropReason: 'due-date-changed',
    });
    // Its own e-mail ("New due date") went, and the request says so.
    expect(listed!.emailStatus).toBe('sent');
  });
});

describe('an extension after escalation', () => {
  const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };

  it('reminds the agency of its new date, and escalates to no one again once the Partners have it', async () => {
    const { portal, sweep, reference } = await rapidReview();
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-11']) await sweep(day);
    const record = await caseOf(portal, reference);
    const [request] = await portal.store.requests.listForCase('leicester', record.id);
    expect(request!.escalationStep).toBe('safeguarding-partners');
    portal.setNow('2027-01-11T12:00:00.000Z');
    await extendRequest(portal.deps, staff, record.id, request!.id, { dueOn: '2027-01-12', reason: 'Agreed at CRG' });

    const before = portal.mailer.sent.length;
    for (const day of ['2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15', '2027-01-18']) await sweep(day);
    const subjects = portal.mailer.sent
      .slice(before)
      .map((m) => m.subject.split(':')[0] ?? '')
      .filter((s) => !s.startsWith('Rapid Review'));
    // Lead and deputy: due today, then overdue; no second Case Review Group referral, no second Partners escalation.
    expect(subjects).toEqual(['Due today', 'Due today', 'Overdue', 'Overdue']);
    const overdue = portal.mailer.sent.slice(before).find((m) => m.subject.startsWith('Overdue'));
    expect(overdue!.text).toContain('The Safeguarding Partners have already been told that this return was late');
    expect(overdue!.text).not.toContain('referred to the Case Review Group');
    const [listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed!.escalationStep).toBe('safeguarding-partners');
    expect(listed!.nextActionOn).toBeUndefined();
  });

  it('after a referral to the Case Review Group, escalates next to the Partners only, saying it was referred', async () => {
    const { portal, sweep, reference } = await rapidReview();
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08']) await sweep(day);
    const record = await caseOf(portal, reference);
    const [request] = await portal.store.requests.listForCase('leicester', record.id);
    expect(request!.escalationStep).toBe('case-review-group');
    portal.setNow('2027-01-08T12:00:00.000Z');
    await extendRequest(portal.deps, staff, record.id, request!.id, { dueOn: '2027-01-20', reason: 'Agreed at CRG' });

    const before = portal.mailer.sent.length;
    for (const day of ['2027-01-19', '2027-01-20', '2027-01-21', '2027-01-22', '2027-01-25', '2027-01-26'])
      await sweep(day);
    const escalations = portal.mailer.sent.slice(before).filter((m) => m.subject.startsWith('Escalation'));
    expect(new Set(escalations.map((m) => m.subject.split(':')[0]))).toEqual(
      new Set(['Escalation to the Safeguarding Partners']),
    );
    expect(escalations.map((m) => m.to)).not.toContain(CRG);
    expect(escalations[0]!.text).toContain('A prompt resolution has not been found');
    const chaser = portal.mailer.sent.slice(before).find((m) => m.subject.startsWith('Overdue'));
    expect(chaser!.text).toContain('continued failure to return is escalated to the Safeguarding Partners');
    const [listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed!.escalationStep).toBe('safeguarding-partners');
  });
});

describe('an escalation that never went', () => {
  const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };

  it('does not count as made: after an extension dropped it, the Case Review Group is referred at its new step', async () => {
    const { portal, sweep, reference } = await rapidReview();
    for (const day of ['2027-01-05', '2027-01-06', '2027-01-07']) await sweep(day);
    // SES is down for the Case Review Group step: the escalation waits, and the request is not yet escalated.
    portal.mailer.outage();
    await sweep('2027-01-08');
    portal.mailer.failWith = undefined;
    const record = await caseOf(portal, reference);
    const [waiting] = await portal.store.requests.listForCase('leicester', record.id);
    expect(waiting!.escalationStep).toBeUndefined();
    // The office gives the agency until Wed 20 January; the waiting referral, for 6 January, is dropped.
    portal.setNow('2027-01-08T12:00:00.000Z');
    await extendRequest(portal.deps, staff, record.id, waiting!.id, {
      dueOn: '2027-01-20',
      reason: 'Records off-site',
    });
    portal.setNow('2027-01-08T12:30:00.000Z');
    expect(await dispatchDueEmails(portal.deps)).toMatchObject({ dropped: 1 });

    const before = portal.mailer.sent.length;
    for (const day of ['2027-01-19', '2027-01-20', '2027-01-21', '2027-01-22']) await sweep(day);
    const referral = portal.mailer.sent.slice(before).filter((m) => m.subject.startsWith('Escalation'));
    expect(referral.map((m) => m.to)).toContain(CRG);
    expect(new Set(referral.map((m) => m.subject.split(':')[0]))).toEqual(
      new Set(['Escalation to the Case Review Group']),
    );
    const [listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed!.escalationStep).toBe('case-review-group');
  });
});

describe('the outbox on days without chasing', () => {
  /**
   * A Rapid Review notified Mon 17 May 2027; on Fri 28 May at 18:00, with SES down, an agency's return
   * raises an immediate safety concern. Mon 31 May is the Spring bank holiday.
   */
  async function concernQueuedFridayEvening() {
    const portal = memoryPortal({ now: '2027-05-17T10:00:00.000Z' });
    await seedPartnerships(portal.store, true);
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const [agency] = await portal.store.agencies.list('leicester');
    const record = await createCase(portal.deps, staff, {
      route: 'rapid-review',
      day0: '2027-05-17',
      subject: { name: 'Weekend Child', dateOfBirth: '2020-05-05' },
    });
    const request = await createRequest(portal.deps, staff, record.id, {
      agencyId: agency!.id,
      returnType: 'information-request-reply',
    });
    await sendRequest(portal.deps, staff, record.id, request.id);
    portal.setNow('2027-05-28T17:00:00.000Z'); // 18:00 in London (BST)
    portal.mailer.outage();
    const reply = completeReply({
      immediateSafetyConcern: { raised: true, details: 'Younger sibling still at the address.' },
      declaration: { ...completeReply().declaration, date: '2027-05-28' },
    });
    await submitReturn(portal.deps, sessionFor(record.id, agency!.id), request.id, { content: reply as never });
    portal.mailer.failWith = undefined;
    const alerts = () => portal.mailer.sent.filter((m) => m.subject.startsWith('Immediate safety concern'));
    expect(alerts()).toEqual([]);
    return { portal, alerts };
  }

  it('delivers an alert SES refused on a Friday evening at Saturday’s run, chasing nobody', async () => {
    const { portal, alerts } = await concernQueuedFridayEvening();
    portal.setNow('2027-05-29T07:00:00.000Z'); // Saturday 08:00 in London
    const report = await runDailySweep(portal.deps);
    expect(report).toMatchObject({ workingDay: false, stepsTaken: 0, requestsDue: 0, emails: { sent: 1 } });
    expect(alerts().map((m) => m.to)).toEqual(['boards-office@leicester-scp.example.org']);
  });

  it('delivers it within minutes between runs, once its backoff has passed', async () => {
    const { portal, alerts } = await concernQueuedFridayEvening();
    portal.setNow('2027-05-28T17:03:00.000Z');
    expect(await retryEmails(portal.deps)).toMatchObject({ emails: { sent: 0 } });
    portal.setNow('2027-05-28T17:06:00.000Z');
    expect(await retryEmails(portal.deps)).toMatchObject({ emails: { sent: 1 } });
    expect(alerts()).toHaveLength(1);
    // Sent once: later runs have nothing more to send.
    portal.setNow('2027-05-29T07:00:00.000Z');
    await runDailySweep(portal.deps);
    expect(alerts()).toHaveLength(1);
  });
});

describe('the reminders on the request list (issue 4: {step, sentAt, to})', () => {
  const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
  const remindersOf = async (portal: MemoryPortal) => {
    const [record] = await portal.store.cases.list('leicester', 'open');
    const [request] = await listRequests(portal.deps, staff, record!.id);
    return request!.reminders!.map(({ step, sentAt, to, emailStatus }) => ({ step, sentAt, to, emailStatus }));
  };
  const LEAD = expect.arrayContaining([expect.stringContaining('@')]);

  it('say when each went, that one is queued while SES is down, and that one failed for good', async () => {
    const { portal, sweep } = await rapidReview();
    portal.mailer.outage();
    await sweep('2027-01-05'); // the day before the due date: a reminder, queued
    expect(await remindersOf(portal)).toEqual([
      { step: '1-day-before', sentAt: undefined, to: LEAD, emailStatus: 'queued' },
    ]);
    portal.mailer.failWith = undefined;
    portal.setNow('2027-01-05T12:00:00.000Z');
    await dispatchDueEmails(portal.deps);
    expect(await remindersOf(portal)).toEqual([
      { step: '1-day-before', sentAt: '2027-01-05T12:00:00.000Z', to: LEAD, emailStatus: 'sent' },
    ]);
    // SES refuses the next one outright: it is not retried, and the list says it failed.
    portal.mailer.failWith = new MailDeliveryError('MessageRejected', false);
    await sweep('2027-01-06');
    expect((await remindersOf(portal))[1]).toEqual({
      step: 'due-today',
      sentAt: undefined,
      to: LEAD,
      emailStatus: 'failed',
    });
  });

  it('record when a reminder went even if the first write of it fails after SES took it', async () => {
    const { portal, sweep } = await rapidReview();
    const mark = portal.store.chase.markReminderSent.bind(portal.store.chase);
    let failures = 3; // more than the writes are retried: the run itself fails
    portal.store.chase.markReminderSent = async (...args) => {
      if (failures-- > 0) throw new Error('ProvisionedThroughputExceededException');
      return mark(...args);
    };
    const before = portal.mailer.sent.length;
    await expect(sweep('2027-01-05')).rejects.toThrow();
    const delivered = portal.mailer.sent.length - before;
    expect(delivered).toBeGreaterThan(0);
    // The next run, once the e-mail's lease has passed, records it, and sends it to nobody twice.
    portal.setNow('2027-01-05T09:00:00.000Z');
    await dispatchDueEmails(portal.deps);
    expect(portal.mailer.sent.length - before).toBe(delivered);
    expect(await remindersOf(portal)).toEqual([
      { step: '1-day-before', sentAt: '2027-01-05T09:00:00.000Z', to: LEAD, emailStatus: 'sent' },
    ]);
  });
});

describe('the National Panel alert is about what threatens day 15 (§4.2.2, §4.8.1)', () => {
  const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
  const decision = {
    meetingDate: '2027-01-11',
    decision: 'no-further-review' as const,
    rationale: 'Criteria not met.',
    learningIdentified: 'Shared at the meeting.',
  };

  /** The case of rapidReview() with its one reply in (a nil return) and, if asked, a chronology due in February. */
  async function replyIn(portal: MemoryPortal, reference: string, withChronology: boolean) {
    const record = await caseOf(portal, reference);
    const [reply] = await portal.store.requests.listForCase('leicester', record.id);
    portal.setNow('2027-01-05T10:00:00.000Z');
    await submitReturn(portal.deps, sessionFor(record.id, reply!.agencyId), reply!.id, {
      content: nilReply('2027-01-05'),
    });
    if (withChronology) {
      const chronology = await createRequest(portal.deps, staff, record.id, {
        agencyId: reply!.agencyId,
        returnType: 'chronology',
        dueOn: '2027-02-16',
      });
      await sendRequest(portal.deps, staff, record.id, chronology.id);
    }
    return record;
  }
  const panelAlerts = (portal: MemoryPortal, reference: string) =>
    portal.mailer.sent.filter((m) => m.subject.startsWith(`Rapid Review ${reference}: National Panel`));

  it('warns on day 13 that the meeting decision is not recorded, with every reply in', async () => {
    const { portal, sweep, reference } = await rapidReview();
    await replyIn(portal, reference, false);
    await sweep('2027-01-11');
    const [alert, ...more] = panelAlerts(portal, reference);
    expect(more).toEqual([]);
    expect(alert!.subject).toBe(`Rapid Review ${reference}: National Panel deadline at risk`);
    expect(alert!.text).toContain('by Wednesday 13 January 2027 (working day 15)');
    expect(alert!.text).toContain("the Rapid Review meeting's decision is not recorded yet");
    expect(alert!.text).not.toMatch(/outstanding/);
  });

  it('stays quiet once the decision is recorded, whatever later returns are owed', async () => {
    const { portal, sweep, reference } = await rapidReview();
    const record = await replyIn(portal, reference, true);
    portal.setNow('2027-01-11T15:00:00.000Z');
    await recordMeetingDecision(portal.deps, staff, record.id, decision);
    const report = await sweep('2027-01-11');
    expect(panelAlerts(portal, reference)).toEqual([]);
    expect(report.casesChecked).toBe(1);
    const trail = await portal.store.audit.list('leicester', record.id);
    expect(trail.filter((e) => e.action === 'case.risk-checked').map((e) => e.detail)).toContainEqual({
      kind: 'national-panel-at-risk',
      outstanding: 0,
      meetingDecision: 'recorded',
    });
  });

  it('counts only the Information Request Replies still owed, with the decision recorded', async () => {
    const { portal, sweep, reference } = await rapidReview();
    const record = await caseOf(portal, reference);
    const [reply] = await portal.store.requests.listForCase('leicester', record.id);
    const chronology = await createRequest(portal.deps, staff, record.id, {
      agencyId: reply!.agencyId,
      returnType: 'chronology',
      dueOn: '2027-02-16',
    });
    await sendRequest(portal.deps, staff, record.id, chronology.id);
    portal.setNow('2027-01-11T15:00:00.000Z');
    await recordMeetingDecision(portal.deps, staff, record.id, decision);
    await sweep('2027-01-11');
    const [alert] = panelAlerts(portal, reference);
    expect(alert!.text).toContain('1 Information Request Reply is still outstanding');
    expect(alert!.text).not.toMatch(/decision is not recorded|returns? (is|are) still outstanding/);
  });
});

describe('replies are reported missing once late, before or in the meeting window, for either window', () => {
  const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };

  /** A Rapid Review notified Fri 18 Dec 2026 with the partnership's meeting window, its reply sent with the default date. */
  async function rapidReviewWith(window: { from: number; to: number }) {
    const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
    await seedPartnerships(portal.store, true);
    const partnership = await portal.store.partnerships.get('leicester');
    await portal.store.partnerships.put({ ...partnership!, rapidReviewMeetingWindow: window });
    const [agency] = await portal.store.agencies.list('leicester');
    const record = await createCase(portal.deps, staff, {
      route: 'rapid-review',
      day0: '2026-12-18',
      subject: { name: 'Window Child', dateOfBirth: '2020-05-05' },
    });
    const request = await createRequest(portal.deps, staff, record.id, {
      agencyId: agency!.id,
      returnType: 'information-request-reply',
    });
    await sendRequest(portal.deps, staff, record.id, request.id);
    const alerts = async (day: string) => {
      portal.setNow(`${day}T08:00:00.000Z`);
      const before = portal.mailer.sent.length;
      await runDailySweep(portal.deps);
      return portal.mailer.sent.slice(before).filter((m) => m.subject.startsWith('Rapid Review'));
    };
    return { portal, record, request, alerts };
  }

  it('10–13: replies due on day 10; the office hears the next working day, not with "Due today"', async () => {
    const { record, request, alerts } = await rapidReviewWith({ from: 10, to: 13 });
    expect(record.milestones.find((m) => m.key === 'replies-due')?.due).toBe('2027-01-06');
    expect(request.dueOn).toBe('2027-01-06');
    expect(await alerts('2027-01-06')).toEqual([]);
    const [alert, ...more] = await alerts('2027-01-07');
    expect(more).toEqual([]);
    expect(alert!.subject).toBe(`Rapid Review ${record.reference}: replies overdue in the meeting window`);
    expect(alert!.text).toContain(
      '1 Information Request Reply is still outstanding for case LSCPB-2026-0001: replies were due by Wednesday 6 January 2027.',
    );
  });

  it('7–13 (§4.4.2): replies due as the window opens, by default too; reported once late, not days before', async () => {
    const { record, request, alerts } = await rapidReviewWith({ from: 7, to: 13 });
    const due = (key: string) => record.milestones.find((m) => m.key === key);
    expect(due('meeting')).toMatchObject({ from: '2026-12-31', due: '2027-01-11' });
    expect(due('replies-due')?.due).toBe('2026-12-31');
    expect(request.dueOn).toBe('2026-12-31');
    expect(await alerts('2026-12-31')).toEqual([]);
    const [alert] = await alerts('2027-01-04');
    expect(alert!.subject).toBe(`Rapid Review ${record.reference}: replies overdue in the meeting window`);
    expect(alert!.text).toContain('replies were due by Thursday 31 December 2026');
  });

  it('12–13: the office hears before the meeting window opens', async () => {
    const { record, alerts } = await rapidReviewWith({ from: 12, to: 13 });
    const [alert] = await alerts('2027-01-07');
    expect(alert!.subject).toBe(`Rapid Review ${record.reference}: replies overdue before the meeting window opens`);
    expect(alert!.text).toContain('The Rapid Review meeting is to be held from Friday 8 January 2027 to Monday 11');
  });

  it('says nothing of missing replies once the meeting has been held and its decision recorded', async () => {
    const { portal, record, alerts } = await rapidReviewWith({ from: 7, to: 13 });
    portal.setNow('2026-12-31T16:00:00.000Z');
    await recordMeetingDecision(portal.deps, staff, record.id, {
      meetingDate: '2026-12-31',
      decision: 'cspr',
      rationale: 'Criteria met.',
      learningIdentified: 'For the review.',
    });
    expect(await alerts('2027-01-04')).toEqual([]);
  });

  it('a case stored with the old schedule (checked on the due date) waits until the replies are late', async () => {
    const { portal, record, alerts } = await rapidReviewWith({ from: 10, to: 13 });
    // As a case opened before this rule was stored: its replies checked on the window's first day, 6 January.
    const stored = await portal.store.cases.get('leicester', record.id);
    const legacy = { ...stored!, id: '01LEGACYCASE0000000000000A', reference: 'LSCPB-2026-0099' };
    legacy.alertSchedule = [
      { kind: 'replies-missing-at-meeting', on: '2027-01-06' },
      { kind: 'national-panel-at-risk', on: '2027-01-11' },
    ];
    legacy.nextAlertOn = '2027-01-06';
    await portal.store.cases.create(legacy, {
      id: '01LEGACYAUDIT000000000000A',
      partnershipId: 'leicester',
      caseId: legacy.id,
      at: '2026-12-18T10:00:00.000Z',
      actor: { type: 'system', name: 'test' },
      action: 'case.opened',
    });
    const [agency] = await portal.store.agencies.list('leicester');
    const reply = await createRequest(portal.deps, staff, legacy.id, {
      agencyId: agency!.id,
      returnType: 'information-request-reply',
    });
    portal.setNow('2026-12-18T11:00:00.000Z');
    await sendRequest(portal.deps, staff, legacy.id, reply.id);

    const onDueDay = await alerts('2027-01-06');
    expect(onDueDay.filter((m) => m.subject.includes(legacy.reference))).toEqual([]);
    const trail = await portal.store.audit.list('leicester', legacy.id);
    expect(trail.filter((e) => e.action === 'case.risk-deferred').map((e) => e.detail)).toEqual([
      { kind: 'replies-missing-at-meeting', until: '2027-01-07' },
    ]);
    const late = (await alerts('2027-01-07')).filter((m) => m.subject.includes(legacy.reference));
    expect(late.map((m) => m.subject)).toEqual([
      `Rapid Review ${legacy.reference}: replies overdue in the meeting window`,
    ]);
  });
});

import { memoryPortal, type MemoryPortal } from '../../functions/adapters/memory';
import { MailDeliveryError } from '../../functions/domain/ports';
import { createCase } from '../../functions/domain/services/cases';
import { runDailySweep } from '../../functions/domain/services/daily-sweep';
import { dispatchDueEmails } from '../../functions/domain/services/outbox';
import { sendRequest } from '../../functions/domain/services/request-actions';
import { createRequest, listRequests } from '../../functions/domain/services/requests';
import { seedPartnerships } from '../../scripts/local/stack';

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
        `Rapid Review ${reference}: replies missing as the meeting window opens`,
        `Rapid Review ${reference}: National Panel deadline at risk`,
      ]),
    );
  });
});

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

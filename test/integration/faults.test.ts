import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { S3DocumentStore } from '../../functions/adapters/s3-document-store';
import type { ReturnContent } from '../../functions/contract/returns';
import type { AgencySession } from '../../functions/domain/model';
import type { Mailer, PortalDeps } from '../../functions/domain/ports';
import { createAgency } from '../../functions/domain/services/agencies';
import { startAgencySession } from '../../functions/domain/services/agency-access';
import { getAgencyRequest, saveDraft, submitReturn } from '../../functions/domain/services/agency-returns';
import { createCase } from '../../functions/domain/services/cases';
import { runDailySweep } from '../../functions/domain/services/daily-sweep';
import { dispatchDueEmails } from '../../functions/domain/services/outbox';
import { sendRequest } from '../../functions/domain/services/request-actions';
import { createRequest, listRequests } from '../../functions/domain/services/requests';
import {
  deliveries,
  failNth,
  faultyDocuments,
  nthOfEach,
  recordCommands,
  submissionState,
  throttledMailer,
  withFaultyTable,
  type DynamoFault,
  type FiringPlan,
} from '../support/faults';
import { isolatedPortal, type IsolatedPortal } from '../support/isolated-portal';
import { tokenFromEmail, waitForMail } from '../support/portal';
import { completeReply, sentRequest, signInAgency } from '../support/scenario';
import { store } from '../support/table';

/**
 * Faults, against the local emulators: SES down or throttling while requests and reminders go out;
 * DynamoDB throttling and conditional-check failures in the middle of a submission; the process killed
 * between the S3 write and the DynamoDB write; and twenty simultaneous submissions of one return.
 *
 * What must hold: no e-mail lost and none sent twice (counted per recipient in the SES emulator's
 * store); a return is either submitted and complete (the request, one record per version, its document
 * with the recorded hash, one audit event) or clearly not submitted, never in between, and a retry with
 * the same submission id completes it exactly once.
 */
jest.setTimeout(60_000);

const stubMailer: Mailer = { send: async () => ({ messageId: 'stub' }) };
const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

describe('faults', () => {
  let shared: IsolatedPortal;
  beforeAll(async () => {
    shared = await isolatedPortal();
  });
  let portal: IsolatedPortal;
  beforeEach(() => {
    portal = shared;
  });

  /** A case and an agency of its own (its own addresses, so its mail can be counted), and a request. */
  async function arrange(options: { day0?: string; now?: string; portal?: IsolatedPortal } = {}) {
    const portal = options.portal ?? shared;
    const now = options.now ?? new Date().toISOString();
    portal.setNow(now);
    const staff = portal.staff();
    const reference = `FLT-${randomUUID().slice(0, 8).toUpperCase()}`;
    const record = await createCase(portal.deps, staff, {
      route: 'rapid-review',
      day0: options.day0 ?? now.slice(0, 10),
      reference,
      subject: { name: 'Fault Testchild', dateOfBirth: '2020-05-05' },
    });
    const slug = reference.toLowerCase();
    const agency = await createAgency(portal.deps, staff, {
      name: `Test Police ${reference}`,
      kind: 'police',
      leadName: 'Lead',
      leadEmail: `lead-${slug}@force.police.uk`,
      deputyEmail: `deputy-${slug}@force.police.uk`,
    });
    const request = await createRequest(portal.deps, staff, record.id, {
      agencyId: agency.id,
      returnType: 'information-request-reply',
    });
    const session: AgencySession = {
      sessionHash: 'fault-test',
      tokenHash: 'fault-test',
      partnershipId: 'leicester',
      caseId: record.id,
      agencyId: agency.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: minutesAfter(now, 60),
    };
    const ids = { partnershipId: 'leicester', caseId: record.id, requestId: request.id };
    return { staff, record, agency, request, reference, session, ids, now };
  }

  describe('SES down or throttling', () => {
    it('while sending a request: queued, sent once to each recipient when SES is back', async () => {
      const { staff, record, agency, request, reference, now } = await arrange();
      const linkMails = (s: string) => s.startsWith(`Information request for case ${reference} `);

      const outage = await sendRequest({ ...portal.deps, mailer: portal.brokenMailer() }, staff, record.id, request.id);
      expect(outage.request.status).toBe('sent');
      expect(outage.email).toMatchObject({ status: 'queued' });
      expect(await deliveries(linkMails)).toEqual({});

      // Not yet due for a retry: nothing happens; still down at the retry: queued again, with a longer wait.
      expect(await dispatchDueEmails(portal.deps)).toMatchObject({ sent: 0 });
      portal.setNow(minutesAfter(now, 6));
      expect(await dispatchDueEmails({ ...portal.deps, mailer: portal.brokenMailer() })).toMatchObject({ queued: 1 });
      portal.setNow(minutesAfter(now, 12));
      expect(await dispatchDueEmails(portal.deps)).toMatchObject({ sent: 0 });

      // SES is back: each recipient gets it once, however many runs deliver at once or afterwards.
      portal.setNow(minutesAfter(now, 17));
      await Promise.all([
        dispatchDueEmails(portal.deps),
        dispatchDueEmails(portal.deps),
        dispatchDueEmails(portal.deps),
      ]);
      portal.setNow(minutesAfter(now, 120));
      await dispatchDueEmails(portal.deps);
      expect(await deliveries(linkMails)).toEqual({ [agency.leadEmail]: 1, [agency.deputyEmail!]: 1 });
      const [listed] = await listRequests(portal.deps, staff, record.id);
      expect(listed!.emailStatus).toBe('sent');

      // The link that finally went out works.
      const [mail] = await waitForMail((e) => linkMails(e.subject) && e.destination.to[0] === agency.leadEmail);
      await expect(startAgencySession(portal.deps, tokenFromEmail(mail!)!)).resolves.toMatchObject({
        caseReference: reference,
      });
    });

    it('while sending a request, for one recipient: the other is not sent it twice', async () => {
      const { staff, record, agency, request, reference, now } = await arrange();
      const linkMails = (s: string) => s.startsWith(`Information request for case ${reference} `);
      const deputyThrottled = throttledMailer((to, attempt) => to === agency.deputyEmail && attempt <= 2);

      const first = await sendRequest({ ...portal.deps, mailer: deputyThrottled }, staff, record.id, request.id);
      expect(first.email).toMatchObject({ status: 'queued' });
      expect(await deliveries(linkMails)).toEqual({ [agency.leadEmail]: 1 });
      portal.setNow(minutesAfter(now, 6));
      await dispatchDueEmails({ ...portal.deps, mailer: deputyThrottled });
      expect(await deliveries(linkMails)).toEqual({ [agency.leadEmail]: 1 });
      portal.setNow(minutesAfter(now, 17));
      await Promise.all([
        dispatchDueEmails({ ...portal.deps, mailer: deputyThrottled }),
        dispatchDueEmails({ ...portal.deps, mailer: deputyThrottled }),
      ]);
      portal.setNow(minutesAfter(now, 60));
      await dispatchDueEmails(portal.deps);
      expect(await deliveries(linkMails)).toEqual({ [agency.leadEmail]: 1, [agency.deputyEmail!]: 1 });
    });

    it('while the daily run sends reminders: each step’s e-mail reaches each recipient once', async () => {
      // A table of its own, so the run chases this request only. A Rapid Review notified on Friday
      // 18 December 2026: replies due Wednesday 6 January 2027.
      portal = await isolatedPortal();
      const { staff, record, agency, request, reference } = await arrange({
        day0: '2026-12-18',
        now: '2026-12-18T10:00:00.000Z',
        portal,
      });
      await sendRequest({ ...portal.deps, mailer: stubMailer }, staff, record.id, request.id);
      const reminders = (s: string) => s.startsWith('Reminder') && s.includes(reference);
      const sweep = (at: string, mailer?: Mailer) => {
        portal.setNow(at);
        return runDailySweep({ ...portal.deps, ...(mailer ? { mailer } : {}) });
      };

      // The day before the deadline, SES is down: the step is taken and its e-mail waits.
      const down = await sweep('2027-01-05T08:00:00.000Z', portal.brokenMailer());
      expect(down.stepsTaken).toBe(1);
      expect(await deliveries(reminders)).toEqual({});
      expect((await sweep('2027-01-05T08:02:00.000Z', portal.brokenMailer())).stepsTaken).toBe(0);
      // Then SES throttles the deputy's address.
      const deputyThrottled = throttledMailer((to) => to === agency.deputyEmail);
      await sweep('2027-01-05T08:06:00.000Z', deputyThrottled);
      expect(await deliveries(reminders)).toEqual({ [agency.leadEmail]: 1 });
      // Back to normal: three runs at once, and more runs later that day.
      portal.setNow('2027-01-05T08:20:00.000Z');
      await Promise.all([runDailySweep(portal.deps), runDailySweep(portal.deps), runDailySweep(portal.deps)]);
      await sweep('2027-01-05T12:00:00.000Z');
      await sweep('2027-01-05T17:00:00.000Z');
      expect(await deliveries(reminders)).toEqual({ [agency.leadEmail]: 1, [agency.deputyEmail!]: 1 });
      const [listed] = await listRequests(portal.deps, staff, record.id);
      expect(listed!.reminders).toEqual([
        expect.objectContaining({ step: '1-day-before', sentAt: expect.any(String) }),
      ]);
    });
  });

  describe('SES down before a weekend', () => {
    it('a safety-concern alert refused on a Friday evening goes at the next run, even on a bank-holiday weekend', async () => {
      // A table of its own. Fri 28 May 2027, 18:00 in London; Mon 31 May is the Spring bank holiday.
      portal = await isolatedPortal();
      const { staff, record, request, reference, session } = await arrange({
        day0: '2027-05-17',
        now: '2027-05-17T10:00:00.000Z',
        portal,
      });
      await sendRequest({ ...portal.deps, mailer: stubMailer }, staff, record.id, request.id);
      portal.setNow('2027-05-28T17:00:00.000Z');
      const concern = completeReply({
        immediateSafetyConcern: { raised: true, details: 'Younger sibling still at the address.' },
        declaration: { ...completeReply().declaration, date: '2027-05-28' },
      }) as unknown as ReturnContent;
      await submitReturn({ ...portal.deps, mailer: portal.brokenMailer() }, session, request.id, { content: concern });
      const alerts = (s: string) => s === `Immediate safety concern reported for case ${reference}`;
      expect(await deliveries(alerts)).toEqual({});

      // SES is back by Saturday morning: that day's run, which chases nobody, delivers it.
      portal.setNow('2027-05-29T07:00:00.000Z');
      const saturday = await runDailySweep(portal.deps);
      expect(saturday).toMatchObject({ workingDay: false, stepsTaken: 0 });
      expect(await deliveries(alerts)).toEqual({ 'boards-office@leicester-scp.example.org': 1 });
      portal.setNow('2027-05-31T07:00:00.000Z');
      await runDailySweep(portal.deps);
      expect(await deliveries(alerts)).toEqual({ 'boards-office@leicester-scp.example.org': 1 });
    });
  });

  describe('DynamoDB and S3 failing mid-submission', () => {
    const content = () => completeReply() as unknown as ReturnContent;

    async function sentAndOpen() {
      const arranged = await arrange();
      await sendRequest(
        { ...portal.deps, mailer: stubMailer },
        arranged.staff,
        arranged.record.id,
        arranged.request.id,
      );
      return arranged;
    }

    type Breaker = (deps: PortalDeps) => PortalDeps;
    const table =
      (plan: Parameters<typeof withFaultyTable>[2]): Breaker =>
      (deps) =>
        withFaultyTable(deps, portal.tableName, plan);
    const documents =
      (fault: 'fail-before' | 'die-after'): Breaker =>
      (deps) => ({
        ...deps,
        documents: faultyDocuments(deps.documents, (key) => (key.startsWith('returns/') ? fault : undefined)),
      });

    const faults: [string, Breaker, 'not-submitted' | 'submitted'][] = [
      ['reading the case is throttled', table(failNth('GetItemCommand', 1, 'throttled')), 'not-submitted'],
      [
        'reading the request is throttled',
        table(failNth('GetItemCommand', 2, 'provisioned-throughput')),
        'not-submitted',
      ],
      ['listing its files is throttled', table(failNth('QueryCommand', 1, 'throttled')), 'not-submitted'],
      [
        'the commit is throttled',
        table(failNth('TransactWriteItemsCommand', 1, 'provisioned-throughput')),
        'not-submitted',
      ],
      [
        'the commit is applied, its answer lost',
        table(failNth('TransactWriteItemsCommand', 1, 'applied-then-lost')),
        'submitted',
      ],
      ['S3 refuses the document', documents('fail-before'), 'not-submitted'],
      ['the process is killed between the S3 write and the DynamoDB write', documents('die-after'), 'not-submitted'],
    ];

    it.each(faults.map(([name, breaker, after]) => ({ name, breaker, after })))(
      '$name: then $after, and a retry completes it once',
      async ({ breaker, after }) => {
        const { session, request, ids } = await sentAndOpen();
        const submissionId = randomUUID();
        await expect(
          submitReturn(breaker(portal.deps), session, request.id, { submissionId, content: content() }),
        ).rejects.toThrow();
        expect(await submissionState(portal.deps, ids)).toMatchObject({ state: after });
        const view = await getAgencyRequest(portal.deps, session, request.id);
        expect(view.request.status === 'submitted').toBe(after === 'submitted');
        expect(view.submitted === undefined).toBe(after === 'not-submitted');

        const retried = await submitReturn(portal.deps, session, request.id, { submissionId, content: content() });
        const again = await submitReturn(portal.deps, session, request.id, { submissionId, content: content() });
        expect(again).toEqual(retried);
        expect(retried).toMatchObject({ status: 'submitted', version: 1, submissionId });
        expect(await submissionState(portal.deps, ids)).toEqual(
          expect.objectContaining({ state: 'submitted', versions: 1, submissionId }),
        );
      },
    );

    it('wherever a command fails, the return is complete or clearly not submitted, and a retry completes it', async () => {
      // The commands a submission sends, learnt from a clean one: each is a place a fault can strike.
      const clean = await sentAndOpen();
      const recorded = recordCommands();
      await submitReturn(table(recorded)(portal.deps), clean.session, clean.request.id, {
        submissionId: randomUUID(),
        content: content(),
      });
      expect(await submissionState(portal.deps, clean.ids)).toMatchObject({ state: 'submitted', versions: 1 });
      const places = nthOfEach(recorded.commands);
      type Place = (typeof places)[number];
      expect(places.map((p) => p.command)).toEqual(
        expect.arrayContaining(['GetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']),
      );

      const faultKinds: DynamoFault[] = ['throttled', 'provisioned-throughput', 'applied-then-lost'];
      const fault = fc.constantFrom(...faultKinds);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ place: fc.constantFrom(...places), fault }),
            fc.record({ s3: fc.constantFrom<'fail-before' | 'die-after'>('fail-before', 'die-after') }),
          ),
          async (plan) => {
            const { session, request, ids } = await sentAndOpen();
            const submissionId = randomUUID();
            let failing: FiringPlan | undefined;
            let broken: PortalDeps;
            if ('s3' in plan) {
              broken = documents(plan.s3)(portal.deps);
            } else {
              failing = failNth(plan.place.command, plan.place.nth, plan.fault);
              broken = table(failing)(portal.deps);
            }
            const outcome = await submitReturn(broken, session, request.id, { submissionId, content: content() }).then(
              () => 'returned' as const,
              () => 'threw' as const,
            );
            // The fault was injected: every plan is one the submission meets.
            if (failing) expect({ plan, fired: failing.fired }).toEqual({ plan, fired: 1 });
            const state = await submissionState(portal.deps, ids); // throws if partial
            expect(['submitted', 'not-submitted']).toContain(state.state);
            if (outcome === 'returned') expect(state).toMatchObject({ state: 'submitted', submissionId });
            await submitReturn(portal.deps, session, request.id, { submissionId, content: content() });
            expect(await submissionState(portal.deps, ids)).toMatchObject({ state: 'submitted', versions: 1 });
          },
        ),
        {
          seed: 20_261_127,
          numRuns: 20,
          // Every place at least once, whatever the seed draws.
          examples: places.map((place, i): [{ place: Place; fault: DynamoFault }] => [
            { place, fault: faultKinds[i % faultKinds.length]! },
          ]),
        },
      );
    });

    it('a draft saved while the submission commits: the commit’s condition fails, the submission tries again', async () => {
      const { session, request, ids } = await sentAndOpen();
      let interleaved = 0;
      const racing = withFaultyTable(portal.deps, portal.tableName, async (name) => {
        if (name === 'TransactWriteItemsCommand' && interleaved === 0) {
          interleaved += 1;
          await saveDraft(portal.deps, session, request.id, { content: { earlyLearning: 'typed in another tab' } });
        }
        return undefined;
      });
      const receipt = await submitReturn(racing, session, request.id, {
        submissionId: randomUUID(),
        content: content(),
      });
      expect(interleaved).toBe(1);
      expect(receipt).toMatchObject({ status: 'submitted', version: 1 });
      expect(await submissionState(portal.deps, ids)).toMatchObject({ state: 'submitted', versions: 1 });
    });

    it('a commit whose condition fails every time: refused as busy, clearly not submitted, and a retry completes it', async () => {
      const { session, request, ids } = await sentAndOpen();
      let drafts = 0;
      const submissionId = randomUUID();
      const alwaysRacing = withFaultyTable(portal.deps, portal.tableName, async (name) => {
        if (name === 'TransactWriteItemsCommand') {
          drafts += 1;
          await saveDraft(portal.deps, session, request.id, { content: { earlyLearning: `edit ${drafts}` } });
        }
        return undefined;
      });
      await expect(
        submitReturn(alwaysRacing, session, request.id, { submissionId, content: content() }),
      ).rejects.toMatchObject({ kind: 'conflict', code: 'busy' });
      expect(drafts).toBe(5);
      expect(await submissionState(portal.deps, ids)).toEqual({ state: 'not-submitted' });
      await submitReturn(portal.deps, session, request.id, { submissionId, content: content() });
      expect(await submissionState(portal.deps, ids)).toMatchObject({ state: 'submitted', versions: 1, submissionId });
    });
  });

  describe('simultaneous requests through the API', () => {
    const shared = () =>
      ({
        store: store(),
        documents: new S3DocumentStore(new S3Client({ forcePathStyle: true }), process.env.DOCUMENTS_BUCKET as string),
      }) as unknown as PortalDeps;

    async function signedIn() {
      const scenario = await sentRequest();
      const agency = await signInAgency(scenario.token, scenario.record.reference);
      const ids = { partnershipId: 'leicester', caseId: scenario.record.id, requestId: scenario.requestId };
      return { ...scenario, agency, ids };
    }

    it('20 identical submits of one return: one record, the same receipt for all', async () => {
      const { agency, requestId, ids } = await signedIn();
      const body = { submissionId: randomUUID(), content: completeReply() };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => agency.post(`/agency/requests/${requestId}/submit`, body)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      expect(answers[0]!.body).toMatchObject({ status: 'submitted', version: 1, submissionId: body.submissionId });
      expect(await store().requests.listSubmitted(ids.partnershipId, ids.caseId, requestId)).toHaveLength(1);
      expect(await submissionState(shared(), ids)).toMatchObject({ state: 'submitted', versions: 1 });
    });

    it('20 different submits at once: one is taken, 19 are told it was already submitted', async () => {
      const { agency, requestId, ids } = await signedIn();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          agency.post(`/agency/requests/${requestId}/submit`, {
            submissionId: randomUUID(),
            content: completeReply({ earlyLearning: `Version ${i} of the learning.` }),
          }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, ...Array(19).fill(409)]);
      expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.error.code))).toEqual(
        new Set(['already-submitted']),
      );
      const winner = answers.find((a) => a.status === 200)!.body;
      expect(await submissionState(shared(), ids)).toMatchObject({
        state: 'submitted',
        versions: 1,
        submissionId: winner.submissionId,
      });
    });

    it('10 draft saves at once from version 0: one is kept, whole, and the others are told to reload', async () => {
      const { agency, requestId } = await signedIn();
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          agency.put(`/agency/requests/${requestId}/draft`, {
            content: { earlyLearning: `Tab ${i} was here.` },
            expectedVersion: 0,
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
      const kept = answers.findIndex((a) => a.status === 200);
      const view = await agency.get(`/agency/requests/${requestId}`);
      expect(view.body.draft).toMatchObject({ version: 1, content: { earlyLearning: `Tab ${kept} was here.` } });
    });
  });
});

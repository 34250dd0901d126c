import { memoryPortal } from '../../functions/adapters/memory';
import {
  startAgencySession,
  verifyAgencySession,
  resolveAgencySession,
} from '../../functions/domain/services/agency-access';
import { listAgencyRequests, saveDraft, submitReturn } from '../../functions/domain/services/agency-returns';
import { DomainError } from '../../functions/domain/errors';
import { createCase, getCase, listCases } from '../../functions/domain/services/cases';
import { runDailySweep } from '../../functions/domain/services/daily-sweep';
import {
  createRequestsBatch,
  markNotInvolved,
  sendRequest,
  withdrawRequest,
} from '../../functions/domain/services/request-actions';
import { createRequest, getReturn, listRequests } from '../../functions/domain/services/requests';
import { seedPartnerships } from '../../scripts/local/stack';
import { completeReply } from '../support/scenario';

/**
 * The domain over the in-memory adapters (functions/adapters/memory), no emulator needed: a lead's whole
 * way from the e-mailed link to a submitted return, then the daily run, with the clock moved.
 */
describe('the portal in memory', () => {
  it('takes a return from the link to the daily run', async () => {
    const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
    const { deps, mailer } = portal;
    await seedPartnerships(portal.store, true);
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const [agency] = await portal.store.agencies.list('leicester');
    const record = await createCase(deps, staff, {
      route: 'rapid-review',
      day0: '2026-12-18',
      subject: { name: 'Memory Child', dateOfBirth: '2020-05-05' },
    });
    const request = await createRequest(deps, staff, record.id, {
      agencyId: agency!.id,
      returnType: 'information-request-reply',
    });
    expect(request.dueOn).toBe('2027-01-06');
    await sendRequest(deps, staff, record.id, request.id);

    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mailer.sent.at(-1)!.text)![1]!;
    const challenge = await startAgencySession(deps, token);
    const code = /\bis (\d{6})\./.exec(mailer.sent.at(-1)!.text)![1]!;
    const { sessionSecret } = await verifyAgencySession(deps, challenge.challengeId, code);
    const session = await resolveAgencySession(deps, sessionSecret);

    expect(await saveDraft(deps, session, request.id, { content: { involvement: 'involved' } })).toMatchObject({
      version: 1,
    });
    const content = completeReply({ declaration: { ...completeReply().declaration, date: '2026-12-18' } }) as never;
    const receipt = await submitReturn(deps, session, request.id, { content });
    expect(await submitReturn(deps, session, request.id, { content })).toEqual(receipt);

    portal.setNow('2027-01-07T08:00:00.000Z');
    const report = await runDailySweep(deps);
    expect(report).toMatchObject({ workingDay: true, requestsDue: 0 });
    const [listed] = await listRequests(deps, staff, record.id);
    expect(listed).toMatchObject({ status: 'submitted', returnVersion: 1, reminders: [] });

    // A version that cannot be one is bad input; one that could be but was never submitted is not found.
    expect(await getReturn(deps, staff, record.id, request.id, 1)).toMatchObject({ version: 1 });
    for (const version of [0, 1.5, -1, 10_000, Number.NaN]) {
      await expect(getReturn(deps, staff, record.id, request.id, version)).rejects.toMatchObject({
        kind: 'invalid',
        issues: [{ path: 'version', message: 'Use a whole number from 1 to 9999, like version=2' }],
      });
    }
    await expect(getReturn(deps, staff, record.id, request.id, 2)).rejects.toMatchObject({
      kind: 'not-found',
      code: 'no-such-version',
    });
  });
});

describe('asking an agency for a return it has already been asked for, in memory', () => {
  /** The domain error a call was refused with (the test fails if it was not refused). */
  async function refusal(call: Promise<unknown>): Promise<DomainError> {
    const outcome = await call.then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(outcome instanceof DomainError)) throw new Error('expected the call to be refused');
    return outcome;
  }

  async function openCase() {
    const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
    await seedPartnerships(portal.store, true);
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const agencies = await portal.store.agencies.list('leicester');
    const record = await createCase(portal.deps, staff, {
      route: 'cspr',
      day0: '2026-12-18',
      subject: { name: 'Duplicate Child', dateOfBirth: '2020-05-05' },
    });
    return { portal, staff, agencies, record };
  }

  it('refuses a batch submitted twice: nothing more is created and nobody is e-mailed again', async () => {
    const { portal, staff, agencies, record } = await openCase();
    expect(agencies.length).toBeGreaterThanOrEqual(2);
    const [first, second] = agencies as [(typeof agencies)[0], (typeof agencies)[0]];
    const body = {
      agencyIds: [first.id, second.id],
      returnTypes: ['chronology', 'information-report'] as ('chronology' | 'information-report')[],
      send: true,
    };
    expect(await createRequestsBatch(portal.deps, staff, record.id, body)).toHaveLength(4);
    const mailed = portal.mailer.sent.length;

    const again = createRequestsBatch(portal.deps, staff, record.id, body);
    await expect(again).rejects.toMatchObject({ kind: 'conflict', code: 'already-requested' });
    const error = await refusal(again);
    expect(error.issues).toEqual([
      {
        path: 'agencyIds[0]',
        message: `${first.name} has already been asked for the Chronology of key events in this case`,
      },
      { path: 'agencyIds[0]', message: `${first.name} has already been asked for the Information Report in this case` },
      {
        path: 'agencyIds[1]',
        message: `${second.name} has already been asked for the Chronology of key events in this case`,
      },
      {
        path: 'agencyIds[1]',
        message: `${second.name} has already been asked for the Information Report in this case`,
      },
    ]);
    expect(error.message).not.toContain('Duplicate Child');
    expect(await listRequests(portal.deps, staff, record.id)).toHaveLength(4);
    expect(portal.mailer.sent).toHaveLength(mailed);

    // One pair already asked for refuses the whole batch, even with new pairs in it.
    const third = agencies[2];
    const mixed = createRequestsBatch(portal.deps, staff, record.id, {
      agencyIds: [...(third ? [third.id] : []), first.id],
      returnTypes: ['chronology', 'factual-summary'],
      send: false,
    });
    await expect(mixed).rejects.toMatchObject({ code: 'already-requested' });
    const refused = await refusal(mixed);
    expect(refused.issues).toHaveLength(1);
    expect(await listRequests(portal.deps, staff, record.id)).toHaveLength(4);
  });

  it('creates each pair once when two batches race', async () => {
    const { portal, staff, agencies, record } = await openCase();
    const body = {
      agencyIds: agencies.slice(0, 2).map((a) => a.id),
      returnTypes: ['chronology' as const],
      send: false,
    };
    const results = await Promise.allSettled([
      createRequestsBatch(portal.deps, staff, record.id, body),
      createRequestsBatch(portal.deps, staff, record.id, body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'already-requested' } });
    const requests = await listRequests(portal.deps, staff, record.id);
    expect(requests.map((r) => `${r.agencyId} ${r.returnType}`).sort()).toEqual(
      body.agencyIds.map((id) => `${id} chronology`).sort(),
    );
  });

  it('blocks asking again while the request stands, and allows it once withdrawn or marked not involved', async () => {
    const { portal, staff, agencies, record } = await openCase();
    const agency = agencies[0]!;
    const ask = () => createRequest(portal.deps, staff, record.id, { agencyId: agency.id, returnType: 'chronology' });
    const first = await ask();
    await expect(ask()).rejects.toMatchObject({
      kind: 'conflict',
      code: 'already-requested',
      message: `${agency.name} has already been asked for the Chronology of key events in this case.`,
      issues: [{ path: 'agencyId', message: expect.stringContaining(agency.name) }],
    });
    // The store holds the pair too, for a writer that skipped the domain's check.
    const { agencyName: _name, workingDaysLeft: _left, ...stored } = first;
    const duplicate = { ...stored, id: 'duplicate-request' };
    expect(
      await portal.store.requests.create(duplicate, {
        id: 'duplicate-audit',
        partnershipId: 'leicester',
        caseId: record.id,
        at: new Date().toISOString(),
        actor: { type: 'system', name: 'test' },
        action: 'request.created',
      }),
    ).toBe('already-requested');
    expect(await portal.store.requests.get('leicester', record.id, 'duplicate-request')).toBeUndefined();

    await sendRequest(portal.deps, staff, record.id, first.id);
    await expect(ask()).rejects.toMatchObject({ code: 'already-requested' });
    await withdrawRequest(portal.deps, staff, record.id, first.id, 'Sent to the wrong team');
    const second = await ask();
    await expect(ask()).rejects.toMatchObject({ code: 'already-requested' });
    await sendRequest(portal.deps, staff, record.id, second.id);
    await markNotInvolved(portal.deps, staff, record.id, second.id, 'No records found');
    const third = await ask();
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    const statuses = (await listRequests(portal.deps, staff, record.id)).map((r) => r.status).sort();
    expect(statuses).toEqual(['draft', 'not-involved', 'withdrawn']);
  });
});

describe('a deadline that passed on Friday, seen at the weekend, in memory', () => {
  it('is overdue (negative working days left) for the milestone, the request, the agency and the case list', async () => {
    const portal = memoryPortal({ now: '2026-12-04T10:00:00.000Z' }); // Friday
    const { deps, mailer } = portal;
    await seedPartnerships(portal.store, true);
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const [agency] = await portal.store.agencies.list('leicester');
    // Day 0 on Wednesday: working day 2, the requests-sent milestone, is Friday 4 December.
    const record = await createCase(deps, staff, {
      route: 'rapid-review',
      day0: '2026-12-02',
      subject: { name: 'Weekend Child', dateOfBirth: '2020-05-05' },
    });
    const request = await createRequest(deps, staff, record.id, {
      agencyId: agency!.id,
      returnType: 'information-request-reply',
      dueOn: '2026-12-04',
    });
    expect(request.workingDaysLeft).toBe(0);
    await sendRequest(deps, staff, record.id, request.id);
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mailer.sent.at(-1)!.text)![1]!;
    const challenge = await startAgencySession(deps, token);
    const code = /\bis (\d{6})\./.exec(mailer.sent.at(-1)!.text)![1]!;
    const { sessionSecret } = await verifyAgencySession(deps, challenge.challengeId, code);
    const session = await resolveAgencySession(deps, sessionSecret);

    portal.setNow('2026-12-06T12:00:00.000Z'); // Sunday
    const milestone = (await getCase(deps, staff, record.id)).milestones.find((m) => m.key === 'requests-sent');
    expect(milestone).toMatchObject({ due: '2026-12-04', workingDaysLeft: -1 });
    expect((await listRequests(deps, staff, record.id))[0]).toMatchObject({ dueOn: '2026-12-04', workingDaysLeft: -1 });
    expect((await listAgencyRequests(deps, session)).requests[0]).toMatchObject({ workingDaysLeft: -1 });
    const [listed] = await listCases(deps, staff);
    expect(listed?.returns).toMatchObject({ awaiting: 1, overdue: 1, dueSoon: 0 });
  });
});

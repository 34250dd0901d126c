import { memoryPortal } from '../../functions/adapters/memory';
import { renderWord } from '../../functions/formats/word';
import { meetingSummary } from '../../functions/domain/collation/summaries';
import { DomainError } from '../../functions/domain/errors';
import {
  resolveAgencySession,
  startAgencySession,
  verifyAgencySession,
} from '../../functions/domain/services/agency-access';
import { submitReturn } from '../../functions/domain/services/agency-returns';
import { closeCase } from '../../functions/domain/services/case-lifecycle';
import { createCase, listCases } from '../../functions/domain/services/cases';
import { requestMoreInformation, sendRequest } from '../../functions/domain/services/request-actions';
import { createRequest, listRequests } from '../../functions/domain/services/requests';
import { acknowledgeSafetyConcern } from '../../functions/domain/services/safety-concerns';
import { requestView } from '../../functions/http/views';
import { seedPartnerships } from '../../scripts/local/stack';
import { collationInput } from '../support/collation-fixture';
import { readDocx } from '../support/docx';
import { completeReply } from '../support/scenario';

/** The code a call was refused with (fails if it was not refused with a domain error). */
async function refusal(call: Promise<unknown>): Promise<string> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof DomainError)) throw new Error('expected the call to be refused');
  return outcome.code;
}

const DAY = '2026-12-18';
const concern = (details: string) =>
  completeReply({
    immediateSafetyConcern: { raised: true, details },
    declaration: { ...completeReply().declaration, date: DAY },
  }) as never;

/** A case whose one request has a submitted reply raising an immediate safety concern, in memory. */
async function caseWithConcern() {
  const portal = memoryPortal({ now: `${DAY}T10:00:00.000Z` });
  const { deps, mailer } = portal;
  await seedPartnerships(portal.store, true);
  const staff = { userId: 'officer-1', username: 'officer.test', partnershipId: 'leicester' };
  const [agency] = await portal.store.agencies.list('leicester');
  const record = await createCase(deps, staff, {
    route: 'rapid-review',
    day0: DAY,
    subject: { name: 'Memory Child', dateOfBirth: '2020-05-05' },
  });
  const request = await createRequest(deps, staff, record.id, {
    agencyId: agency!.id,
    returnType: 'information-request-reply',
  });
  await sendRequest(deps, staff, record.id, request.id);
  const token = /#token=([A-Za-z0-9_-]{43})/.exec(mailer.sent.at(-1)!.text)![1]!;
  const challenge = await startAgencySession(deps, token);
  const code = /\bis (\d{6})\./.exec(mailer.sent.at(-1)!.text)![1]!;
  const { sessionSecret } = await verifyAgencySession(deps, challenge.challengeId, code);
  const session = await resolveAgencySession(deps, sessionSecret);
  await submitReturn(deps, session, request.id, { content: concern('Younger sibling still at the address.') });
  const summary = async () => (await listCases(deps, staff)).find((c) => c.id === record.id)!.returns;
  const latest = async () => (await listRequests(deps, staff, record.id))[0]!;
  return { portal, deps, staff, record, request, session, summary, latest };
}

describe('acknowledging an immediate safety concern', () => {
  it('records what was done, by whom and when, in the audit trail; the concern stays but no longer needs action', async () => {
    const { deps, staff, record, request, summary, latest, portal } = await caseWithConcern();
    expect(await summary()).toMatchObject({ safetyConcerns: 1, safetyConcernsAcknowledged: 0 });

    const action = 'Discussed with MASH; police welfare check made 3 Dec';
    const acknowledged = await acknowledgeSafetyConcern(deps, staff, record.id, request.id, { action: ` ${action} ` });
    expect(requestView(acknowledged)).toMatchObject({
      immediateSafetyConcern: true,
      safetyConcernAcknowledgement: {
        returnVersion: 1,
        action,
        acknowledgedAt: `${DAY}T10:00:00.000Z`,
        acknowledgedBy: 'officer.test',
      },
    });
    expect(await summary()).toMatchObject({ safetyConcerns: 0, safetyConcernsAcknowledged: 1 });
    expect(requestView(await latest()).safetyConcernAcknowledgement?.action).toBe(action);
    const events = await portal.store.audit.list('leicester', record.id);
    expect(events.find((e) => e.action === 'safety-concern.acknowledged')).toMatchObject({
      requestId: request.id,
      actor: { type: 'staff', username: 'officer.test' },
      detail: { version: 1, actionTaken: action },
    });
  });

  it('needs the action, and is refused a second time, for a request with no concern, and on a closed case', async () => {
    const { deps, staff, record, request } = await caseWithConcern();
    expect(await refusal(acknowledgeSafetyConcern(deps, staff, record.id, request.id, { action: '  ' }))).toBe(
      'invalid-request',
    );
    await acknowledgeSafetyConcern(deps, staff, record.id, request.id, { action: 'Strategy discussion held' });
    expect(await refusal(acknowledgeSafetyConcern(deps, staff, record.id, request.id, { action: 'Again' }))).toBe(
      'already-acknowledged',
    );

    const other = await caseWithConcern();
    const [agency] = await other.portal.store.agencies.list('leicester');
    const plain = await createRequest(other.deps, other.staff, other.record.id, {
      agencyId: agency!.id,
      returnType: 'chronology',
    });
    expect(
      await refusal(acknowledgeSafetyConcern(other.deps, other.staff, other.record.id, plain.id, { action: 'x' })),
    ).toBe('no-safety-concern');
    await closeCase(other.deps, other.staff, other.record.id, 'Review complete');
    expect(
      await refusal(
        acknowledgeSafetyConcern(other.deps, other.staff, other.record.id, other.request.id, { action: 'x' }),
      ),
    ).toBe('case-closed');
  });

  it('does not cover a later version that raises a concern again', async () => {
    const { deps, staff, record, request, session, summary, latest } = await caseWithConcern();
    await acknowledgeSafetyConcern(deps, staff, record.id, request.id, { action: 'Welfare check made' });
    await requestMoreInformation(deps, staff, record.id, request.id, {
      dueOn: '2026-12-23',
      reason: 'Add the 2024 contacts',
    });
    await submitReturn(deps, session, request.id, { content: concern('The older sibling has been threatened too.') });
    expect(await summary()).toMatchObject({ safetyConcerns: 1, safetyConcernsAcknowledged: 0 });
    expect(requestView(await latest())).toMatchObject({ immediateSafetyConcern: true, returnVersion: 2 });
    expect(requestView(await latest()).safetyConcernAcknowledgement).toBeUndefined();
    const again = await acknowledgeSafetyConcern(deps, staff, record.id, request.id, { action: 'Strategy meeting' });
    expect(again.safetyConcernAcknowledgement).toMatchObject({ returnVersion: 2, action: 'Strategy meeting' });
  });
});

describe('the Combined Summary lists what was done about each concern', () => {
  const ack = {
    returnVersion: 1,
    action: 'Strategy discussion; Alfie placed with his grandmother',
    acknowledgedAt: '2026-11-07T09:30:00.000Z',
    acknowledgedBy: 'officer.leicester',
  };
  const withAck = () => {
    const input = collationInput();
    input.requests = input.requests.map((r) =>
      r.agencyName === 'University Hospitals of Leicester' ? { ...r, safetyConcernAcknowledgement: ack } : r,
    );
    return input;
  };

  it('with the officer and the day in the named version, and "not yet recorded" until then', async () => {
    const named = readDocx(await renderWord(meetingSummary(withAck(), 'named'))).all;
    expect(named).toContain('Action taken by the business office');
    expect(named).toContain(
      'Strategy discussion; Alfie placed with his grandmother (recorded by officer.leicester on Saturday 7 November 2026)',
    );
    const before = readDocx(await renderWord(meetingSummary(collationInput(), 'named'))).all;
    expect(before).toContain('Not yet recorded');
  });

  it('without the officer, and anonymised, in the anonymised version', async () => {
    const anonymised = readDocx(await renderWord(meetingSummary(withAck(), 'anonymised'))).all;
    expect(anonymised).toContain('Strategy discussion; Child R placed with his grandmother (recorded on');
    expect(anonymised).not.toContain('officer.leicester');
    expect(anonymised).not.toMatch(/Alfie/);
  });
});

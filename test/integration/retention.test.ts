import { randomUUID } from 'node:crypto';
import { createAgency } from '../../functions/domain/services/agencies';
import { submitReturn } from '../../functions/domain/services/agency-returns';
import type { DomainError } from '../../functions/domain/errors';
import { closeCase, setLegalHold } from '../../functions/domain/services/case-lifecycle';
import { createCase } from '../../functions/domain/services/cases';
import { runDailySweep } from '../../functions/domain/services/daily-sweep';
import { sendRequest } from '../../functions/domain/services/request-actions';
import { createRequest } from '../../functions/domain/services/requests';
import { isolatedPortal, type IsolatedPortal } from '../support/isolated-portal';
import { completeReply } from '../support/scenario';

/** Closing a case starts the retention clock; at its end the returns go, the record that they existed stays. */
jest.setTimeout(60_000);

async function closedCaseWithReturn(portal: IsolatedPortal) {
  portal.setNow('2026-11-02T10:00:00.000Z');
  const staff = portal.staff();
  const reference = `RET-${randomUUID().slice(0, 8).toUpperCase()}`;
  const record = await createCase(portal.deps, staff, {
    route: 'rapid-review',
    day0: '2026-11-02',
    reference,
    subject: { name: 'Retention Testchild', dateOfBirth: '2019-01-01', address: '9 Purge Road' },
  });
  const agency = await createAgency(portal.deps, staff, {
    name: `Agency ${reference}`,
    kind: 'police',
    leadName: 'Lead',
    leadEmail: `lead-${reference.toLowerCase()}@force.police.uk`,
  });
  const request = await createRequest(portal.deps, staff, record.id, {
    agencyId: agency.id,
    returnType: 'information-request-reply',
  });
  await sendRequest(portal.deps, staff, record.id, request.id);
  const session = {
    sessionHash: 's',
    tokenHash: 't',
    partnershipId: 'leicester',
    caseId: record.id,
    agencyId: agency.id,
    createdAt: '',
    lastSeenAt: '',
    expiresAt: '',
  };
  await submitReturn(portal.deps, session, request.id, {
    content: completeReply({ declaration: { ...completeReply().declaration, date: '2026-11-02' } }) as never,
  });
  const submitted = await portal.deps.store.requests.getSubmitted('leicester', record.id, request.id, 1);
  const closed = await closeCase(portal.deps, staff, record.id, 'Rapid Review complete');
  return { staff, record, request, closed, documentKey: submitted!.documentKey };
}

describe('retention', () => {
  let portal: IsolatedPortal;
  beforeAll(async () => {
    portal = await isolatedPortal();
  });

  it('deletes a closed case’s returns and documents once its period ends, and records that it did', async () => {
    const { record, closed, documentKey } = await closedCaseWithReturn(portal);
    expect(closed.retainUntil).toBe('2032-11-02'); // six calendar years after closing, as the profile says
    expect(await portal.deps.documents.getJson(documentKey)).toBeDefined();

    portal.setNow('2032-11-01T08:00:00.000Z'); // the Monday before the date: nothing yet
    expect((await runDailySweep(portal.deps)).casesDeleted).toBe(0);
    portal.setNow('2032-11-02T08:00:00.000Z'); // the Tuesday it falls on
    expect((await runDailySweep(portal.deps)).casesDeleted).toBeGreaterThanOrEqual(1);

    expect(await portal.deps.documents.getJson(documentKey)).toBeUndefined();
    expect(await portal.deps.store.requests.listForCase('leicester', record.id)).toEqual([]);
    const after = await portal.deps.store.cases.get('leicester', record.id);
    expect(after).toMatchObject({
      reference: record.reference,
      status: 'closed',
      purgedAt: '2032-11-02T08:00:00.000Z',
    });
    expect(after?.subject).toBeUndefined();
    const trail = await portal.deps.store.audit.list('leicester', record.id);
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['case.opened', 'return.submitted', 'case.closed', 'case.retention-deleted']),
    );
    expect(JSON.stringify(trail)).not.toContain('Retention Testchild');
  });

  it('deletes nothing while a legal hold stands, and resumes when it is lifted', async () => {
    const { staff, record, documentKey } = await closedCaseWithReturn(portal);
    await setLegalHold(portal.deps, staff, record.id, { hold: true, reason: 'Criminal investigation ongoing' });
    portal.setNow('2032-11-02T08:00:00.000Z'); // the retention date itself
    await runDailySweep(portal.deps);
    expect(await portal.deps.documents.getJson(documentKey)).toBeDefined();
    expect((await portal.deps.store.cases.get('leicester', record.id))?.subject?.name).toBe('Retention Testchild');

    await setLegalHold(portal.deps, staff, record.id, { hold: false, reason: 'Trial concluded' });
    portal.setNow('2032-11-03T08:00:00.000Z');
    await runDailySweep(portal.deps);
    expect(await portal.deps.documents.getJson(documentKey)).toBeUndefined();
    const trail = (await portal.deps.store.audit.list('leicester', record.id)).map((e) => e.action);
    expect(trail).toEqual(
      expect.arrayContaining(['case.legal-hold-placed', 'case.legal-hold-lifted', 'case.retention-deleted']),
    );
  });

  it('places a hold once and lifts it once: a second is a 409 that keeps when the first was placed', async () => {
    const { staff, record } = await closedCaseWithReturn(portal);
    const refusal = (call: Promise<unknown>) =>
      call.then(
        () => 'done',
        (error: DomainError) => `${error.kind} ${error.code}`,
      );
    const place = (reason: string) => setLegalHold(portal.deps, staff, record.id, { hold: true, reason });
    portal.setNow('2026-11-03T10:00:00.000Z');
    // Two officers at once: the store lets one in.
    expect((await Promise.all([place('Police request'), place('Coroner request')].map(refusal))).sort()).toEqual([
      'conflict legal-hold-already-placed',
      'done',
    ]);
    portal.setNow('2026-11-04T10:00:00.000Z');
    const again = await place('Inquiry').catch((error: DomainError) => error);
    expect([(again as DomainError).code, (again as DomainError).message]).toEqual([
      'legal-hold-already-placed',
      'This case has been under a legal hold since Tuesday 3 November 2026. Lift it first to place another.',
    ]);
    expect((await portal.deps.store.cases.get('leicester', record.id))?.legalHold?.since).toBe(
      '2026-11-03T10:00:00.000Z',
    );
    const lift = () => setLegalHold(portal.deps, staff, record.id, { hold: false, reason: 'Concluded' });
    await lift();
    expect(await refusal(lift())).toBe('conflict no-legal-hold');
    const trail = (await portal.deps.store.audit.list('leicester', record.id)).map((e) => e.action);
    expect(trail.filter((a) => a.startsWith('case.legal-hold'))).toEqual([
      'case.legal-hold-placed',
      'case.legal-hold-lifted',
    ]);
  });
});

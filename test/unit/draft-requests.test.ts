import { memoryPortal } from '../../functions/adapters/memory';
import { createCase } from '../../functions/domain/services/cases';
import {
  extendRequest,
  markNotInvolved,
  sendRequest,
  withdrawRequest,
} from '../../functions/domain/services/request-actions';
import { createRequest, listRequests } from '../../functions/domain/services/requests';
import { seedPartnerships } from '../../scripts/local/stack';

/**
 * A request not yet sent is the business office's own draft: its agency has not been asked, so changing
 * or withdrawing it tells the agency nothing and leaves the agency's links in the case alone.
 */
async function caseWithDraft() {
  const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
  await seedPartnerships(portal.store, true);
  const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
  const [agency] = await portal.store.agencies.list('leicester');
  const record = await createCase(portal.deps, staff, {
    route: 'rapid-review',
    day0: '2026-12-18',
    subject: { name: 'Draft Child', dateOfBirth: '2020-05-05' },
  });
  // The agency already has a live link in the case, for another return it was sent.
  const sent = await createRequest(portal.deps, staff, record.id, { agencyId: agency!.id, returnType: 'chronology' });
  await sendRequest(portal.deps, staff, record.id, sent.id);
  const draft = await createRequest(portal.deps, staff, record.id, {
    agencyId: agency!.id,
    returnType: 'information-request-reply',
  });
  const liveLinks = async () => {
    const links = await portal.store.links.listForCase('leicester', record.id, agency!.id);
    const grants = await Promise.all(links.map((l) => portal.store.links.get(l.tokenHash)));
    return grants.filter((g) => g && !g.revokedAt).length;
  };
  return { portal, staff, record, draft, liveLinks, mailed: portal.mailer.sent.length };
}

describe('a request not yet sent', () => {
  it('takes a new due date, earlier or later, without e-mailing anyone or touching the agency’s links', async () => {
    const { portal, staff, record, draft, liveLinks, mailed } = await caseWithDraft();
    expect(draft.dueOn).toBe('2027-01-06');
    expect(await liveLinks()).toBe(1);

    const later = await extendRequest(portal.deps, staff, record.id, draft.id, {
      dueOn: '2027-01-08',
      reason: 'Agency asked for the holidays',
    });
    expect(later.request).toMatchObject({ status: 'draft', dueOn: '2027-01-08' });
    expect(later.email).toBeUndefined();
    expect(later.request.emailStatus).toBeUndefined();
    // The agency has been given no date yet, so an earlier one cuts nothing short.
    const earlier = await extendRequest(portal.deps, staff, record.id, draft.id, {
      dueOn: '2027-01-05',
      reason: 'Meeting brought forward',
    });
    expect(earlier.request.dueOn).toBe('2027-01-05');

    expect(portal.mailer.sent).toHaveLength(mailed);
    expect(await liveLinks()).toBe(1);
    const trail = await portal.store.audit.list('leicester', record.id);
    expect(trail.filter((e) => e.requestId === draft.id).map((e) => e.action)).toEqual([
      'request.created',
      'request.due-date-changed',
      'request.due-date-changed',
    ]);
  });

  it('is withdrawn silently, and then cannot be sent: the answer says it was withdrawn', async () => {
    const { portal, staff, record, draft, liveLinks, mailed } = await caseWithDraft();
    const withdrawn = await withdrawRequest(portal.deps, staff, record.id, draft.id, 'Not needed after all');
    expect(withdrawn.request.status).toBe('withdrawn');
    expect(withdrawn.email).toBeUndefined();
    expect(portal.mailer.sent).toHaveLength(mailed);
    expect(await liveLinks()).toBe(1);
    const listed = (await listRequests(portal.deps, staff, record.id)).find((r) => r.id === draft.id);
    expect(listed).toMatchObject({ status: 'withdrawn' });
    expect(listed!.emailStatus).toBeUndefined();
    expect(listed!.sentAt).toBeUndefined();

    await expect(sendRequest(portal.deps, staff, record.id, draft.id)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/^This request was withdrawn, so it cannot be sent\./),
    });
    expect(portal.mailer.sent).toHaveLength(mailed);
  });

  it('cannot be marked not involved: the agency was never asked, and withdrawing is offered instead', async () => {
    const { portal, staff, record, draft, mailed } = await caseWithDraft();
    await expect(markNotInvolved(portal.deps, staff, record.id, draft.id, 'No records')).rejects.toMatchObject({
      kind: 'conflict',
      code: 'not-allowed',
      message: expect.stringContaining('Withdraw the request'),
    });
    expect((await listRequests(portal.deps, staff, record.id)).find((r) => r.id === draft.id)?.status).toBe('draft');
    expect(portal.mailer.sent).toHaveLength(mailed);
  });

  it('once sent, is still told of a new date, which must then be later', async () => {
    const { portal, staff, record, draft, mailed } = await caseWithDraft();
    await sendRequest(portal.deps, staff, record.id, draft.id);
    await expect(
      extendRequest(portal.deps, staff, record.id, draft.id, { dueOn: '2027-01-05', reason: 'Earlier' }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    const extended = await extendRequest(portal.deps, staff, record.id, draft.id, {
      dueOn: '2027-01-08',
      reason: 'Records off-site',
    });
    expect(extended.email).toEqual({ status: 'sent' });
    expect(portal.mailer.sent.slice(mailed).map((m) => m.subject.split(' for case')[0])).toEqual([
      'Information request',
      'Information request',
      'New due date',
      'New due date',
    ]);
  });
});

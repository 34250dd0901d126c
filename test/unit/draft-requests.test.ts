import { memoryPortal } from '../../functions/adapters/memory';
import { createCase } from '../../functions/domain/services/cases';
import { runDailySweep } from '../../functions/domain/services/daily-sweep';
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

describe('sending a request whose due date has passed', () => {
  it('is refused until the office sets a new date; then the ladder starts from the new date', async () => {
    // Created on Fri 18 Dec 2026 with the default date, Wed 6 Jan 2027, and left unsent until Fri 8 Jan.
    const { portal, staff, record, draft } = await caseWithDraft();
    portal.setNow('2027-01-08T10:00:00.000Z');
    const mailed = portal.mailer.sent.length;
    await expect(sendRequest(portal.deps, staff, record.id, draft.id)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'due-date-passed',
      message:
        'The due date of this request, Wednesday 6 January 2027, has passed. Change the due date, then send the request.',
    });
    expect(portal.mailer.sent).toHaveLength(mailed);
    const [, stillDraft] = await listRequests(portal.deps, staff, record.id);
    expect(stillDraft).toMatchObject({ id: draft.id, status: 'draft' });
    expect(stillDraft!.sentAt).toBeUndefined();

    await extendRequest(portal.deps, staff, record.id, draft.id, { dueOn: '2027-01-13', reason: 'Sent late' });
    await sendRequest(portal.deps, staff, record.id, draft.id);
    // The next run escalates nobody over this request: its ladder runs to Wed 13 January. (The agency's
    // chronology, sent on 18 December and due on 6 January, is escalated as it should be.)
    portal.setNow('2027-01-11T08:00:00.000Z');
    const before = portal.mailer.sent.length;
    await runDailySweep(portal.deps);
    // (The office's statutory-risk alerts name the replies too: they are not about this request's ladder.)
    const about = portal.mailer.sent
      .slice(before)
      .filter((m) => !m.subject.startsWith('Rapid Review') && m.text.includes('Information Request Reply'));
    expect(about).toEqual([]);
    expect(portal.mailer.sent.slice(before).some((m) => m.text.includes('Chronology of key events'))).toBe(true);
    const [, listed] = await listRequests(portal.deps, staff, record.id);
    expect(listed).toMatchObject({ status: 'sent', dueOn: '2027-01-13', nextActionOn: '2027-01-12' });
  });
});

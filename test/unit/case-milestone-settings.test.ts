import { memoryPortal } from '../../functions/adapters/memory';
import { createCase, getCase } from '../../functions/domain/services/cases';
import { runDailySweep } from '../../functions/domain/services/daily-sweep';
import { sendRequest } from '../../functions/domain/services/request-actions';
import { createRequest } from '../../functions/domain/services/requests';
import { seedPartnerships } from '../../scripts/local/stack';

/**
 * A case keeps the meeting window it was opened under (ADR 0008): a Rapid Review notified Fri 18 Dec 2026
 * under 10–13 (window from Wed 6 Jan 2027), then the partnership changes to §4.4.2's 7–13 (from Thu 31 Dec).
 */
const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };

async function openedThenReconfigured() {
  const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
  await seedPartnerships(portal.store, true);
  const open = () =>
    createCase(portal.deps, staff, {
      route: 'rapid-review',
      day0: '2026-12-18',
      subject: { name: 'Window Child', dateOfBirth: '2020-05-05' },
    });
  const before = await open();
  const partnership = await portal.store.partnerships.get('leicester');
  await portal.store.partnerships.put({ ...partnership!, rapidReviewMeetingWindow: { from: 7, to: 13 } });
  const after = await open();
  const windowOf = async (caseId: string) =>
    (await getCase(portal.deps, staff, caseId)).milestones.find((m) => m.key === 'meeting');
  return { portal, before, after, windowOf };
}

describe("a case's milestones after the partnership's meeting window changes", () => {
  it('stay where they were for a case already open, and follow the change for a case opened after it', async () => {
    const { portal, before, after, windowOf } = await openedThenReconfigured();
    expect(await windowOf(before.id)).toMatchObject({ from: '2027-01-06', due: '2027-01-11' });
    expect(await windowOf(after.id)).toMatchObject({ from: '2026-12-31', due: '2027-01-11' });
    expect((await portal.store.cases.get('leicester', before.id))!.milestoneSettings).toEqual({
      rapidReviewMeetingWindow: { from: 10, to: 13 },
    });
  });

  it("give a new request of the open case that case's reply date, and alert on that case's schedule", async () => {
    const { portal, before } = await openedThenReconfigured();
    const [agency] = await portal.store.agencies.list('leicester');
    const reply = await createRequest(portal.deps, staff, before.id, {
      agencyId: agency!.id,
      returnType: 'information-request-reply',
    });
    expect(reply.dueOn).toBe('2027-01-06');
    await sendRequest(portal.deps, staff, before.id, reply.id);
    const alertsOn = async (day: string) => {
      portal.setNow(`${day}T08:00:00.000Z`);
      const sent = portal.mailer.sent.length;
      await runDailySweep(portal.deps);
      return portal.mailer.sent.slice(sent).filter((m) => m.subject.includes(`Rapid Review ${before.reference}`));
    };
    expect(await alertsOn('2027-01-04')).toEqual([]);
    const [alert] = await alertsOn('2027-01-07');
    expect(alert!.text).toContain('(Wednesday 6 January 2027 to Monday 11 January 2027)');
  });

  it('of a case stored before cases kept their settings, follow the current configuration', async () => {
    const { portal, before, windowOf } = await openedThenReconfigured();
    const stored = await portal.store.cases.get('leicester', before.id);
    const { milestoneSettings: _dropped, ...legacy } = stored!;
    const id = '01LEGACYCASE0000000000000B';
    await portal.store.cases.create(
      { ...legacy, id, reference: 'LSCPB-2026-0098' },
      {
        id: '01LEGACYAUDIT000000000000B',
        partnershipId: 'leicester',
        caseId: id,
        at: '2026-12-18T10:00:00.000Z',
        actor: { type: 'system', name: 'test' },
        action: 'case.opened',
      },
    );
    expect(await windowOf(id)).toMatchObject({ from: '2026-12-31', due: '2027-01-11' });
  });
});

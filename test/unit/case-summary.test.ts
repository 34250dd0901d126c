import { memoryPortal } from '../../functions/adapters/memory';
import type { ReturnRequest } from '../../functions/domain/model';
import { createCase, summariseReturns, withMilestones } from '../../functions/domain/services/cases';
import { seedPartnerships } from '../../scripts/local/stack';

/** The case list's summary of a case's returns (GET /api/cases), from which the dashboard's state is made. */
const { deps } = memoryPortal({ now: '2026-12-01T10:00:00.000Z' });

function request(changes: Partial<ReturnRequest>): ReturnRequest {
  return {
    id: 'r',
    partnershipId: 'leicester',
    caseId: 'c',
    agencyId: 'a',
    returnType: 'chronology',
    status: 'sent',
    dueOn: '2026-12-10',
    createdAt: '2026-11-30T09:00:00.000Z',
    createdBy: 'officer',
    route: 'rapid-review',
    caseReference: 'TEST-1',
    revision: 1,
    ...changes,
  };
}

describe('the summary of a case’s returns', () => {
  it('counts nil returns in, submitted or accepted, apart from the others', () => {
    const summary = summariseReturns(deps, [
      request({ status: 'submitted', nilReturn: true }),
      request({ status: 'accepted', nilReturn: true }),
      request({ status: 'accepted', nilReturn: false }),
      // Reopened after a nil return: the agency owes a new version, so it is not counted as a nil return.
      request({ status: 'more-info-requested', nilReturn: true }),
    ]);
    expect(summary).toMatchObject({ total: 4, submitted: 1, closed: 2, awaiting: 1, nilReturns: 2 });
  });
});

describe('what the case list gives the dashboard to judge statutory risk by', () => {
  it('the due dates of the requests still owed, earliest first', () => {
    const summary = summariseReturns(deps, [
      request({ status: 'opened', dueOn: '2026-12-15' }),
      request({ status: 'draft', dueOn: '2026-12-10' }),
      request({ status: 'submitted', dueOn: '2026-12-04' }),
      request({ status: 'withdrawn', dueOn: '2026-12-03' }),
    ]);
    expect(summary.outstandingDueDates).toEqual(['2026-12-10', '2026-12-15']);
  });

  it('each watched milestone with the day the daily run starts alerting on it', async () => {
    const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
    await seedPartnerships(portal.store, true);
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const subject = { name: 'Memory Child', dateOfBirth: '2020-05-05' };
    const rapid = await createCase(portal.deps, staff, { route: 'rapid-review', day0: '2026-12-18', subject });
    const warnFrom = Object.fromEntries(rapid.milestones.map((m) => [m.key, m.warnFrom]));
    // The alerts the daily run will raise, and the milestones they are about (ADR 0010).
    // Replies due Wed 6 Jan 2027 are reported missing the working day after (ADR 0010).
    expect(rapid.alertSchedule).toEqual([
      { kind: 'replies-missing-at-meeting', on: '2027-01-07' },
      { kind: 'national-panel-at-risk', on: '2027-01-11' },
    ]);
    expect(warnFrom).toEqual({
      'requests-sent': undefined,
      'replies-due': undefined,
      meeting: '2027-01-07',
      'national-panel': '2027-01-11',
    });
    // A schedule stored before that rule checks on the replies' due date; the daily run defers it, as the pages do.
    const partnership = (await portal.store.partnerships.get('leicester'))!;
    const stored = {
      ...rapid,
      alertSchedule: [
        { kind: 'replies-missing-at-meeting' as const, on: '2027-01-06' },
        { kind: 'national-panel-at-risk' as const, on: '2027-01-11' },
      ],
    };
    expect(withMilestones(portal.deps, partnership, stored).milestones.find((m) => m.key === 'meeting')).toMatchObject({
      warnFrom: '2027-01-07',
    });
    const cspr = await createCase(portal.deps, staff, { route: 'cspr', day0: '2026-12-18', subject });
    expect(cspr.milestones).toEqual([
      expect.objectContaining({ key: 'review-complete', due: '2027-06-18', warnFrom: cspr.alertSchedule?.[0]?.on }),
    ]);
    expect(cspr.alertSchedule?.[0]?.on).toBe('2027-05-07');
  });
});

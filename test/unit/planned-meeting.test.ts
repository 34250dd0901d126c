import { memoryPortal } from '../../functions/adapters/memory';
import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { DomainError } from '../../functions/domain/errors';
import { meetingWindowOf, outsideMeetingWindow } from '../../functions/domain/meeting-window';
import { milestonesFor } from '../../functions/domain/milestones';
import { closeCase } from '../../functions/domain/services/case-lifecycle';
import { createCase, getCase } from '../../functions/domain/services/cases';
import { recordMeetingDecision } from '../../functions/domain/services/meeting-decisions';
import { setPlannedMeeting } from '../../functions/domain/services/planned-meeting';
import { caseView } from '../../functions/http/views';
import { seedPartnerships } from '../../scripts/local/stack';

async function refusal(call: Promise<unknown>): Promise<{ code: string; issues?: unknown }> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof DomainError)) throw new Error('expected the call to be refused');
  return { code: outcome.code, ...(outcome.issues ? { issues: outcome.issues } : {}) };
}

// DOMAIN.md's example: notification Fri 18 Dec 2026; the window (10–13) is Wed 6 Jan – Mon 11 Jan 2027.
const DAY0 = '2026-12-18';

async function rapidReview(route: 'rapid-review' | 'cspr' = 'rapid-review') {
  const portal = memoryPortal({ now: `${DAY0}T10:00:00.000Z` });
  await seedPartnerships(portal.store, true);
  const staff = { userId: 'officer-1', username: 'officer.test', partnershipId: 'leicester' };
  const record = await createCase(portal.deps, staff, {
    route,
    day0: DAY0,
    subject: { name: 'Memory Child', dateOfBirth: '2020-05-05' },
  });
  const events = async () => (await portal.store.audit.list('leicester', record.id)).map((e) => [e.action, e.detail]);
  return { portal, deps: portal.deps, staff, record, events };
}

describe('the meeting window', () => {
  const milestones = milestonesFor('rapid-review', DAY0, englandAndWalesCalendar());
  it('is the meeting milestone’s span, and a date before or after it is outside', () => {
    expect(meetingWindowOf(milestones)).toEqual({ from: '2027-01-06', to: '2027-01-11' });
    expect(outsideMeetingWindow(milestones, '2027-01-06')).toBeUndefined();
    expect(outsideMeetingWindow(milestones, '2027-01-11')).toBeUndefined();
    expect(outsideMeetingWindow(milestones, DAY0)).toBe('before');
    expect(outsideMeetingWindow(milestones, '2027-01-12')).toBe('after');
    expect(outsideMeetingWindow(milestonesFor('cspr', DAY0, englandAndWalesCalendar()), DAY0)).toBeUndefined();
  });
});

describe('setting the Rapid Review meeting date in advance', () => {
  it('records the date, who set it and when, on the case and in the audit trail; a change keeps the previous date', async () => {
    const { deps, staff, record, events } = await rapidReview();
    const set = await setPlannedMeeting(deps, staff, record.id, { date: '2027-01-07' });
    expect(caseView(set).plannedMeeting).toEqual({
      date: '2027-01-07',
      setAt: `${DAY0}T10:00:00.000Z`,
      setBy: 'officer.test',
    });
    expect((await getCase(deps, staff, record.id)).plannedMeeting?.date).toBe('2027-01-07');
    await setPlannedMeeting(deps, staff, record.id, { date: '2027-01-08', reason: 'The chair is away on the 7th' });
    expect((await events()).filter(([action]) => action === 'case.meeting-planned')).toEqual([
      ['case.meeting-planned', { meetingDate: '2027-01-07', outsideWindow: false }],
      [
        'case.meeting-planned',
        {
          meetingDate: '2027-01-08',
          previousDate: '2027-01-07',
          outsideWindow: false,
          reason: 'The chair is away on the 7th',
        },
      ],
    ]);
  });

  it('accepts a date outside the window, and records that it is', async () => {
    const { deps, staff, record, events } = await rapidReview();
    await setPlannedMeeting(deps, staff, record.id, { date: '2027-01-13' });
    expect((await events()).at(-1)).toEqual([
      'case.meeting-planned',
      { meetingDate: '2027-01-13', outsideWindow: true },
    ]);
  });

  it('refuses a past day, a weekend or bank holiday, another route and a closed case', async () => {
    const { deps, staff, record } = await rapidReview();
    expect(await refusal(setPlannedMeeting(deps, staff, record.id, { date: '2026-12-17' }))).toMatchObject({
      code: 'invalid-request',
      issues: [{ path: 'date', message: 'The meeting date cannot be in the past' }],
    });
    expect(await refusal(setPlannedMeeting(deps, staff, record.id, { date: '2026-12-28' }))).toMatchObject({
      issues: [{ path: 'date', message: expect.stringContaining('working day') }],
    });
    const cspr = await rapidReview('cspr');
    expect(await refusal(setPlannedMeeting(cspr.deps, cspr.staff, cspr.record.id, { date: '2027-01-07' }))).toEqual({
      code: 'no-meeting-to-plan',
    });
    await closeCase(deps, staff, record.id, 'Done');
    expect(await refusal(setPlannedMeeting(deps, staff, record.id, { date: '2027-01-07' }))).toEqual({
      code: 'case-closed',
    });
  });
});

describe("the meeting's decision", () => {
  it('records a meeting held outside the window as such', async () => {
    const { portal, deps, staff, record, events } = await rapidReview();
    const decision = {
      decision: 'no-further-review' as const,
      rationale: 'Criteria not met.',
      learningIdentified: 'Shared at once.',
    };
    await recordMeetingDecision(deps, staff, record.id, { ...decision, meetingDate: DAY0 });
    expect((await events()).at(-1)).toEqual([
      'meeting-decision.recorded',
      { decision: 'no-further-review', meetingDate: DAY0, replaced: false, outsideWindow: true },
    ]);
    portal.setNow('2027-01-07T16:00:00.000Z');
    await recordMeetingDecision(deps, staff, record.id, { ...decision, meetingDate: '2027-01-07' });
    expect((await events()).at(-1)?.[1]).toEqual({
      decision: 'no-further-review',
      meetingDate: '2027-01-07',
      replaced: true,
    });
  });
});

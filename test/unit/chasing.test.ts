import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import {
  caseAlertSchedule,
  DEFAULT_ALERT_SETTINGS,
  DEFAULT_LADDERS,
  ladderProblems,
  planChase,
  resumeLadder,
  startOfLadder,
  stepDate,
} from '../../functions/domain/chasing';
import { milestonesFor } from '../../functions/domain/milestones';

const calendar = englandAndWalesCalendar();
const rapid = DEFAULT_LADDERS['rapid-review'];
const referral = DEFAULT_LADDERS['agency-referral'];

describe('the chasing ladder', () => {
  // A Rapid Review notified Fri 18 Dec 2026: replies due working day 10, Wed 6 Jan 2027.
  const dueOn = '2027-01-06';

  it('counts its steps in working days across Christmas and New Year', () => {
    expect(rapid.map((step) => stepDate(calendar, dueOn, step))).toEqual([
      '2027-01-05', // 1 day before
      '2027-01-06', // due today
      '2027-01-07', // 1 day overdue
      '2027-01-08', // CRG
      '2027-01-11', // Partners (skips the weekend)
    ]);
    // Two working days before Wed 30 Dec 2026 is Thu 24 Dec: 25–28 December are not working days.
    expect(stepDate(calendar, '2026-12-30', referral[0]!)).toBe('2026-12-24');
  });

  it('starts at the first step', () => {
    expect(startOfLadder(calendar, rapid, dueOn)).toEqual({ nextStepIndex: 0, nextActionOn: '2027-01-05' });
  });

  it('takes nothing before the first step is due', () => {
    expect(planChase(calendar, rapid, dueOn, { nextStepIndex: 0 }, '2027-01-04')).toEqual({
      skipped: [],
      after: { nextStepIndex: 0, nextActionOn: '2027-01-05' },
    });
  });

  it('takes each step on its day and moves to the next', () => {
    const plan = planChase(calendar, rapid, dueOn, { nextStepIndex: 0 }, '2027-01-05');
    expect(plan.take?.key).toBe('1-day-before');
    expect(plan.after).toEqual({ nextStepIndex: 1, nextActionOn: '2027-01-06' });
    const next = planChase(calendar, rapid, dueOn, plan.after, '2027-01-06');
    expect(next.take?.key).toBe('due-today');
  });

  it('after a missed run, sends only the latest step and reports the ones it skipped', () => {
    const plan = planChase(calendar, rapid, dueOn, { nextStepIndex: 0 }, '2027-01-08');
    expect(plan.take?.action).toBe('escalate-crg');
    expect(plan.skipped.map((s) => s.key)).toEqual(['1-day-before', 'due-today', '1-day-overdue']);
    expect(plan.after).toEqual({ nextStepIndex: 4, nextActionOn: '2027-01-11' });
  });

  it('after a missed run across the Case Review Group step, the Partners escalation carries it', () => {
    // Taken on day 1 overdue, then the run misses day 2 (the CRG step) and wakes on day 3 (the Partners step).
    const plan = planChase(calendar, rapid, dueOn, { nextStepIndex: 3 }, '2027-01-11');
    expect(plan.take?.action).toBe('escalate-partners');
    expect(plan.skipped.map((s) => s.key)).toEqual(['2-days-overdue-crg']);
    expect(plan.alsoEscalate?.map((s) => s.action)).toEqual(['escalate-crg']);
    // Skipped reminders to the agency stay skipped: they are not escalations.
    const fromStart = planChase(calendar, rapid, dueOn, { nextStepIndex: 0 }, '2027-01-11');
    expect(fromStart.alsoEscalate?.map((s) => s.key)).toEqual(['2-days-overdue-crg']);
    expect(planChase(calendar, rapid, dueOn, { nextStepIndex: 0 }, '2027-01-08').alsoEscalate).toBeUndefined();
  });

  it('ends after the last step', () => {
    const plan = planChase(calendar, rapid, dueOn, { nextStepIndex: 4 }, '2027-02-01');
    expect(plan.take?.action).toBe('escalate-partners');
    expect(plan.after).toEqual({ nextStepIndex: 5 });
    expect(planChase(calendar, rapid, dueOn, plan.after, '2027-03-01')).toEqual({
      skipped: [],
      after: { nextStepIndex: 5 },
    });
  });

  it('moves with an extension: a new due date starts a new ladder', () => {
    expect(startOfLadder(calendar, rapid, '2027-01-20').nextActionOn).toBe('2027-01-19');
  });

  it('after an extension, reminds the agency again but never repeats an escalation already made', () => {
    // Escalated to the Partners on Mon 11 Jan, then given until Tue 12 Jan: only the agency's steps remain.
    const partners = startOfLadder(calendar, rapid, '2027-01-12', 'safeguarding-partners');
    expect(partners).toEqual({ nextStepIndex: 0, nextActionOn: '2027-01-11' });
    const dueToday = planChase(calendar, rapid, '2027-01-12', partners, '2027-01-12', 'safeguarding-partners');
    expect(dueToday.take?.key).toBe('due-today');
    const chased = planChase(calendar, rapid, '2027-01-12', dueToday.after, '2027-01-13', 'safeguarding-partners');
    expect(chased.take?.key).toBe('1-day-overdue');
    // The Case Review Group and Partners steps are passed over: the ladder ends with the chaser.
    expect(chased.after).toEqual({ nextStepIndex: rapid.length });
    expect(
      planChase(calendar, rapid, '2027-01-12', { nextStepIndex: 3 }, '2027-02-01', 'safeguarding-partners'),
    ).toEqual({ skipped: [], after: { nextStepIndex: rapid.length } });
  });

  it('after an extension of a request referred to the Case Review Group, escalates only to the Partners', () => {
    const plan = planChase(calendar, rapid, '2027-01-20', { nextStepIndex: 2 }, '2027-01-21', 'case-review-group');
    expect(plan.take?.key).toBe('1-day-overdue');
    // Next comes the Partners step (Mon 25 Jan), not the Case Review Group's (Fri 22 Jan).
    expect(plan.after).toEqual({ nextStepIndex: 4, nextActionOn: '2027-01-25' });
    // A run catching up across both sends the Partners escalation alone, not as a second referral.
    const late = planChase(calendar, rapid, '2027-01-20', { nextStepIndex: 0 }, '2027-01-25', 'case-review-group');
    expect(late.take?.action).toBe('escalate-partners');
    expect(late.skipped.map((s) => s.key)).toEqual(['1-day-before', 'due-today', '1-day-overdue']);
    expect(late.alsoEscalate).toBeUndefined();
  });

  it('resumed after the links were stopped, passes over the steps that fell due meanwhile, escalations too', () => {
    // Stopped before the reminder of Tue 5 Jan; the link sent again on Thu 7 Jan, a day overdue.
    const resumed = resumeLadder(calendar, rapid, dueOn, { nextStepIndex: 0 }, '2027-01-07');
    expect(resumed.passedOver.map((s) => s.key)).toEqual(['1-day-before', 'due-today', '1-day-overdue']);
    expect(resumed.position).toEqual({ nextStepIndex: 3, nextActionOn: '2027-01-08' });
    // Sent again before anything fell due: the ladder goes on as if never paused.
    expect(resumeLadder(calendar, rapid, dueOn, { nextStepIndex: 0 }, '2027-01-04')).toEqual({
      position: { nextStepIndex: 0, nextActionOn: '2027-01-05' },
      passedOver: [],
    });
    // Sent again after the whole ladder: nothing is sent late, and escalations already made are not counted.
    expect(resumeLadder(calendar, rapid, dueOn, { nextStepIndex: 2 }, '2027-02-01', 'case-review-group')).toEqual({
      position: { nextStepIndex: rapid.length },
      passedOver: [rapid[2], rapid[4]],
    });
  });

  it('checks a configured ladder', () => {
    for (const ladder of Object.values(DEFAULT_LADDERS)) expect(ladderProblems(ladder)).toEqual([]);
    expect(ladderProblems([rapid[1]!, rapid[0]!])).toEqual(['step 1-day-before must come after due-today']);
    expect(ladderProblems([rapid[0]!, rapid[0]!])).toContain('step keys must be unique');
    // An agency step after an escalation could be what a catching-up run sends, losing the escalation.
    expect(ladderProblems([rapid[3]!, { key: 'late-chase', offset: 4, action: 'chase' }])).toEqual([
      'step late-chase must come before the escalations',
    ]);
  });
});

describe('statutory risk alerts', () => {
  it('for a Rapid Review: the working day after replies were due, and two working days before day 15', () => {
    const milestones = milestonesFor('rapid-review', '2026-12-18', calendar);
    expect(caseAlertSchedule(calendar, 'rapid-review', milestones, DEFAULT_ALERT_SETTINGS)).toEqual([
      { kind: 'replies-missing-at-meeting', on: '2027-01-07' },
      { kind: 'national-panel-at-risk', on: '2027-01-11' },
    ]);
  });

  it('with the 7–13 window (§4.4.2): replies due as it opens, missing ones reported the working day after', () => {
    const settings = { rapidReviewMeetingWindow: { from: 7, to: 13 } };
    const milestones = milestonesFor('rapid-review', '2026-12-18', calendar, settings);
    expect(milestones.find((m) => m.key === 'replies-due')?.due).toBe('2026-12-31');
    expect(caseAlertSchedule(calendar, 'rapid-review', milestones, DEFAULT_ALERT_SETTINGS)).toEqual([
      { kind: 'replies-missing-at-meeting', on: '2027-01-04' },
      { kind: 'national-panel-at-risk', on: '2027-01-11' },
    ]);
  });

  it('for a CSPR: the configured number of weeks before six months', () => {
    const milestones = milestonesFor('cspr', '2026-06-01', calendar); // complete by Tue 1 Dec 2026
    expect(caseAlertSchedule(calendar, 'cspr', milestones, { ...DEFAULT_ALERT_SETTINGS, csprWarningWeeks: 6 })).toEqual(
      [{ kind: 'cspr-six-months-near', on: '2026-10-20' }],
    );
  });

  it('none for an agency referral', () => {
    expect(
      caseAlertSchedule(
        calendar,
        'agency-referral',
        milestonesFor('agency-referral', '2026-11-02', calendar),
        DEFAULT_ALERT_SETTINGS,
      ),
    ).toEqual([]);
  });
});

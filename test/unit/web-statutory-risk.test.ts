import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { milestonesFor } from '../../functions/domain/milestones';
import { caseRag, summaryRag } from '../../web/src/lib/rag';
import type { Milestone, ReturnsSummary } from '../../web/src/lib/types';
import { dueDateWarnings, outstandingDueDates, progressOf, statutoryReasons } from '../../web/src/office/milestones';

const calendar = englandAndWalesCalendar();

/** Milestones as the API gives them: with working days left and, where the daily run watches them, warnFrom. */
function apiMilestones(route: 'rapid-review' | 'cspr' | 'agency-referral', day0: string, today: string, warn = {}) {
  return milestonesFor(route, day0, calendar).map((m): Milestone => ({
    ...m,
    workingDaysLeft: calendar.workingDaysBetween(today, m.due),
    ...((warn as Record<string, string>)[m.key] ? { warnFrom: (warn as Record<string, string>)[m.key] } : {}),
  }));
}

// DOMAIN.md's example: notification Fri 18 Dec 2026; window Wed 6 – Mon 11 Jan 2027; day 15 Wed 13 Jan 2027.
const DAY0 = '2026-12-18';
const TODAY = '2026-12-21';
const rapid = apiMilestones('rapid-review', DAY0, TODAY);

describe('a due date after a statutory date the return is needed for', () => {
  it('is warned of on the extend form, naming the meeting window and the National Panel date', () => {
    expect(dueDateWarnings(rapid, { plannedMeeting: null }, '2027-01-14', TODAY)).toEqual([
      'Thu 14 Jan 2027 is after the end of the Rapid Review meeting window, Mon 11 Jan 2027.',
      'Thu 14 Jan 2027 is after the day the Combined Summary must reach the National Panel (working day 15), Wed 13 Jan 2027.',
    ]);
    expect(dueDateWarnings(rapid, { plannedMeeting: null }, '2027-01-08', TODAY)).toEqual([]);
  });

  it('names the planned meeting once its day is set, and the reply date on a new request only', () => {
    expect(dueDateWarnings(rapid, { plannedMeeting: '2027-01-07' }, '2027-01-08', TODAY)).toEqual([
      'Fri 8 Jan 2027 is after the planned Rapid Review meeting, Thu 7 Jan 2027.',
    ]);
    expect(dueDateWarnings(rapid, { plannedMeeting: '2027-01-07' }, '2027-01-07', TODAY, { replyDate: true })).toEqual([
      'Thu 7 Jan 2027 is after the day replies are due for the Combined Summary (working day 10), Wed 6 Jan 2027.',
    ]);
  });

  it('says nothing of a statutory date already passed, and names the six months of a review', () => {
    expect(dueDateWarnings(rapid, {}, '2027-02-01', '2027-01-14')).toEqual([]);
    const cspr = apiMilestones('cspr', '2026-07-01', TODAY);
    expect(dueDateWarnings(cspr, {}, '2027-01-05', TODAY)).toEqual([
      // Six months fall on New Year's Day: brought forward to the last working day before it.
      "Tue 5 Jan 2027 is after the review's six-month completion date, Thu 31 Dec 2026.",
    ]);
  });
});

describe('a statutory milestone at risk in the red / amber / green state', () => {
  const summaryOf = (requests: { status: string; dueOn: string }[]): ReturnsSummary => ({
    ...progressOf(requests),
    overdue: 0,
    dueSoon: 0,
    submitted: 0,
    closed: 0,
    safetyConcerns: 0,
    outstandingDueDates: outstandingDueDates(requests),
  });

  /** The state as the dashboard gives it (from the summary) and as the case page does (from the requests). */
  function both(milestones: Milestone[], today: string, requests: { status: string; dueOn: string }[]) {
    const withDays = requests.map((r) => ({ ...r, workingDaysLeft: calendar.workingDaysBetween(today, r.dueOn) }));
    const summary = summaryOf(requests);
    summary.dueSoon = withDays.filter((r) => r.workingDaysLeft >= 0 && r.workingDaysLeft <= 2).length;
    const fromSummary = statutoryReasons(milestones, today, summary, summary.outstandingDueDates ?? [], {});
    const fromRequests = statutoryReasons(milestones, today, progressOf(requests), outstandingDueDates(requests), {});
    return {
      dashboard: summaryRag(summary, fromSummary.red, fromSummary.amber),
      casePage: caseRag(withDays, today, fromRequests.red, fromRequests.amber),
    };
  }

  it('a review 14 working days from its six months with returns outstanding is amber, not "On track"', () => {
    // Decided on Mon 3 Aug 2026: six months is Wed 3 Feb 2027; the daily run warns six weeks before.
    const today = '2027-01-14';
    const cspr = apiMilestones('cspr', '2026-08-03', today, { 'review-complete': '2026-12-23' });
    expect(cspr[0]?.workingDaysLeft).toBe(14);
    const { dashboard, casePage } = both(cspr, today, [{ status: 'sent', dueOn: '2027-01-27' }]);
    expect(dashboard).toEqual({
      state: 'amber',
      reasons: ['Six-month completion date Wed 3 Feb 2027 (14 working days left): 1 return outstanding'],
    });
    expect(casePage).toEqual(dashboard);
    // Before the warning period, or with every return in, it is not at risk.
    expect(both(cspr, '2026-12-22', [{ status: 'sent', dueOn: '2027-01-27' }]).dashboard.state).toBe('green');
    expect(both(cspr, today, [{ status: 'accepted', dueOn: '2027-01-27' }]).dashboard.state).toBe('green');
  });

  it('a Rapid Review reply extended past the meeting window and day 15 is red, on both pages alike', () => {
    const { dashboard, casePage } = both(rapid, TODAY, [
      { status: 'sent', dueOn: '2027-01-14' },
      { status: 'submitted', dueOn: '2027-01-06' },
    ]);
    expect(dashboard.state).toBe('red');
    expect(dashboard.reasons).toEqual([
      '1 return due after the end of the Rapid Review meeting window, Mon 11 Jan 2027',
      '1 return due after the day the Combined Summary must reach the National Panel (working day 15), Wed 13 Jan 2027',
    ]);
    expect(casePage).toEqual({ ...dashboard, reasons: [...dashboard.reasons, '1 return to check'] });
  });

  it('a Rapid Review with replies outstanding in the days before day 15 says so from the day the daily run warns', () => {
    // The replies' own date (day 10) has not passed: a return extended to day 12 is still outstanding.
    const today = '2027-01-11';
    const warned = apiMilestones('rapid-review', DAY0, today, {
      'national-panel': '2027-01-11',
      meeting: '2027-01-06',
    });
    const { dashboard, casePage } = both(warned, today, [{ status: 'opened', dueOn: '2027-01-12' }]);
    expect(casePage).toEqual(dashboard);
    expect(dashboard.state).toBe('red');
    expect(dashboard.reasons).toEqual([
      'Replies not all in by Wed 6 Jan 2027',
      '1 return due after the end of the Rapid Review meeting window, Mon 11 Jan 2027',
      'National Panel date Wed 13 Jan 2027 (2 working days left): 1 return outstanding',
      '1 return due within 2 working days',
    ]);
  });
});

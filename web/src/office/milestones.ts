import { calendarDaysBetween, formatDateShort, relativeDays, workingDaysText } from '../lib/dates';
import { OUTSTANDING_STATUSES } from '../lib/rag';
import type { Milestone, ReturnsSummary } from '../lib/types';

/** What the returns say about a milestone being done: how many requests, how many not sent, how many awaited. */
export type ReturnsProgress = Pick<ReturnsSummary, 'total' | 'notSent' | 'awaiting'>;

/** The same counts from a case's requests, where the API gave no summary (the case page). */
export function progressOf(requests: readonly { status: string }[]): ReturnsProgress {
  const outstanding = requests.filter((r) => OUTSTANDING_STATUSES.includes(r.status));
  const notSent = requests.filter((r) => r.status === 'draft').length;
  return { total: requests.length, notSent, awaiting: outstanding.length - notSent };
}

/**
 * Whether the returns show a milestone already done: every request sent, or every reply in. The others
 * (the meeting, the National Panel, the review) are not recorded in the returns, so they stay until due.
 */
function done(milestone: Milestone, returns: ReturnsProgress | undefined): boolean {
  if (!returns || returns.total === 0 || returns.notSent > 0) return false;
  if (milestone.key === 'requests-sent') return true;
  if (milestone.key === 'replies-due') return returns.awaiting === 0;
  return false;
}

/** The next statutory milestone not yet past (a window counts until its last day) nor done. */
export function nextMilestone(
  milestones: readonly Milestone[],
  today: string,
  returns?: ReturnsProgress,
): Milestone | undefined {
  return milestones.find((m) => m.due >= today && !done(m, returns));
}

/**
 * Milestones whose passing the portal can judge: the returns show whether requests went and replies came,
 * and an open review past its completion date is not complete. The meeting, the Combined Summary and the
 * letter to the National Panel happen outside the portal's records, so a passed date there proves nothing
 * and would leave a done case red for good; the timeline still shows them passed.
 */
const JUDGED = new Set(['requests-sent', 'replies-due', 'review-complete']);

/** The statutory milestones already past (a window's last day gone) and not done, by the same measure. */
export function missedMilestones(
  milestones: readonly Milestone[],
  today: string,
  returns?: ReturnsProgress,
): Milestone[] {
  return milestones.filter((m) => JUDGED.has(m.key) && m.due < today && !done(m, returns));
}

/** Why a missed milestone makes the case red, in words: what was due, when, and what the office must do. */
export function missedMilestoneReason(milestone: Milestone): string {
  const on = formatDateShort(milestone.due);
  switch (milestone.key) {
    case 'review-complete':
      return `Six-month completion date passed (${on}): inform the National Panel and the Secretary of State of the delay and the reason (§3.1.3)`;
    case 'requests-sent':
      return `Requests not all sent by ${on}`;
    case 'replies-due':
      return `Replies not all in by ${on}`;
    default:
      return `${milestone.label}: date passed (${on})`;
  }
}

/** The red reasons a case's own milestones give, for the red / amber / green state. */
export function milestoneReasons(
  milestones: readonly Milestone[] | undefined,
  today: string,
  returns?: ReturnsProgress,
): string[] {
  return missedMilestones(milestones ?? [], today, returns).map(missedMilestoneReason);
}

/** "3 working days left" when the API counted working days; otherwise calendar days, said as such. */
export function milestoneCountdown(milestone: Milestone, today: string): string {
  if (milestone.workingDaysLeft !== undefined) return workingDaysText(milestone.workingDaysLeft);
  return relativeDays(calendarDaysBetween(today, milestone.due));
}

import { calendarDaysBetween, relativeDays, workingDaysText } from '../lib/dates';
import type { Milestone, ReturnsSummary } from '../lib/types';

/**
 * Whether the returns show a milestone already done: every request sent, or every reply in. The others
 * (the meeting, the National Panel, the review) are not recorded in the returns, so they stay until due.
 */
function done(milestone: Milestone, returns: ReturnsSummary | undefined): boolean {
  if (!returns || returns.total === 0 || returns.notSent > 0) return false;
  if (milestone.key === 'requests-sent') return true;
  if (milestone.key === 'replies-due') return returns.awaiting === 0;
  return false;
}

/** The next statutory milestone not yet past (a window counts until its last day) nor done. */
export function nextMilestone(
  milestones: readonly Milestone[],
  today: string,
  returns?: ReturnsSummary,
): Milestone | undefined {
  return milestones.find((m) => m.due >= today && !done(m, returns));
}

/** "3 working days left" when the API counted working days; otherwise calendar days, said as such. */
export function milestoneCountdown(milestone: Milestone, today: string): string {
  if (milestone.workingDaysLeft !== undefined) return workingDaysText(milestone.workingDaysLeft);
  return relativeDays(calendarDaysBetween(today, milestone.due));
}

import { calendarDaysBetween, relativeDays, workingDaysText } from '../lib/dates';
import type { Milestone } from '../lib/types';

/** The next statutory milestone not yet past (a window counts until its last day). */
export function nextMilestone(milestones: readonly Milestone[], today: string): Milestone | undefined {
  return milestones.find((m) => m.due >= today);
}

/** "3 working days left" when the API counted working days; otherwise calendar days, said as such. */
export function milestoneCountdown(milestone: Milestone, today: string): string {
  if (milestone.workingDaysLeft !== undefined) return workingDaysText(milestone.workingDaysLeft);
  return relativeDays(calendarDaysBetween(today, milestone.due));
}

import { addCalendarMonths, type IsoDate, type WorkingCalendar } from './calendar';

export const ROUTES = ['rapid-review', 'agency-referral', 'cspr'] as const;
export type Route = (typeof ROUTES)[number];

export interface Milestone {
  key: string;
  label: string;
  /** The last day on which the milestone is met. */
  due: IsoDate;
  /** The first day of a window (the Rapid Review meeting is held between two working days). */
  from?: IsoDate;
}

export interface MilestoneSettings {
  /** Working days after day 0 between which the Rapid Review meeting is held (flowchart 10–13, §4.4.2 7–13). */
  rapidReviewMeetingWindow: { from: number; to: number };
}

export const DEFAULT_MILESTONE_SETTINGS: MilestoneSettings = {
  rapidReviewMeetingWindow: { from: 10, to: 13 },
};

/**
 * The working day a Rapid Review's Information Request Replies are due: day 10 (flowchart §4.9), or the first
 * day of the meeting window when it opens sooner (§4.4.2's 7–13). The flowchart pairs "returned within 10
 * working days" with a meeting from day 10: the replies are in by the first day a meeting may be held.
 */
export function repliesWorkingDay(settings: MilestoneSettings): number {
  return Math.min(10, settings.rapidReviewMeetingWindow.from);
}

/**
 * The statutory milestones of a case, counted from day 0 (guidance §3.1.2, §4.1.5, §4.3.3, §4.9).
 * A calendar-month milestone that falls on a weekend or bank holiday is brought forward to the last
 * working day before it, so that "within one month" is never missed by a day the office is closed.
 */
export function milestonesFor(
  route: Route,
  day0: IsoDate,
  calendar: WorkingCalendar,
  settings: MilestoneSettings = DEFAULT_MILESTONE_SETTINGS,
): Milestone[] {
  const workingDay = (n: number) => calendar.addWorkingDays(day0, n);
  const monthsLater = (n: number) => calendar.onOrBefore(addCalendarMonths(day0, n));
  switch (route) {
    case 'rapid-review': {
      const window = settings.rapidReviewMeetingWindow;
      return [
        {
          key: 'requests-sent',
          label: 'Information Request Letter and Reply Template sent to every agency; meeting date set',
          due: workingDay(2),
        },
        {
          key: 'replies-due',
          label: 'Agencies return the Information Request Reply; Combined Summary shared',
          due: workingDay(repliesWorkingDay(settings)),
        },
        { key: 'meeting', label: 'Rapid Review meeting', from: workingDay(window.from), due: workingDay(window.to) },
        {
          key: 'national-panel',
          label: 'Combined Summary and covering letter sent to the National Panel',
          due: workingDay(15),
        },
      ];
    }
    case 'agency-referral':
      return [
        {
          key: 'requests-sent',
          label: 'Discussed at the Case Review Group; if it may meet the criteria, information requests sent',
          due: monthsLater(1),
        },
        {
          key: 'combined-summary',
          label: 'Replies collated into the Combined Summary for the next Case Review Group',
          due: monthsLater(2),
        },
      ];
    case 'cspr':
      return [
        {
          key: 'review-complete',
          label: 'Child Safeguarding Practice Review completed (six months from the decision)',
          due: monthsLater(6),
        },
      ];
  }
}

export function validateMeetingWindow(window: { from: number; to: number }): boolean {
  return Number.isInteger(window.from) && Number.isInteger(window.to) && window.from >= 1 && window.from <= window.to;
}

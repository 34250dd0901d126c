import type { IsoDate, WorkingCalendar } from './calendar';
import { longDate } from './emails';
import type { Route } from './milestones';
import type { ReturnType } from './model';

export const DUE_DATE_NOTICES = [
  'statutory-date-passed',
  'after-national-panel',
  'after-meeting-window',
  'after-replies-due',
] as const;

/** What the office should know about the due date of a Rapid Review's reply it has just asked for. */
export interface DueDateNotice {
  code: (typeof DUE_DATE_NOTICES)[number];
  message: string;
}

/**
 * Whether an Information Request Reply of a Rapid Review is asked for too late for what it serves: the
 * meeting's Combined Summary (replies due by `replies-due`, the meeting by the window's last day) and day 15,
 * when the National Panel must have the Combined Summary and covering letter (§4.2.2). Other returns and
 * routes have no such clock.
 */
export function dueDateNotice(
  calendar: WorkingCalendar,
  today: IsoDate,
  route: Route,
  milestones: readonly { key: string; due: IsoDate }[],
  returnType: ReturnType,
  dueOn: IsoDate,
): DueDateNotice | undefined {
  if (route !== 'rapid-review' || returnType !== 'information-request-reply') return undefined;
  const due = (key: string) => milestones.find((m) => m.key === key)?.due;
  const [replies, meeting, panel] = [due('replies-due'), due('meeting'), due('national-panel')];
  if (panel && today > panel) {
    return {
      code: 'statutory-date-passed',
      message: `Working day 15 of this Rapid Review, ${longDate(panel)}, has passed: the Combined Summary and covering letter were due at the National Panel by then (§4.2.2).`,
    };
  }
  if (panel && dueOn > panel) {
    return {
      code: 'after-national-panel',
      message: `This reply is due after working day 15, ${longDate(panel)}, when the Combined Summary and covering letter must reach the National Panel (§4.2.2).`,
    };
  }
  if (meeting && dueOn > meeting) {
    return {
      code: 'after-meeting-window',
      message: `This reply is due after the Rapid Review meeting window closes on ${longDate(meeting)}: it comes too late for the meeting.`,
    };
  }
  if (replies && meeting && dueOn > replies) {
    const left = calendar.workingDaysLeft(dueOn, meeting);
    const when =
      left === 0
        ? 'on the last day of the meeting window'
        : `${left} working ${left === 1 ? 'day' : 'days'} before the meeting window closes`;
    return {
      code: 'after-replies-due',
      message: `Replies for the meeting were due by ${longDate(replies)}. This one is due ${when} (${longDate(meeting)}), leaving little time to add it to the Combined Summary.`,
    };
  }
  return undefined;
}

import { calendarDaysBetween, formatDateShort, relativeDays, workingDaysText } from '../lib/dates';
import { meetingWindowOf, outsideMeetingWindow } from '../../../functions/domain/meeting-window';
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
 * What the case records about its milestones besides the returns: whether a Rapid Review's meeting date is
 * set (one half of its first milestone, §4.3.3) and whether the meeting was held (its decision recorded).
 */
export interface CaseFacts {
  /** Rapid Review only: the meeting's planned date; null when not set. Undefined on other routes. */
  plannedMeeting?: string | null;
  /** The day of the meeting whose decision is recorded. */
  meetingHeldOn?: string;
}

/** The facts of a case as the API gives it, and its meeting's decision where the page has read it. */
export function factsOf(
  record: { route: string; plannedMeeting?: { date: string } },
  decision?: { meetingDate: string } | null,
): CaseFacts {
  return {
    ...(record.route === 'rapid-review' ? { plannedMeeting: record.plannedMeeting?.date ?? null } : {}),
    ...(decision ? { meetingHeldOn: decision.meetingDate } : {}),
  };
}

const everySent = (returns: ReturnsProgress | undefined): returns is ReturnsProgress =>
  !!returns && returns.total > 0 && returns.notSent === 0;

/**
 * Whether the case shows a milestone done: every request sent (and, on a Rapid Review, its meeting date set),
 * every reply in, the meeting held. The Combined Summary, the National Panel and the review's completion
 * happen outside the portal's records, so they stay until due.
 */
export function isDone(milestone: Milestone, returns: ReturnsProgress | undefined, facts: CaseFacts = {}): boolean {
  switch (milestone.key) {
    case 'requests-sent':
      return everySent(returns) && facts.plannedMeeting !== null;
    case 'replies-due':
      return everySent(returns) && returns.awaiting === 0;
    case 'meeting':
      return facts.meetingHeldOn !== undefined;
    default:
      return false;
  }
}

/** What is done of a milestone, in words for the timeline: "every request sent; meeting date set". */
export function milestoneProgressText(
  milestone: Milestone,
  returns: ReturnsProgress | undefined,
  facts: CaseFacts = {},
): string | undefined {
  const done = isDone(milestone, returns, facts);
  switch (milestone.key) {
    case 'requests-sent': {
      const sent = everySent(returns);
      if (facts.plannedMeeting === undefined) return done ? 'done: every request sent' : undefined;
      const meeting = facts.plannedMeeting
        ? `meeting date set for ${formatDateShort(facts.plannedMeeting)}`
        : 'meeting date not set yet';
      if (done) return `done: every request sent; ${meeting}`;
      if (sent) return `every request sent; ${meeting}`;
      return facts.plannedMeeting ? `${meeting}; requests still to send` : undefined;
    }
    case 'replies-due':
      return done ? 'done: every reply in' : undefined;
    case 'meeting':
      if (facts.meetingHeldOn) return `done: held on ${formatDateShort(facts.meetingHeldOn)}`;
      return facts.plannedMeeting ? `planned for ${formatDateShort(facts.plannedMeeting)}` : undefined;
    default:
      return undefined;
  }
}

/** The next statutory milestone not yet past (a window counts until its last day) nor done. */
export function nextMilestone(
  milestones: readonly Milestone[],
  today: string,
  returns?: ReturnsProgress,
  facts: CaseFacts = {},
): Milestone | undefined {
  return milestones.find((m) => m.due >= today && !isDone(m, returns, facts));
}

/**
 * Milestones whose passing the portal can judge: the returns show whether requests went and replies came,
 * and an open review past its completion date is not complete. The meeting, the Combined Summary and the
 * letter to the National Panel happen outside the portal's records, so a passed date there proves nothing
 * and would leave a done case red for good; the timeline still shows them passed.
 */
const JUDGED = new Set(['requests-sent', 'replies-due', 'review-complete']);

/**
 * The statutory milestones already past (a window's last day gone) and not done, by the same measure; the
 * requests' milestone by the requests alone (its meeting date is shown on the timeline, not judged here).
 */
export function missedMilestones(
  milestones: readonly Milestone[],
  today: string,
  returns?: ReturnsProgress,
): Milestone[] {
  return milestones.filter((m) => JUDGED.has(m.key) && m.due < today && !isDone(m, returns));
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

/**
 * Warnings for a Rapid Review meeting on `date` (planned or held) outside the partnership's window, and
 * after the day the Combined Summary must reach the National Panel: shown as the date is typed.
 */
export function meetingDateWarnings(milestones: readonly Milestone[], date: string): string[] {
  const window = meetingWindowOf(milestones);
  const side = outsideMeetingWindow(milestones, date);
  if (!window || !side) return [];
  const warnings = [
    `${formatDateShort(date)} is ${side} the Rapid Review meeting window (${formatDateShort(window.from)} to ${formatDateShort(window.to)}).`,
  ];
  const panel = milestones.find((m) => m.key === 'national-panel');
  if (panel && date > panel.due) {
    warnings.push(
      `It is also after the day the Combined Summary and covering letter must reach the National Panel (${formatDateShort(panel.due)}).`,
    );
  }
  return warnings;
}

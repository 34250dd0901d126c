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

/**
 * Where today goes in the list of milestones: before the first not yet past (a window counts until its
 * last day), or after them all.
 */
export function todayIndex(milestones: readonly Milestone[], today: string): number {
  const first = milestones.findIndex((m) => m.due >= today);
  return first === -1 ? milestones.length : first;
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

// ---------- Statutory dates the returns are needed for ----------

/** A statutory date a return is needed before: which milestone, its name in a sentence, and the day. */
export interface ReturnDeadline {
  key: string;
  name: string;
  date: string;
}

/**
 * The statutory dates agencies' returns are needed before, in order: the Rapid Review's meeting (its planned
 * day, or the end of its window) and the day-15 National Panel date; the Case Review Group's Combined Summary;
 * the review's six-month completion date. `replyDate` adds the Rapid Review's working day 10, which a new
 * request should meet but an extension is by its nature after.
 */
export function returnDeadlines(
  milestones: readonly Milestone[],
  facts: CaseFacts = {},
  options: { replyDate?: boolean } = {},
): ReturnDeadline[] {
  return milestones.flatMap((m): ReturnDeadline[] => {
    switch (m.key) {
      case 'replies-due':
        return options.replyDate
          ? [{ key: m.key, name: 'the day replies are due for the Combined Summary (working day 10)', date: m.due }]
          : [];
      case 'meeting':
        if (facts.meetingHeldOn) return [];
        return facts.plannedMeeting
          ? [{ key: m.key, name: 'the planned Rapid Review meeting', date: facts.plannedMeeting }]
          : [{ key: m.key, name: 'the end of the Rapid Review meeting window', date: m.due }];
      case 'national-panel':
        return [
          {
            key: m.key,
            name: 'the day the Combined Summary must reach the National Panel (working day 15)',
            date: m.due,
          },
        ];
      case 'combined-summary':
        return [
          { key: m.key, name: 'the day replies are collated for the Case Review Group (two months)', date: m.due },
        ];
      case 'review-complete':
        return [{ key: m.key, name: "the review's six-month completion date", date: m.due }];
      default:
        return [];
    }
  });
}

/**
 * Warnings for a due date after a statutory date the return is needed before (one still ahead): shown as the
 * date is typed on the add, extend and ask-for-more forms, naming the milestone.
 */
export function dueDateWarnings(
  milestones: readonly Milestone[],
  facts: CaseFacts,
  dueOn: string,
  today: string,
  options: { replyDate?: boolean } = {},
): string[] {
  return returnDeadlines(milestones, facts, options)
    .filter((d) => d.date >= today && dueOn > d.date)
    .map((d) => `${formatDateShort(dueOn)} is after ${d.name}, ${formatDateShort(d.date)}.`);
}

/** The due dates of the requests still owed (not sent, or awaiting the agency), as the case list gives them. */
export function outstandingDueDates(requests: readonly { status: string; dueOn: string }[]): string[] {
  return requests
    .filter((r) => OUTSTANDING_STATUSES.includes(r.status))
    .map((r) => r.dueOn)
    .sort();
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A milestone the daily run watches, named for the reason its risk gives. */
function watchedName(milestone: Milestone, facts: CaseFacts): string | undefined {
  const on = formatDateShort(milestone.due);
  switch (milestone.key) {
    case 'meeting':
      return facts.plannedMeeting
        ? `Rapid Review meeting planned for ${formatDateShort(facts.plannedMeeting)}, window ending ${on}`
        : `Rapid Review meeting window ending ${on}`;
    case 'national-panel':
      return `National Panel date ${on}`;
    case 'review-complete':
      return `Six-month completion date ${on}`;
    default:
      return undefined;
  }
}

/**
 * The statutory reasons for a case's red / amber / green state, the same on the dashboard and the case page:
 * - red: a judged milestone passed and not done (missedMilestones); or returns still owed that are due after a
 *   statutory date still ahead that they are needed before: as things stand it will be missed;
 * - amber: a milestone the daily run watches is in its warning period (from `warnFrom`, the day the run
 *   alerts the office, to its date) with returns still owed.
 * `outstandingDue` are the owed requests' due dates; `facts` without the meeting's decision on both pages.
 */
export function statutoryReasons(
  milestones: readonly Milestone[] | undefined,
  today: string,
  returns: ReturnsProgress | undefined,
  outstandingDue: readonly string[],
  facts: CaseFacts = {},
): { red: string[]; amber: string[] } {
  const all = milestones ?? [];
  const red = milestoneReasons(all, today, returns);
  const amber: string[] = [];
  if (!outstandingDue.length) return { red, amber };
  const late = new Set<string>();
  for (const deadline of returnDeadlines(all, facts).filter((d) => d.date >= today)) {
    const after = outstandingDue.filter((due) => due > deadline.date).length;
    if (!after) continue;
    late.add(deadline.key);
    red.push(`${count(after, 'return', 'returns')} due after ${deadline.name}, ${formatDateShort(deadline.date)}`);
  }
  for (const m of all) {
    const name = watchedName(m, facts);
    if (!name || !m.warnFrom || m.warnFrom > today || m.due < today || late.has(m.key)) continue;
    if (isDone(m, returns, facts)) continue;
    amber.push(
      `${name} (${milestoneCountdown(m, today).toLowerCase()}): ${count(outstandingDue.length, 'return', 'returns')} outstanding`,
    );
  }
  return { red, amber };
}

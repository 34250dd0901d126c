import { addDays, type IsoDate, type WorkingCalendar } from './calendar';
import type { Milestone, Route } from './milestones';

/**
 * The chasing ladder (guidance §2.1.7, §4.3.4): reminders before the deadline, on the day and after it,
 * then referral to the Case Review Group and the agency's strategic lead, then escalation to the
 * Safeguarding Partners. Steps are in working days from the due date; each partnership configures a
 * ladder per route (a Rapid Review's whole window is 15 working days, so its ladder is tighter).
 */
export type LadderAction = 'remind' | 'due-today' | 'chase' | 'escalate-crg' | 'escalate-partners';

export interface LadderStep {
  /** Stable name of the step, e.g. "2-days-before"; recorded with each reminder. */
  key: string;
  /** Working days from the due date: negative before it, 0 on it, positive after it. */
  offset: number;
  action: LadderAction;
}

export type ChasingLadders = Record<Route, LadderStep[]>;

export const DEFAULT_LADDERS: ChasingLadders = {
  'rapid-review': [
    { key: '1-day-before', offset: -1, action: 'remind' },
    { key: 'due-today', offset: 0, action: 'due-today' },
    { key: '1-day-overdue', offset: 1, action: 'chase' },
    { key: '2-days-overdue-crg', offset: 2, action: 'escalate-crg' },
    { key: '3-days-overdue-partners', offset: 3, action: 'escalate-partners' },
  ],
  'agency-referral': [
    { key: '2-days-before', offset: -2, action: 'remind' },
    { key: 'due-today', offset: 0, action: 'due-today' },
    { key: '1-day-overdue', offset: 1, action: 'chase' },
    { key: '3-days-overdue-crg', offset: 3, action: 'escalate-crg' },
    { key: '5-days-overdue-partners', offset: 5, action: 'escalate-partners' },
  ],
  cspr: [
    { key: '5-days-before', offset: -5, action: 'remind' },
    { key: '2-days-before', offset: -2, action: 'remind' },
    { key: 'due-today', offset: 0, action: 'due-today' },
    { key: '1-day-overdue', offset: 1, action: 'chase' },
    { key: '3-days-overdue-crg', offset: 3, action: 'escalate-crg' },
    { key: '5-days-overdue-partners', offset: 5, action: 'escalate-partners' },
  ],
};

export const isEscalation = (action: LadderAction) => action === 'escalate-crg' || action === 'escalate-partners';

/** How far a request has been escalated (§2.1.7): the Case Review Group, then the Safeguarding Partners. */
export type EscalationLevel = 'case-review-group' | 'safeguarding-partners';

/** The level an escalation step reaches. */
export function levelOf(action: LadderAction): EscalationLevel | undefined {
  return action === 'escalate-crg'
    ? 'case-review-group'
    : action === 'escalate-partners'
      ? 'safeguarding-partners'
      : undefined;
}

const RANK: Record<EscalationLevel, number> = { 'case-review-group': 1, 'safeguarding-partners': 2 };

/**
 * Whether a step is an escalation to a level the request has already reached. Escalation goes up and never
 * back down (§2.1.7): after an extension the agency is reminded of its new date again, but the Case Review
 * Group is not referred the same request twice, nor the Partners escalated to twice; a further escalation
 * goes only to the next level.
 */
export function alreadyReached(step: LadderStep, reached: EscalationLevel | undefined): boolean {
  const level = levelOf(step.action);
  return level !== undefined && reached !== undefined && RANK[level] <= RANK[reached];
}

/**
 * A ladder must have unique keys, run forwards in time and escalate only after its steps to the agency
 * (so a run catching up past an escalation always sends one, which tells whoever was skipped).
 */
export function ladderProblems(ladder: LadderStep[]): string[] {
  const problems: string[] = [];
  if (new Set(ladder.map((s) => s.key)).size !== ladder.length) problems.push('step keys must be unique');
  ladder.forEach((step, i) => {
    const previous = ladder[i - 1];
    if (previous && previous.offset >= step.offset) problems.push(`step ${step.key} must come after ${previous.key}`);
    if (previous && isEscalation(previous.action) && !isEscalation(step.action))
      problems.push(`step ${step.key} must come before the escalations`);
  });
  return problems;
}

export function stepDate(calendar: WorkingCalendar, dueOn: IsoDate, step: LadderStep): IsoDate {
  return calendar.addWorkingDays(calendar.onOrAfter(dueOn), step.offset);
}

export interface ChasePosition {
  /** Index of the next step not yet taken for the current due date. */
  nextStepIndex: number;
  /** When the next step falls due; undefined when the ladder is exhausted. */
  nextActionOn?: IsoDate;
}

/**
 * Where a request stands on its ladder when it starts (or restarts after an extension or a request for more
 * information): at the first step, passing over escalations to levels it has already reached.
 */
export function startOfLadder(
  calendar: WorkingCalendar,
  ladder: LadderStep[],
  dueOn: IsoDate,
  reached?: EscalationLevel,
): ChasePosition {
  return positionAt(calendar, ladder, dueOn, 0, reached);
}

function positionAt(
  calendar: WorkingCalendar,
  ladder: LadderStep[],
  dueOn: IsoDate,
  from: number,
  reached: EscalationLevel | undefined,
): ChasePosition {
  let index = from;
  while (ladder[index] && alreadyReached(ladder[index] as LadderStep, reached)) index += 1;
  const step = ladder[index];
  return step ? { nextStepIndex: index, nextActionOn: stepDate(calendar, dueOn, step) } : { nextStepIndex: index };
}

/**
 * Where a ladder paused while the agency's links were stopped resumes when the office sends a link again: at
 * the first step not yet taken that falls due after `today`. The steps that fell due while the agency had no
 * working link are passed over, never sent late: a reminder for a day it could not act, or an escalation for
 * time the office itself had cut it off, would be unfair (ADR 0004). The link e-mail is today's word.
 */
export function resumeLadder(
  calendar: WorkingCalendar,
  ladder: LadderStep[],
  dueOn: IsoDate,
  position: Pick<ChasePosition, 'nextStepIndex'>,
  today: IsoDate,
  reached?: EscalationLevel,
): { position: ChasePosition; passedOver: LadderStep[] } {
  let index = position.nextStepIndex;
  const passedOver: LadderStep[] = [];
  for (let step = ladder[index]; step && stepDate(calendar, dueOn, step) <= today; step = ladder[index]) {
    if (!alreadyReached(step, reached)) passedOver.push(step);
    index += 1;
  }
  return { position: positionAt(calendar, ladder, dueOn, index, reached), passedOver };
}

export interface ChasePlan {
  /** The step to take today: the latest one that has fallen due. */
  take?: LadderStep;
  /** Earlier steps that fell due while the run could not act (a missed run): recorded, not sent late. */
  skipped: LadderStep[];
  /**
   * Skipped escalations to other people than `take`'s: its e-mail goes to their recipients too, so a
   * missed run never leaves out someone who should have been told (the Case Review Group before the Partners).
   */
  alsoEscalate?: LadderStep[];
  after: ChasePosition;
}

/**
 * What to do today for a request at `position`. Only the latest due step is sent: a "2 days before"
 * reminder is pointless once the request is overdue. Skipped steps are returned so the caller records
 * them, and a skipped escalation is carried by the escalation sent (`alsoEscalate`). Escalations to a
 * level the request has already `reached` are neither taken nor skipped: they are not due again.
 */
export function planChase(
  calendar: WorkingCalendar,
  ladder: LadderStep[],
  dueOn: IsoDate,
  position: Pick<ChasePosition, 'nextStepIndex'>,
  today: IsoDate,
  reached?: EscalationLevel,
): ChasePlan {
  let index = position.nextStepIndex;
  const due: LadderStep[] = [];
  for (let step = ladder[index]; step && stepDate(calendar, dueOn, step) <= today; step = ladder[index]) {
    if (!alreadyReached(step, reached)) due.push(step);
    index += 1;
  }
  const take = due[due.length - 1];
  const skipped = due.slice(0, -1);
  const alsoEscalate =
    take && isEscalation(take.action) ? skipped.filter((s) => isEscalation(s.action) && s.action !== take.action) : [];
  return {
    ...(take ? { take } : {}),
    skipped,
    ...(alsoEscalate.length ? { alsoEscalate } : {}),
    after: positionAt(calendar, ladder, dueOn, index, reached),
  };
}

/** Statutory risks the business office is alerted to (§3.1.3, flowchart §4.9). */
export type CaseAlertKind = 'replies-missing-at-meeting' | 'national-panel-at-risk' | 'cspr-six-months-near';

export interface CaseAlertSettings {
  /** Working days before the day-15 National Panel deadline at which outstanding returns raise an alert. */
  nationalPanelWarningWorkingDays: number;
  /** Weeks before a CSPR's six months at which the office is reminded of §3.1.3. */
  csprWarningWeeks: number;
}

export const DEFAULT_ALERT_SETTINGS: CaseAlertSettings = { nationalPanelWarningWorkingDays: 2, csprWarningWeeks: 6 };

export interface PlannedAlert {
  kind: CaseAlertKind;
  on: IsoDate;
}

/**
 * The day missing Information Request Replies are reported: the working day after they were due, so that the
 * office hears of a reply only once it is late (the agency is told "due today" on the day itself). Replies
 * are due by the first day of the meeting window at the latest, so this is no later than its second day.
 */
export function repliesMissingCheckDay(calendar: WorkingCalendar, repliesDue: IsoDate): IsoDate {
  return calendar.addWorkingDays(repliesDue, 1);
}

/** The days on which a case's statutory risks are checked, from its milestones. */
export function caseAlertSchedule(
  calendar: WorkingCalendar,
  route: Route,
  milestones: Milestone[],
  settings: CaseAlertSettings,
): PlannedAlert[] {
  const due = (key: string) => milestones.find((m) => m.key === key);
  if (route === 'rapid-review') {
    const replies = due('replies-due');
    const panel = due('national-panel');
    return [
      ...(replies
        ? [{ kind: 'replies-missing-at-meeting' as const, on: repliesMissingCheckDay(calendar, replies.due) }]
        : []),
      ...(panel
        ? [
            {
              kind: 'national-panel-at-risk' as const,
              on: calendar.addWorkingDays(panel.due, -settings.nationalPanelWarningWorkingDays),
            },
          ]
        : []),
    ].sort((a, b) => a.on.localeCompare(b.on));
  }
  if (route === 'cspr') {
    const complete = due('review-complete');
    return complete
      ? [
          {
            kind: 'cspr-six-months-near',
            on: calendar.onOrAfter(addDays(complete.due, -7 * settings.csprWarningWeeks)),
          },
        ]
      : [];
  }
  return [];
}

import { calendarDaysBetween } from './dates';
import { isNilReturn } from './labels';
import type { ReturnsSummary } from './types';

/**
 * The red / amber / green state of a case, from its requests. One small pure module so the rule is
 * stated once and tested: red when something needs action now, amber when it soon will.
 */
export type Rag = 'red' | 'amber' | 'green';

export interface RagRequest {
  status: string;
  dueOn: string;
  /** From the API (it owns the bank-holiday calendar); negative when overdue. */
  workingDaysLeft?: number;
  immediateSafetyConcern?: boolean;
  /** Present once the office has recorded what it did about the latest return's concern. */
  safetyConcernAcknowledgement?: unknown;
  nilReturn?: boolean;
}

/** A concern calls for action until the office records what it did; then it stays on the record only. */
export const concernNeedsAction = (
  request: Pick<RagRequest, 'immediateSafetyConcern' | 'safetyConcernAcknowledgement'>,
): boolean => request.immediateSafetyConcern === true && !request.safetyConcernAcknowledgement;

export interface RagResult {
  state: Rag;
  /** Why, in words: a colour is never the only signal. */
  reasons: string[];
}

/** Statuses in which the agency still owes the office something. */
export const OUTSTANDING_STATUSES: readonly string[] = [
  'draft',
  'sent',
  'opened',
  'in-progress',
  'more-info-requested',
];

export const RAG_LABELS: Record<Rag, string> = { red: 'Action needed', amber: 'Due soon', green: 'On track' };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Working days left, or calendar days as a stand-in when the API did not say. */
function daysLeft(request: RagRequest, today: string): number {
  return request.workingDaysLeft ?? calendarDaysBetween(today, request.dueOn);
}

/** What the state is decided from: counts of a case's requests, as the case list's summary gives them. */
export interface RagCounts {
  total: number;
  notSent: number;
  /** Outstanding and past their due date. */
  overdue: number;
  /** Outstanding and due within two working days (today included). */
  dueSoon: number;
  /** Outstanding: not sent yet or waiting on the agency. */
  outstanding: number;
  /** Immediate safety concerns not yet acknowledged. */
  safetyConcerns: number;
  /** Acknowledged ones: said, never red. */
  safetyConcernsAcknowledged?: number;
  /** Submitted and waiting for the office's quality assurance. */
  submitted?: number;
  /** Returns in that are nil returns: counted apart, never as missing. */
  nilReturns?: number;
}

/**
 * `milestones` are red reasons from the case's own statutory milestones (one past and not done, or returns due
 * after one still ahead), `atRisk` amber ones (a milestone in its warning period with returns still owed):
 * see statutoryReasons in office/milestones.ts.
 */
export function ragOf(
  counts: RagCounts,
  milestones: readonly string[] = [],
  atRisk: readonly string[] = [],
): RagResult {
  const red: string[] = [];
  if (counts.safetyConcerns)
    red.push(count(counts.safetyConcerns, 'immediate safety concern', 'immediate safety concerns'));
  red.push(...milestones);
  if (counts.overdue) red.push(count(counts.overdue, 'return overdue', 'returns overdue'));
  // A statutory date at risk comes first among the amber reasons: it is what the daily run alerts on.
  const amber: string[] = [...atRisk];
  if (counts.total === 0) amber.push('No requests yet');
  if (counts.dueSoon)
    amber.push(count(counts.dueSoon, 'return due within 2 working days', 'returns due within 2 working days'));
  if (counts.notSent) amber.push(count(counts.notSent, 'request not sent', 'requests not sent'));
  // Said in every state, never the cause of one: returns waiting for a check, nil returns, concerns dealt with.
  const noted = [
    ...(counts.submitted ? [count(counts.submitted, 'return to check', 'returns to check')] : []),
    ...(counts.nilReturns ? [`${count(counts.nilReturns, 'nil return', 'nil returns')} (no records held)`] : []),
    ...(counts.safetyConcernsAcknowledged
      ? [
          count(
            counts.safetyConcernsAcknowledged,
            'immediate safety concern acknowledged',
            'immediate safety concerns acknowledged',
          ),
        ]
      : []),
  ];

  if (red.length) return { state: 'red', reasons: [...red, ...amber, ...noted] };
  if (amber.length) return { state: 'amber', reasons: [...amber, ...noted] };
  return {
    state: 'green',
    reasons: [
      ...(counts.outstanding ? ['Returns on track'] : counts.submitted ? [] : ['No returns outstanding']),
      ...noted,
    ],
  };
}

/** The state from the case list's summary of a case's returns (GET /api/cases gives it per case). */
export function summaryRag(
  summary: ReturnsSummary,
  milestones: readonly string[] = [],
  atRisk: readonly string[] = [],
): RagResult {
  return ragOf(
    {
      total: summary.total,
      notSent: summary.notSent,
      overdue: summary.overdue,
      dueSoon: summary.dueSoon,
      outstanding: summary.notSent + summary.awaiting,
      safetyConcerns: summary.safetyConcerns,
      safetyConcernsAcknowledged: summary.safetyConcernsAcknowledged ?? 0,
      submitted: summary.submitted,
      nilReturns: summary.nilReturns ?? 0,
    },
    milestones,
    atRisk,
  );
}

/** The state from a case's requests, on the case page, which has them all. */
export function caseRag(
  requests: readonly RagRequest[],
  today: string,
  milestones: readonly string[] = [],
  atRisk: readonly string[] = [],
): RagResult {
  const outstanding = requests.filter((r) => OUTSTANDING_STATUSES.includes(r.status));
  return ragOf(
    {
      total: requests.length,
      notSent: requests.filter((r) => r.status === 'draft').length,
      overdue: outstanding.filter((r) => daysLeft(r, today) < 0).length,
      dueSoon: outstanding.filter((r) => {
        const left = daysLeft(r, today);
        return left >= 0 && left <= 2;
      }).length,
      outstanding: outstanding.length,
      safetyConcerns: requests.filter(concernNeedsAction).length,
      safetyConcernsAcknowledged: requests.filter((r) => r.immediateSafetyConcern && !concernNeedsAction(r)).length,
      // As the case list's summary counts them, so the two pages give one state and the same reasons.
      submitted: requests.filter((r) => r.status === 'submitted').length,
      nilReturns: requests.filter(isNilReturn).length,
    },
    milestones,
    atRisk,
  );
}

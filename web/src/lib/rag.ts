import { calendarDaysBetween } from './dates';

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
}

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

export function caseRag(requests: readonly RagRequest[], today: string): RagResult {
  const outstanding = requests.filter((r) => OUTSTANDING_STATUSES.includes(r.status));
  const overdue = outstanding.filter((r) => daysLeft(r, today) < 0).length;
  const concerns = requests.filter((r) => r.immediateSafetyConcern).length;
  const dueSoon = outstanding.filter((r) => {
    const left = daysLeft(r, today);
    return left >= 0 && left <= 2;
  }).length;
  const notSent = requests.filter((r) => r.status === 'draft').length;

  const red: string[] = [];
  if (concerns) red.push(count(concerns, 'immediate safety concern', 'immediate safety concerns'));
  if (overdue) red.push(count(overdue, 'return overdue', 'returns overdue'));
  const amber: string[] = [];
  if (requests.length === 0) amber.push('No requests yet');
  if (dueSoon) amber.push(count(dueSoon, 'return due within 2 working days', 'returns due within 2 working days'));
  if (notSent) amber.push(count(notSent, 'request not sent', 'requests not sent'));

  if (red.length) return { state: 'red', reasons: [...red, ...amber] };
  if (amber.length) return { state: 'amber', reasons: amber };
  return { state: 'green', reasons: [outstanding.length ? 'Returns on track' : 'No returns outstanding'] };
}

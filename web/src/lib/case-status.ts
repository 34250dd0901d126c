import { dayOf } from './dates';

/** Which cases the Cases page lists: open ones by default, closed ones with `?status=closed`. */
export type CaseListStatus = 'open' | 'closed';

/** Reads the list's status from the address's query string; anything unknown means open cases. */
export function caseListStatus(search: string): CaseListStatus {
  return new URLSearchParams(search).get('status') === 'closed' ? 'closed' : 'open';
}

/** The address of the list of open or closed cases, so either can be bookmarked. */
export const caseListHref = (status: CaseListStatus): string =>
  status === 'closed' ? '/cases?status=closed' : '/cases';

/** Closed cases are listed most recently closed first. */
export function byMostRecentlyClosed<T extends { closedAt?: string; reference: string }>(a: T, b: T): number {
  return (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || a.reference.localeCompare(b.reference);
}

/** What an outstanding request of a closed case says instead of counting down: closing stopped it. */
export const STOPPED_ON_CLOSE = 'Stopped when the case closed';

/**
 * The reason given for closing, from the case's audit trail (GET /api/cases/{id} does not carry it):
 * the latest "case.closed" event's reason. Text an officer typed, so render it as text only.
 */
export function closedReasonOf(
  events: readonly { action: string; at: string; detail?: Record<string, unknown> }[] | undefined,
): string | undefined {
  const closings = (events ?? []).filter((e) => e.action === 'case.closed').sort((a, b) => b.at.localeCompare(a.at));
  const reason = closings[0]?.detail?.reason;
  return typeof reason === 'string' && reason.trim() ? reason.trim() : undefined;
}

/** "Closed on 27 November 2026": the London day of the instant the API gives. */
export const closedHeading = (closedAt: string | undefined): string =>
  closedAt ? `Closed on ${dayOf(closedAt)}` : 'Closed';

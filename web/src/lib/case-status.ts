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

/** "Closed on 27 November 2026": the London day of the instant the API gives. */
export const closedHeading = (closedAt: string | undefined): string =>
  closedAt ? `Closed on ${dayOf(closedAt)}` : 'Closed';

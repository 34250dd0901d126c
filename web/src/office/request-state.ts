import { calendarDaysBetween, relativeDays, workingDaysText } from '../lib/dates';
import { OUTSTANDING_STATUSES } from '../lib/rag';
import type { RequestView } from '../lib/types';

/** Whether the agency still owes a return on this request. */
export const isOutstanding = (request: RequestView): boolean => OUTSTANDING_STATUSES.includes(request.status);

export function daysLeft(request: RequestView, today: string): number {
  return request.workingDaysLeft ?? calendarDaysBetween(today, request.dueOn);
}

export const isOverdue = (request: RequestView, today: string): boolean =>
  isOutstanding(request) && daysLeft(request, today) < 0;

/** What the office sees instead of a countdown while the agency's links are stopped (ADR 0004). */
export const LINKS_STOPPED = 'Links stopped — send the link again to restart';

/** Whether the office stopped the agency's links and has not sent one since: the request is not being chased. */
export const isPaused = (request: RequestView): boolean => Boolean(request.linksStopped) && isOutstanding(request);

/**
 * "3 working days left" / "2 working days overdue"; calendar days (said so) if the API did not count. A request
 * whose agency's links are stopped is not counting down to anything the portal will act on: it says so.
 */
export function timeLeftText(request: RequestView, today: string): string {
  if (!isOutstanding(request)) return '–';
  if (isPaused(request)) return LINKS_STOPPED;
  if (request.workingDaysLeft !== undefined) return workingDaysText(request.workingDaysLeft);
  const days = calendarDaysBetween(today, request.dueOn);
  return days < 0 ? `${-days} calendar days overdue` : `Due ${relativeDays(days)}`;
}

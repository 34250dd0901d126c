import { hasCombinedSummary } from '../../../functions/domain/collation/route-documents';
import type { RouteKey } from '../lib/types';

/** What a case's route offers the office: each route's documents, returns and deadlines (DOMAIN, §4, §8). */

/**
 * The Combined Summary each route collates the Information Request Replies into: for the Rapid Review
 * meeting (§4.5), or for the next Case Review Group after an agency referral (§4.1.5). A Child
 * Safeguarding Practice Review has none: its Case Review Panel works from the returns its Terms of
 * Reference name (§8).
 */
export function combinedSummaryName(route: RouteKey): string | undefined {
  if (!hasCombinedSummary(route)) return undefined;
  return route === 'rapid-review'
    ? 'Combined Summary for the meeting'
    : 'Combined Summary for the Case Review Group meeting';
}

/**
 * The returns ticked to start with: a Rapid Review or an agency referral asks first for the Information
 * Request Reply (§4.3, §4.1.5); a Child Safeguarding Practice Review asks for what its Terms of Reference
 * name, most often the chronology of key events and the Information Report (§8.3–§8.5).
 */
export function defaultReturnTypes(route: string): string[] {
  return route === 'cspr' ? ['chronology', 'information-report'] : ['information-request-reply'];
}

/** What a blank due date means on this route: the deadline the API gives (defaultDueOn). */
export function dueDateHint(route: string): string {
  const blank = "A working day. Leave blank to use the case's deadline";
  switch (route) {
    case 'rapid-review':
      return `${blank}: for a Rapid Review, the day replies are due (working day 10, or the first day of the meeting window if sooner).`;
    case 'agency-referral':
      return `${blank}: in time for the Combined Summary for the next Case Review Group, two months after the referral.`;
    case 'cspr':
      return `${blank}: the partnership's usual reply time, or the review's six-month completion date when that is sooner and still ahead.`;
    default:
      return `${blank}.`;
  }
}

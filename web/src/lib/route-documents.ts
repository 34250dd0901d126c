import { decidesWhetherToReview } from '../../../functions/domain/collation/route-documents';
import type { RouteKey } from './types';

/**
 * Which of the decision and the National Panel documents a case's route calls for: the API's own rule
 * (functions/domain/collation/route-documents.ts), so the page never offers a document the API refuses.
 * A Rapid Review's meeting decides whether to review and always reports to the National Panel (§4.2,
 * §4.8.1); after an agency referral the Case Review Group decides the same question, and the National Panel
 * is informed only when it finds the criteria met (§4.1.7); a Child Safeguarding Practice Review is that
 * decision already taken.
 */
export { nationalPanelOffer, type NationalPanelOffer } from '../../../functions/domain/collation/route-documents';

/** The heading of the decision section, or undefined when the route has no decision to record. */
export function decisionHeading(route: RouteKey): string | undefined {
  if (!decidesWhetherToReview(route)) return undefined;
  return route === 'rapid-review' ? "The Rapid Review meeting's decision" : "The Case Review Group's decision";
}

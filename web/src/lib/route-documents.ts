import type { RouteKey } from './types';

/**
 * Which of the decision and the National Panel documents a case's route calls for. A Rapid Review's
 * meeting decides whether to review and always reports to the National Panel (§4.2, §4.8.1). After an
 * agency referral the Case Review Group decides the same question, and the National Panel is informed only
 * when it finds the criteria for a Child Safeguarding Practice Review met (§4.1.7); the API makes both
 * documents for either route. A Child Safeguarding Practice Review is that decision already taken.
 */

/** The heading of the decision section, or undefined when the route has no decision to record. */
export function decisionHeading(route: RouteKey): string | undefined {
  if (route === 'rapid-review') return "The Rapid Review meeting's decision";
  if (route === 'agency-referral') return "The Case Review Group's decision";
  return undefined;
}

export type NationalPanelOffer =
  /** Offer the Combined Summary and the covering letter for the National Panel. */
  | 'offer'
  /** The route may report to the National Panel, but no decision is recorded yet. */
  | 'needs-decision'
  /** The recorded decision does not go to the National Panel (an agency referral that does not meet the criteria). */
  | 'not-reported'
  /** The route never reports a decision to the National Panel from here. */
  | 'none';

export function nationalPanelOffer(
  route: RouteKey,
  decision: { decision: string } | null | undefined,
): NationalPanelOffer {
  if (route === 'cspr') return 'none';
  if (!decision) return 'needs-decision';
  if (route === 'agency-referral' && decision.decision !== 'cspr') return 'not-reported';
  return 'offer';
}

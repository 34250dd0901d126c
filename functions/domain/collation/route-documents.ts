import { conflict } from '../errors';
import type { Route } from '../milestones';
import type { MeetingDecisionKind } from '../model';

/**
 * Which decision documents a case's route and its recorded decision call for (guidance §4, flowchart §4.9):
 *
 * - a Rapid Review collates the replies into the Combined Summary for its meeting (§4.5.1), and after the
 *   meeting always sends the Combined Summary for the National Panel with a covering letter, whatever it
 *   decided (§4.8.1);
 * - after an agency referral the Case Review Group collates them for its next meeting and decides the same
 *   question with the same criteria, but the National Panel is sent the two documents only when it finds the
 *   criteria for a Child Safeguarding Practice Review met (§4.1.7, §4.9);
 * - a Child Safeguarding Practice Review is that decision already taken (its day 0): no Combined Summary, no
 *   meeting decision and nothing for the National Panel; its Case Review Panel works from the returns its
 *   Terms of Reference name (§5.4.2, §8.3).
 *
 * The API refuses a document its case does not call for, the case pack leaves it out, and the office's pages
 * do not offer it: all three read this module.
 */
export type DecisionDocument = 'combined-summary' | 'national-panel-summary' | 'national-panel-letter';

/** Whether the route has a meeting that decides whether to review (and so a decision to record). */
export const decidesWhetherToReview = (route: Route): boolean => route !== 'cspr';

/** Whether the route collates the Information Request Replies into a Combined Summary for a meeting. */
export const hasCombinedSummary = (route: Route): boolean => decidesWhetherToReview(route);

export type NationalPanelOffer =
  /** The Combined Summary and the covering letter for the National Panel can be made. */
  | 'offer'
  /** The route may report to the National Panel, but no decision is recorded yet. */
  | 'needs-decision'
  /** The recorded decision does not go to the National Panel (an agency referral that does not meet the criteria). */
  | 'not-reported'
  /** The route never reports a decision to the National Panel. */
  | 'none';

export function nationalPanelOffer(
  route: Route,
  decision: { decision: MeetingDecisionKind | string } | null | undefined,
): NationalPanelOffer {
  if (!decidesWhetherToReview(route)) return 'none';
  if (!decision) return 'needs-decision';
  if (route === 'agency-referral' && decision.decision !== 'cspr') return 'not-reported';
  return 'offer';
}

const NOT_FOR_CSPR: Record<DecisionDocument, string> = {
  'combined-summary':
    'A Child Safeguarding Practice Review has no Combined Summary: the decision to review is already taken, and the review works from the returns its Terms of Reference name (§5.4.2, §8.3)',
  'national-panel-summary':
    "A Child Safeguarding Practice Review sends no Combined Summary to the National Panel: it reports a Rapid Review's or a Case Review Group's decision whether to review (§4.8.1, §4.9)",
  'national-panel-letter':
    "A Child Safeguarding Practice Review sends no covering letter to the National Panel: it reports a Rapid Review's or a Case Review Group's decision whether to review (§4.8.1, §4.9)",
};

/** Refuses (409) a document the route and the recorded decision do not call for. */
export function requireDecisionDocument(
  route: Route,
  decision: { decision: MeetingDecisionKind | string } | null | undefined,
  document: DecisionDocument,
): void {
  if (!decidesWhetherToReview(route)) throw conflict(NOT_FOR_CSPR[document], 'not-for-route');
  if (document === 'combined-summary') return;
  switch (nationalPanelOffer(route, decision)) {
    case 'needs-decision':
      throw conflict(
        "Record the meeting's decision first: the National Panel documents report it (§4.8.1)",
        'no-meeting-decision',
      );
    case 'not-reported':
      throw conflict(
        'The Case Review Group did not find the criteria for a Child Safeguarding Practice Review met: after an agency referral the National Panel is sent the Combined Summary and covering letter only when they are (§4.1.7, §4.9)',
        'not-reported',
      );
    case 'offer':
    case 'none':
      return;
  }
}

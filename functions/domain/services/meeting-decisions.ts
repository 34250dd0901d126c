import { conflict, invalid } from '../errors';
import { MEETING_DECISION_LABELS, type MeetingDecision, type MeetingDecisionKind } from '../model';
import type { MeetingDecisionRepository, PortalDeps } from '../ports';
import { outsideMeetingWindow } from '../meeting-window';
import { decidesWhetherToReview } from '../collation/route-documents';
import { withMilestones } from './cases';
import { auditEvent, requireCase, requirePartnership, staffActor, today, type StaffPrincipal } from './context';

/**
 * The Rapid Review meeting's decision (§4.6, §4.8.1): recorded by the business office, reported by the
 * National Panel documents. Its own module, so that recording it bundles none of the document writers.
 */
export function decisions(deps: PortalDeps): MeetingDecisionRepository {
  if (!deps.store.meetingDecisions) throw new Error('meeting decisions are not stored by this adapter');
  return deps.store.meetingDecisions;
}

export interface MeetingDecisionInput {
  meetingDate: string;
  decision: MeetingDecisionKind;
  rationale: string;
  learningIdentified: string;
  immediateActions?: string;
}

const decisionView = (d: MeetingDecision) => ({
  meetingDate: d.meetingDate,
  decision: d.decision,
  decisionLabel: MEETING_DECISION_LABELS[d.decision],
  rationale: d.rationale,
  learningIdentified: d.learningIdentified,
  ...(d.immediateActions ? { immediateActions: d.immediateActions } : {}),
  recordedAt: d.recordedAt,
});

export async function getMeetingDecision(deps: PortalDeps, staff: StaffPrincipal, caseId: string) {
  await requireCase(deps, staff.partnershipId, caseId);
  const found = await decisions(deps).get(staff.partnershipId, caseId);
  return { decision: found ? decisionView(found) : null };
}

export async function recordMeetingDecision(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  input: MeetingDecisionInput,
) {
  const record = await requireCase(deps, staff.partnershipId, caseId);
  if (record.status !== 'open') throw conflict('The case is closed', 'case-closed');
  if (!decidesWhetherToReview(record.route)) {
    throw conflict(
      'A Child Safeguarding Practice Review has no meeting decision to record: the decision to review is its day 0 (§4.9)',
      'not-for-route',
    );
  }
  if (input.meetingDate > today(deps)) {
    throw invalid("Check the meeting's date", [
      { path: 'meetingDate', message: 'The date of the meeting cannot be in the future' },
    ]);
  }
  if (input.meetingDate < record.day0) {
    throw invalid("Check the meeting's date", [
      { path: 'meetingDate', message: 'The meeting cannot be before day 0 of the case' },
    ]);
  }
  const previous = await decisions(deps).get(staff.partnershipId, caseId);
  // A Rapid Review meeting outside its window is recorded as such: the page warned before it was submitted.
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const outside =
    record.route === 'rapid-review'
      ? outsideMeetingWindow(withMilestones(deps, partnership, record).milestones, input.meetingDate)
      : undefined;
  const decision: MeetingDecision = {
    partnershipId: staff.partnershipId,
    caseId,
    meetingDate: input.meetingDate,
    decision: input.decision,
    rationale: input.rationale,
    learningIdentified: input.learningIdentified,
    ...(input.immediateActions ? { immediateActions: input.immediateActions } : {}),
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: staff.userId,
  };
  await decisions(deps).put(
    decision,
    auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'meeting-decision.recorded', {
      detail: {
        decision: input.decision,
        meetingDate: input.meetingDate,
        replaced: previous !== undefined,
        ...(outside ? { outsideWindow: true } : {}),
      },
    }),
  );
  return { decision: decisionView(decision) };
}

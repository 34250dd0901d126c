import { conflict, invalid } from '../errors';
import type { SafetyConcernAcknowledgement } from '../model';
import type { PortalDeps } from '../ports';
import { currentAcknowledgement } from '../safety-concern';
import { auditEvent, requireCase, staffActor, type StaffPrincipal } from './context';
import { describeRequest, requireRequest, type RequestWithAgency } from './requests';

/**
 * An immediate safety concern (§4.2.1, §4.6.2) stays on the case for good, but once the business office has
 * recorded what it did about it, it no longer calls for action: otherwise every case with a concern looks
 * urgent for ever and hides the next alarm. The acknowledgement names the return version it covers, so a
 * later version that raises a concern again is unacknowledged until the office acts on it too.
 */

export async function acknowledgeSafetyConcern(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  input: { action: string },
): Promise<RequestWithAgency> {
  const action = input.action.trim();
  if (!action) {
    throw invalid('Say what was done', [{ path: 'action', message: 'Enter what was done about the concern' }]);
  }
  const record = await requireCase(deps, staff.partnershipId, caseId);
  if (record.status !== 'open') throw conflict('The case is closed', 'case-closed');
  const request = await requireRequest(deps, staff.partnershipId, caseId, requestId);
  if (!request.safetyConcern || request.returnVersion === undefined) {
    throw conflict('The latest return raised no immediate safety concern', 'no-safety-concern');
  }
  if (currentAcknowledgement(request)) {
    throw conflict('This safety concern has already been acknowledged', 'already-acknowledged');
  }
  const acknowledgement: SafetyConcernAcknowledgement = {
    returnVersion: request.returnVersion,
    action,
    acknowledgedAt: deps.clock.now().toISOString(),
    acknowledgedBy: staff.username,
  };
  const applied = await deps.store.requests.update(
    request,
    { safetyConcernAcknowledgement: acknowledgement },
    {
      audit: auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'safety-concern.acknowledged', {
        requestId,
        agencyId: request.agencyId,
        // The action is what the officer typed, recorded as the reasons of other actions are.
        detail: { returnType: request.returnType, version: request.returnVersion, actionTaken: action },
      }),
    },
  );
  if (!applied) throw conflict('This request changed meanwhile; reload and try again', 'request-changed');
  const agency = await deps.store.agencies.get(staff.partnershipId, request.agencyId);
  return describeRequest(
    deps,
    { ...request, safetyConcernAcknowledgement: acknowledgement, revision: request.revision + 1 },
    agency?.name ?? 'Unknown agency',
  );
}

import { conflict, invalid } from '../errors';
import type { AuditEvent } from '../model';
import type { PortalDeps } from '../ports';
import { withMilestones, type CaseWithMilestones } from './cases';
import { auditEvent, requireCase, requirePartnership, staffActor, type StaffPrincipal } from './context';
import { revokeLinks } from './request-actions';

/**
 * Closing a case revokes every link into it (agency sessions end with them) and starts the retention
 * clock; the case leaves the open list but stays readable until retention removes its returns.
 */
export async function closeCase(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  reason: string,
): Promise<CaseWithMilestones> {
  if (!reason.trim()) throw invalid('Give a reason', [{ path: 'reason', message: 'Enter why the case is closed' }]);
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const record = await requireCase(deps, partnership.id, caseId);
  if (record.status !== 'open') throw conflict('The case is already closed', 'case-closed');
  const revoked = await revokeLinks(deps, partnership.id, caseId);
  const closedAt = deps.clock.now().toISOString();
  const closed = await deps.store.cases.close(
    record,
    closedAt,
    reason,
    auditEvent(deps, staffActor(staff), partnership.id, caseId, 'case.closed', {
      detail: { reason, linksRevoked: revoked },
    }),
  );
  if (!closed) throw conflict('The case is already closed', 'case-closed');
  await stopChasing(deps, partnership.id, caseId);
  return withMilestones(deps, partnership, { ...record, status: 'closed', closedAt, closedReason: reason });
}

/** Takes every request of a closed case out of the daily run, retrying a request that is changing. */
async function stopChasing(deps: PortalDeps, partnershipId: string, caseId: string): Promise<void> {
  for (const request of await deps.store.requests.listForCase(partnershipId, caseId)) {
    for (
      let current: typeof request | undefined = request, attempt = 0;
      current?.nextActionOn && attempt < 5;
      attempt += 1
    ) {
      if (await deps.store.requests.update(current, { chase: null, nextActionOn: null }, {})) break;
      current = await deps.store.requests.get(partnershipId, caseId, request.id);
    }
  }
}

export async function caseAuditTrail(deps: PortalDeps, staff: StaffPrincipal, caseId: string): Promise<AuditEvent[]> {
  await requireCase(deps, staff.partnershipId, caseId);
  // Reading the trail is not itself recorded: it holds no returns, and it would bury what it records.
  return deps.store.audit.list(staff.partnershipId, caseId);
}

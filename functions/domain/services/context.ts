import { londonDate, type IsoDate } from '../calendar';
import { notFound } from '../errors';
import { newId } from '../ids';
import type { Actor, AgencySession, AuditEvent, Case, Partnership } from '../model';
import type { PortalDeps } from '../ports';

/** A signed-in business-office officer; the partnership comes from verified token claims only. */
export interface StaffPrincipal {
  userId: string;
  username: string;
  partnershipId: string;
}

export const staffActor = (staff: StaffPrincipal): Actor => ({
  type: 'staff',
  userId: staff.userId,
  username: staff.username,
  partnershipId: staff.partnershipId,
});

export const agencyActor = (session: AgencySession): Actor => ({
  type: 'agency',
  agencyId: session.agencyId,
  partnershipId: session.partnershipId,
  sessionRef: session.sessionHash.slice(0, 12),
});

export function auditEvent(
  deps: PortalDeps,
  actor: Actor,
  partnershipId: string,
  caseId: string | undefined,
  action: string,
  extra: Pick<AuditEvent, 'requestId' | 'agencyId' | 'detail'> = {},
): AuditEvent {
  const now = deps.clock.now();
  return {
    id: newId(now.getTime()),
    partnershipId,
    caseId: caseId ?? '-',
    at: now.toISOString(),
    actor,
    action,
    ...extra,
  };
}

export function today(deps: PortalDeps): IsoDate {
  return londonDate(deps.clock.now());
}

export async function requirePartnership(deps: PortalDeps, partnershipId: string): Promise<Partnership> {
  const partnership = await deps.store.partnerships.get(partnershipId);
  // A verified principal whose partnership is not configured is a deployment fault, not a user error.
  if (!partnership) throw new Error('partnership configuration missing');
  return partnership;
}

export async function requireCase(deps: PortalDeps, partnershipId: string, caseId: string): Promise<Case> {
  const found = await deps.store.cases.get(partnershipId, caseId);
  if (!found) throw notFound('The case');
  return found;
}

export async function whoAmI(deps: PortalDeps, staff: StaffPrincipal) {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  return {
    username: staff.username,
    partnership: { id: partnership.id, name: partnership.name, officeName: partnership.officeName },
  };
}

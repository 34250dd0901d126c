import { invalid, type FieldIssue } from '../errors';
import { newId } from '../ids';
import type { Agency, AgencyKind, Partnership } from '../model';
import type { PortalDeps } from '../ports';
import { auditEvent, requirePartnership, staffActor, type StaffPrincipal } from './context';

export interface CreateAgencyInput {
  name: string;
  kind: AgencyKind;
  leadName: string;
  leadEmail: string;
  deputyEmail?: string;
  strategicLeadName?: string;
  strategicLeadEmail?: string;
}

/** Links go only to the partnership's trusted e-mail domains (a domain admits its subdomains). */
export function isAllowedEmail(partnership: Partnership, address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return partnership.allowedEmailDomains.some((allowed) => {
    const a = allowed.toLowerCase();
    return domain === a || domain.endsWith(`.${a}`);
  });
}

export async function createAgency(deps: PortalDeps, staff: StaffPrincipal, input: CreateAgencyInput): Promise<Agency> {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const issues: FieldIssue[] = [];
  for (const field of ['leadEmail', 'deputyEmail', 'strategicLeadEmail'] as const) {
    const address = input[field];
    if (address !== undefined && !isAllowedEmail(partnership, address)) {
      issues.push({
        path: field,
        message: `Use an address in one of the partnership's trusted domains: ${partnership.allowedEmailDomains.join(', ')}`,
      });
    }
  }
  if (issues.length) throw invalid('Check the agency details', issues);

  const now = deps.clock.now().toISOString();
  const agency: Agency = {
    ...input,
    leadEmail: input.leadEmail.toLowerCase(),
    ...(input.deputyEmail ? { deputyEmail: input.deputyEmail.toLowerCase() } : {}),
    ...(input.strategicLeadEmail ? { strategicLeadEmail: input.strategicLeadEmail.toLowerCase() } : {}),
    id: newId(),
    partnershipId: partnership.id,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.agencies.create(
    agency,
    auditEvent(deps, staffActor(staff), partnership.id, undefined, 'agency.added', {
      agencyId: agency.id,
      detail: { kind: agency.kind },
    }),
  );
  return agency;
}

export async function listAgencies(deps: PortalDeps, staff: StaffPrincipal): Promise<Agency[]> {
  const agencies = await deps.store.agencies.list(staff.partnershipId);
  return agencies.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

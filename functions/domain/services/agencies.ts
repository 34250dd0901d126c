import { conflict, invalid, notFound, type FieldIssue } from '../errors';
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

function requireTrustedAddresses(partnership: Partnership, input: Partial<CreateAgencyInput>): void {
  const issues: FieldIssue[] = [];
  for (const field of ['leadEmail', 'deputyEmail', 'strategicLeadEmail'] as const) {
    const address = input[field];
    if (address && !isAllowedEmail(partnership, address)) {
      issues.push({
        path: field,
        message: `Use an address in one of the partnership's trusted domains: ${partnership.allowedEmailDomains.join(', ')}`,
      });
    }
  }
  if (issues.length) throw invalid('Check the agency details', issues);
}

/** Addresses are kept in lower case so the same mailbox is recognised however it was typed. */
function normalised(input: CreateAgencyInput): CreateAgencyInput {
  const { deputyEmail, strategicLeadEmail, strategicLeadName, ...rest } = input;
  return {
    ...rest,
    leadEmail: input.leadEmail.toLowerCase(),
    ...(deputyEmail ? { deputyEmail: deputyEmail.toLowerCase() } : {}),
    ...(strategicLeadEmail ? { strategicLeadEmail: strategicLeadEmail.toLowerCase() } : {}),
    ...(strategicLeadName ? { strategicLeadName } : {}),
  };
}

export async function createAgency(deps: PortalDeps, staff: StaffPrincipal, input: CreateAgencyInput): Promise<Agency> {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  requireTrustedAddresses(partnership, input);
  const now = deps.clock.now().toISOString();
  const agency: Agency = {
    ...normalised(input),
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

/** Optional contacts can be removed by sending null. */
export type UpdateAgencyInput = Partial<
  Omit<CreateAgencyInput, 'deputyEmail' | 'strategicLeadName' | 'strategicLeadEmail'>
> & {
  deputyEmail?: string | null;
  strategicLeadName?: string | null;
  strategicLeadEmail?: string | null;
};

const sameFields = (next: CreateAgencyInput, current: Agency) => {
  const { id: _id, partnershipId: _p, createdAt: _c, updatedAt: _u, ...now } = current;
  const keys = new Set([...Object.keys(next), ...Object.keys(now)]);
  return [...keys].every(
    (key) => (next as unknown as Record<string, unknown>)[key] === (now as Record<string, unknown>)[key],
  );
};

export async function updateAgency(
  deps: PortalDeps,
  staff: StaffPrincipal,
  agencyId: string,
  input: UpdateAgencyInput,
): Promise<Agency> {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const current = await deps.store.agencies.get(partnership.id, agencyId);
  if (!current) throw notFound('The agency');
  const merged: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(input)) {
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  const { id: _id, partnershipId: _p, createdAt: _c, updatedAt: _u, ...fields } = merged as unknown as Agency;
  const next = normalised(fields);
  requireTrustedAddresses(partnership, next);
  // Values it already has: nothing is written, audited or re-dated.
  if (sameFields(next, current)) return current;
  const agency: Agency = {
    ...next,
    id: current.id,
    partnershipId: current.partnershipId,
    createdAt: current.createdAt,
    updatedAt: deps.clock.now().toISOString(),
  };
  const changed = Object.keys(input).filter((field) => (input as Record<string, unknown>)[field] !== undefined);
  const replaced = await deps.store.agencies.replace(
    agency,
    current.updatedAt,
    auditEvent(deps, staffActor(staff), partnership.id, undefined, 'agency.updated', {
      agencyId,
      detail: { fields: changed },
    }),
  );
  if (!replaced) throw conflict('The agency was changed meanwhile; reload and try again', 'agency-changed');
  return agency;
}

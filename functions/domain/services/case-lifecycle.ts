import { londonDate, retentionEnd } from '../calendar';
import { longDate } from '../emails';
import { conflict, invalid } from '../errors';
import type { AuditEvent, Case } from '../model';
import { newId } from '../ids';
import type { OutboxEmail, PortalDeps } from '../ports';
import { AWAITING_AGENCY } from '../request-status';
import { withMilestones, type CaseWithMilestones } from './cases';
import { auditEvent, requireCase, requirePartnership, staffActor, type StaffPrincipal } from './context';
import { dispatchEmail } from './outbox';
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
  const retainUntil = retentionEnd(londonDate(deps.clock.now()), partnership.retention);
  const closed = await deps.store.cases.close(
    record,
    closedAt,
    reason,
    retainUntil,
    auditEvent(deps, staffActor(staff), partnership.id, caseId, 'case.closed', {
      detail: { reason, linksRevoked: revoked },
    }),
  );
  if (!closed) throw conflict('The case is already closed', 'case-closed');
  const notices = await stopChasing(deps, partnership.id, caseId);
  // Each notice is durable in the outbox already; sending now is a best effort the daily run backs up.
  for (const id of notices) await dispatchEmail(deps, id).catch(() => undefined);
  return withMilestones(deps, partnership, {
    ...record,
    status: 'closed',
    closedAt,
    closedReason: reason,
    retainUntil,
  });
}

/**
 * Takes every request of a closed case out of the daily run, retrying a request that is changing, and queues
 * a notice to each agency still owing a return that it is no longer needed (its links have just stopped
 * working: without a word, a lead would find a dead link). Returns the ids of the queued notices.
 */
async function stopChasing(deps: PortalDeps, partnershipId: string, caseId: string): Promise<string[]> {
  const notices: string[] = [];
  for (const request of await deps.store.requests.listForCase(partnershipId, caseId)) {
    for (let current: typeof request | undefined = request, attempt = 0; current && attempt < 5; attempt += 1) {
      const owed = AWAITING_AGENCY.has(current.status);
      if (!owed && !current.nextActionOn) break;
      const now = deps.clock.now().toISOString();
      const notice: OutboxEmail | undefined = owed
        ? {
            id: newId(),
            template: 'request-stopped',
            partnershipId,
            caseId,
            requestId: current.id,
            agencyId: current.agencyId,
            status: 'pending',
            attempts: 0,
            createdAt: now,
            nextAttemptAt: now,
          }
        : undefined;
      const changes = { chase: null, nextActionOn: null, ...(notice ? { emailStatus: 'queued' as const } : {}) };
      if (await deps.store.requests.update(current, changes, notice ? { outbox: notice } : {})) {
        if (notice) notices.push(notice.id);
        break;
      }
      current = await deps.store.requests.get(partnershipId, caseId, request.id);
    }
  }
  return notices;
}

export async function caseAuditTrail(deps: PortalDeps, staff: StaffPrincipal, caseId: string): Promise<AuditEvent[]> {
  await requireCase(deps, staff.partnershipId, caseId);
  // Reading the trail is not itself recorded: it holds no returns, and it would bury what it records.
  return deps.store.audit.list(staff.partnershipId, caseId);
}

/** A legal hold (an investigation, an inquiry) stops retention deleting the case's returns and documents. */
export async function setLegalHold(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  input: { hold: boolean; reason: string },
): Promise<CaseWithMilestones> {
  if (!input.reason.trim()) throw invalid('Give a reason', [{ path: 'reason', message: 'Enter the reason' }]);
  const partnership = await requirePartnership(deps, staff.partnershipId);
  let record = await requireCase(deps, partnership.id, caseId);
  const hold = input.hold ? { reason: input.reason, since: deps.clock.now().toISOString(), by: staff.userId } : null;
  // Placing is done once and lifting once: a second placing would rewrite since when the case has been held.
  const refusal = (current: Case) =>
    current.purgedAt
      ? conflict('This case’s returns have already been deleted under the retention schedule', 'purged')
      : input.hold && current.legalHold
        ? conflict(
            `This case has been under a legal hold since ${longDate(londonDate(new Date(current.legalHold.since)))}. Lift it first to place another.`,
            'legal-hold-already-placed',
          )
        : !input.hold && !current.legalHold
          ? conflict('This case has no legal hold to lift.', 'no-legal-hold')
          : undefined;
  const before = refusal(record);
  if (before) throw before;
  const applied = await deps.store.cases.setLegalHold(
    record,
    hold,
    auditEvent(
      deps,
      staffActor(staff),
      partnership.id,
      caseId,
      input.hold ? 'case.legal-hold-placed' : 'case.legal-hold-lifted',
      {
        detail: { reason: input.reason },
      },
    ),
  );
  if (!applied) {
    // Someone else placed, lifted or purged it meanwhile: say what it is now.
    record = await requireCase(deps, partnership.id, caseId);
    throw refusal(record) ?? conflict('The case changed meanwhile; reload it and try again.', 'case-changed');
  }
  const { legalHold: _previous, ...rest } = record;
  return withMilestones(deps, partnership, hold ? { ...rest, legalHold: hold } : rest);
}

const CASE_PREFIXES = ['drafts', 'returns', 'chronologies', 'attachments', 'quarantine', 'packs'];

/**
 * Retention: a closed case past its retention date loses its returns, uploads and generated documents;
 * what remains is the case's reference and dates, its audit trail, and an audit event saying what was
 * deleted and when. A legal hold stops it.
 */
export async function applyRetention(deps: PortalDeps, today: string): Promise<{ purged: number; held: number }> {
  const counts = { purged: 0, held: 0 };
  for await (const record of deps.store.cases.dueForDeletion(today)) {
    if (record.legalHold || record.purgedAt || record.status !== 'closed') {
      counts.held += record.legalHold ? 1 : 0;
      continue;
    }
    let objects = 0;
    for (const prefix of CASE_PREFIXES) {
      objects += (await deps.purger?.deletePrefix(`${prefix}/${record.partnershipId}/${record.id}/`)) ?? 0;
    }
    const purgedAt = deps.clock.now().toISOString();
    const { items } = await deps.store.cases.purge(
      record,
      purgedAt,
      auditEvent(
        deps,
        { type: 'system', name: 'retention' },
        record.partnershipId,
        record.id,
        'case.retention-deleted',
        {
          detail: { closedAt: record.closedAt ?? '', retainUntil: record.retainUntil ?? '', objects },
        },
      ),
    );
    void items;
    counts.purged += 1;
  }
  return counts;
}

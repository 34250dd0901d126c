import { type IsoDate } from '../calendar';
import { longDate } from '../emails';
import { conflict, invalid, notFound } from '../errors';
import { newId } from '../ids';
import type { AuditEvent, ReturnRequest, ReturnType } from '../model';
import type { OutboxEmail, PortalDeps } from '../ports';
import { resumeLadder, startOfLadder } from '../chasing';
import type { Partnership } from '../model';
import {
  AWAITING_AGENCY,
  canApply,
  CLOSED,
  linksStopped,
  refusalOf,
  RETURN_STANDS,
  statusAfter,
  type RequestAction,
} from '../request-status';
import { remergeCase } from './chronology';
import { auditEvent, requireCase, requirePartnership, staffActor, today, type StaffPrincipal } from './context';
import { dispatchEmail, type DispatchOutcome } from './outbox';
import {
  createRequests,
  describeRequest,
  requireRequest,
  requireValidDueOn,
  type CreateRequestInput,
  type RequestWithAgency,
} from './requests';

/**
 * What the business office does to a request after creating it. Each action checks the request's
 * status allows it, applies its change under optimistic locking together with its audit event (and
 * any e-mail, through the outbox), and reports the request as it now stands.
 */

export interface ActionOutcome {
  request: RequestWithAgency;
  email?: DispatchOutcome;
  /** The change took the request's chronology into or out of the multi-agency chronology. */
  chronologyChanged?: boolean;
}

interface ActionPlan {
  changes: Partial<ReturnRequest>;
  detail?: Record<string, string | number | boolean>;
  /**
   * An e-mail to the agency (with a fresh link, unless it is a notice that the request stopped). Never for a
   * request not yet sent: its agency was not asked.
   */
  email?: OutboxEmail['template'];
  /** The audit event's action, when it depends on the request as it stands. */
  auditAction?: (request: ReturnRequest) => string | undefined;
  /** Refuses the action for the request as it stands (throws a domain error). */
  check?: (request: ReturnRequest) => void;
}

const ACTION_AUDIT: Record<RequestAction, string> = {
  send: 'request.sent',
  resend: 'request.link-resent',
  extend: 'request.extended',
  'mark-not-involved': 'request.not-involved',
  accept: 'return.accepted',
  'request-more': 'return.more-information-requested',
  withdraw: 'request.withdrawn',
  open: 'request.opened',
  'save-draft': 'draft.saved',
  submit: 'return.submitted',
};

async function revokeLinks(
  deps: PortalDeps,
  partnershipId: string,
  caseId: string,
  agencyId?: string,
): Promise<number> {
  const links = await deps.store.links.listForCase(partnershipId, caseId, agencyId);
  const at = deps.clock.now().toISOString();
  let revoked = 0;
  for (const link of links) {
    const grant = await deps.store.links.get(link.tokenHash);
    if (!grant || grant.revokedAt) continue;
    await deps.store.links.revoke(link.tokenHash, at);
    revoked += 1;
  }
  return revoked;
}

async function apply(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  action: RequestAction,
  plan: ActionPlan,
): Promise<ActionOutcome> {
  const record = await requireCase(deps, staff.partnershipId, caseId);
  if (record.status !== 'open') throw conflict('The case is closed', 'case-closed');
  const request = await requireRequest(deps, staff.partnershipId, caseId, requestId);
  if (!canApply(action, request.status)) throw conflict(refusalOf(action, request.status), 'not-allowed');
  plan.check?.(request);
  const agency = await deps.store.agencies.get(staff.partnershipId, request.agencyId);
  if (!agency) throw notFound('The agency');

  const now = deps.clock.now().toISOString();
  // Sending a link is the office's decision to give the agency a working link again, after a stop too: it
  // restarts the ladders the stop paused (ADR 0004).
  const resumes = action === 'send' || action === 'resend';
  const stopped = linksStopped(request) && !resumes;
  // Changing a draft is the office's own business: the agency has not been asked, so it is told nothing. Nor,
  // while its links are stopped, is an agency e-mailed a link (a new date, more information asked for): the
  // office sends the link again, after checking the directory, and that e-mail gives the current date.
  const template =
    (request.status === 'draft' && action !== 'send') || (stopped && plan.email !== 'request-stopped')
      ? undefined
      : plan.email;
  // Revoking is for when the wrong person may hold a link (ADR 0004): resending replaces every earlier link of
  // the agency in this case (ASVS 7.4.1). A new date or a request for more information is news for the right
  // person: its e-mail brings a fresh link and leaves the lead's links and session alone.
  if (template && action === 'resend') {
    await revokeLinks(deps, staff.partnershipId, caseId, agency.id);
  }
  const email: OutboxEmail | undefined = template && {
    id: newId(),
    template,
    partnershipId: staff.partnershipId,
    caseId,
    requestId,
    agencyId: agency.id,
    status: 'pending',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: now,
  };
  const status = statusAfter(action, request.status);
  // A submitted chronology that stops standing (withdrawn, not involved) must leave the merged chronology.
  const chronologyChanged =
    request.returnType === 'chronology' &&
    request.returnVersion !== undefined &&
    RETURN_STANDS.has(request.status) !== RETURN_STANDS.has(status);
  const dueOn = plan.changes.dueOn ?? request.dueOn;
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const resumed =
    resumes && linksStopped(request) ? resumeChasing(deps, partnership, request, status, dueOn) : undefined;
  const changes: Partial<ReturnRequest> = {
    ...plan.changes,
    status,
    ...(email ? { emailStatus: 'queued' as const } : {}),
    ...(resumed
      ? { linksResumedAt: now, ...resumed.changes }
      : chasingAfter(deps, partnership, request, status, dueOn)),
  };
  const applied = await deps.store.requests.update(request, changes, {
    ...(email ? { outbox: email } : {}),
    ...(chronologyChanged ? { chronologyChangedAt: now } : {}),
    audit: auditEvent(
      deps,
      staffActor(staff),
      staff.partnershipId,
      caseId,
      plan.auditAction?.(request) ?? ACTION_AUDIT[action],
      {
        requestId,
        agencyId: agency.id,
        detail: {
          returnType: request.returnType,
          ...plan.detail,
          ...(resumed ? { linksResumed: true, passedOver: resumed.passedOver } : {}),
          ...(stopped && plan.email && !template ? { emailHeld: 'links-stopped' } : {}),
        },
      },
    ),
  });
  if (!applied) throw conflict('This request changed meanwhile; reload and try again', 'request-changed');
  if (resumes) await resumeAgencyRequests(deps, staff, partnership, caseId, agency.id, requestId);
  const updated = describeRequest(deps, { ...request, ...changes, revision: request.revision + 1 }, agency.name);
  const changed = chronologyChanged ? { chronologyChanged } : {};
  if (!email) return { request: updated, ...changed };
  const outcome = await dispatchEmail(deps, email.id, { justQueued: true });
  // (Dropped only if another sender took the e-mail first and found the request changed again meanwhile.)
  if (outcome.status === 'dropped') return { request: updated, email: outcome, ...changed };
  return { request: { ...updated, emailStatus: outcome.status }, email: outcome, ...changed };
}

/**
 * Re-merges the case's chronology at once when the action took a chronology out of it. The case was marked
 * for re-merging in the action's transaction, so if this fails the daily run merges it. Only the actions
 * that can end a submitted request call it, so that the others bundle no merge.
 */
async function remergeIfChanged(deps: PortalDeps, staff: StaffPrincipal, caseId: string, outcome: ActionOutcome) {
  if (outcome.chronologyChanged) {
    await remergeCase(deps, staff.partnershipId, caseId, staffActor(staff)).catch(() => undefined);
  }
  return outcome;
}

/**
 * The request's place on the chasing ladder after a change: a request that starts waiting on the agency,
 * or gets a new due date, starts the ladder for that date; one that stops waiting leaves the daily run.
 * While the agency's links are stopped the ladder keeps its place but is out of the daily run (paused).
 */
export function chasingAfter(
  deps: PortalDeps,
  partnership: Partnership,
  request: ReturnRequest,
  status: ReturnRequest['status'],
  dueOn: IsoDate,
): Pick<ReturnRequest, 'chase' | 'nextActionOn'> | Record<string, never> {
  if (!AWAITING_AGENCY.has(status))
    return request.chase || request.nextActionOn ? { chase: null, nextActionOn: null } : {};
  if (request.chase?.dueOn === dueOn && AWAITING_AGENCY.has(request.status)) return {};
  // Escalations already made are not made again for the new date (§2.1.7 goes up, never back down).
  const start = startOfLadder(deps.calendar, partnership.chasing.ladders[request.route], dueOn, request.escalationStep);
  const paused = linksStopped(request);
  return {
    chase: { dueOn, nextStepIndex: start.nextStepIndex },
    nextActionOn: paused ? null : (start.nextActionOn ?? null),
  };
}

/**
 * A paused ladder restarting when the office sends a link again: from where it paused (or, for a new due date,
 * its start), passing over the steps that fell due while the agency had no working link (chasing.ts).
 */
function resumeChasing(
  deps: PortalDeps,
  partnership: Partnership,
  request: ReturnRequest,
  status: ReturnRequest['status'],
  dueOn: IsoDate,
): { changes: Pick<ReturnRequest, 'chase' | 'nextActionOn'>; passedOver: string[] } {
  if (!AWAITING_AGENCY.has(status)) return { changes: { chase: null, nextActionOn: null }, passedOver: [] };
  const ladder = partnership.chasing.ladders[request.route];
  const from =
    request.chase?.dueOn === dueOn
      ? request.chase
      : startOfLadder(deps.calendar, ladder, dueOn, request.escalationStep);
  const { position, passedOver } = resumeLadder(
    deps.calendar,
    ladder,
    dueOn,
    from,
    today(deps),
    request.escalationStep,
  );
  return {
    changes: { chase: { dueOn, nextStepIndex: position.nextStepIndex }, nextActionOn: position.nextActionOn ?? null },
    passedOver: passedOver.map((step) => step.key),
  };
}

/** Up to this many attempts to change a request another writer is changing at the same moment. */
const RETRIES = 5;

/**
 * Applies `change` to a request as it now stands, rereading it when another writer got there first; gives up
 * when `change` answers undefined (nothing to do) or the request has gone. Answers whether it was applied.
 */
async function updateCurrent(
  deps: PortalDeps,
  request: ReturnRequest,
  change: (current: ReturnRequest) => { changes: Partial<ReturnRequest>; audit: AuditEvent } | undefined,
): Promise<boolean> {
  let current: ReturnRequest | undefined = request;
  for (let attempt = 0; current && attempt < RETRIES; attempt += 1) {
    const planned = change(current);
    if (!planned) return false;
    if (await deps.store.requests.update(current, planned.changes, { audit: planned.audit })) return true;
    current = await deps.store.requests.get(current.partnershipId, current.caseId, current.id);
  }
  return false;
}

/** The agency's other requests in the case whose ladders a stop paused restart with the link sent. */
async function resumeAgencyRequests(
  deps: PortalDeps,
  staff: StaffPrincipal,
  partnership: Partnership,
  caseId: string,
  agencyId: string,
  exceptId: string,
): Promise<void> {
  const requests = await deps.store.requests.listForCase(staff.partnershipId, caseId);
  for (const request of requests) {
    if (request.agencyId !== agencyId || request.id === exceptId || !linksStopped(request)) continue;
    await updateCurrent(deps, request, (current) => {
      if (!linksStopped(current)) return undefined;
      const resumed = resumeChasing(deps, partnership, current, current.status, current.dueOn);
      return {
        changes: {
          linksResumedAt: deps.clock.now().toISOString(),
          ...(AWAITING_AGENCY.has(current.status) ? resumed.changes : {}),
        },
        audit: auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'request.links-resumed', {
          requestId: current.id,
          agencyId,
          detail: { returnType: current.returnType, passedOver: resumed.passedOver },
        }),
      };
    });
  }
}

/**
 * Pauses the requests an agency was given in the case when the office stops its links: each leaves the daily
 * run (its ladder keeps its place) and is marked, so that nothing e-mailed about it carries a link until the
 * office sends one again. Answers how many were paused.
 */
async function pauseAgencyRequests(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  agencyId: string,
): Promise<number> {
  const at = deps.clock.now().toISOString();
  let paused = 0;
  for (const request of await deps.store.requests.listForCase(staff.partnershipId, caseId)) {
    if (request.agencyId !== agencyId || request.status === 'draft' || CLOSED.has(request.status)) continue;
    const done = await updateCurrent(deps, request, (current) =>
      current.status === 'draft' || CLOSED.has(current.status)
        ? undefined
        : {
            changes: { linksStoppedAt: at, ...(current.nextActionOn ? { nextActionOn: null } : {}) },
            audit: auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'request.links-stopped', {
              requestId: current.id,
              agencyId,
              detail: { returnType: current.returnType },
            }),
          },
    );
    if (done) paused += 1;
  }
  return paused;
}

const requireReason = (reason: string) => {
  if (!reason.trim()) throw invalid('Give a reason', [{ path: 'reason', message: 'Enter the reason' }]);
  return reason;
};

export function sendRequest(deps: PortalDeps, staff: StaffPrincipal, caseId: string, requestId: string) {
  return apply(deps, staff, caseId, requestId, 'send', {
    changes: { sentAt: deps.clock.now().toISOString() },
    email: 'request-link',
    // A request sent after its due date would start its ladder at the end: the next run would escalate an
    // agency that had its link for a day and was never reminded. The office sets a new date first.
    check: (request) => {
      if (request.dueOn < today(deps)) {
        throw conflict(
          `The due date of this request, ${longDate(request.dueOn)}, has passed. Change the due date, then send the request.`,
          'due-date-passed',
        );
      }
    },
  });
}

export function resendLink(deps: PortalDeps, staff: StaffPrincipal, caseId: string, requestId: string) {
  return apply(deps, staff, caseId, requestId, 'resend', { changes: {}, email: 'request-link' });
}

export function extendRequest(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  input: { dueOn: IsoDate; reason: string },
) {
  requireValidDueOn(deps, input.dueOn);
  return apply(deps, staff, caseId, requestId, 'extend', {
    changes: { dueOn: input.dueOn, lastReason: requireReason(input.reason) },
    detail: { dueOn: input.dueOn, reason: input.reason },
    // The agency learns its new date, with a fresh link lasting to it; earlier links keep working until their
    // own dates, so a lead mid-way through a draft is not signed out. A draft's date is simply changed (apply
    // e-mails no one about a draft).
    email: 'due-date-changed',
    auditAction: (request) => (request.status === 'draft' ? 'request.due-date-changed' : undefined),
    check: (request) => {
      // An extension gives the agency more time: an earlier date would cut its time short, unannounced.
      // A draft's agency has been given no date yet, so any valid one will do.
      if (request.status !== 'draft' && input.dueOn <= request.dueOn) {
        throw invalid('Check the due date', [
          { path: 'dueOn', message: `The new due date must be after the current one, ${longDate(request.dueOn)}` },
        ]);
      }
    },
  });
}

export async function markNotInvolved(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  reason: string,
) {
  const outcome = await apply(deps, staff, caseId, requestId, 'mark-not-involved', {
    changes: { lastReason: requireReason(reason) },
    detail: { reason },
    email: 'request-stopped',
  });
  return remergeIfChanged(deps, staff, caseId, outcome);
}

export function acceptReturn(deps: PortalDeps, staff: StaffPrincipal, caseId: string, requestId: string) {
  return apply(deps, staff, caseId, requestId, 'accept', { changes: {} });
}

export function requestMoreInformation(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  input: { dueOn: IsoDate; reason: string },
) {
  requireValidDueOn(deps, input.dueOn);
  return apply(deps, staff, caseId, requestId, 'request-more', {
    changes: { dueOn: input.dueOn, lastReason: requireReason(input.reason) },
    detail: { dueOn: input.dueOn, reason: input.reason },
    email: 'more-info',
  });
}

export async function withdrawRequest(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  reason: string,
) {
  const outcome = await apply(deps, staff, caseId, requestId, 'withdraw', {
    changes: { lastReason: requireReason(reason) },
    detail: { reason },
    email: 'request-stopped',
  });
  return remergeIfChanged(deps, staff, caseId, outcome);
}

export async function revokeAgencyLinks(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  agencyId: string,
  reason: string,
): Promise<{ revoked: number; paused: number }> {
  requireReason(reason);
  const record = await requireCase(deps, staff.partnershipId, caseId);
  const agency = await deps.store.agencies.get(staff.partnershipId, agencyId);
  if (!agency) throw notFound('The agency');
  // Paused first: once the links are dead, no step of the daily run may mint the agency a new one (ADR 0004).
  const paused = record.status === 'open' ? await pauseAgencyRequests(deps, staff, caseId, agencyId) : 0;
  const revoked = await revokeLinks(deps, staff.partnershipId, caseId, agencyId);
  await deps.store.audit.append(
    auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'links.revoked', {
      agencyId,
      detail: { revoked, reason, paused },
    }),
  );
  return { revoked, paused };
}

/**
 * Every agency × every return type at once, optionally sent straight away. All are created before any is
 * sent, and none is created if any agency already has a live request for one of the returns: a form
 * submitted twice creates nothing the second time, and e-mails nobody.
 */
export async function createRequestsBatch(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  input: {
    agencyIds: string[];
    returnTypes: ReturnType[];
    dueOn?: IsoDate;
    send: boolean;
    analysisColumns?: boolean;
    keyThemes?: string[];
  },
): Promise<ActionOutcome[]> {
  const wanted: { input: CreateRequestInput; agencyIndex: number }[] = [];
  for (const agencyId of new Set(input.agencyIds)) {
    for (const returnType of new Set(input.returnTypes)) {
      wanted.push({
        agencyIndex: input.agencyIds.indexOf(agencyId),
        input: {
          agencyId,
          returnType,
          ...(input.dueOn ? { dueOn: input.dueOn } : {}),
          ...(input.analysisColumns && returnType === 'chronology' ? { analysisColumns: true } : {}),
          ...(input.keyThemes && returnType === 'information-report' ? { keyThemes: input.keyThemes } : {}),
        },
      });
    }
  }
  const created = await createRequests(
    deps,
    staff,
    caseId,
    wanted.map((w) => w.input),
    (index) => `agencyIds[${wanted[index]?.agencyIndex ?? 0}]`,
  );
  if (!input.send) return created.map((request) => ({ request }));
  const outcomes: ActionOutcome[] = [];
  for (const request of created) {
    const outcome = await sendRequest(deps, staff, caseId, request.id);
    // The office is told of a late due date whether or not it sent the request at once.
    const notice = request.dueDateNotice ? { dueDateNotice: request.dueDateNotice } : {};
    outcomes.push({ ...outcome, request: { ...outcome.request, ...notice } });
  }
  return outcomes;
}

export { revokeLinks };

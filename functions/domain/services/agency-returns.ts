import type { ReturnContent } from '../../contract/returns';
import { conflict, invalid, notFound } from '../errors';
import { newId } from '../ids';
import {
  RETURN_TYPE_LABELS,
  type AgencySession,
  type ReturnRequest,
  type ReturnType,
  type SubmittedReturn,
} from '../model';
import type { OutboxEmail, PortalDeps } from '../ports';
import { canApply, statusAfter } from '../request-status';
import { aReturnOf, draftTypeIssues, isNilReturn, raisesSafetyConcern, returnIssues } from '../returns';
import { sha256Hex } from '../secrets';
import { agencyActor, auditEvent, requireCase, requirePartnership, today } from './context';
import { attachmentsForSubmission } from './attachments';
import { remergeCase } from './chronology';
import { dispatchEmail } from './outbox';

/**
 * A document is written before the request records it, so each save or submission attempt writes an
 * object of its own (the attempt's id in its key): attempts racing for the same version never overwrite
 * the object of the one that wins, and a draft save that loses deletes only its own.
 */
export const draftKey = (r: Pick<ReturnRequest, 'partnershipId' | 'caseId' | 'id'>, version: number) =>
  `drafts/${r.partnershipId}/${r.caseId}/${r.id}/v${version}.json`;
const newDraftKey = (r: ReturnRequest, version: number) =>
  `drafts/${r.partnershipId}/${r.caseId}/${r.id}/v${version}-${newId()}.json`;
/** Where the request's draft is: the key it records, or (drafts saved before keys were per attempt) its version's. */
export const currentDraftKey = (r: ReturnRequest) => r.draftDocumentKey ?? draftKey(r, r.draftVersion ?? 0);
const returnKey = (r: ReturnRequest, version: number, submissionId: string) =>
  `returns/${r.partnershipId}/${r.caseId}/${r.id}/v${version}-${submissionId}-${newId()}.json`;

export interface AgencyRequestSummary {
  id: string;
  returnType: ReturnType;
  returnLabel: string;
  status: ReturnRequest['status'];
  dueOn: string;
  workingDaysLeft: number;
  analysisColumns?: boolean;
  /** What the business office asked for when it reopened the request (§8.7). */
  moreInformationAsked?: string;
  draftVersion?: number;
  draftSavedAt?: string;
  submittedAt?: string;
}

function summarise(deps: PortalDeps, request: ReturnRequest): AgencyRequestSummary {
  return {
    id: request.id,
    returnType: request.returnType,
    returnLabel: RETURN_TYPE_LABELS[request.returnType],
    status: request.status,
    dueOn: request.dueOn,
    workingDaysLeft: deps.calendar.workingDaysLeft(today(deps), request.dueOn),
    ...(request.analysisColumns ? { analysisColumns: true } : {}),
    ...(request.status === 'more-info-requested' && request.lastReason
      ? { moreInformationAsked: request.lastReason }
      : {}),
    ...(request.draftVersion !== undefined ? { draftVersion: request.draftVersion } : {}),
    ...(request.draftSavedAt ? { draftSavedAt: request.draftSavedAt } : {}),
    ...(request.submittedAt ? { submittedAt: request.submittedAt } : {}),
  };
}

/** Requests that have been sent to the session's agency in the session's case: nothing else is visible. */
async function agencyRequests(deps: PortalDeps, session: AgencySession): Promise<ReturnRequest[]> {
  const all = await deps.store.requests.listForCase(session.partnershipId, session.caseId);
  return all.filter((r) => r.agencyId === session.agencyId && r.status !== 'draft');
}

async function requireAgencyRequest(deps: PortalDeps, session: AgencySession, requestId: string) {
  const request = await deps.store.requests.get(session.partnershipId, session.caseId, requestId);
  if (!request || request.agencyId !== session.agencyId || request.status === 'draft') throw notFound('The request');
  return request;
}

export async function listAgencyRequests(deps: PortalDeps, session: AgencySession) {
  const [partnership, record, agency, requests] = await Promise.all([
    requirePartnership(deps, session.partnershipId),
    requireCase(deps, session.partnershipId, session.caseId),
    deps.store.agencies.get(session.partnershipId, session.agencyId),
    agencyRequests(deps, session),
  ]);
  await deps.store.audit.append(
    auditEvent(deps, agencyActor(session), session.partnershipId, session.caseId, 'agency.case-viewed', {
      agencyId: session.agencyId,
    }),
  );
  return {
    partnership: { name: partnership.name, officeName: partnership.officeName, officeEmail: partnership.officeEmail },
    agency: { id: session.agencyId, name: agency?.name ?? 'Your agency' },
    case: { reference: record.reference, route: record.route, day0: record.day0, subject: record.subject },
    requests: requests.map((r) => summarise(deps, r)),
  };
}

/**
 * A draft saved before the latest submission is superseded by it: asked for more information, the lead
 * carries on from what they submitted, not from an older draft (which may lack what they added before
 * submitting). Only a draft saved since then is the lead's work in progress.
 */
export const hasCurrentDraft = (request: ReturnRequest) =>
  request.draftVersion !== undefined &&
  (request.submittedAt === undefined || (request.draftSavedAt ?? '') > request.submittedAt);

/** The content the lead is working on: the current draft, else the latest submission, else nothing. */
export async function workInProgress(
  deps: PortalDeps,
  request: ReturnRequest,
): Promise<Record<string, unknown> | undefined> {
  if (hasCurrentDraft(request)) {
    return (await deps.documents.getJson<{ content?: Record<string, unknown> }>(currentDraftKey(request)))?.content;
  }
  if (request.returnVersion === undefined) return undefined;
  const submitted = await deps.store.requests.getSubmitted(
    request.partnershipId,
    request.caseId,
    request.id,
    request.returnVersion,
  );
  if (!submitted) return undefined;
  return (await deps.documents.getJson<{ content?: Record<string, unknown> }>(submitted.documentKey))?.content;
}

/**
 * The name and role of the agency's latest declaration in this case, whichever of its returns it was
 * made for: the same lead usually declares each return, and retyping them is needless (§1.5.8). Only this
 * agency's own returns in the session's case are read.
 */
async function latestDeclarer(deps: PortalDeps, session: AgencySession) {
  const requests = await deps.store.requests.listForCase(session.partnershipId, session.caseId);
  const latest = requests
    .filter((r) => r.agencyId === session.agencyId && r.returnVersion !== undefined && r.submittedAt)
    .sort((a, b) => (a.submittedAt! < b.submittedAt! ? 1 : -1))[0];
  if (!latest) return undefined;
  const submitted = await deps.store.requests.getSubmitted(
    latest.partnershipId,
    latest.caseId,
    latest.id,
    latest.returnVersion!,
  );
  return submitted && { name: submitted.declarationName, role: submitted.declarationRole };
}

export async function getAgencyRequest(deps: PortalDeps, session: AgencySession, requestId: string) {
  const request = await requireAgencyRequest(deps, session, requestId);
  const declarer = await latestDeclarer(deps, session);
  const draft = hasCurrentDraft(request)
    ? await deps.documents.getJson<{ content: unknown }>(currentDraftKey(request))
    : undefined;
  const submitted =
    request.returnVersion !== undefined
      ? await deps.store.requests.getSubmitted(session.partnershipId, session.caseId, request.id, request.returnVersion)
      : undefined;
  const submittedDocument = submitted
    ? await deps.documents.getJson<{ content: unknown }>(submitted.documentKey)
    : undefined;
  await deps.store.audit.append(
    auditEvent(deps, agencyActor(session), session.partnershipId, session.caseId, 'agency.request-viewed', {
      requestId,
      agencyId: session.agencyId,
    }),
  );
  return {
    request: summarise(deps, request),
    draft: draft && { version: request.draftVersion, savedAt: request.draftSavedAt, content: draft.content },
    submitted: submitted &&
      submittedDocument && {
        version: submitted.version,
        submittedAt: submitted.submittedAt,
        content: submittedDocument.content,
      },
    ...(declarer ? { declarationDefaults: declarer } : {}),
  };
}

export async function saveDraft(
  deps: PortalDeps,
  session: AgencySession,
  requestId: string,
  input: { content: unknown; expectedVersion?: number },
): Promise<{ version: number; savedAt: string }> {
  const request = await requireAgencyRequest(deps, session, requestId);
  if (!canApply('save-draft', request.status)) {
    throw conflict('This return has been submitted or closed and can no longer be changed', 'submitted');
  }
  const wrongType = draftTypeIssues(input.content as Record<string, unknown>, request.returnType);
  if (wrongType.length) {
    throw invalid(
      `This draft is not of the type the request asks for: ${aReturnOf(request.returnType)}, or a nil return`,
      wrongType.map((i) => ({ ...i, path: `content.${i.path}` })),
      'wrong-return-type',
    );
  }
  const current = request.draftVersion ?? 0;
  if (input.expectedVersion !== undefined && input.expectedVersion !== current) {
    throw conflict(
      'This draft was changed elsewhere since you opened it. Reload it before saving again.',
      'stale-draft',
    );
  }
  const version = current + 1;
  const savedAt = deps.clock.now().toISOString();
  // Each attempt is its own object, so a refused write never overwrites the draft that stands.
  const key = newDraftKey(request, version);
  await deps.documents.putJson(key, { requestId, version, savedAt, content: input.content });
  const applied = await deps.store.requests.update(
    request,
    {
      status: statusAfter('save-draft', request.status),
      draftVersion: version,
      draftSavedAt: savedAt,
      draftDocumentKey: key,
    },
    {
      audit: auditEvent(deps, agencyActor(session), session.partnershipId, session.caseId, 'draft.saved', {
        requestId,
        agencyId: session.agencyId,
        detail: { version },
      }),
    },
  );
  if (!applied) {
    await deps.documents.delete(key);
    throw conflict(
      'This draft was changed elsewhere since you opened it. Reload it before saving again.',
      'stale-draft',
    );
  }
  if (current > 0) await deps.documents.delete(currentDraftKey(request));
  return { version, savedAt };
}

export interface SubmissionReceipt {
  requestId: string;
  status: 'submitted';
  submissionId: string;
  version: number;
  submittedAt: string;
  /** A short reference the lead can quote to the business office. */
  receipt: string;
}

const receiptOf = (caseReference: string, submissionId: string) =>
  `${caseReference}-${sha256Hex(submissionId).slice(0, 6).toUpperCase()}`;

/**
 * Submits a return exactly once. The document is written to the store first under a key named by the
 * submission id and the attempt; the request then becomes `submitted` in one conditional transaction with
 * the return record (which names that key), the audit event and any safety alert. A crash between the two
 * leaves the request clearly not submitted (and an object nothing refers to, deleted with the case), and a
 * retry with the same submission id completes it.
 */
export async function submitReturn(
  deps: PortalDeps,
  session: AgencySession,
  requestId: string,
  input: { submissionId?: string; content: ReturnContent },
): Promise<SubmissionReceipt> {
  const record = await requireCase(deps, session.partnershipId, session.caseId);
  const contentJson = JSON.stringify(input.content);
  const contentSha256 = sha256Hex(contentJson);
  const submissionId = input.submissionId ?? sha256Hex(`${requestId}:${contentJson}`);

  for (let attempt = 0; attempt < 5; attempt += 1) {
    const request = await requireAgencyRequest(deps, session, requestId);
    const issues = returnIssues(input.content, request, today(deps));
    // Paths name fields of the body, as the schema's own issues do.
    if (issues.length)
      throw invalid(
        'Check the return',
        issues.map((i) => ({ ...i, path: `content.${i.path}` })),
      );
    if (request.status === 'submitted') {
      if (request.submissionId !== submissionId || request.returnVersion === undefined) {
        throw conflict('This return has already been submitted', 'already-submitted');
      }
      const stored = await deps.store.requests.getSubmitted(
        request.partnershipId,
        request.caseId,
        request.id,
        request.returnVersion,
      );
      if (!stored || stored.contentSha256 !== contentSha256) {
        throw conflict('This submission id was already used for different content', 'submission-mismatch');
      }
      return {
        requestId,
        status: 'submitted',
        submissionId,
        version: stored.version,
        submittedAt: stored.submittedAt,
        receipt: receiptOf(record.reference, submissionId),
      };
    }
    if (!canApply('submit', request.status)) throw conflict('This request cannot take a return now', 'not-open');
    if (request.submissionId === submissionId) {
      // The id of an earlier version, resent after the office asked for more information.
      throw conflict(
        'This submission was already made. Submit the new information as a new submission.',
        'submission-reused',
      );
    }

    const version = (request.returnVersion ?? 0) + 1;
    const submittedAt = deps.clock.now().toISOString();
    const attachments = await attachmentsForSubmission(deps, request.partnershipId, request.caseId, requestId);
    const documentKey = returnKey(request, version, submissionId);
    const written = await deps.documents.putJson(documentKey, {
      partnershipId: request.partnershipId,
      caseId: request.caseId,
      requestId,
      agencyId: request.agencyId,
      returnType: request.returnType,
      version,
      submissionId,
      submittedAt,
      content: input.content,
      attachments,
    });
    const concern = raisesSafetyConcern(input.content);
    const submitted: SubmittedReturn = {
      partnershipId: request.partnershipId,
      caseId: request.caseId,
      requestId,
      agencyId: request.agencyId,
      returnType: request.returnType,
      version,
      submissionId,
      submittedAt,
      documentKey,
      sha256: written.sha256,
      contentSha256,
      declarationName: input.content.declaration.name,
      declarationRole: input.content.declaration.role,
      immediateSafetyConcern: concern,
      nilReturn: isNilReturn(input.content),
      attachments,
    };
    const alert: OutboxEmail | undefined = concern
      ? {
          id: newId(),
          template: 'safety-concern',
          partnershipId: request.partnershipId,
          caseId: request.caseId,
          requestId,
          agencyId: request.agencyId,
          status: 'pending',
          attempts: 0,
          createdAt: submittedAt,
          nextAttemptAt: submittedAt,
        }
      : undefined;
    const applied = await deps.store.requests.update(
      request,
      // A submitted request is no longer chased.
      {
        status: 'submitted',
        submittedAt,
        submissionId,
        returnVersion: version,
        safetyConcern: concern,
        nilReturn: submitted.nilReturn,
        chase: null,
        nextActionOn: null,
      },
      {
        submitted,
        ...(alert ? { outbox: alert } : {}),
        ...(request.returnType === 'chronology' ? { chronologyChangedAt: submittedAt } : {}),
        audit: auditEvent(deps, agencyActor(session), session.partnershipId, session.caseId, 'return.submitted', {
          requestId,
          agencyId: session.agencyId,
          detail: { version, nilReturn: submitted.nilReturn, immediateSafetyConcern: concern },
        }),
      },
    );
    if (applied) {
      // The alert is already durable in the outbox; sending it now is a best effort the scheduler backs up.
      if (alert) await dispatchEmail(deps, alert.id).catch(() => undefined);
      // The case is marked for re-merging in the transaction above; if this fails the daily run merges it.
      if (request.returnType === 'chronology') {
        await remergeCase(deps, request.partnershipId, request.caseId).catch(() => undefined);
      }
      return {
        requestId,
        status: 'submitted',
        submissionId,
        version,
        submittedAt,
        receipt: receiptOf(record.reference, submissionId),
      };
    }
    // Another attempt or change came first: this attempt's document is nobody's. It is left, unreferenced,
    // for retention to delete with the case (submitting may write returns, not delete them).
  }
  throw conflict('The return could not be submitted because it kept changing. Try again.', 'busy');
}

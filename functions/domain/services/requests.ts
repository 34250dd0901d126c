import { isSupportedDate, SUPPORTED_DATES } from '../bank-holidays';
import { dueDateNotice, type DueDateNotice } from '../due-date-notice';
import { type IsoDate } from '../calendar';
import { conflict, DomainError, invalid, notFound, type FieldIssue } from '../errors';
import { newId } from '../ids';
import { MAX_RETURN_VERSION, RETURN_TYPE_LABELS, RETURN_VERSION_RULE } from '../model';
import type { Case, Partnership, ReturnRequest, ReturnType, SubmittedReturn } from '../model';
import type { PortalDeps } from '../ports';
import { ASKABLE_AGAIN, linksStopped } from '../request-status';
import type { DropReason } from '../stale-email';
import { withMilestones } from './cases';
import { auditEvent, requireCase, requirePartnership, staffActor, today, type StaffPrincipal } from './context';

export interface CreateRequestInput {
  agencyId: string;
  returnType: ReturnType;
  dueOn?: IsoDate;
  analysisColumns?: boolean;
  /** Information Reports only: the key themes of the Terms of Reference to analyse against (§8.5). */
  keyThemes?: string[];
}

export interface RequestWithAgency extends ReturnRequest {
  agencyName: string;
  /** Working days left until the due date (WorkingCalendar.workingDaysLeft): negative once it has passed. */
  workingDaysLeft: number;
  /** The office stopped the agency's links and has not sent one since (request-status.ts linksStopped). */
  linksStopped?: true;
  /** Only in the answer to creating it: its due date is late for the Rapid Review (dueDateNotice). */
  dueDateNotice?: DueDateNotice;
  /** Ladder steps taken, oldest first (listed with the case's requests). */
  reminders?: {
    step: string;
    sentAt?: string;
    to: string[];
    emailStatus: 'queued' | 'sent' | 'failed' | 'dropped';
    action: string;
    dueOn: string;
    recordedAt: string;
    droppedAt?: string;
    dropReason?: DropReason;
  }[];
}

export function describeRequest(deps: PortalDeps, request: ReturnRequest, agencyName: string): RequestWithAgency {
  return {
    ...request,
    agencyName,
    workingDaysLeft: deps.calendar.workingDaysLeft(today(deps), request.dueOn),
    ...(linksStopped(request) ? { linksStopped: true } : {}),
  };
}

/**
 * The due date a request gets when the officer does not choose one: the case's reply milestone
 * (Rapid Review: `replies-due`, working day 10 or the first day of the meeting window if sooner; two months
 * less the partnership's reply window for an agency referral), or the partnership's reply window from today
 * when that milestone is past or absent.
 */
export function defaultDueOn(
  deps: PortalDeps,
  partnership: Partnership,
  record: Case,
  from: IsoDate,
  returnType?: ReturnType,
): IsoDate {
  const { calendar } = deps;
  const earliest = calendar.addWorkingDays(from, 1);
  const window = calendar.addWorkingDays(from, partnership.defaultReplyWorkingDays);
  const milestones = withMilestones(deps, partnership, record).milestones;
  const due = (key: string) => milestones.find((m) => m.key === key)?.due;
  let candidate: IsoDate | undefined;
  if (record.route === 'rapid-review') {
    candidate = due('replies-due');
    // A reply asked for after that date is still for the meeting, then for day 15: its default is never
    // after the last of them still ahead. Other returns (a chronology for a review) are not on that clock.
    const cap = [due('meeting'), due('national-panel')].find((d) => d !== undefined && d >= earliest);
    if (returnType === 'information-request-reply' && !(candidate && candidate >= earliest) && cap) {
      return cap < window ? cap : window;
    }
  }
  if (record.route === 'agency-referral') {
    const summary = due('combined-summary');
    candidate = summary && calendar.addWorkingDays(summary, -partnership.defaultReplyWorkingDays);
  }
  if (record.route === 'cspr') {
    const complete = due('review-complete');
    candidate = complete && complete < window ? complete : window;
  }
  return candidate && candidate >= earliest ? candidate : window;
}

/** A chosen due date must be a working day, today or later, in the years the calendar counts in. */
export function requireValidDueOn(deps: PortalDeps, dueOn: IsoDate, path = 'dueOn'): void {
  const issues: FieldIssue[] = [];
  if (dueOn < today(deps)) issues.push({ path, message: 'The due date cannot be in the past' });
  else if (!isSupportedDate(dueOn)) issues.push({ path, message: `The due date must be ${SUPPORTED_DATES.text}` });
  else if (!deps.calendar.isWorkingDay(dueOn)) {
    issues.push({ path, message: 'The due date must be a working day (not a weekend or bank holiday)' });
  }
  if (issues.length) throw invalid('Check the due date', issues);
}

export async function createRequest(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  input: CreateRequestInput,
): Promise<RequestWithAgency> {
  const [created] = await createRequests(deps, staff, caseId, [input], () => 'agencyId');
  if (!created) throw new Error('no request created');
  return created;
}

/**
 * Creates requests, all or none: every one is checked before any is stored, and none is stored when the
 * agency already has a live request for that return in the case (one not withdrawn or marked not
 * involved), which a repeated submission of the same form would otherwise duplicate. The store refuses
 * such a pair too (its claim), so two submissions racing each other cannot both create it.
 * `pathOf(i)` names where the i-th request's agency is in the body, for the error's issues.
 */
export async function createRequests(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  inputs: CreateRequestInput[],
  pathOf: (index: number) => string,
): Promise<RequestWithAgency[]> {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const record = await requireCase(deps, partnership.id, caseId);
  if (record.status !== 'open') throw conflict('The case is closed', 'case-closed');
  const agencyIds = [...new Set(inputs.map((i) => i.agencyId))];
  const found = await Promise.all(agencyIds.map((id) => deps.store.agencies.get(partnership.id, id)));
  const agencies = new Map(found.flatMap((a) => (a ? [[a.id, a] as const] : [])));
  const now = today(deps);
  const createdAt = deps.clock.now().toISOString();
  const milestones = withMilestones(deps, partnership, record).milestones;

  const planned = inputs.map((input, index) => {
    const agency = agencies.get(input.agencyId);
    if (!agency)
      throw invalid('Choose an agency from the directory', [{ path: pathOf(index), message: 'No such agency' }]);
    if (input.analysisColumns && input.returnType !== 'chronology') {
      throw invalid('Check the request', [
        { path: 'analysisColumns', message: 'Analysis columns apply to chronologies only' },
      ]);
    }
    if (input.keyThemes && input.returnType !== 'information-report') {
      throw invalid('Check the request', [
        { path: 'keyThemes', message: 'Key themes apply to Information Reports only' },
      ]);
    }
    const dueOn = input.dueOn ?? defaultDueOn(deps, partnership, record, now, input.returnType);
    if (input.dueOn !== undefined) requireValidDueOn(deps, dueOn);
    const notice = dueDateNotice(deps.calendar, now, record.route, milestones, input.returnType, dueOn);
    const request: ReturnRequest = {
      id: newId(),
      partnershipId: partnership.id,
      caseId,
      agencyId: agency.id,
      returnType: input.returnType,
      status: 'draft',
      route: record.route,
      caseReference: record.reference,
      ...(input.analysisColumns ? { analysisColumns: true } : {}),
      ...(input.keyThemes?.length ? { keyThemes: [...input.keyThemes] } : {}),
      dueOn,
      createdAt,
      createdBy: staff.userId,
      revision: 0,
    };
    const audit = auditEvent(deps, staffActor(staff), partnership.id, caseId, 'request.created', {
      requestId: request.id,
      agencyId: agency.id,
      detail: { returnType: request.returnType, dueOn },
    });
    return { request, audit, agencyName: agency.name, path: pathOf(index), notice };
  });

  const live = new Set(
    (await deps.store.requests.listForCase(partnership.id, caseId))
      .filter((r) => !ASKABLE_AGAIN.has(r.status))
      .map((r) => pairKey(r)),
  );
  const held = (pairs: Set<string>) => planned.filter((p) => pairs.has(pairKey(p.request)));
  const already = held(live);
  if (already.length) throw alreadyRequested(already);
  const { taken } = await deps.store.requests.createAll(planned.map(({ request, audit }) => ({ request, audit })));
  // Another submission stored some of these pairs after the check above.
  if (taken.length) throw alreadyRequested(held(new Set(taken.map(pairKey))));
  return planned.map((p) => ({
    ...describeRequest(deps, p.request, p.agencyName),
    ...(p.notice ? { dueDateNotice: p.notice } : {}),
  }));
}

const pairKey = (pair: Pick<ReturnRequest, 'agencyId' | 'returnType'>) => `${pair.agencyId}#${pair.returnType}`;

/** The typed answer to asking again for a return an agency already has a live request for (HTTP 409). */
function alreadyRequested(pairs: { request: ReturnRequest; agencyName: string; path: string }[]): DomainError {
  const said = (p: (typeof pairs)[number]) =>
    `${p.agencyName} has already been asked for the ${RETURN_TYPE_LABELS[p.request.returnType]} in this case`;
  const [first] = pairs;
  const message =
    pairs.length === 1 && first
      ? `${said(first)}.`
      : 'Some of these agencies have already been asked for these returns in this case. No requests were created.';
  return new DomainError(
    'conflict',
    'already-requested',
    message,
    pairs.map((p) => ({ path: p.path, message: said(p) })),
  );
}

export async function listRequests(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
): Promise<RequestWithAgency[]> {
  await requireCase(deps, staff.partnershipId, caseId);
  const [requests, agencies, reminders] = await Promise.all([
    deps.store.requests.listForCase(staff.partnershipId, caseId),
    deps.store.agencies.list(staff.partnershipId),
    deps.store.chase.listReminders(staff.partnershipId, caseId),
  ]);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  return requests.map((r) => ({
    ...describeRequest(deps, r, names.get(r.agencyId) ?? 'Unknown agency'),
    reminders: reminders
      .filter((m) => m.requestId === r.id)
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
      .map(({ step, action, dueOn, recordedAt, sentAt, failedAt, droppedAt, dropReason, to }) => ({
        step,
        ...(sentAt ? { sentAt } : {}),
        to,
        emailStatus: sentAt
          ? ('sent' as const)
          : droppedAt
            ? ('dropped' as const)
            : failedAt
              ? ('failed' as const)
              : ('queued' as const),
        action,
        dueOn,
        recordedAt,
        ...(droppedAt ? { droppedAt } : {}),
        ...(dropReason ? { dropReason } : {}),
      })),
  }));
}

export async function requireRequest(deps: PortalDeps, partnershipId: string, caseId: string, requestId: string) {
  const request = await deps.store.requests.get(partnershipId, caseId, requestId);
  if (!request) throw notFound('The request');
  return request;
}

export interface ReturnView {
  requestId: string;
  caseId: string;
  agencyId: string;
  agencyName: string;
  returnType: ReturnType;
  version: number;
  submittedAt: string;
  immediateSafetyConcern: boolean;
  nilReturn: boolean;
  attachments: NonNullable<SubmittedReturn['attachments']>;
  content: unknown;
}

export async function listReturnVersions(deps: PortalDeps, staff: StaffPrincipal, caseId: string, requestId: string) {
  await requireCase(deps, staff.partnershipId, caseId);
  await requireRequest(deps, staff.partnershipId, caseId, requestId);
  const versions = await deps.store.requests.listSubmitted(staff.partnershipId, caseId, requestId);
  return versions.map((v) => ({
    version: v.version,
    submittedAt: v.submittedAt,
    nilReturn: v.nilReturn,
    immediateSafetyConcern: v.immediateSafetyConcern,
    declarationName: v.declarationName,
    declarationRole: v.declarationRole,
  }));
}

/**
 * A submitted version of a request's return (the latest when `version` is left out), with its content and
 * agency, unaudited: each caller records its own kind of access.
 */
export async function readSubmittedReturn(
  deps: PortalDeps,
  partnershipId: string,
  caseId: string,
  requestId: string,
  version?: number,
) {
  // A version that cannot be one is bad input (400); one that could be but was never submitted is not found.
  if (version !== undefined && !(Number.isInteger(version) && version >= 1 && version <= MAX_RETURN_VERSION)) {
    throw invalid('Check the request: some fields are missing or not valid.', [
      { path: 'version', message: RETURN_VERSION_RULE },
    ]);
  }
  await requireCase(deps, partnershipId, caseId);
  const request = await requireRequest(deps, partnershipId, caseId, requestId);
  if (request.returnVersion === undefined) throw notFound('A submitted return', 'not-submitted');
  const wanted = version ?? request.returnVersion;
  if (wanted > request.returnVersion) throw notFound('That version of the return', 'no-such-version');
  const submitted = await deps.store.requests.getSubmitted(partnershipId, caseId, requestId, wanted);
  if (!submitted) throw notFound('A submitted return', 'not-submitted');
  const document = await deps.documents.getJson<{ content: unknown }>(submitted.documentKey);
  if (!document) throw new Error('submitted return document missing');
  const agency = await deps.store.agencies.get(partnershipId, request.agencyId);
  return { request, submitted, content: document.content, agencyName: agency?.name ?? 'Unknown agency' };
}

/** A submitted return: the latest version, or an earlier one kept when more information was asked for. */
export async function getReturn(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  version?: number,
): Promise<ReturnView> {
  const { request, submitted, content, agencyName } = await readSubmittedReturn(
    deps,
    staff.partnershipId,
    caseId,
    requestId,
    version,
  );
  await deps.store.audit.append(
    auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'return.viewed', {
      requestId,
      agencyId: request.agencyId,
      detail: { version: submitted.version },
    }),
  );
  return {
    requestId,
    caseId,
    agencyId: request.agencyId,
    agencyName,
    returnType: submitted.returnType,
    version: submitted.version,
    submittedAt: submitted.submittedAt,
    immediateSafetyConcern: submitted.immediateSafetyConcern,
    nilReturn: submitted.nilReturn,
    attachments: submitted.attachments ?? [],
    content,
  };
}

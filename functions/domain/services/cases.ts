import { isSupportedDate, SUPPORTED_DATES } from '../bank-holidays';
import { type IsoDate } from '../calendar';
import { conflict, invalid, type FieldIssue } from '../errors';
import { newId } from '../ids';
import { caseAlertSchedule } from '../chasing';
import { milestonesFor, type Milestone, type MilestoneSettings, type Route } from '../milestones';
import type { Case, Partnership, ReturnRequest, Subject } from '../model';
import { AWAITING_AGENCY, CLOSED } from '../request-status';
import type { PortalDeps } from '../ports';
import { auditEvent, requireCase, requirePartnership, staffActor, today, type StaffPrincipal } from './context';

export interface CreateCaseInput {
  route: Route;
  day0: IsoDate;
  reference?: string;
  subject: Subject;
}

export interface CaseWithMilestones extends Case {
  /** Each milestone with the working days left until it (WorkingCalendar.workingDaysLeft: negative once passed). */
  milestones: (Milestone & { workingDaysLeft: number })[];
}

/** The partnership's settings as they stand, fixed on a case when it is opened. */
const currentSettings = (partnership: Partnership): MilestoneSettings => ({
  rapidReviewMeetingWindow: { ...partnership.rapidReviewMeetingWindow },
});

/** The settings a case's milestones are counted with: its own, or (opened before they were stored) today's. */
export const milestoneSettingsOf = (partnership: Partnership, record: Pick<Case, 'milestoneSettings'>) =>
  record.milestoneSettings ?? currentSettings(partnership);

function countdown(deps: PortalDeps, settings: MilestoneSettings, route: Route, day0: IsoDate) {
  const now = today(deps);
  return milestonesFor(route, day0, deps.calendar, settings).map((m) => ({
    ...m,
    workingDaysLeft: deps.calendar.workingDaysLeft(now, m.due),
  }));
}

export function withMilestones(deps: PortalDeps, partnership: Partnership, record: Case): CaseWithMilestones {
  const settings = milestoneSettingsOf(partnership, record);
  return { ...record, milestones: countdown(deps, settings, record.route, record.day0) };
}

export async function createCase(
  deps: PortalDeps,
  staff: StaffPrincipal,
  input: CreateCaseInput,
): Promise<CaseWithMilestones> {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const now = today(deps);
  const issues: FieldIssue[] = [];
  if (input.day0 > now) issues.push({ path: 'day0', message: 'Day 0 cannot be in the future' });
  else if (!isSupportedDate(input.day0))
    issues.push({ path: 'day0', message: `Day 0 must be ${SUPPORTED_DATES.text}` });
  if (input.subject.dateOfBirth > now) {
    issues.push({ path: 'subject.dateOfBirth', message: 'Date of birth cannot be in the future' });
  }
  if (issues.length) throw invalid('Check the case details', issues);

  // Everything that can refuse the case is worked out before its reference number is taken, so that a
  // refused case leaves no gap in the partnership's numbering (ADR 0008).
  const milestoneSettings = currentSettings(partnership);
  const milestones = countdown(deps, milestoneSettings, input.route, input.day0);
  const alertSchedule = caseAlertSchedule(deps.calendar, input.route, milestones, partnership.chasing.alerts);
  const createdAt = deps.clock.now().toISOString();
  const year = Number(now.slice(0, 4));
  const reference =
    input.reference ??
    `${partnership.referencePrefix}-${year}-${String(await deps.store.cases.nextReferenceNumber(partnership.id, year)).padStart(4, '0')}`;
  const record: Case = {
    id: newId(),
    partnershipId: partnership.id,
    reference,
    route: input.route,
    day0: input.day0,
    subject: input.subject,
    status: 'open',
    createdAt,
    createdBy: staff.userId,
    milestoneSettings,
    alertSchedule,
    nextAlertIndex: 0,
    nextAlertOn: alertSchedule[0]?.on ?? null,
  };
  const outcome = await deps.store.cases.create(
    record,
    auditEvent(deps, staffActor(staff), partnership.id, record.id, 'case.opened', {
      detail: { reference, route: record.route, day0: record.day0 },
    }),
  );
  if (outcome === 'reference-taken') {
    throw conflict(`A case with reference ${reference} already exists`, 'reference-taken');
  }
  return { ...record, milestones };
}

export interface ReturnsSummary {
  total: number;
  notSent: number;
  awaiting: number;
  overdue: number;
  dueSoon: number;
  submitted: number;
  closed: number;
  safetyConcerns: number;
}

/** Where a case's returns stand, for the red/amber/green of the case list. */
export function summariseReturns(deps: PortalDeps, requests: ReturnRequest[]): ReturnsSummary {
  const now = today(deps);
  const summary: ReturnsSummary = {
    total: 0,
    notSent: 0,
    awaiting: 0,
    overdue: 0,
    dueSoon: 0,
    submitted: 0,
    closed: 0,
    safetyConcerns: 0,
  };
  for (const r of requests) {
    summary.total += 1;
    if (r.safetyConcern) summary.safetyConcerns += 1;
    if (r.status === 'draft') summary.notSent += 1;
    else if (r.status === 'submitted') summary.submitted += 1;
    else if (CLOSED.has(r.status)) summary.closed += 1;
    else if (AWAITING_AGENCY.has(r.status)) {
      summary.awaiting += 1;
      const left = deps.calendar.workingDaysLeft(now, r.dueOn);
      if (left < 0) summary.overdue += 1;
      else if (left <= 2) summary.dueSoon += 1;
    }
  }
  return summary;
}

export async function listCases(deps: PortalDeps, staff: StaffPrincipal, status: 'open' | 'closed' = 'open') {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const cases = await deps.store.cases.list(partnership.id, status);
  return Promise.all(
    cases.map(async (c) => ({
      ...withMilestones(deps, partnership, c),
      returns: summariseReturns(deps, await deps.store.requests.listForCase(partnership.id, c.id)),
    })),
  );
}

export async function getCase(deps: PortalDeps, staff: StaffPrincipal, caseId: string): Promise<CaseWithMilestones> {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  return withMilestones(deps, partnership, await requireCase(deps, partnership.id, caseId));
}

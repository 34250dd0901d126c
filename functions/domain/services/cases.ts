import { isSupportedDate, SUPPORTED_DATES } from '../bank-holidays';
import { type IsoDate } from '../calendar';
import { conflict, invalid, type FieldIssue } from '../errors';
import { newId } from '../ids';
import { caseAlertSchedule, repliesMissingCheckDay, type CaseAlertKind, type PlannedAlert } from '../chasing';
import { milestonesFor, type Milestone, type MilestoneSettings, type Route } from '../milestones';
import type { Case, Partnership, ReturnRequest, Subject } from '../model';
import { AWAITING_AGENCY, CLOSED } from '../request-status';
import { concernNeedsAction } from '../safety-concern';
import type { PortalDeps } from '../ports';
import { auditEvent, requireCase, requirePartnership, staffActor, today, type StaffPrincipal } from './context';

export interface CreateCaseInput {
  route: Route;
  day0: IsoDate;
  reference?: string;
  subject: Subject;
}

export interface CaseWithMilestones extends Case {
  /**
   * Each milestone with the working days left until it (WorkingCalendar.workingDaysLeft: negative once
   * passed), and, for those the daily run raises statutory risks on, the day from which it does (`warnFrom`).
   */
  milestones: (Milestone & { workingDaysLeft: number; warnFrom?: IsoDate })[];
}

/** The partnership's settings as they stand, fixed on a case when it is opened. */
const currentSettings = (partnership: Partnership): MilestoneSettings => ({
  rapidReviewMeetingWindow: { ...partnership.rapidReviewMeetingWindow },
});

/** The settings a case's milestones are counted with: its own, or (opened before they were stored) today's. */
export const milestoneSettingsOf = (partnership: Partnership, record: Pick<Case, 'milestoneSettings'>) =>
  record.milestoneSettings ?? currentSettings(partnership);

/** The milestone each statutory-risk alert of the daily run is about. */
const ALERTED_MILESTONE: Record<CaseAlertKind, string> = {
  'replies-missing-at-meeting': 'meeting',
  'national-panel-at-risk': 'national-panel',
  'cspr-six-months-near': 'review-complete',
};

export function withMilestones(deps: PortalDeps, partnership: Partnership, record: Case): CaseWithMilestones {
  const now = today(deps);
  const milestones = milestonesFor(record.route, record.day0, deps.calendar, milestoneSettingsOf(partnership, record));
  // The case's own schedule where it has one, so that the pages warn from the very days the daily run alerts on.
  const alerts =
    record.alertSchedule ?? caseAlertSchedule(deps.calendar, record.route, milestones, partnership.chasing.alerts);
  const repliesDue = milestones.find((m) => m.key === 'replies-due')?.due;
  // A schedule stored before replies were reported missing the working day after they were due has the
  // window's first day: the daily run defers that check to the later day (daily-sweep), and so do the pages.
  const alertDay = (a: PlannedAlert) => {
    const checkDay =
      a.kind === 'replies-missing-at-meeting' && repliesDue && repliesMissingCheckDay(deps.calendar, repliesDue);
    return checkDay && checkDay > a.on ? checkDay : a.on;
  };
  const warnFrom = new Map(alerts.map((a) => [ALERTED_MILESTONE[a.kind], alertDay(a)]));
  return {
    ...record,
    milestones: milestones.map((m) => {
      const from = warnFrom.get(m.key);
      return {
        ...m,
        workingDaysLeft: deps.calendar.workingDaysLeft(now, m.due),
        ...(from ? { warnFrom: from } : {}),
      };
    }),
  };
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
  const milestones = milestonesFor(input.route, input.day0, deps.calendar, milestoneSettings);
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
  return withMilestones(deps, partnership, record);
}

export interface ReturnsSummary {
  total: number;
  notSent: number;
  awaiting: number;
  overdue: number;
  dueSoon: number;
  submitted: number;
  closed: number;
  /** Immediate safety concerns the office has not yet recorded acting on: these make a case red. */
  safetyConcerns: number;
  /** Concerns the office has acknowledged: still on the record, no longer calling for action. */
  safetyConcernsAcknowledged: number;
  /** Returns in (submitted or accepted) that are nil returns: a real answer, counted apart. */
  nilReturns: number;
  /** The due dates of the requests still owed (not sent, or awaiting the agency), earliest first. */
  outstandingDueDates: IsoDate[];
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
    safetyConcernsAcknowledged: 0,
    nilReturns: 0,
    outstandingDueDates: [],
  };
  for (const r of requests) {
    summary.total += 1;
    if (concernNeedsAction(r)) summary.safetyConcerns += 1;
    else if (r.safetyConcern) summary.safetyConcernsAcknowledged += 1;
    if (r.nilReturn && (r.status === 'submitted' || r.status === 'accepted')) summary.nilReturns += 1;
    if (r.status === 'draft' || AWAITING_AGENCY.has(r.status)) summary.outstandingDueDates.push(r.dueOn);
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
  summary.outstandingDueDates.sort();
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

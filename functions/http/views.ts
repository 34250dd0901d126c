import type { Agency } from '../domain/model';
import type { CaseWithMilestones, ReturnsSummary } from '../domain/services/cases';
import type { RequestWithAgency } from '../domain/services/requests';

/** What the API shows of each entity: internal fields (partnership, revision, creator) stay inside. */

export const agencyView = ({ partnershipId: _p, ...agency }: Agency) => agency;

export const caseView = (c: CaseWithMilestones & { returns?: ReturnsSummary }) => ({
  id: c.id,
  reference: c.reference,
  route: c.route,
  day0: c.day0,
  status: c.status,
  createdAt: c.createdAt,
  ...(c.closedAt ? { closedAt: c.closedAt } : {}),
  ...(c.retainUntil ? { retainUntil: c.retainUntil } : {}),
  ...(c.legalHold ? { legalHold: { reason: c.legalHold.reason, since: c.legalHold.since } } : {}),
  ...(c.purgedAt ? { purgedAt: c.purgedAt } : {}),
  milestones: c.milestones,
  ...(c.subject ? { subject: c.subject } : {}),
  ...(c.returns ? { returns: c.returns } : {}),
});

export const requestView = (r: RequestWithAgency) => ({
  id: r.id,
  caseId: r.caseId,
  agencyId: r.agencyId,
  agencyName: r.agencyName,
  returnType: r.returnType,
  status: r.status,
  dueOn: r.dueOn,
  createdAt: r.createdAt,
  ...(r.sentAt ? { sentAt: r.sentAt } : {}),
  ...(r.openedAt ? { openedAt: r.openedAt } : {}),
  ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
  ...(r.returnVersion !== undefined ? { returnVersion: r.returnVersion } : {}),
  workingDaysLeft: r.workingDaysLeft,
  ...(r.analysisColumns ? { analysisColumns: true } : {}),
  ...(r.safetyConcern ? { immediateSafetyConcern: true } : {}),
  ...(r.nilReturn ? { nilReturn: true } : {}),
  ...(r.emailStatus ? { emailStatus: r.emailStatus } : {}),
  ...(r.lastReason ? { lastReason: r.lastReason } : {}),
  ...(r.lastReminder ? { lastReminder: { step: r.lastReminder.step, sentAt: r.lastReminder.at } } : {}),
  ...(r.escalationStep ? { escalationStep: r.escalationStep } : {}),
  ...(r.reminders ? { reminders: r.reminders } : {}),
});

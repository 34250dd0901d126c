import type { FuzzyDate } from '../domain/chronology/fuzzy-date';
import type { Agency } from '../domain/model';
import type { MergedChronologyDocument } from '../domain/services/chronology';
import type { CaseWithMilestones, ReturnsSummary } from '../domain/services/cases';
import type { RequestWithAgency } from '../domain/services/requests';
import { currentAcknowledgement } from '../domain/safety-concern';

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
  ...(c.closedReason ? { closedReason: c.closedReason } : {}),
  ...(c.retainUntil ? { retainUntil: c.retainUntil } : {}),
  ...(c.legalHold ? { legalHold: { reason: c.legalHold.reason, since: c.legalHold.since } } : {}),
  ...(c.purgedAt ? { purgedAt: c.purgedAt } : {}),
  ...(c.plannedMeeting ? { plannedMeeting: { ...c.plannedMeeting } } : {}),
  milestones: c.milestones,
  ...(c.subject ? { subject: c.subject } : {}),
  ...(c.returns ? { returns: c.returns } : {}),
});

/** Only the acknowledgement of the latest return's concern: an older one does not cover a new concern. */
function safetyConcernAcknowledgementView(r: RequestWithAgency) {
  const ack = currentAcknowledgement(r);
  return ack
    ? {
        safetyConcernAcknowledgement: {
          returnVersion: ack.returnVersion,
          action: ack.action,
          acknowledgedAt: ack.acknowledgedAt,
          acknowledgedBy: ack.acknowledgedBy,
        },
      }
    : {};
}

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
  ...(r.keyThemes?.length ? { keyThemes: r.keyThemes } : {}),
  ...(r.safetyConcern ? { immediateSafetyConcern: true } : {}),
  ...safetyConcernAcknowledgementView(r),
  ...(r.nilReturn ? { nilReturn: true } : {}),
  ...(r.emailStatus ? { emailStatus: r.emailStatus } : {}),
  ...(r.lastReason ? { lastReason: r.lastReason } : {}),
  ...(r.lastReminder ? { lastReminder: { step: r.lastReminder.step, sentAt: r.lastReminder.at } } : {}),
  ...(r.escalationStep ? { escalationStep: r.escalationStep } : {}),
  ...(r.linksStopped ? { linksStopped: true } : {}),
  ...(r.linksStoppedAt ? { linksStoppedAt: r.linksStoppedAt } : {}),
  ...(r.linksResumedAt ? { linksResumedAt: r.linksResumedAt } : {}),
  ...(r.reminders ? { reminders: r.reminders } : {}),
  ...(r.dueDateNotice ? { dueDateNotice: r.dueDateNotice } : {}),
});

/** A date as the contract gives it: the value as recorded, its precision, and whether the agency said "about". */
const datedView = (date: FuzzyDate) => ({
  date: date.value,
  datePrecision: date.precision,
  approximate: date.approximate,
});

/**
 * The multi-agency chronology in the contract's shape (issue: `entries: [{id, date, datePrecision,
 * description, sources: [{agencyId, agencyName, entryId}], ...}]`): dates flattened to a value and its
 * precision; the stored merge keeps them as fuzzy-date objects.
 */
export const chronologyView = (document: MergedChronologyDocument) => ({
  version: document.version,
  generatedAt: document.generatedAt,
  sources: document.sources,
  entries: document.entries.map((entry) => ({
    id: entry.id,
    ...datedView(entry.date),
    sortDate: entry.sortDate,
    ...(entry.time !== undefined ? { time: entry.time } : {}),
    description: entry.description,
    sources: entry.sources.map((source) => ({
      agencyId: source.agencyId,
      agencyName: source.agencyName,
      entryId: source.entryId,
      ...datedView(source.date),
      ...(source.time !== undefined ? { time: source.time } : {}),
      description: source.description,
      ...(source.actionOutcome !== undefined ? { actionOutcome: source.actionOutcome } : {}),
      ...(source.sourceRecord !== undefined ? { sourceRecord: source.sourceRecord } : {}),
      ...(source.practitionerRole !== undefined ? { practitionerRole: source.practitionerRole } : {}),
      factOrOpinion: source.factOrOpinion,
      ...(source.expectedPractice !== undefined ? { expectedPractice: source.expectedPractice } : {}),
      ...(source.analysisComment !== undefined ? { analysisComment: source.analysisComment } : {}),
    })),
    grouping: entry.grouping,
  })),
  gaps: document.gaps,
});

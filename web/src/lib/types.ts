/** Shapes of the API's answers, as the web uses them (GET /api/openapi.json is the full contract). */
export type { InformationRequestReply } from '../../../functions/contract/returns';

export type RouteKey = 'rapid-review' | 'agency-referral' | 'cspr';

export interface Milestone {
  key: string;
  label: string;
  due: string;
  from?: string;
  workingDaysLeft?: number;
  /** From this day the daily run alerts the office if returns are still outstanding (partnership settings). */
  warnFrom?: string;
}

export interface FamilyMember {
  name: string;
  relationship: string;
}

export interface Subject {
  name: string;
  dateOfBirth: string;
  pseudonym?: string;
  address?: string;
  familyMembers?: FamilyMember[];
}

export interface CaseView {
  id: string;
  reference: string;
  route: RouteKey;
  day0: string;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt?: string;
  /** Why the office closed it, as typed: render as text only. */
  closedReason?: string;
  /** Closed cases: the date ("YYYY-MM-DD") from which retention deletes the returns and documents. */
  retainUntil?: string;
  /** While in place, retention deletes nothing; `since` is a timestamp. */
  legalHold?: { reason: string; since: string };
  /** When retention deleted the returns, documents and the child's details. */
  purgedAt?: string;
  /** Rapid Review: the meeting date the office has set, and who set it when. */
  plannedMeeting?: { date: string; setAt: string; setBy: string };
  milestones: Milestone[];
  /** Absent once retention has deleted it (purgedAt). */
  subject?: Subject;
  /** On the case list: where the case's returns stand. */
  returns?: ReturnsSummary;
}

export interface ReturnsSummary {
  total: number;
  notSent: number;
  awaiting: number;
  overdue: number;
  dueSoon: number;
  submitted: number;
  closed: number;
  /** Concerns not yet acknowledged: these call for action. */
  safetyConcerns: number;
  /** Concerns acknowledged by the office; absent from an API without acknowledgement. */
  safetyConcernsAcknowledged?: number;
  /** Returns in (submitted or accepted) that are nil returns; absent from an API without the count. */
  nilReturns?: number;
  /** Due dates of the requests still owed, earliest first; absent from an API without them. */
  outstandingDueDates?: string[];
}

export interface Agency {
  id: string;
  name: string;
  kind: string;
  leadName: string;
  leadEmail: string;
  deputyEmail?: string;
  strategicLeadName?: string;
  strategicLeadEmail?: string;
}

export interface Reminder {
  step: string;
  /** When it went; a reminder recorded but not (yet) sent has only recordedAt. */
  sentAt?: string;
  recordedAt?: string;
  /** Its e-mail waited (SES was down) and was no longer true when it could go, so it was not sent. */
  droppedAt?: string;
  dropReason?: string;
  to?: string[] | string;
  emailStatus?: 'queued' | 'sent' | 'failed';
}

export interface RequestView {
  id: string;
  caseId: string;
  agencyId: string;
  agencyName: string;
  returnType: string;
  status: string;
  dueOn: string;
  createdAt: string;
  sentAt?: string;
  openedAt?: string;
  submittedAt?: string;
  returnVersion?: number;
  workingDaysLeft?: number;
  emailStatus?: 'sent' | 'queued' | 'failed';
  lastReminder?: { step: string; sentAt: string };
  escalationStep?: string;
  /** The office stopped the agency's links in the case and has not sent one since: not chased (ADR 0004). */
  linksStopped?: boolean;
  linksStoppedAt?: string;
  /** Why the request was last extended, reopened or closed without a return. */
  lastReason?: string;
  reminders?: Reminder[];
  immediateSafetyConcern?: boolean;
  /** What the office recorded doing about the latest return's concern; absent until it does. */
  safetyConcernAcknowledgement?: SafetyConcernAcknowledgement;
  /** The latest return was a nil return: the agency holds no records. */
  nilReturn?: boolean;
  analysisColumns?: boolean;
  /** An Information Report's key themes to analyse against, as the office named them. */
  keyThemes?: string[];
}

export interface SafetyConcernAcknowledgement {
  returnVersion: number;
  /** As the officer typed it: render as text only. */
  action: string;
  acknowledgedAt: string;
  acknowledgedBy: string;
}

export interface ReturnView {
  requestId: string;
  agencyName: string;
  returnType: string;
  version: number;
  submittedAt: string;
  immediateSafetyConcern: boolean;
  nilReturn: boolean;
  attachments?: { id: string; fileName: string; type: string; size: number }[];
  content: unknown;
}

export interface ReturnVersion {
  version: number;
  submittedAt: string;
  nilReturn: boolean;
  immediateSafetyConcern: boolean;
}

export interface AuditEvent {
  id: string;
  at: string;
  action: string;
  actor: { type: string; username?: string; agencyId?: string; name?: string };
  requestId?: string;
  agencyId?: string;
  detail?: Record<string, unknown>;
}

export interface Me {
  username: string;
  partnership: { id: string; name: string; officeName: string };
}

// ---------- Agency side ----------

export interface AgencyRequestSummary {
  id: string;
  returnType: string;
  returnLabel: string;
  status: string;
  dueOn: string;
  workingDaysLeft: number;
  draftVersion?: number;
  draftSavedAt?: string;
  submittedAt?: string;
  analysisColumns?: boolean;
  /** An Information Report's key themes to analyse against (§8.5), as the office named them. */
  keyThemes?: string[];
  /** Why the business office asked for more (§8.7), while the request is reopened. */
  moreInformationAsked?: string;
}

export interface AgencyOverview {
  partnership: { name: string; officeName: string; officeEmail: string };
  agency: { id: string; name: string };
  case: { reference: string; route: RouteKey; day0: string; subject: Subject };
  requests: AgencyRequestSummary[];
}

export interface AgencyRequestDetail {
  request: AgencyRequestSummary;
  draft?: { version: number; savedAt: string; content: unknown };
  submitted?: { version: number; submittedAt: string; content: unknown };
  /** The agency's latest declaration in the case: who declared it, to prefill the next. */
  declarationDefaults?: { name: string; role: string };
}

/** Who is asking, as the page a link opens says before the code: the partnership and its office only. */
export interface AgencyLink {
  partnershipName: string;
  officeName: string;
  officeEmail: string;
}

export interface Challenge {
  challengeId: string;
  sentTo: string[];
  partnershipName: string;
  agencyName: string;
  caseReference: string;
  expiresAt: string;
}

export interface SubmissionReceipt {
  requestId: string;
  status: 'submitted';
  submissionId: string;
  version: number;
  submittedAt: string;
  receipt: string;
}

// ---------- The multi-agency chronology ----------

export interface ChronologyDate {
  value: string;
  precision: 'day' | 'month' | 'year';
  approximate: boolean;
}

/** A date on the wire: the value as recorded (YYYY-MM-DD, YYYY-MM or YYYY), its precision, and "about". */
export interface Dated {
  date: string;
  datePrecision: ChronologyDate['precision'];
  approximate: boolean;
}

export interface ChronologySource extends Dated {
  agencyId: string;
  agencyName: string;
  entryId: string;
  sourceRecord?: string;
  factOrOpinion: 'fact' | 'opinion';
  description: string;
  time?: string;
  actionOutcome?: string;
  practitionerRole?: string;
  /** The agency's analysis, where the request asked for it. */
  expectedPractice?: 'yes' | 'no' | 'partly' | 'not-known';
  analysisComment?: string;
}

export interface ChronologyEntry extends Dated {
  id: string;
  sortDate: string;
  time?: string;
  description: string;
  sources: ChronologySource[];
  grouping: 'single' | 'suggested' | 'confirmed';
}

export interface ChronologyGap {
  from: string;
  to: string;
  days: number;
}

export interface MergedChronology {
  version: number;
  generatedAt: string;
  sources: { requestId: string; agencyId: string; returnVersion: number; submissionId: string }[];
  entries: ChronologyEntry[];
  gaps: ChronologyGap[];
}

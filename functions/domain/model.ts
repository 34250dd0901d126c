import type { IsoDate, RetentionPeriod } from './calendar';
import type { CaseAlertKind, CaseAlertSettings, ChasingLadders, EscalationLevel, PlannedAlert } from './chasing';
import type { MilestoneSettings, Route } from './milestones';
import type { DropReason } from './stale-email';

/** Entities of the portal. Every entity of a partnership carries its partnershipId. */

export const AGENCY_KINDS = [
  'police',
  'childrens-social-care',
  'health-commissioner',
  'health-provider',
  'general-practice',
  'ambulance',
  'education',
  'early-years',
  'probation',
  'youth-justice',
  'housing',
  'adult-social-care',
  'voluntary-sector',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** A chronology row's analysis: was this expected practice? (when the request asks for analysis columns). */
export type ExpectedPractice = 'yes' | 'no' | 'partly' | 'not-known';

/** The analysis answers in the words the template, the pages and the exports use. */
export const EXPECTED_PRACTICE_LABELS: Record<ExpectedPractice, string> = {
  yes: 'Yes',
  no: 'No',
  partly: 'Partly',
  'not-known': 'Not known',
};

/** The most rows one agency's chronology may have (the draft and submission schemas, and import, hold to it). */
export const MAX_CHRONOLOGY_ROWS = 1000;

/** Versions of a return are numbered from 1; the API reads a version number up to this. */
export const MAX_RETURN_VERSION = 9999;
export const RETURN_VERSION_RULE = `Use a whole number from 1 to ${MAX_RETURN_VERSION}, like version=2`;

export const RETURN_TYPES = [
  'information-request-reply',
  'chronology',
  'organisational-chronology',
  'information-report',
  'factual-summary',
] as const;
export type ReturnType = (typeof RETURN_TYPES)[number];

export const RETURN_TYPE_LABELS: Record<ReturnType, string> = {
  'information-request-reply': 'Information Request Reply',
  chronology: 'Chronology of key events',
  'organisational-chronology': 'Chronology of organisational changes',
  'information-report': 'Information Report',
  'factual-summary': 'Factual Summary',
};

export const REQUEST_STATUSES = [
  'draft',
  'sent',
  'opened',
  'in-progress',
  'submitted',
  'accepted',
  'more-info-requested',
  'not-involved',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface Partnership {
  id: string;
  name: string;
  officeName: string;
  officeEmail: string;
  officeAddress: string[];
  /** Prefix of generated case references, e.g. "LSCPB". */
  referencePrefix: string;
  /** Agency lead e-mail domains requests may be sent to (a domain also admits its subdomains). */
  allowedEmailDomains: string[];
  rapidReviewMeetingWindow: { from: number; to: number };
  /** Working days an agency has to reply when a case's milestones do not fix a date. */
  defaultReplyWorkingDays: number;
  /** Calendar days a link stays usable after its request's due date (deviation from ASVS 6.5.5, ADR 0004). */
  linkGraceDays: number;
  escalation: { caseReviewGroup: string[]; safeguardingPartners: string[] };
  /** The chasing ladder per route, and when statutory risks are raised (ADR 0010). */
  chasing: { ladders: ChasingLadders; alerts: CaseAlertSettings };
  /** The multi-agency chronology: periods longer than gapDays without agency contact are shown. */
  chronology: { gapDays: number };
  /**
   * Returns, uploads and generated documents of a closed case are deleted this long after it closed: whole
   * calendar years (records schedules say "six years"), or days where a partnership needs a shorter period.
   */
  retention: RetentionPeriod;
}

export interface Agency {
  id: string;
  partnershipId: string;
  name: string;
  kind: AgencyKind;
  leadName: string;
  leadEmail: string;
  deputyEmail?: string;
  strategicLeadName?: string;
  strategicLeadEmail?: string;
  createdAt: string;
  updatedAt: string;
}

export interface FamilyMember {
  name: string;
  relationship: string;
}

/** Personal data: never logged, never e-mailed, never in a URL. */
export interface Subject {
  name: string;
  dateOfBirth: IsoDate;
  pseudonym?: string;
  address?: string;
  familyMembers?: FamilyMember[];
}

export interface Case {
  id: string;
  partnershipId: string;
  reference: string;
  route: Route;
  day0: IsoDate;
  /** Absent once retention has deleted the case's returns (purgedAt). */
  subject?: Subject;
  status: 'open' | 'closed';
  createdAt: string;
  createdBy: string;
  closedAt?: string;
  closedReason?: string;
  /** When the case's returns and documents are to be deleted; absent while the case is open. */
  retainUntil?: string;
  /** A legal hold stops retention deleting anything (e.g. a criminal investigation or an inquiry). */
  legalHold?: { reason: string; since: string; by: string };
  /** Rapid Review: the meeting's date as the office set it in advance (§4.3.3), changed as plans change. */
  plannedMeeting?: PlannedMeeting;
  /** When retention deleted the case's returns and documents; the case keeps its reference and dates. */
  purgedAt?: string;
  /**
   * The partnership's settings the case's milestones are counted with (the Rapid Review meeting window), as
   * they were when it was opened: a later change of configuration does not move an open case's dates.
   * Absent on cases opened before it was stored: they use the partnership's current settings.
   */
  milestoneSettings?: MilestoneSettings;
  /** The statutory-risk checks of the case and the next one to run (the daily run finds it by date). */
  alertSchedule?: PlannedAlert[];
  nextAlertIndex?: number;
  nextAlertOn?: string | null;
}

export interface PlannedMeeting {
  date: IsoDate;
  /** When it was last set, and by whom (the officer's username). */
  setAt: string;
  setBy: string;
}

export interface ReturnRequest {
  id: string;
  partnershipId: string;
  caseId: string;
  agencyId: string;
  returnType: ReturnType;
  status: RequestStatus;
  dueOn: IsoDate;
  createdAt: string;
  createdBy: string;
  sentAt?: string;
  openedAt?: string;
  submittedAt?: string;
  /** The idempotency key of the accepted submission. */
  submissionId?: string;
  /** Version of the latest submitted return (1, 2, … once more information is asked for). */
  returnVersion?: number;
  draftVersion?: number;
  draftSavedAt?: string;
  /** Where the draft's document is (absent for drafts saved before each save had its own object). */
  draftDocumentKey?: string;
  /** Delivery of the latest e-mail about this request (link, reminder), from the outbox. */
  emailStatus?: 'queued' | 'sent' | 'failed';
  /** Why the request was closed without a return, extended or reopened: the latest such reason. */
  lastReason?: string;
  /** The latest submitted return raised an immediate safety concern (§4.2.1). */
  safetyConcern?: boolean;
  /**
   * What the business office did about a safety concern, for the return version that raised it: a later
   * version raising a concern again is not covered by it (see services/safety-concerns.ts).
   */
  safetyConcernAcknowledgement?: SafetyConcernAcknowledgement;
  /** The latest submitted return was a nil return. */
  nilReturn?: boolean;
  /** Files attached and not rejected, counted against the per-return limits (updated atomically). */
  attachmentCount?: number;
  attachmentBytes?: number;
  /** A chronology request whose Terms of Reference ask for the analysis columns. */
  analysisColumns?: boolean;
  /** An Information Report request: the key themes of the Terms of Reference to analyse against (§8.5), as typed. */
  keyThemes?: string[];
  /** Copied from the case (they never change), so the daily run needs no case read. */
  route: Route;
  caseReference: string;
  /** Position on the chasing ladder for the current due date; null when the request is not chased. */
  chase?: { dueOn: string; nextStepIndex: number } | null;
  /** When the next ladder step falls due; the daily run finds the request by this date. */
  nextActionOn?: string | null;
  lastReminder?: { step: string; at: string };
  /** The highest escalation delivered (SES took it): Case Review Group, then Safeguarding Partners. */
  escalationStep?: EscalationLevel;
  /**
   * When the office last stopped the agency's links in the case (ADR 0004): the request's ladder pauses and no
   * e-mail about it carries a link until the office sends a link again (`linksResumedAt` later than this). Kept
   * after that, so that an e-mail written before the stop never goes (stale-email.ts).
   */
  linksStoppedAt?: string;
  /** When the office sent the agency a link again after a stop, restarting the ladder. */
  linksResumedAt?: string;
  /** Optimistic-locking counter, incremented by every update. */
  revision: number;
}

/** The office's record of what was done about an immediate safety concern (free text, as typed). */
export interface SafetyConcernAcknowledgement {
  /** The return version whose concern this acknowledges. */
  returnVersion: number;
  action: string;
  acknowledgedAt: string;
  /** The officer's username, as the audit trail names them. */
  acknowledgedBy: string;
}

export interface SubmittedReturn {
  partnershipId: string;
  caseId: string;
  requestId: string;
  agencyId: string;
  returnType: ReturnType;
  version: number;
  submissionId: string;
  submittedAt: string;
  /** Where the return's JSON document is kept, and its SHA-256 for integrity. */
  documentKey: string;
  sha256: string;
  /** SHA-256 of the submitted content alone: a repeat of a submission id must carry the same content. */
  contentSha256: string;
  declarationName: string;
  declarationRole: string;
  immediateSafetyConcern: boolean;
  nilReturn: boolean;
  /** The files that were part of this version. */
  attachments?: { id: string; fileName: string; type: AttachmentType; size: number }[];
}

/** A link's capability: it opens one agency's requests in one case of one partnership. */
export interface LinkGrant {
  tokenHash: string;
  partnershipId: string;
  caseId: string;
  agencyId: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
  /** Wrong codes counted in the current lockout window, and when that window began. */
  failures?: number;
  failureWindowStart?: string;
}

export interface CodeChallenge {
  id: string;
  tokenHash: string;
  partnershipId: string;
  caseId: string;
  agencyId: string;
  codeHash: string;
  salt: string;
  createdAt: string;
  expiresAt: string;
  attempts: number;
  usedAt?: string;
}

export interface AgencySession {
  sessionHash: string;
  tokenHash: string;
  partnershipId: string;
  caseId: string;
  agencyId: string;
  createdAt: string;
  lastSeenAt: string;
  /** Absolute end of the session, whatever the activity. */
  expiresAt: string;
}

export type Actor =
  | { type: 'staff'; userId: string; username: string; partnershipId: string }
  | { type: 'agency'; agencyId: string; partnershipId: string; sessionRef: string }
  | { type: 'system'; name: string };

/** One line of the append-only audit trail. `detail` never holds personal data. */
export interface AuditEvent {
  id: string;
  partnershipId: string;
  caseId: string;
  at: string;
  actor: Actor;
  action: string;
  requestId?: string;
  agencyId?: string;
  detail?: Record<string, string | number | boolean | string[]>;
}

/** A ladder step taken for a request: recorded once per request, due date and step. */
export interface ReminderRecord {
  requestId: string;
  dueOn: string;
  step: string;
  action: string;
  recordedAt: string;
  to: string[];
  /** When its e-mail went: every recipient's message accepted by SES. */
  sentAt?: string;
  /** Its e-mail was found no longer true before it went (stale-email.ts), so it was never sent. */
  droppedAt?: string;
  dropReason?: DropReason;
  /** When its e-mail was given up on (a permanent refusal, or every retry spent). */
  failedAt?: string;
}

export interface CaseAlertRecord {
  caseId: string;
  kind: CaseAlertKind;
  recordedAt: string;
  to: string[];
  /** The returns the risk is about still owed (a Rapid Review's: Information Request Replies). */
  outstanding: number;
  /** A National Panel alert: whether the meeting's decision was recorded when it was checked. */
  meetingDecision?: 'recorded' | 'not-recorded';
}

import type { AttachmentType } from './files/attachment-types';

export type { AttachmentType };
export type AttachmentStatus = 'awaiting-upload' | 'scanning' | 'available' | 'rejected';

/** A document an agency attaches to a return. Its file name may hold personal data: never logged. */
export interface Attachment {
  id: string;
  partnershipId: string;
  caseId: string;
  requestId: string;
  agencyId: string;
  fileName: string;
  contentType: string;
  type: AttachmentType;
  size: number;
  status: AttachmentStatus;
  createdAt: string;
  releasedAt?: string;
  rejectedReason?: string;
  rejectedMessage?: string;
  /**
   * Removed from the return being changed after a submitted version listed it: that version still shows
   * the file, so the file stays (until retention) but is no longer part of the draft or the next version.
   */
  detachedAt?: string;
}

/** One stored merge of a case's chronologies (the document itself is in the documents bucket). */
export interface MergedChronologyVersion {
  partnershipId: string;
  caseId: string;
  version: number;
  generatedAt: string;
  documentKey: string;
  /** The submissions it was made from. */
  sources: { requestId: string; agencyId: string; returnVersion: number; submissionId: string }[];
  entryCount: number;
  contentSha256: string;
}

export interface ChronologyDecision {
  id: string;
  partnershipId: string;
  caseId: string;
  kind: 'confirm' | 'split';
  entryIds: string[];
  decidedAt: string;
  decidedBy: string;
}

/** What a Rapid Review or Case Review Group meeting decided (§4.6.2): the words of the guidance. */
export const MEETING_DECISIONS = ['cspr', 'alternative-learning-review', 'no-further-review'] as const;
export type MeetingDecisionKind = (typeof MEETING_DECISIONS)[number];

export const MEETING_DECISION_LABELS: Record<MeetingDecisionKind, string> = {
  cspr: 'The criteria for a Child Safeguarding Practice Review are met: a review will be carried out',
  'alternative-learning-review':
    'Not to proceed with a Child Safeguarding Practice Review: an alternative form of learning review is appropriate',
  'no-further-review':
    'Not to proceed with a Child Safeguarding Practice Review: no further review (immediate learning shared)',
};

/** The meeting's recorded decision: one per case, replaced (and audited) if the office corrects it. */
export interface MeetingDecision {
  partnershipId: string;
  caseId: string;
  meetingDate: string;
  decision: MeetingDecisionKind;
  rationale: string;
  learningIdentified: string;
  immediateActions?: string;
  recordedAt: string;
  recordedBy: string;
}

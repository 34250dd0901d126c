import type { WorkingCalendar } from './calendar';
import type { ChasePosition, EscalationLevel, LadderAction } from './chasing';
import type { MalwareScanner } from './files/malware';
import type { DropReason } from './stale-email';
import type {
  Agency,
  AgencySession,
  Attachment,
  AttachmentStatus,
  AuditEvent,
  Case,
  CaseAlertRecord,
  ChronologyDecision,
  MergedChronologyVersion,
  ReminderRecord,
  CodeChallenge,
  LinkGrant,
  MeetingDecision,
  Partnership,
  RequestStatus,
  PlannedMeeting,
  ReturnRequest,
  SubmittedReturn,
} from './model';

/** Steps one transaction may take together: three items each (request, reminder, audit) and two e-mails. */
export const MAX_STEPS_TOGETHER = 30;

/**
 * What the domain needs from storage, files and mail. DynamoDB, S3 and SES adapters implement these;
 * the domain never sees an SDK type. Every method that writes states the integrity it guarantees.
 */

export interface PartnershipDirectory {
  get(partnershipId: string): Promise<Partnership | undefined>;
}

/** What the daily run needs of an agency to address its e-mails. */
export type AgencyContacts = Pick<Agency, 'name' | 'leadEmail' | 'deputyEmail' | 'strategicLeadEmail'>;

export interface AgencyRepository {
  list(partnershipId: string): Promise<Agency[]>;
  /** The partnership's agency contacts, by agency id, in one read. */
  contacts(partnershipId: string): Promise<Map<string, AgencyContacts>>;
  get(partnershipId: string, agencyId: string): Promise<Agency | undefined>;
  /** Fails if an agency with this id exists. */
  create(agency: Agency, audit: AuditEvent): Promise<void>;
  /** Replaces the agency if it still has `expectedUpdatedAt`; false if it changed meanwhile. */
  replace(agency: Agency, expectedUpdatedAt: string, audit: AuditEvent): Promise<boolean>;
}

export interface CaseRepository {
  /** Next number in the partnership's reference sequence for the year (atomic). */
  nextReferenceNumber(partnershipId: string, year: number): Promise<number>;
  /** Atomically creates the case, claims its reference and records the audit event. */
  create(record: Case, audit: AuditEvent): Promise<'created' | 'reference-taken'>;
  get(partnershipId: string, caseId: string): Promise<Case | undefined>;
  /** A partnership's cases of one status, newest first. */
  list(partnershipId: string, status: 'open' | 'closed'): Promise<Case[]>;
  /** Closes an open case (false if it was not open) and records the audit event, atomically. */
  close(record: Case, closedAt: string, reason: string, retainUntil: string, audit: AuditEvent): Promise<boolean>;
  /**
   * Places a hold on a case that has none, or lifts the one it has, with the audit event: false, and nothing
   * written, if the case is missing or purged, or is (or is not) held already.
   */
  setLegalHold(record: Case, hold: Case['legalHold'] | null, audit: AuditEvent): Promise<boolean>;
  /** Sets the planned meeting of an open case with its audit event, atomically; false if it is not open. */
  setPlannedMeeting(record: Case, planned: PlannedMeeting, audit: AuditEvent): Promise<boolean>;
  /** Closed cases whose retention period has ended on or before `day`. */
  dueForDeletion(day: string): AsyncIterable<Case>;
  /**
   * Deletes every item of the case except the case itself and its audit trail, removes the child's
   * details from the case, and records when: the case's reference and dates remain.
   */
  purge(record: Case, purgedAt: string, audit: AuditEvent): Promise<{ items: number }>;
}

export type OutboxTemplate =
  'request-link' | 'more-info' | 'due-date-changed' | 'request-stopped' | 'safety-concern' | 'reminder' | 'case-alert';

export interface OutboxEmail {
  id: string;
  template: OutboxTemplate;
  partnershipId: string;
  caseId: string;
  requestId: string;
  agencyId: string;
  /** `dropped`: found no longer true before it went (stale-email.ts), so never sent. */
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'dropped';
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  leaseUntil?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  droppedAt?: string;
  dropReason?: DropReason;
  /** Recipients SES has accepted the e-mail for; a retry sends only to the others. */
  deliveredTo?: string[];
  /** For scheduled e-mails: recipients and template values fixed when the step was taken (no personal data). */
  recipients?: string[];
  params?: Record<string, string | number>;
  /** The ladder step this e-mail carries out, to record its delivery on the reminder (e-mails of one step). */
  reminder?: { dueOn: string; step: string };
  /**
   * The ladder steps a day's chasing e-mail carries: one per request of one agency in one case (ADR 0010). The
   * e-mail's `requestId` is the first's; `params` holds what they share (case reference, agency name).
   */
  entries?: ChaseEntry[];
}

/** One request's ladder step in a day's chasing e-mail: values fixed when the step was taken (no personal data). */
export interface ChaseEntry {
  requestId: string;
  /** The reminder it carries out (the ladder's due date and step key): its delivery or drop is recorded there. */
  reminder: { dueOn: string; step: string };
  action: LadderAction;
  returnLabel: string;
  /**
   * The request's status when the step was taken: how far the agency had got, or that it was reopened for more
   * information (absent on an e-mail queued before entries existed).
   */
  status?: RequestStatus;
  dueOn: string;
  daysOverdue: number;
  /** Who is told of this step: its recipients, and those of escalations a missed run skipped (`alsoTold`). */
  to: string[];
  remindersSent?: number;
  referredToCrg?: boolean;
  escalatedTo?: EscalationLevel;
  alsoTold?: LadderAction[];
}

/** One request's ladder step, as the daily run records it (ChaseRepository.recordSteps). */
export interface ChaseStepWrite {
  request: ReturnRequest;
  next: { position: ChasePosition; lastReminder?: ReturnRequest['lastReminder'] };
  reminder?: ReminderRecord;
  audit: AuditEvent;
}

/** A request to store, with the audit event of its creation. */
export interface NewRequest {
  request: ReturnRequest;
  audit: AuditEvent;
}

/** An agency × return type already held in a case by another request. */
export type RequestPair = Pick<ReturnRequest, 'agencyId' | 'returnType'>;

export interface RequestRepository {
  /**
   * Stores the requests with their audit events. Each request claims its agency × return type in the case
   * until it is withdrawn or marked not involved (ASKABLE_AGAIN); a claim is written only if none is held,
   * so two requests for one pair can never both be stored, however they race. Answers the pairs that were
   * already held, and then stores none of the requests: all or none for up to REQUESTS_PER_TRANSACTION
   * requests (dynamodb/keys); a longer list is stored in runs of that size, each whole, stopping at the first
   * run refused. Throws if a request with the same id exists.
   */
  createAll(requests: NewRequest[]): Promise<{ taken: RequestPair[] }>;
  /** createAll for one request. */
  create(request: ReturnRequest, audit: AuditEvent): Promise<'created' | 'already-requested'>;
  get(partnershipId: string, caseId: string, requestId: string): Promise<ReturnRequest | undefined>;
  listForCase(partnershipId: string, caseId: string): Promise<ReturnRequest[]>;
  /**
   * Applies `changes` if the stored revision is still `request.revision`, together with the other
   * writes, in one transaction. Returns false when the request changed meanwhile. A change of status to
   * one in ASKABLE_AGAIN releases the request's claim on its agency × return type in the same transaction.
   */
  update(
    request: ReturnRequest,
    changes: Partial<ReturnRequest>,
    extra: {
      audit?: AuditEvent;
      outbox?: OutboxEmail;
      submitted?: SubmittedReturn;
      /** Marks the case's multi-agency chronology for re-merging, in the same transaction. */
      chronologyChangedAt?: string;
    },
  ): Promise<boolean>;
  getSubmitted(
    partnershipId: string,
    caseId: string,
    requestId: string,
    version: number,
  ): Promise<SubmittedReturn | undefined>;
  listSubmitted(partnershipId: string, caseId: string, requestId: string): Promise<SubmittedReturn[]>;
  /**
   * Records that an escalation of the request was delivered to `level`, unless the request already reached
   * it or a higher one (informational: no revision change; a missing request is ignored).
   */
  raiseEscalation(partnershipId: string, caseId: string, requestId: string, level: EscalationLevel): Promise<void>;
  /**
   * Records the delivery state of the request's latest e-mail (informational: no revision change); null
   * removes it, when the e-mail it described was dropped and no other is waiting.
   */
  setEmailStatus(
    partnershipId: string,
    caseId: string,
    requestId: string,
    status: 'queued' | 'sent' | 'failed' | null,
  ): Promise<void>;
}

export interface LinkRepository {
  put(grant: LinkGrant): Promise<void>;
  get(tokenHash: string): Promise<LinkGrant | undefined>;
  /** The links issued in a case, optionally for one agency only. */
  listForCase(
    partnershipId: string,
    caseId: string,
    agencyId?: string,
  ): Promise<{ tokenHash: string; agencyId: string }[]>;
  revoke(tokenHash: string, at: string): Promise<void>;
  /** Counts a code request in the link's current window; false when the window's limit is reached. */
  countCodeRequest(tokenHash: string, now: Date, windowSeconds: number, limit: number): Promise<boolean>;
  /** Counts a wrong code; returns the failures in the current lockout window. */
  countFailure(tokenHash: string, now: Date, windowSeconds: number): Promise<number>;
}

export interface ChallengeRepository {
  put(challenge: CodeChallenge): Promise<void>;
  get(challengeId: string): Promise<CodeChallenge | undefined>;
  /** Atomically uses up one guess; false when the challenge is used, expired or out of guesses. */
  takeAttempt(challengeId: string, now: Date, maxAttempts: number): Promise<boolean>;
  /** Atomically marks the challenge used; false if it already was (single use). */
  markUsed(challengeId: string, now: Date): Promise<boolean>;
}

export interface SessionRepository {
  put(session: AgencySession): Promise<void>;
  get(sessionHash: string): Promise<AgencySession | undefined>;
  touch(sessionHash: string, at: string): Promise<void>;
  delete(sessionHash: string): Promise<void>;
}

export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  list(partnershipId: string, caseId: string): Promise<AuditEvent[]>;
}

export interface OutboxRepository {
  get(id: string): Promise<OutboxEmail | undefined>;
  /** Moves a due pending e-mail to `sending` under a lease; false if another worker holds it. */
  claim(id: string, now: Date, leaseSeconds: number): Promise<OutboxEmail | undefined>;
  /** Records that SES accepted the e-mail for one recipient (idempotent). */
  markDelivered(id: string, recipient: string, messageId: string): Promise<void>;
  markSent(id: string, at: string): Promise<void>;
  markRetry(id: string, nextAttemptAt: string, error: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Ends an e-mail this worker holds without sending it, because it is no longer true; it leaves the queue. */
  markDropped(id: string, at: string, reason: DropReason): Promise<void>;
  listDue(now: Date, limit: number): Promise<OutboxEmail[]>;
}

export interface ChaseRepository {
  /** Requests whose next ladder step falls due on or before `day`, read from the work queue only. */
  dueRequests(day: string): AsyncIterable<ReturnRequest>;
  /**
   * Takes one ladder step exactly once: records the reminder (unique per request, due date and step),
   * moves the request along its ladder, and writes the e-mail and audit event, in one transaction.
   * False when the step was already taken or the request moved on meanwhile.
   */
  recordStep(
    request: ReturnRequest,
    next: {
      position: ChasePosition;
      lastReminder?: ReturnRequest['lastReminder'];
    },
    reminder: ReminderRecord | undefined,
    outbox: OutboxEmail | undefined,
    audit: AuditEvent,
  ): Promise<boolean>;
  /**
   * Takes several requests' ladder steps exactly once, with the e-mails that carry them, in one transaction:
   * all or none (at most MAX_STEPS_TOGETHER steps). When refused, answers the ids of the requests whose step
   * was already taken or whose request moved on meanwhile; none when the refusal cannot be put down to a step.
   */
  recordSteps(
    steps: ChaseStepWrite[],
    outbox: OutboxEmail[],
  ): Promise<{ taken: true } | { taken: false; refused: string[] }>;
  listReminders(partnershipId: string, caseId: string): Promise<ReminderRecord[]>;
  markReminderSent(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    sentAt: string,
  ): Promise<void>;
  /** Records that the step's e-mail was dropped unsent (no longer true), and why. */
  markReminderDropped(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    droppedAt: string,
    reason: DropReason,
  ): Promise<void>;
  /** Records that the step's e-mail was given up on (a permanent refusal, or every retry spent). */
  markReminderFailed(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    failedAt: string,
  ): Promise<void>;
  /** Open cases whose next statutory-risk check falls due on or before `day`. */
  dueCases(day: string): AsyncIterable<Case>;
  /** Records a risk check exactly once (and its alert, if raised) and moves the case to its next check. */
  recordAlert(
    record: Case,
    nextIndex: number,
    nextAlertOn: string | null,
    alert: CaseAlertRecord | undefined,
    outbox: OutboxEmail | undefined,
    audit: AuditEvent,
  ): Promise<boolean>;
}

export interface AttachmentRepository {
  /**
   * Records a new attachment and counts it against the request's limits in one transaction; false when a
   * limit would be exceeded or the request can no longer change.
   */
  create(attachment: Attachment, limits: { maxCount: number; maxTotalBytes: number }): Promise<boolean>;
  get(partnershipId: string, caseId: string, requestId: string, attachmentId: string): Promise<Attachment | undefined>;
  list(partnershipId: string, caseId: string, requestId: string): Promise<Attachment[]>;
  /**
   * Moves an attachment on from `from`; false if it was not in that status (another call got there first).
   * A rejected attachment stops counting against the request's limits.
   */
  setStatus(
    attachment: Attachment,
    from: AttachmentStatus,
    changes: Pick<Attachment, 'status'> & Partial<Attachment>,
  ): Promise<boolean>;
  /** Removes the attachment and gives back its share of the request's limits. */
  remove(attachment: Attachment): Promise<void>;
  /**
   * Marks the attachment detached from the draft (it stays stored for the submitted versions that list it)
   * and gives back its share of the request's limits, in one transaction; false if it was already detached
   * or is gone.
   */
  detach(attachment: Attachment, detachedAt: string): Promise<boolean>;
}

export interface ChronologyRepository {
  latest(partnershipId: string, caseId: string): Promise<MergedChronologyVersion | undefined>;
  /** Records a new merge version; false if that version number was taken meanwhile (a concurrent merge). */
  saveVersion(version: MergedChronologyVersion, audit: AuditEvent): Promise<boolean>;
  decisions(partnershipId: string, caseId: string): Promise<ChronologyDecision[]>;
  addDecision(decision: ChronologyDecision, audit: AuditEvent): Promise<void>;
  /** Notes that a case's chronologies changed, so the daily run re-merges it if the immediate merge failed. */
  markChanged(partnershipId: string, caseId: string, at: string): Promise<void>;
  /** Cases whose chronologies changed and have not been merged since. */
  changed(): AsyncIterable<{ partnershipId: string; caseId: string; changedAt: string }>;
  /** Clears the mark, unless the chronologies changed again after `mergedFrom`. */
  clearChanged(partnershipId: string, caseId: string, mergedFrom: string): Promise<void>;
}

/** The decision a case's Rapid Review or Case Review Group meeting recorded (one item in the case partition). */
export interface MeetingDecisionRepository {
  get(partnershipId: string, caseId: string): Promise<MeetingDecision | undefined>;
  /** Records (or replaces) the decision together with its audit event, in one transaction. */
  put(decision: MeetingDecision, audit: AuditEvent): Promise<void>;
}

export interface Store {
  partnerships: PartnershipDirectory;
  agencies: AgencyRepository;
  cases: CaseRepository;
  requests: RequestRepository;
  links: LinkRepository;
  challenges: ChallengeRepository;
  sessions: SessionRepository;
  audit: AuditLog;
  outbox: OutboxRepository;
  chase: ChaseRepository;
  attachments: AttachmentRepository;
  chronologies: ChronologyRepository;
  /** Optional so that stores built for other purposes need not carry it; collation requires it. */
  meetingDecisions?: MeetingDecisionRepository;
}

/** JSON documents (drafts, submitted returns), encrypted at rest by the adapter's bucket. */
export interface DocumentStore {
  putJson(key: string, value: unknown): Promise<{ sha256: string; bytes: number }>;
  getJson<T>(key: string): Promise<T | undefined>;
  delete(key: string): Promise<void>;
}

/** Files in the documents bucket: uploads arrive in quarantine and are released only once checked. */
export interface FileStore {
  bucket: string;
  presignUpload(
    key: string,
    contentType: string,
    exactBytes: number,
    expiresSeconds: number,
  ): Promise<{ url: string; fields: Record<string, string> }>;
  size(key: string): Promise<number | undefined>;
  read(key: string, maxBytes: number): Promise<Uint8Array>;
  /** A file the portal made (the case pack), written whole. */
  write(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /**
   * Copies then deletes. When `from` is gone, nothing is done: another caller moved it first, and the
   * caller's conditional status change tells who (attachments' settleUpload).
   */
  move(from: string, to: string): Promise<void>;
  delete(key: string): Promise<void>;
  presignDownload(
    key: string,
    options: { contentDisposition: string; contentType: string; expiresSeconds: number },
  ): Promise<string>;
}

/** Removal of every stored version of the objects under a key prefix (retention). */
export interface DocumentPurger {
  deletePrefix(prefix: string): Promise<number>;
}

/** One message to one recipient: recipients never see each other, and each delivery is recorded on its own. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Thrown by a Mailer; `retryable` says whether the same message may succeed later (throttling, outage). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export interface Clock {
  now(): Date;
}

export interface PortalSettings {
  webBaseUrl: string;
  mailFrom: string;
}

/** Everything a domain operation may use. */
export interface PortalDeps {
  store: Store;
  documents: DocumentStore;
  mailer: Mailer;
  files?: FileStore;
  purger?: DocumentPurger;
  scanner?: MalwareScanner;
  clock: Clock;
  calendar: WorkingCalendar;
  settings: PortalSettings;
}

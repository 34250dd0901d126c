import type { ChasePosition, EscalationLevel } from '../../domain/chasing';
import { conflict } from '../../domain/errors';
import type {
  Agency,
  AgencySession,
  Attachment,
  AttachmentStatus,
  AuditEvent,
  Case,
  CaseAlertRecord,
  ChronologyDecision,
  CodeChallenge,
  LinkGrant,
  MeetingDecision,
  MergedChronologyVersion,
  Partnership,
  PlannedMeeting,
  ReminderRecord,
  ReturnRequest,
  SubmittedReturn,
} from '../../domain/model';
import type {
  AgencyContacts,
  AgencyRepository,
  AttachmentRepository,
  AuditLog,
  CaseRepository,
  ChallengeRepository,
  ChaseRepository,
  ChaseStepWrite,
  ChronologyRepository,
  LinkRepository,
  MeetingDecisionRepository,
  NewRequest,
  OutboxEmail,
  OutboxRepository,
  PartnershipDirectory,
  RequestPair,
  RequestRepository,
  SessionRepository,
  Store,
} from '../../domain/ports';
import { MAX_STEPS_TOGETHER } from '../../domain/ports';
import { AWAITING_AGENCY, linksStopped, releasesClaim } from '../../domain/request-status';
import type { DropReason } from '../../domain/stale-email';
import { keys, requestClaimItem, REQUESTS_PER_TRANSACTION } from '../dynamodb/keys';
import {
  ConditionalCheckFailedError,
  exists,
  MemoryTable,
  putStep,
  toEntity,
  TransactionCanceledError,
  updateStep,
  ValidationError,
  type Item,
  type Step,
} from './table';

/**
 * The Store in memory, with the DynamoDB adapters' semantics (../dynamodb): the same items, keys and
 * queues, the same conditions, the same transactions, and the same answers when a condition fails: false
 * where ports.ts says so, a thrown error where the DynamoDB adapter lets one through. For fast domain tests
 * and benchmarks; test/integration/store-contract.test.ts runs one suite against both stores.
 */

/** Items that expire are removed by the table's TTL some time after expiry; code checks expiry itself. */
const RETAIN_EXPIRED_SECONDS = 90 * 24 * 60 * 60;
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const DIRECTORY_PREFIX = 'agency_';

/** Fields of a request an update may never touch: its identity and keys (as ../dynamodb/requests). */
const IMMUTABLE = new Set([
  'id',
  'partnershipId',
  'caseId',
  'agencyId',
  'revision',
  'createdAt',
  'createdBy',
  'route',
  'caseReference',
]);

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedError;
}

function cancellationCodes(error: unknown): string[] | undefined {
  return error instanceof TransactionCanceledError ? error.CancellationReasons.map((r) => r.Code) : undefined;
}

/** Runs a transaction; false when a condition failed (the adapters' "lost the race" answer). */
function transactOrFalse(table: MemoryTable, steps: Step[]): boolean {
  try {
    table.transact(steps);
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.some((code) => code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}

/** Applies a request's changes: null removes a field; `nextActionOn` moves it in or out of the CHASE queue. */
function applyRequestChanges(item: Item, request: ReturnRequest, changes: Partial<ReturnRequest>): void {
  for (const [field, value] of Object.entries(changes)) {
    if (IMMUTABLE.has(field) || value === undefined) continue;
    if (value === null) delete item[field];
    else item[field] = value;
  }
  if (changes.nextActionOn === null) {
    delete item.GSI2PK;
    delete item.GSI2SK;
  }
  if (typeof changes.nextActionOn === 'string') {
    item.GSI2PK = keys.chaseQueue;
    item.GSI2SK = keys.chaseQueueSort(changes.nextActionOn, request);
  }
}

const auditStep = (event: AuditEvent): Step =>
  putStep({ ...keys.audit(event.partnershipId, event.caseId, event.at, event.id), entity: 'audit', ...event }, true);

const outboxStep = (email: OutboxEmail): Step =>
  putStep(
    {
      ...keys.outbox(email.id),
      GSI2PK: keys.outboxQueue,
      GSI2SK: keys.outboxQueueSort(email.nextAttemptAt, email.id),
      entity: 'outbox',
      ...email,
    },
    true,
  );

const mergeNeededStep = (partnershipId: string, caseId: string, at: string): Step =>
  putStep({
    ...keys.mergeNeeded(partnershipId, caseId),
    GSI2PK: keys.remergeQueue,
    GSI2SK: `${at}#${partnershipId}#${caseId}`,
    entity: 'merge-needed',
    partnershipId,
    caseId,
    changedAt: at,
  });

const entities = <T>(items: Item[]): T[] => items.map((item) => toEntity<T>(item) as T);

export class MemoryPartnershipDirectory implements PartnershipDirectory {
  constructor(private readonly table: MemoryTable) {}

  async get(partnershipId: string): Promise<Partnership | undefined> {
    return toEntity<Partnership>(this.table.get(keys.partnership(partnershipId)));
  }

  /** Writes a partnership profile (seeding only, as the DynamoDB directory's put). */
  async put(partnership: Partnership): Promise<void> {
    this.table.write(putStep({ ...keys.partnership(partnership.id), entity: 'partnership', ...partnership }));
  }
}

export class MemoryAgencyRepository implements AgencyRepository {
  constructor(private readonly table: MemoryTable) {}

  private directoryEntry(agency: Agency): Step {
    const entry: AgencyContacts = {
      name: agency.name,
      leadEmail: agency.leadEmail,
      ...(agency.deputyEmail ? { deputyEmail: agency.deputyEmail } : {}),
      ...(agency.strategicLeadEmail ? { strategicLeadEmail: agency.strategicLeadEmail } : {}),
    };
    return updateStep(keys.agencyDirectory(agency.partnershipId), (item) => {
      item[`${DIRECTORY_PREFIX}${agency.id}`] = entry;
      item.entity = 'agency-directory';
    });
  }

  private agencyPut(agency: Agency, condition?: (item: Item | undefined) => boolean): Step {
    const item = { ...keys.agency(agency.partnershipId, agency.id), entity: 'agency', ...agency };
    return { ...putStep(item), ...(condition ? { condition } : {}) };
  }

  async contacts(partnershipId: string): Promise<Map<string, AgencyContacts>> {
    const contacts = new Map<string, AgencyContacts>();
    for (const [name, value] of Object.entries(this.table.get(keys.agencyDirectory(partnershipId)) ?? {})) {
      if (name.startsWith(DIRECTORY_PREFIX)) contacts.set(name.slice(DIRECTORY_PREFIX.length), value as AgencyContacts);
    }
    return contacts;
  }

  async list(partnershipId: string): Promise<Agency[]> {
    return entities<Agency>(this.table.query(keys.agenciesPk(partnershipId), { prefix: 'AGENCY#' }));
  }

  async get(partnershipId: string, agencyId: string): Promise<Agency | undefined> {
    return toEntity<Agency>(this.table.get(keys.agency(partnershipId, agencyId)));
  }

  async create(agency: Agency, audit: AuditEvent): Promise<void> {
    this.table.transact([
      this.agencyPut(agency, (item) => item === undefined),
      this.directoryEntry(agency),
      auditStep(audit),
    ]);
  }

  async replace(agency: Agency, expectedUpdatedAt: string, audit: AuditEvent): Promise<boolean> {
    try {
      this.table.transact([
        this.agencyPut(agency, (item) => exists(item) && item.updatedAt === expectedUpdatedAt),
        this.directoryEntry(agency),
        auditStep(audit),
      ]);
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }
}

export class MemoryCaseRepository implements CaseRepository {
  constructor(private readonly table: MemoryTable) {}

  async nextReferenceNumber(partnershipId: string, year: number): Promise<number> {
    const item = this.table.write(
      updateStep(keys.referenceCounter(partnershipId, year), (counter) => {
        counter.seq = Number(counter.seq ?? 0) + 1;
        counter.entity = 'counter';
      }),
    );
    return Number(item?.seq);
  }

  async create(record: Case, audit: AuditEvent): Promise<'created' | 'reference-taken'> {
    try {
      this.table.transact([
        putStep(
          {
            ...keys.case(record.partnershipId, record.id),
            GSI1PK: keys.casesByStatus(record.partnershipId, record.status),
            GSI1SK: keys.caseListSort(record.createdAt, record.id),
            ...(record.nextAlertOn
              ? { GSI2PK: keys.caseAlertQueue, GSI2SK: keys.caseAlertQueueSort(record.nextAlertOn, record) }
              : {}),
            entity: 'case',
            ...record,
          },
          true,
        ),
        putStep(
          {
            ...keys.caseReference(record.partnershipId, record.reference),
            entity: 'case-reference',
            caseId: record.id,
          },
          true,
        ),
        auditStep(audit),
      ]);
      return 'created';
    } catch (error) {
      if (cancellationCodes(error)?.[1] === 'ConditionalCheckFailed') return 'reference-taken';
      throw error;
    }
  }

  async get(partnershipId: string, caseId: string): Promise<Case | undefined> {
    return toEntity<Case>(this.table.get(keys.case(partnershipId, caseId)));
  }

  async list(partnershipId: string, status: 'open' | 'closed'): Promise<Case[]> {
    return entities<Case>(
      this.table.queryIndex('GSI1', keys.casesByStatus(partnershipId, status), { descending: true }),
    );
  }

  async close(
    record: Case,
    closedAt: string,
    reason: string,
    retainUntil: string,
    audit: AuditEvent,
  ): Promise<boolean> {
    try {
      this.table.transact([
        updateStep(
          keys.case(record.partnershipId, record.id),
          (item) => {
            // A closed case leaves the open list and the statutory-risk queue, and joins the retention queue.
            Object.assign(item, {
              status: 'closed',
              closedAt,
              closedReason: reason,
              GSI1PK: keys.casesByStatus(record.partnershipId, 'closed'),
              nextAlertOn: null,
              retainUntil,
              GSI2PK: keys.retentionQueue,
              GSI2SK: keys.retentionQueueSort(retainUntil, record),
            });
          },
          (item) => item?.status === 'open',
        ),
        auditStep(audit),
      ]);
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async setPlannedMeeting(record: Case, planned: PlannedMeeting, audit: AuditEvent): Promise<boolean> {
    return transactOrFalse(this.table, [
      updateStep(
        keys.case(record.partnershipId, record.id),
        (item) => {
          item.plannedMeeting = planned;
        },
        (item) => item?.status === 'open',
      ),
      auditStep(audit),
    ]);
  }

  async setLegalHold(record: Case, hold: Case['legalHold'] | null, audit: AuditEvent): Promise<boolean> {
    return transactOrFalse(this.table, [
      updateStep(
        keys.case(record.partnershipId, record.id),
        (item) => {
          if (hold) item.legalHold = hold;
          else delete item.legalHold;
        },
        (item) => exists(item) && !('purgedAt' in item) && 'legalHold' in item === !hold,
      ),
      auditStep(audit),
    ]);
  }

  async *dueForDeletion(day: string): AsyncIterable<Case> {
    for (const item of this.table.queryIndex('GSI2', keys.retentionQueue, { upTo: `${day}#~` })) {
      yield toEntity<Case>(item) as Case;
    }
  }

  async purge(record: Case, purgedAt: string, audit: AuditEvent): Promise<{ items: number }> {
    const caseKey = keys.case(record.partnershipId, record.id);
    const others = this.table.query(caseKey.PK).filter((item) => item.SK !== 'CASE');
    for (const item of others) this.table.write({ key: { PK: item.PK, SK: item.SK }, apply: () => undefined });
    this.table.transact([
      updateStep(
        caseKey,
        (item) => {
          // The child's details go; the reference, route and dates stay, with when the rest was deleted.
          item.purgedAt = purgedAt;
          delete item.subject;
          delete item.GSI2PK;
          delete item.GSI2SK;
        },
        (item) => exists(item) && !('legalHold' in item),
      ),
      auditStep(audit),
    ]);
    return { items: others.length };
  }
}

export class MemoryRequestRepository implements RequestRepository {
  constructor(private readonly table: MemoryTable) {}

  async createAll(requests: NewRequest[]): Promise<{ taken: RequestPair[] }> {
    for (let start = 0; start < requests.length; start += REQUESTS_PER_TRANSACTION) {
      const run = requests.slice(start, start + REQUESTS_PER_TRANSACTION);
      const taken = this.createRun(run);
      if (taken.length) return { taken };
    }
    return { taken: [] };
  }

  async create(request: ReturnRequest, audit: AuditEvent): Promise<'created' | 'already-requested'> {
    const { taken } = await this.createAll([{ request, audit }]);
    return taken.length ? 'already-requested' : 'created';
  }

  /** One transaction: per request its item, its claim on the agency × return type, and its audit event. */
  private createRun(run: NewRequest[]): RequestPair[] {
    const steps = run.flatMap(({ request, audit }) => [
      putStep(
        { ...keys.request(request.partnershipId, request.caseId, request.id), entity: 'request', ...request },
        true,
      ),
      putStep(requestClaimItem(request), true),
      auditStep(audit),
    ]);
    try {
      this.table.transact(steps);
      return [];
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (run.some((_, i) => codes[i * 3] === 'ConditionalCheckFailed')) throw error;
      const taken = run
        .filter((_, i) => codes[i * 3 + 1] === 'ConditionalCheckFailed')
        .map(({ request }) => ({ agencyId: request.agencyId, returnType: request.returnType }));
      if (!taken.length) throw error;
      return taken;
    }
  }

  async get(partnershipId: string, caseId: string, requestId: string): Promise<ReturnRequest | undefined> {
    return toEntity<ReturnRequest>(this.table.get(keys.request(partnershipId, caseId, requestId)));
  }

  async listForCase(partnershipId: string, caseId: string): Promise<ReturnRequest[]> {
    return entities<ReturnRequest>(
      this.table.query(keys.case(partnershipId, caseId).PK, { prefix: keys.requestPrefix }),
    );
  }

  async update(
    request: ReturnRequest,
    changes: Partial<ReturnRequest>,
    extra: { audit?: AuditEvent; outbox?: OutboxEmail; submitted?: SubmittedReturn; chronologyChangedAt?: string },
  ): Promise<boolean> {
    return this.write(request, changes, extra, true);
  }

  private write(
    request: ReturnRequest,
    changes: Partial<ReturnRequest>,
    extra: { audit?: AuditEvent; outbox?: OutboxEmail; submitted?: SubmittedReturn; chronologyChangedAt?: string },
    releaseClaim: boolean,
  ): boolean {
    const steps: Step[] = [
      updateStep(
        keys.request(request.partnershipId, request.caseId, request.id),
        (item) => {
          applyRequestChanges(item, request, changes);
          item.revision = Number(item.revision) + 1;
        },
        (item) => exists(item) && item.revision === request.revision,
      ),
    ];
    if (extra.submitted) {
      const s = extra.submitted;
      steps.push(
        putStep(
          { ...keys.returnVersion(s.partnershipId, s.caseId, s.requestId, s.version), entity: 'return', ...s },
          true,
        ),
      );
    }
    if (extra.outbox) steps.push(outboxStep(extra.outbox));
    if (extra.chronologyChangedAt) {
      steps.push(mergeNeededStep(request.partnershipId, request.caseId, extra.chronologyChangedAt));
    }
    if (extra.audit) steps.push(auditStep(extra.audit));
    // As ../dynamodb/requests: ending a request without a return deletes its claim, if the claim is its own.
    const ends = releaseClaim && releasesClaim(request.status, changes.status);
    const release = ends ? steps.length : -1;
    if (ends) {
      steps.push({
        key: keys.requestClaim(request.partnershipId, request.caseId, request.agencyId, request.returnType),
        condition: (item) => item === undefined || item.requestId === request.id,
        apply: () => undefined,
      });
    }
    try {
      this.table.transact(steps);
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes && release >= 0 && codes[release] === 'ConditionalCheckFailed' && codes[0] === 'None') {
        return this.write(request, changes, extra, false);
      }
      if (codes?.some((code) => code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }

  async getSubmitted(
    partnershipId: string,
    caseId: string,
    requestId: string,
    version: number,
  ): Promise<SubmittedReturn | undefined> {
    return toEntity<SubmittedReturn>(this.table.get(keys.returnVersion(partnershipId, caseId, requestId, version)));
  }

  async listSubmitted(partnershipId: string, caseId: string, requestId: string): Promise<SubmittedReturn[]> {
    return entities<SubmittedReturn>(
      this.table.query(keys.case(partnershipId, caseId).PK, { prefix: keys.returnVersionPrefix(requestId) }),
    );
  }

  async raiseEscalation(partnershipId: string, caseId: string, requestId: string, level: EscalationLevel) {
    try {
      this.table.write(
        updateStep(
          keys.request(partnershipId, caseId, requestId),
          (item) => (item.escalationStep = level),
          // Up, never down: the Partners are above the Case Review Group.
          (item) =>
            exists(item) &&
            (item.escalationStep === undefined ||
              (level === 'safeguarding-partners' && item.escalationStep === 'case-review-group')),
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async setEmailStatus(
    partnershipId: string,
    caseId: string,
    requestId: string,
    status: 'queued' | 'sent' | 'failed' | null,
  ) {
    try {
      this.table.write(
        updateStep(
          keys.request(partnershipId, caseId, requestId),
          (item) => {
            if (status === null) delete item.emailStatus;
            else item.emailStatus = status;
          },
          exists,
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

export class MemoryLinkRepository implements LinkRepository {
  constructor(private readonly table: MemoryTable) {}

  async put(grant: LinkGrant): Promise<void> {
    const expiresAtEpoch = epochSeconds(grant.expiresAt) + RETAIN_EXPIRED_SECONDS;
    this.table.transact([
      putStep({ ...keys.link(grant.tokenHash), entity: 'link', expiresAtEpoch, ...grant }, true),
      putStep({
        ...keys.caseAgencyLink(grant.partnershipId, grant.caseId, grant.agencyId, grant.tokenHash),
        entity: 'case-agency-link',
        tokenHash: grant.tokenHash,
        agencyId: grant.agencyId,
        issuedAt: grant.issuedAt,
        expiresAt: grant.expiresAt,
        expiresAtEpoch,
      }),
    ]);
  }

  async get(tokenHash: string): Promise<LinkGrant | undefined> {
    return toEntity<LinkGrant>(this.table.get(keys.link(tokenHash)));
  }

  async listForCase(partnershipId: string, caseId: string, agencyId?: string) {
    return this.table
      .query(keys.case(partnershipId, caseId).PK, { prefix: keys.caseAgencyLinkPrefix(agencyId) })
      .map((item) => ({ tokenHash: item.tokenHash as string, agencyId: item.agencyId as string }));
  }

  async revoke(tokenHash: string, at: string): Promise<void> {
    try {
      this.table.write(
        updateStep(
          keys.link(tokenHash),
          (item) => (item.revokedAt = at),
          (item) => exists(item) && !('revokedAt' in item),
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** A fixed-window counter: counts within the window, or starts a new window when it has passed. */
  private countInWindow(
    tokenHash: string,
    now: Date,
    windowSeconds: number,
    counter: string,
    windowStart: string,
    limit?: number,
  ): number | undefined {
    const at = now.toISOString();
    const windowOpenedAfter = new Date(now.getTime() - windowSeconds * 1000).toISOString();
    try {
      const item = this.table.write(
        updateStep(
          keys.link(tokenHash),
          (link) => (link[counter] = Number(link[counter] ?? 0) + 1),
          (link) =>
            exists(link) &&
            typeof link[windowStart] === 'string' &&
            (link[windowStart] as string) > windowOpenedAfter &&
            (limit === undefined || (typeof link[counter] === 'number' && (link[counter] as number) < limit)),
        ),
      );
      return Number(item?.[counter]);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      this.table.write(
        updateStep(
          keys.link(tokenHash),
          (link) => {
            link[counter] = 1;
            link[windowStart] = at;
          },
          (link) =>
            exists(link) &&
            (!(windowStart in link) ||
              (typeof link[windowStart] === 'string' && (link[windowStart] as string) <= windowOpenedAfter)),
        ),
      );
      return 1;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return undefined;
    }
  }

  async countCodeRequest(tokenHash: string, now: Date, windowSeconds: number, limit: number): Promise<boolean> {
    return this.countInWindow(tokenHash, now, windowSeconds, 'codeRequests', 'codeWindowStart', limit) !== undefined;
  }

  async countFailure(tokenHash: string, now: Date, windowSeconds: number): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const count = this.countInWindow(tokenHash, now, windowSeconds, 'failures', 'failureWindowStart');
      if (count !== undefined) return count;
    }
    throw new Error('link failure counter unavailable');
  }
}

export class MemoryChallengeRepository implements ChallengeRepository {
  constructor(private readonly table: MemoryTable) {}

  async put(challenge: CodeChallenge): Promise<void> {
    this.table.write(
      putStep(
        {
          ...keys.challenge(challenge.id),
          entity: 'challenge',
          expiresAtEpoch: epochSeconds(challenge.expiresAt) + RETAIN_EXPIRED_SECONDS,
          ...challenge,
        },
        true,
      ),
    );
  }

  async get(challengeId: string): Promise<CodeChallenge | undefined> {
    return toEntity<CodeChallenge>(this.table.get(keys.challenge(challengeId)));
  }

  async takeAttempt(challengeId: string, now: Date, maxAttempts: number): Promise<boolean> {
    try {
      this.table.write(
        updateStep(
          keys.challenge(challengeId),
          (item) => (item.attempts = Number(item.attempts ?? 0) + 1),
          (item) =>
            exists(item) &&
            typeof item.attempts === 'number' &&
            item.attempts < maxAttempts &&
            !('usedAt' in item) &&
            typeof item.expiresAt === 'string' &&
            item.expiresAt > now.toISOString(),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markUsed(challengeId: string, now: Date): Promise<boolean> {
    try {
      this.table.write(
        updateStep(
          keys.challenge(challengeId),
          (item) => (item.usedAt = now.toISOString()),
          (item) => exists(item) && !('usedAt' in item),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

export class MemorySessionRepository implements SessionRepository {
  constructor(private readonly table: MemoryTable) {}

  async put(session: AgencySession): Promise<void> {
    this.table.write(
      putStep(
        {
          ...keys.session(session.sessionHash),
          entity: 'session',
          expiresAtEpoch: epochSeconds(session.expiresAt),
          ...session,
        },
        true,
      ),
    );
  }

  async get(sessionHash: string): Promise<AgencySession | undefined> {
    return toEntity<AgencySession>(this.table.get(keys.session(sessionHash)));
  }

  async touch(sessionHash: string, at: string): Promise<void> {
    try {
      this.table.write(updateStep(keys.session(sessionHash), (item) => (item.lastSeenAt = at), exists));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async delete(sessionHash: string): Promise<void> {
    this.table.write({ key: keys.session(sessionHash), apply: () => undefined });
  }
}

export class MemoryAuditLog implements AuditLog {
  constructor(private readonly table: MemoryTable) {}

  async append(event: AuditEvent): Promise<void> {
    this.table.write(auditStep(event));
  }

  async list(partnershipId: string, caseId: string): Promise<AuditEvent[]> {
    return entities<AuditEvent>(this.table.query(keys.auditPk(partnershipId, caseId)));
  }
}

/** deliveredTo is a string set in the table; the repository hands out an array. */
function outboxEntity(item: Item | undefined): OutboxEmail | undefined {
  const email = toEntity<OutboxEmail & { deliveredTo?: Iterable<string> }>(item);
  if (!email) return undefined;
  return { ...email, ...(email.deliveredTo ? { deliveredTo: [...email.deliveredTo] } : {}) };
}

export class MemoryOutboxRepository implements OutboxRepository {
  constructor(private readonly table: MemoryTable) {}

  async get(id: string): Promise<OutboxEmail | undefined> {
    return outboxEntity(this.table.get(keys.outbox(id)));
  }

  async claim(id: string, now: Date, leaseSeconds: number): Promise<OutboxEmail | undefined> {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
    const due = (value: unknown) => typeof value === 'string' && value <= at;
    try {
      const item = this.table.write(
        updateStep(
          keys.outbox(id),
          (email) => {
            email.status = 'sending';
            email.leaseUntil = leaseUntil;
            email.GSI2SK = keys.outboxQueueSort(leaseUntil, id);
            email.attempts = Number(email.attempts ?? 0) + 1;
          },
          (email) =>
            exists(email) &&
            ((email.status === 'pending' && due(email.nextAttemptAt)) ||
              (email.status === 'sending' && due(email.leaseUntil))),
        ),
      );
      return outboxEntity(item);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async markDelivered(id: string, recipient: string, messageId: string): Promise<void> {
    this.table.write(
      updateStep(keys.outbox(id), (email) => {
        email.deliveredTo = new Set([...((email.deliveredTo as Set<string> | undefined) ?? []), recipient]);
        email.lastMessageId = messageId;
      }),
    );
  }

  async markSent(id: string, at: string): Promise<void> {
    this.table.write(
      updateStep(keys.outbox(id), (email) => {
        email.status = 'sent';
        email.sentAt = at;
        delete email.GSI2PK;
        delete email.GSI2SK;
        delete email.leaseUntil;
      }),
    );
  }

  async markRetry(id: string, nextAttemptAt: string, error: string): Promise<void> {
    this.table.write(
      updateStep(
        keys.outbox(id),
        (email) => {
          email.status = 'pending';
          email.nextAttemptAt = nextAttemptAt;
          email.lastError = error;
          email.GSI2SK = keys.outboxQueueSort(nextAttemptAt, id);
          delete email.leaseUntil;
        },
        (email) => email?.status === 'sending',
      ),
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    this.table.write(
      updateStep(keys.outbox(id), (email) => {
        email.status = 'failed';
        email.lastError = error;
        delete email.GSI2PK;
        delete email.GSI2SK;
        delete email.leaseUntil;
      }),
    );
  }

  async markDropped(id: string, at: string, reason: DropReason): Promise<void> {
    this.table.write(
      updateStep(
        keys.outbox(id),
        (email) => {
          email.status = 'dropped';
          email.droppedAt = at;
          email.dropReason = reason;
          delete email.GSI2PK;
          delete email.GSI2SK;
          delete email.leaseUntil;
        },
        (email) => email?.status === 'sending',
      ),
    );
  }

  async listDue(now: Date, limit: number): Promise<OutboxEmail[]> {
    return this.table
      .queryIndex('GSI2', keys.outboxQueue, { upTo: `${now.toISOString()}#~`, limit })
      .map((item) => outboxEntity(item) as OutboxEmail);
  }
}

export class MemoryChaseRepository implements ChaseRepository {
  constructor(private readonly table: MemoryTable) {}

  async *dueRequests(day: string): AsyncIterable<ReturnRequest> {
    for (const item of this.table.queryIndex('GSI2', keys.chaseQueue, { upTo: `${day}#~` })) {
      yield toEntity<ReturnRequest>(item) as ReturnRequest;
    }
  }

  async *dueCases(day: string): AsyncIterable<Case> {
    for (const item of this.table.queryIndex('GSI2', keys.caseAlertQueue, { upTo: `${day}#~` })) {
      yield toEntity<Case>(item) as Case;
    }
  }

  async recordStep(
    request: ReturnRequest,
    next: {
      position: ChasePosition;
      lastReminder?: ReturnRequest['lastReminder'];
    },
    reminder: ReminderRecord | undefined,
    outbox: OutboxEmail | undefined,
    audit: AuditEvent,
  ): Promise<boolean> {
    const result = await this.recordSteps(
      [{ request, next, ...(reminder ? { reminder } : {}), audit }],
      outbox ? [outbox] : [],
    );
    return result.taken;
  }

  private stepSteps({ request, next, reminder, audit }: ChaseStepWrite): Step[] {
    const chase = request.chase as NonNullable<ReturnRequest['chase']>;
    const changes: Partial<ReturnRequest> = {
      chase: { dueOn: chase.dueOn, nextStepIndex: next.position.nextStepIndex },
      nextActionOn: next.position.nextActionOn ?? null,
      ...(next.lastReminder ? { lastReminder: next.lastReminder } : {}),
    };
    const steps: Step[] = [
      // The request must still wait on the agency, for the same deadline, at the same step.
      updateStep(
        keys.request(request.partnershipId, request.caseId, request.id),
        (item) => applyRequestChanges(item, request, changes),
        (item) => {
          const stored = item?.chase as ReturnRequest['chase'] | undefined;
          return (
            exists(item) &&
            AWAITING_AGENCY.has(item.status as ReturnRequest['status']) &&
            item.dueOn === chase.dueOn &&
            stored?.dueOn === chase.dueOn &&
            stored.nextStepIndex === chase.nextStepIndex &&
            !linksStopped(item as Pick<ReturnRequest, 'linksStoppedAt' | 'linksResumedAt'>)
          );
        },
      ),
      auditStep(audit),
    ];
    if (reminder) {
      steps.push(
        putStep(
          {
            ...keys.reminder(request.partnershipId, request.caseId, request.id, reminder.dueOn, reminder.step),
            entity: 'reminder',
            ...reminder,
          },
          true,
        ),
      );
    }
    return steps;
  }

  async recordSteps(
    steps: ChaseStepWrite[],
    outbox: OutboxEmail[],
  ): Promise<{ taken: true } | { taken: false; refused: string[] }> {
    if (steps.length > MAX_STEPS_TOGETHER) throw new Error('too many ladder steps for one transaction');
    const unchased = steps.filter((s) => !s.request.chase).map((s) => s.request.id);
    if (unchased.length) return { taken: false, refused: unchased };
    const owners: (string | undefined)[] = [];
    const all: Step[] = [];
    for (const step of steps) {
      const own = this.stepSteps(step);
      all.push(...own);
      owners.push(...own.map(() => step.request.id));
    }
    for (const email of outbox) {
      all.push(outboxStep(email));
      owners.push(undefined);
    }
    try {
      this.table.transact(all);
      return { taken: true };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes?.some((code) => code === 'ConditionalCheckFailed')) throw error;
      const refused = new Set<string>();
      codes.forEach((code, i) => {
        const owner = owners[i];
        if (code === 'ConditionalCheckFailed' && owner) refused.add(owner);
      });
      return { taken: false, refused: [...refused] };
    }
  }

  async listReminders(partnershipId: string, caseId: string): Promise<ReminderRecord[]> {
    return entities<ReminderRecord>(
      this.table
        .query(keys.case(partnershipId, caseId).PK, { prefix: 'REQITEM#' })
        .filter((item) => item.entity === 'reminder'),
    );
  }

  async markReminderSent(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    sentAt: string,
  ): Promise<void> {
    this.markReminder(partnershipId, caseId, requestId, reminder, 'sentAt', sentAt);
  }

  async markReminderFailed(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    failedAt: string,
  ): Promise<void> {
    this.markReminder(partnershipId, caseId, requestId, reminder, 'failedAt', failedAt);
  }

  private markReminder(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    field: 'sentAt' | 'failedAt',
    at: string,
  ): void {
    try {
      this.table.write(
        updateStep(
          keys.reminder(partnershipId, caseId, requestId, reminder.dueOn, reminder.step),
          (item) => (item[field] = at),
          exists,
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async markReminderDropped(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    droppedAt: string,
    reason: DropReason,
  ): Promise<void> {
    try {
      this.table.write(
        updateStep(
          keys.reminder(partnershipId, caseId, requestId, reminder.dueOn, reminder.step),
          (item) => {
            item.droppedAt = droppedAt;
            item.dropReason = reason;
          },
          exists,
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async recordAlert(
    record: Case,
    nextIndex: number,
    nextAlertOn: string | null,
    alert: CaseAlertRecord | undefined,
    outbox: OutboxEmail | undefined,
    audit: AuditEvent,
  ): Promise<boolean> {
    const steps: Step[] = [
      updateStep(
        keys.case(record.partnershipId, record.id),
        (item) => {
          item.nextAlertIndex = nextIndex;
          item.nextAlertOn = nextAlertOn;
          if (nextAlertOn) {
            item.GSI2SK = keys.caseAlertQueueSort(nextAlertOn, record);
          } else {
            delete item.GSI2PK;
            delete item.GSI2SK;
          }
        },
        (item) => item?.status === 'open' && item.nextAlertIndex === (record.nextAlertIndex ?? 0),
      ),
      auditStep(audit),
    ];
    if (alert) {
      steps.push(
        putStep(
          { ...keys.caseAlert(record.partnershipId, record.id, alert.kind), entity: 'case-alert', ...alert },
          true,
        ),
      );
    }
    if (outbox) steps.push(outboxStep(outbox));
    return transactOrFalse(this.table, steps);
  }
}

export class MemoryAttachmentRepository implements AttachmentRepository {
  constructor(private readonly table: MemoryTable) {}

  /** Gives back an attachment's share of its request's limits (arithmetic on a missing count is refused). */
  private releaseQuota(a: Attachment): Step {
    return updateStep(keys.request(a.partnershipId, a.caseId, a.requestId), (item) => {
      if (typeof item.attachmentCount !== 'number' || typeof item.attachmentBytes !== 'number') {
        throw new ValidationError('The provided expression refers to an attribute that does not exist in the item');
      }
      item.attachmentCount -= 1;
      item.attachmentBytes -= a.size;
    });
  }

  async create(a: Attachment, limits: { maxCount: number; maxTotalBytes: number }): Promise<boolean> {
    const room = limits.maxTotalBytes - a.size;
    return transactOrFalse(this.table, [
      updateStep(
        keys.request(a.partnershipId, a.caseId, a.requestId),
        (item) => {
          item.attachmentCount = Number(item.attachmentCount ?? 0) + 1;
          item.attachmentBytes = Number(item.attachmentBytes ?? 0) + a.size;
        },
        (item) =>
          exists(item) &&
          AWAITING_AGENCY.has(item.status as ReturnRequest['status']) &&
          (!('attachmentCount' in item) || (item.attachmentCount as number) < limits.maxCount) &&
          (!('attachmentBytes' in item) || (item.attachmentBytes as number) <= room),
      ),
      putStep({ ...keys.attachment(a.partnershipId, a.caseId, a.requestId, a.id), entity: 'attachment', ...a }, true),
    ]);
  }

  async get(partnershipId: string, caseId: string, requestId: string, attachmentId: string) {
    return toEntity<Attachment>(this.table.get(keys.attachment(partnershipId, caseId, requestId, attachmentId)));
  }

  async list(partnershipId: string, caseId: string, requestId: string): Promise<Attachment[]> {
    return entities<Attachment>(
      this.table.query(keys.case(partnershipId, caseId).PK, { prefix: keys.attachmentPrefix(requestId) }),
    );
  }

  async setStatus(
    a: Attachment,
    from: AttachmentStatus,
    changes: Pick<Attachment, 'status'> & Partial<Attachment>,
  ): Promise<boolean> {
    const steps: Step[] = [
      updateStep(
        keys.attachment(a.partnershipId, a.caseId, a.requestId, a.id),
        (item) => {
          for (const [field, value] of Object.entries(changes)) if (value !== undefined) item[field] = value;
        },
        (item) => item?.status === from,
      ),
    ];
    if (changes.status === 'rejected' && from !== 'rejected') steps.push(this.releaseQuota(a));
    return transactOrFalse(this.table, steps);
  }

  async remove(a: Attachment): Promise<void> {
    transactOrFalse(this.table, [
      { key: keys.attachment(a.partnershipId, a.caseId, a.requestId, a.id), condition: exists, apply: () => undefined },
      ...(a.status === 'rejected' ? [] : [this.releaseQuota(a)]),
    ]);
  }

  async detach(a: Attachment, detachedAt: string): Promise<boolean> {
    return transactOrFalse(this.table, [
      updateStep(
        keys.attachment(a.partnershipId, a.caseId, a.requestId, a.id),
        (item) => {
          item.detachedAt = detachedAt;
        },
        (item) => exists(item) && item.detachedAt === undefined,
      ),
      ...(a.status === 'rejected' ? [] : [this.releaseQuota(a)]),
    ]);
  }
}

export class MemoryChronologyRepository implements ChronologyRepository {
  constructor(private readonly table: MemoryTable) {}

  async latest(partnershipId: string, caseId: string) {
    const [item] = this.table.query(keys.case(partnershipId, caseId).PK, {
      prefix: keys.mergePrefix,
      descending: true,
      limit: 1,
    });
    return toEntity<MergedChronologyVersion>(item);
  }

  async saveVersion(version: MergedChronologyVersion, audit: AuditEvent): Promise<boolean> {
    try {
      this.table.transact([
        putStep(
          {
            ...keys.mergeVersion(version.partnershipId, version.caseId, version.version),
            entity: 'merged-chronology',
            ...version,
          },
          true,
        ),
        auditStep(audit),
      ]);
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async decisions(partnershipId: string, caseId: string) {
    return entities<ChronologyDecision>(
      this.table.query(keys.case(partnershipId, caseId).PK, { prefix: keys.decisionPrefix }),
    );
  }

  async addDecision(decision: ChronologyDecision, audit: AuditEvent): Promise<void> {
    this.table.transact([
      putStep(
        {
          ...keys.decision(decision.partnershipId, decision.caseId, decision.id),
          entity: 'chronology-decision',
          ...decision,
        },
        true,
      ),
      auditStep(audit),
    ]);
  }

  async markChanged(partnershipId: string, caseId: string, at: string): Promise<void> {
    this.table.write(mergeNeededStep(partnershipId, caseId, at));
  }

  async *changed() {
    for (const item of this.table.queryIndex('GSI2', keys.remergeQueue)) {
      yield {
        partnershipId: String(item.partnershipId),
        caseId: String(item.caseId),
        changedAt: String(item.changedAt),
      };
    }
  }

  async clearChanged(partnershipId: string, caseId: string, mergedFrom: string): Promise<void> {
    try {
      this.table.write({
        key: keys.mergeNeeded(partnershipId, caseId),
        condition: (item) => typeof item?.changedAt === 'string' && item.changedAt <= mergedFrom,
        apply: () => undefined,
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

export class MemoryMeetingDecisionRepository implements MeetingDecisionRepository {
  constructor(private readonly table: MemoryTable) {}

  async get(partnershipId: string, caseId: string): Promise<MeetingDecision | undefined> {
    return toEntity<MeetingDecision>(this.table.get(keys.meetingDecision(partnershipId, caseId)));
  }

  async put(decision: MeetingDecision, audit: AuditEvent): Promise<void> {
    try {
      this.table.transact([
        // Only while the case is open (a condition check: the case itself is not written).
        {
          key: keys.case(decision.partnershipId, decision.caseId),
          condition: (item) => item?.status === 'open',
          apply: (item) => item,
        },
        putStep({
          ...keys.meetingDecision(decision.partnershipId, decision.caseId),
          entity: 'meeting-decision',
          ...decision,
        }),
        auditStep(audit),
      ]);
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed')
        throw conflict('The case is closed', 'case-closed');
      throw error;
    }
  }
}

export type MemoryStore = Store & {
  partnerships: MemoryPartnershipDirectory;
  meetingDecisions: MemoryMeetingDecisionRepository;
  table: MemoryTable;
};

/** A fresh, empty store; `table` is there for tests and benchmarks that look at what is stored. */
export function createMemoryStore(table = new MemoryTable()): MemoryStore {
  return {
    table,
    partnerships: new MemoryPartnershipDirectory(table),
    agencies: new MemoryAgencyRepository(table),
    cases: new MemoryCaseRepository(table),
    requests: new MemoryRequestRepository(table),
    links: new MemoryLinkRepository(table),
    challenges: new MemoryChallengeRepository(table),
    sessions: new MemorySessionRepository(table),
    audit: new MemoryAuditLog(table),
    outbox: new MemoryOutboxRepository(table),
    chase: new MemoryChaseRepository(table),
    attachments: new MemoryAttachmentRepository(table),
    chronologies: new MemoryChronologyRepository(table),
    meetingDecisions: new MemoryMeetingDecisionRepository(table),
  };
}

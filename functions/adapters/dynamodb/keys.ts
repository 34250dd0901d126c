import type { ReturnRequest } from '../../domain/model';

/**
 * Every key of the single table, built in one place (docs/data-model.md lists the access patterns).
 *
 * Items of a partnership live under partition keys that begin `P#<partnershipId>#`, so a business-office
 * query, which always takes the partnership from verified claims, cannot reach another partnership.
 * Entry points that are not business-office queries (link token, code challenge, session, outbox) are
 * addressed by unguessable hashes or ids and carry their partnership inside.
 */
export interface Key {
  PK: string;
  SK: string;
}

const pad = (n: number) => String(n).padStart(4, '0');
const casePk = (partnershipId: string, caseId: string) => `P#${partnershipId}#CASE#${caseId}`;

export const keys = {
  partnership: (partnershipId: string): Key => ({ PK: `PARTNERSHIP#${partnershipId}`, SK: 'PROFILE' }),

  agenciesPk: (partnershipId: string) => `P#${partnershipId}#AGENCIES`,
  agency: (partnershipId: string, agencyId: string): Key => ({
    PK: keys.agenciesPk(partnershipId),
    SK: `AGENCY#${agencyId}`,
  }),

  agencyDirectory: (partnershipId: string): Key => ({ PK: keys.agenciesPk(partnershipId), SK: 'DIRECTORY' }),

  case: (partnershipId: string, caseId: string): Key => ({ PK: casePk(partnershipId, caseId), SK: 'CASE' }),
  /** GSI1: a partnership's cases by status, newest first. */
  casesByStatus: (partnershipId: string, status: 'open' | 'closed') => `P#${partnershipId}#CASES#${status}`,
  caseListSort: (createdAt: string, caseId: string) => `${createdAt}#${caseId}`,
  caseReference: (partnershipId: string, reference: string): Key => ({
    PK: `P#${partnershipId}#CASEREF#${reference}`,
    SK: 'CASEREF',
  }),
  referenceCounter: (partnershipId: string, year: number): Key => ({
    PK: `P#${partnershipId}#COUNTER`,
    SK: `CASEREF#${year}`,
  }),

  request: (partnershipId: string, caseId: string, requestId: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `REQ#${requestId}`,
  }),
  requestPrefix: 'REQ#',
  /**
   * The live request of an agency × return type in a case, written with the request only if absent and
   * deleted when the request is withdrawn or marked not involved: one live request per pair. (Its prefix
   * is not REQ#, so listing a case's requests does not read it.)
   */
  requestClaim: (partnershipId: string, caseId: string, agencyId: string, returnType: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `REQUNIQ#${agencyId}#${returnType}`,
  }),
  /** A request's own items (return versions, reminders, attachments) sort under REQITEM#<requestId>#. */
  returnVersion: (partnershipId: string, caseId: string, requestId: string, version: number): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `${keys.returnVersionPrefix(requestId)}${pad(version)}`,
  }),
  returnVersionPrefix: (requestId: string) => `REQITEM#${requestId}#RETURN#`,
  caseAgencyLink: (partnershipId: string, caseId: string, agencyId: string, tokenHash: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `${keys.caseAgencyLinkPrefix(agencyId)}${tokenHash}`,
  }),
  /** All links of a case (no agency) or of one agency in it. */
  caseAgencyLinkPrefix: (agencyId?: string) => (agencyId ? `AGENCYLINK#${agencyId}#` : 'AGENCYLINK#'),

  link: (tokenHash: string): Key => ({ PK: `LINK#${tokenHash}`, SK: 'LINK' }),
  challenge: (challengeId: string): Key => ({ PK: `CHALLENGE#${challengeId}`, SK: 'CHALLENGE' }),
  session: (sessionHash: string): Key => ({ PK: `SESSION#${sessionHash}`, SK: 'SESSION' }),

  auditPk: (partnershipId: string, caseId: string) => `P#${partnershipId}#AUDIT#${caseId}`,
  audit: (partnershipId: string, caseId: string, at: string, id: string): Key => ({
    PK: keys.auditPk(partnershipId, caseId),
    SK: `${at}#${id}`,
  }),

  attachment: (partnershipId: string, caseId: string, requestId: string, attachmentId: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `${keys.attachmentPrefix(requestId)}${attachmentId}`,
  }),
  attachmentPrefix: (requestId: string) => `REQITEM#${requestId}#ATTACH#`,
  reminder: (partnershipId: string, caseId: string, requestId: string, dueOn: string, step: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `${keys.reminderPrefix(requestId)}${dueOn}#${step}`,
  }),
  reminderPrefix: (requestId: string) => `REQITEM#${requestId}#REMINDER#`,
  caseAlert: (partnershipId: string, caseId: string, kind: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `ALERT#${kind}`,
  }),
  mergeVersion: (partnershipId: string, caseId: string, version: number): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `${keys.mergePrefix}${String(version).padStart(6, '0')}`,
  }),
  mergePrefix: 'CHRONO#',
  decision: (partnershipId: string, caseId: string, id: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: `${keys.decisionPrefix}${id}`,
  }),
  decisionPrefix: 'CHRONODECISION#',
  mergeNeeded: (partnershipId: string, caseId: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: 'MERGENEEDED',
  }),
  /** The decision the case's Rapid Review or Case Review Group meeting recorded (one per case). */
  meetingDecision: (partnershipId: string, caseId: string): Key => ({
    PK: casePk(partnershipId, caseId),
    SK: 'MEETINGDECISION',
  }),
  /** GSI2: closed cases, by the day their returns and documents are due for deletion. */
  retentionQueue: 'RETENTION',
  retentionQueueSort: (day: string, c: { partnershipId: string; id: string }) => `${day}#${c.partnershipId}#${c.id}`,
  /** GSI2: cases whose chronologies changed since their last merge. */
  remergeQueue: 'REMERGE',
  /** GSI2: requests waiting on the agency, by the date their next ladder step falls due. */
  chaseQueue: 'CHASE',
  chaseQueueSort: (on: string, r: { partnershipId: string; caseId: string; id: string }) =>
    `${on}#${r.partnershipId}#${r.caseId}#${r.id}`,
  /** GSI2: open cases, by the date their next statutory-risk check falls due. */
  caseAlertQueue: 'CASEALERT',
  caseAlertQueueSort: (on: string, c: { partnershipId: string; id: string }) => `${on}#${c.partnershipId}#${c.id}`,

  outbox: (id: string): Key => ({ PK: `OUTBOX#${id}`, SK: 'OUTBOX' }),
  /** GSI2: e-mails waiting to be sent or retried, by next attempt time. */
  outboxQueue: 'OUTBOX',
  outboxQueueSort: (at: string, id: string) => `${at}#${id}`,
} as const;

export const INDEX = { byList: 'GSI1', byWork: 'GSI2' } as const;

/** The claim of a request on its agency × return type in its case: the item both stores write. */
export const requestClaimItem = (
  request: Pick<ReturnRequest, 'partnershipId' | 'caseId' | 'agencyId' | 'returnType' | 'id'>,
) => ({
  ...keys.requestClaim(request.partnershipId, request.caseId, request.agencyId, request.returnType),
  entity: 'request-claim',
  partnershipId: request.partnershipId,
  caseId: request.caseId,
  agencyId: request.agencyId,
  returnType: request.returnType,
  requestId: request.id,
});

/** A request is created with three items (request, claim, audit event); a transaction holds at most 100. */
export const REQUESTS_PER_TRANSACTION = 33;

/** Attributes that belong to the table layout rather than to the entity. */
export const LAYOUT_ATTRIBUTES = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'entity',
  'expiresAtEpoch',
] as const;

/**
 * The tamper-proof copy of the audit trail (issue 6). IAM can deny UpdateItem and DeleteItem on audit
 * partitions but cannot make PutItem "create only", so a function could still overwrite an audit event
 * or give it a TTL for DynamoDB to delete it. Every change to an audit item therefore reaches the
 * table's stream, is copied to a write-once (Object Lock) bucket, and any change other than its
 * creation is reported as tampering.
 *
 * Stream records arrive here already unmarshalled to plain objects; this module knows nothing of AWS.
 */

export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** One DynamoDB Streams record, reduced to what the archive needs. */
export interface TableChange {
  eventName: StreamEventName;
  /** The stream's sequence number: unique per record, and what a partial batch failure names. */
  sequenceNumber: string;
  keys: Record<string, unknown>;
  /** Present for MODIFY and REMOVE when the stream carries old images (NEW_AND_OLD_IMAGES). */
  oldImage?: Record<string, unknown>;
  /** Present for INSERT and MODIFY when the stream carries new images. */
  newImage?: Record<string, unknown>;
  /** Who made the change, for removals: DynamoDB's TTL service, or absent for any principal. */
  userIdentity?: { type?: string; principalId?: string };
  /** When DynamoDB recorded the change, in epoch seconds. */
  approximateCreationDateTime?: number;
}

/** Where an audit item lives: the ids its keys are built from (functions/adapters/dynamodb/keys.ts). */
export interface AuditItemRef {
  partnershipId: string;
  caseId: string;
  auditEventId: string;
}

export interface ArchiveObject {
  /** The stream record this object copies: a failed write retries that record. */
  sequenceNumber: string;
  key: string;
  body: string;
}

/** A change to an audit item after its creation. Ids and the event name only: never the item's contents. */
export interface TamperingFinding extends AuditItemRef {
  sequenceNumber: string;
  eventName: 'MODIFY' | 'REMOVE';
}

export interface AuditArchivePlan {
  objects: ArchiveObject[];
  findings: TamperingFinding[];
}

/** Writes archive objects; each key is written once (a second write of the same key is a no-op). */
export interface AuditArchiveWriter {
  put(object: ArchiveObject): Promise<void>;
}

/** The fixed log message for a finding, which the metric filter and its alarm match. */
export const TAMPERING_MESSAGE = 'audit event changed';

/** Top-level prefix of every archive object. */
export const ARCHIVE_PREFIX = 'audit/';

/**
 * Audit keys as keys.audit builds them: PK `P#<partnershipId>#AUDIT#<caseId>`, SK `<at>#<auditEventId>`.
 * Repeated here rather than imported because the domain does not import adapters; the unit tests build
 * keys with keys.audit, so a change of shape there fails them.
 */
const AUDIT_PK = /^P#([^#]+)#AUDIT#([^#]+)$/;

/** The removal DynamoDB itself makes when an item's TTL passes. */
export function isTtlRemoval(change: Pick<TableChange, 'eventName' | 'userIdentity'>): boolean {
  return (
    change.eventName === 'REMOVE' &&
    change.userIdentity?.type === 'Service' &&
    change.userIdentity.principalId === 'dynamodb.amazonaws.com'
  );
}

/** The ids of an audit item, or undefined for any other item of the table. */
export function auditItemRef(keys: { readonly PK?: unknown; readonly SK?: unknown }): AuditItemRef | undefined {
  const { PK, SK } = keys;
  if (typeof PK !== 'string' || typeof SK !== 'string') return undefined;
  const partition = AUDIT_PK.exec(PK);
  if (!partition) return undefined;
  const hash = SK.lastIndexOf('#');
  // An SK not shaped `<at>#<id>` still belongs to an audit partition: it is archived under the whole SK.
  const auditEventId = hash >= 0 && hash < SK.length - 1 ? SK.slice(hash + 1) : SK;
  return { partnershipId: partition[1]!, caseId: partition[2]!, auditEventId };
}

/** One path segment: ids are ULIDs and slugs, but a key must never gain a segment from its contents. */
const segment = (value: string) => encodeURIComponent(value);

export function archiveKey(ref: AuditItemRef, change: Pick<TableChange, 'sequenceNumber' | 'eventName'>): string {
  return `${ARCHIVE_PREFIX}${[ref.partnershipId, ref.caseId, ref.auditEventId].map(segment).join('/')}/${segment(
    change.sequenceNumber,
  )}-${change.eventName}.json`;
}

function archiveBody(change: TableChange, ref: AuditItemRef): string {
  const ttl = change.eventName === 'REMOVE' ? { removedByTtl: isTtlRemoval(change) } : {};
  return JSON.stringify({
    ...ref,
    eventName: change.eventName,
    sequenceNumber: change.sequenceNumber,
    ...(change.approximateCreationDateTime !== undefined
      ? { recordedAt: new Date(change.approximateCreationDateTime * 1000).toISOString() }
      : {}),
    ...ttl,
    keys: change.keys,
    // The old image is the audit event as it was: for MODIFY and REMOVE, the original.
    ...(change.oldImage ? { oldImage: change.oldImage } : {}),
    ...(change.newImage ? { newImage: change.newImage } : {}),
  });
}

/**
 * What to archive and what to report for a batch of table changes. Items other than audit items are
 * ignored. Every change to an audit item is archived; a change after creation (MODIFY), or a removal
 * by anyone but DynamoDB's TTL service, is a finding.
 */
export function planAuditArchive(changes: readonly TableChange[]): AuditArchivePlan {
  const objects: ArchiveObject[] = [];
  const findings: TamperingFinding[] = [];
  for (const change of changes) {
    const ref = auditItemRef(change.keys);
    if (!ref) continue;
    objects.push({
      sequenceNumber: change.sequenceNumber,
      key: archiveKey(ref, change),
      body: archiveBody(change, ref),
    });
    if (change.eventName === 'MODIFY' || (change.eventName === 'REMOVE' && !isTtlRemoval(change))) {
      findings.push({ ...ref, sequenceNumber: change.sequenceNumber, eventName: change.eventName });
    }
  }
  return { objects, findings };
}

/**
 * Writes every object, one failure not stopping the others, and returns the sequence numbers of the
 * records whose copy could not be written (for the stream's partial batch response).
 */
export async function writeAuditArchive(
  writer: AuditArchiveWriter,
  objects: readonly ArchiveObject[],
): Promise<string[]> {
  const results = await Promise.allSettled(objects.map((object) => writer.put(object)));
  const failed = new Set<string>();
  results.forEach((result, index) => {
    if (result.status === 'rejected') failed.add(objects[index]!.sequenceNumber);
  });
  return [...failed];
}

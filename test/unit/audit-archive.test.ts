import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { toTableChange } from '../../functions/adapters/dynamodb-stream-records';
import { keys } from '../../functions/adapters/dynamodb/keys';
import {
  auditItemRef,
  planAuditArchive,
  writeAuditArchive,
  type ArchiveObject,
  type TableChange,
} from '../../functions/domain/audit-archive';

/**
 * The tamper-proof copy of the audit trail: which stream records are audit items, what is archived
 * under which key, and which changes are reported as tampering. Keys are built with the table's own
 * key builder, so a change of the audit key shape fails these tests.
 */
const P = 'north-partnership';
const CASE = '01KB0000000000000000000000';
const EVENT = '01KB0000000000000000000001';
const AT = '2026-11-27T10:00:00.000Z';
const auditKeys = keys.audit(P, CASE, AT, EVENT);
const auditItem = {
  ...auditKeys,
  entity: 'audit',
  id: EVENT,
  partnershipId: P,
  caseId: CASE,
  at: AT,
  actor: { kind: 'staff', id: 'staff-1' },
  action: 'case.created',
};
const TTL_SERVICE = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };

const change = (overrides: Partial<TableChange> & Pick<TableChange, 'eventName'>): TableChange => ({
  sequenceNumber: '100',
  keys: { ...auditKeys },
  ...overrides,
});

describe('which items are audit items', () => {
  it('reads the ids from the keys the table builds', () => {
    expect(auditItemRef(auditKeys)).toEqual({ partnershipId: P, caseId: CASE, auditEventId: EVENT });
  });

  it('ignores every other item of a case and of the table', () => {
    for (const key of [
      keys.case(P, CASE),
      keys.request(P, CASE, 'R1'),
      keys.returnVersion(P, CASE, 'R1', 1),
      keys.link('hash'),
      keys.session('hash'),
      keys.outbox('o1'),
      keys.agency(P, 'A1'),
      keys.caseReference(P, 'RR-2026-001'),
    ]) {
      expect(auditItemRef(key)).toBeUndefined();
    }
    expect(auditItemRef({ PK: auditKeys.PK })).toBeUndefined();
  });

  it('never lets a key segment add a path segment to the archive key', () => {
    const ref = auditItemRef({ PK: 'P#a/b#AUDIT#c', SK: `${AT}#../x` })!;
    const [object] = planAuditArchive([
      change({ eventName: 'INSERT', keys: { PK: 'P#a/b#AUDIT#c', SK: `${AT}#../x` } }),
    ]).objects;
    expect(ref).toEqual({ partnershipId: 'a/b', caseId: 'c', auditEventId: '../x' });
    expect(object!.key).toBe('audit/a%2Fb/c/..%2Fx/100-INSERT.json');
  });
});

describe('what is archived', () => {
  it('archives a new audit event with its new image, and reports nothing', () => {
    const plan = planAuditArchive([
      change({ eventName: 'INSERT', newImage: auditItem, approximateCreationDateTime: 1764237600 }),
    ]);
    expect(plan.findings).toEqual([]);
    expect(plan.objects).toHaveLength(1);
    expect(plan.objects[0]!.key).toBe(`audit/${P}/${CASE}/${EVENT}/100-INSERT.json`);
    expect(JSON.parse(plan.objects[0]!.body)).toEqual({
      partnershipId: P,
      caseId: CASE,
      auditEventId: EVENT,
      eventName: 'INSERT',
      sequenceNumber: '100',
      recordedAt: '2025-11-27T10:00:00.000Z',
      keys: auditKeys,
      newImage: auditItem,
    });
  });

  it('keeps the original of a changed event (its old image) beside what it was changed to, and reports it', () => {
    const changed = { ...auditItem, action: 'case.viewed', expiresAtEpoch: 1 };
    const plan = planAuditArchive([
      change({ eventName: 'MODIFY', sequenceNumber: '200', oldImage: auditItem, newImage: changed }),
    ]);
    expect(JSON.parse(plan.objects[0]!.body)).toMatchObject({
      eventName: 'MODIFY',
      oldImage: auditItem,
      newImage: changed,
    });
    expect(plan.objects[0]!.key).toBe(`audit/${P}/${CASE}/${EVENT}/200-MODIFY.json`);
    expect(plan.findings).toEqual([
      { partnershipId: P, caseId: CASE, auditEventId: EVENT, sequenceNumber: '200', eventName: 'MODIFY' },
    ]);
  });

  it('reports a deletion by any principal, and keeps the deleted event', () => {
    const plan = planAuditArchive([
      change({ eventName: 'REMOVE', sequenceNumber: '300', oldImage: auditItem, userIdentity: undefined }),
    ]);
    expect(JSON.parse(plan.objects[0]!.body)).toMatchObject({ removedByTtl: false, oldImage: auditItem });
    expect(plan.findings).toEqual([expect.objectContaining({ eventName: 'REMOVE', auditEventId: EVENT })]);
  });

  it("archives but does not report DynamoDB's own TTL removal", () => {
    const plan = planAuditArchive([
      change({ eventName: 'REMOVE', sequenceNumber: '400', oldImage: auditItem, userIdentity: TTL_SERVICE }),
    ]);
    expect(JSON.parse(plan.objects[0]!.body)).toMatchObject({ removedByTtl: true, oldImage: auditItem });
    expect(plan.findings).toEqual([]);
  });

  it('does not take a removal by another service or principal for a TTL removal', () => {
    const plan = planAuditArchive([
      change({
        eventName: 'REMOVE',
        oldImage: auditItem,
        userIdentity: { type: 'Service', principalId: 'lambda.amazonaws.com' },
      }),
      change({
        eventName: 'REMOVE',
        sequenceNumber: '101',
        oldImage: auditItem,
        userIdentity: { type: 'User', principalId: 'dynamodb.amazonaws.com' },
      }),
    ]);
    expect(plan.findings.map((f) => f.sequenceNumber)).toEqual(['100', '101']);
  });

  it('leaves other items alone, however they change', () => {
    const caseKeys = keys.case(P, CASE);
    const plan = planAuditArchive([
      change({ eventName: 'MODIFY', keys: { ...caseKeys }, oldImage: { ...caseKeys }, newImage: { ...caseKeys } }),
      change({ eventName: 'REMOVE', keys: { ...keys.link('h') }, oldImage: { ...keys.link('h') } }),
    ]);
    expect(plan).toEqual({ objects: [], findings: [] });
  });
});

describe('writing the archive', () => {
  it('writes every object even when one fails, and names the records that failed', async () => {
    const written: string[] = [];
    const writer = {
      async put(object: ArchiveObject) {
        if (object.sequenceNumber === '2') throw new Error('S3 unavailable');
        written.push(object.key);
      },
    };
    const objects = ['1', '2', '3'].map((n) => ({ sequenceNumber: n, key: `k${n}`, body: '{}' }));
    await expect(writeAuditArchive(writer, objects)).resolves.toEqual(['2']);
    expect(written.sort()).toEqual(['k1', 'k3']);
  });
});

describe('stream records as Lambda receives them', () => {
  const record = (overrides: Partial<DynamoDBRecord>): DynamoDBRecord => ({
    eventID: 'e1',
    eventName: 'MODIFY',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-2',
    dynamodb: {
      ApproximateCreationDateTime: 1764237600,
      Keys: marshall(auditKeys) as never,
      OldImage: marshall(auditItem) as never,
      NewImage: marshall({ ...auditItem, action: 'changed', big: 12345678901234567890n }) as never,
      SequenceNumber: '4421584500000000017450439091',
      SizeBytes: 300,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    ...overrides,
  });

  it('unmarshals keys and images to plain objects, numbers beyond the safe range kept as strings', () => {
    const tableChange = toTableChange(record({}));
    expect(tableChange).toEqual({
      eventName: 'MODIFY',
      sequenceNumber: '4421584500000000017450439091',
      keys: auditKeys,
      oldImage: auditItem,
      newImage: { ...auditItem, action: 'changed', big: '12345678901234567890' },
      approximateCreationDateTime: 1764237600,
    });
    expect(planAuditArchive([tableChange]).findings).toHaveLength(1);
  });

  it("recognises DynamoDB's TTL removal from the record's user identity", () => {
    const { NewImage: _dropped, ...stream } = record({}).dynamodb!;
    const ttl = toTableChange(record({ eventName: 'REMOVE', dynamodb: stream, userIdentity: TTL_SERVICE }));
    expect(planAuditArchive([ttl]).findings).toEqual([]);
    const manual = toTableChange(record({ eventName: 'REMOVE', dynamodb: stream }));
    expect(planAuditArchive([manual]).findings).toHaveLength(1);
  });

  it('refuses a record without its sequence number or keys', () => {
    expect(() => toTableChange(record({ dynamodb: { Keys: marshall(auditKeys) as never } }))).toThrow(
      /sequence number/,
    );
    expect(() => toTableChange(record({ dynamodb: { SequenceNumber: '1' } }))).toThrow(/keys/);
  });
});

import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, Case, PlannedMeeting } from '../../domain/model';
import type { CaseRepository } from '../../domain/ports';
import { auditPut } from './audit';
import { INDEX, keys } from './keys';
import { cancellationCodes, queryAll, toEntity, type TableContext } from './table-client';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
type CaseUpdate = Omit<NonNullable<TransactItem['Update']>, 'TableName' | 'Key'>;

export class DynamoCaseRepository implements CaseRepository {
  constructor(private readonly ctx: TableContext) {}

  async nextReferenceNumber(partnershipId: string, year: number): Promise<number> {
    const result = await this.ctx.db.send(
      new UpdateCommand({
        TableName: this.ctx.tableName,
        Key: keys.referenceCounter(partnershipId, year),
        UpdateExpression: 'ADD #seq :one SET entity = :entity',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.seq);
  }

  async create(record: Case, audit: AuditEvent): Promise<'created' | 'reference-taken'> {
    try {
      await this.ctx.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.ctx.tableName,
                Item: {
                  ...keys.case(record.partnershipId, record.id),
                  GSI1PK: keys.casesByStatus(record.partnershipId, record.status),
                  GSI1SK: keys.caseListSort(record.createdAt, record.id),
                  ...(record.nextAlertOn
                    ? { GSI2PK: keys.caseAlertQueue, GSI2SK: keys.caseAlertQueueSort(record.nextAlertOn, record) }
                    : {}),
                  entity: 'case',
                  ...record,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.ctx.tableName,
                Item: {
                  ...keys.caseReference(record.partnershipId, record.reference),
                  entity: 'case-reference',
                  caseId: record.id,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            auditPut(this.ctx.tableName, audit),
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (cancellationCodes(error)?.[1] === 'ConditionalCheckFailed') return 'reference-taken';
      throw error;
    }
  }

  async get(partnershipId: string, caseId: string): Promise<Case | undefined> {
    const result = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: keys.case(partnershipId, caseId) }),
    );
    return toEntity<Case>(result.Item);
  }

  list(partnershipId: string, status: 'open' | 'closed'): Promise<Case[]> {
    return queryAll<Case>(this.ctx, {
      IndexName: INDEX.byList,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.casesByStatus(partnershipId, status) },
      ScanIndexForward: false,
    });
  }

  async close(
    record: Case,
    closedAt: string,
    reason: string,
    retainUntil: string,
    audit: AuditEvent,
  ): Promise<boolean> {
    return this.updateWithAudit(
      record,
      {
        // A closed case leaves the open list and the statutory-risk queue, and joins the retention queue.
        UpdateExpression:
          'SET #status = :closed, closedAt = :at, closedReason = :reason, GSI1PK = :list, nextAlertOn = :none, retainUntil = :until, GSI2PK = :retention, GSI2SK = :retentionSort',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':closed': 'closed',
          ':open': 'open',
          ':at': closedAt,
          ':reason': reason,
          ':list': keys.casesByStatus(record.partnershipId, 'closed'),
          ':none': null,
          ':until': retainUntil,
          ':retention': keys.retentionQueue,
          ':retentionSort': keys.retentionQueueSort(retainUntil, record),
        },
      },
      audit,
    );
  }

  async setPlannedMeeting(record: Case, planned: PlannedMeeting, audit: AuditEvent): Promise<boolean> {
    return this.updateWithAudit(
      record,
      {
        UpdateExpression: 'SET plannedMeeting = :planned',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':planned': planned, ':open': 'open' },
      },
      audit,
    );
  }

  async setLegalHold(record: Case, hold: Case['legalHold'] | null, audit: AuditEvent): Promise<boolean> {
    return this.updateWithAudit(
      record,
      {
        UpdateExpression: hold ? 'SET legalHold = :hold' : 'REMOVE legalHold',
        ConditionExpression: `attribute_exists(PK) AND attribute_not_exists(purgedAt) AND ${
          hold ? 'attribute_not_exists(legalHold)' : 'attribute_exists(legalHold)'
        }`,
        ...(hold ? { ExpressionAttributeValues: { ':hold': hold } } : {}),
      },
      audit,
    );
  }

  /** The case's conditional update and its audit event, together; false when the condition refused it. */
  private async updateWithAudit(record: Case, update: CaseUpdate, audit: AuditEvent): Promise<boolean> {
    try {
      await this.ctx.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: { TableName: this.ctx.tableName, Key: keys.case(record.partnershipId, record.id), ...update },
            },
            auditPut(this.ctx.tableName, audit),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async *dueForDeletion(day: string): AsyncIterable<Case> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.ctx.db.send(
        new QueryCommand({
          TableName: this.ctx.tableName,
          IndexName: INDEX.byWork,
          KeyConditionExpression: 'GSI2PK = :queue AND GSI2SK <= :upTo',
          ExpressionAttributeValues: { ':queue': keys.retentionQueue, ':upTo': `${day}#~` },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) yield toEntity<Case>(item) as Case;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async purge(record: Case, purgedAt: string, audit: AuditEvent): Promise<{ items: number }> {
    const items = await queryAll<{ PK: string; SK: string }>(
      { ...this.ctx },
      {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.case(record.partnershipId, record.id).PK },
        ProjectionExpression: 'PK, SK',
      },
      { keepKeys: true },
    );
    const others = items.filter((item) => item.SK !== 'CASE');
    for (let i = 0; i < others.length; i += 25) {
      let batch = others.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: { PK: item.PK, SK: item.SK } } }));
      while (batch.length) {
        const result = await this.ctx.db.send(new BatchWriteCommand({ RequestItems: { [this.ctx.tableName]: batch } }));
        batch = (result.UnprocessedItems?.[this.ctx.tableName] ?? []) as typeof batch;
      }
    }
    await this.ctx.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            // The child's details go; the reference, route and dates stay, with when the rest was deleted.
            Update: {
              TableName: this.ctx.tableName,
              Key: keys.case(record.partnershipId, record.id),
              UpdateExpression: 'SET purgedAt = :at REMOVE subject, GSI2PK, GSI2SK',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(legalHold)',
              ExpressionAttributeValues: { ':at': purgedAt },
            },
          },
          auditPut(this.ctx.tableName, audit),
        ],
      }),
    );
    return { items: others.length };
  }
}

import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, Case } from '../../domain/model';
import type { CaseRepository } from '../../domain/ports';
import { auditPut } from './audit';
import { INDEX, keys } from './keys';
import { cancellationCodes, queryAll, toEntity, type TableContext } from './table-client';

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

  listOpen(partnershipId: string): Promise<Case[]> {
    return queryAll<Case>(this.ctx, {
      IndexName: INDEX.byList,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.casesByStatus(partnershipId, 'open') },
      ScanIndexForward: false,
    });
  }

  async close(record: Case, closedAt: string, reason: string, audit: AuditEvent): Promise<boolean> {
    try {
      await this.ctx.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.ctx.tableName,
                Key: keys.case(record.partnershipId, record.id),
                // A closed case leaves the open list and the daily run's statutory-risk queue.
                UpdateExpression:
                  'SET #status = :closed, closedAt = :at, closedReason = :reason, GSI1PK = :list, nextAlertOn = :none REMOVE GSI2PK, GSI2SK',
                ConditionExpression: '#status = :open',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':closed': 'closed',
                  ':open': 'open',
                  ':at': closedAt,
                  ':reason': reason,
                  ':list': keys.casesByStatus(record.partnershipId, 'closed'),
                  ':none': null,
                },
              },
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
}

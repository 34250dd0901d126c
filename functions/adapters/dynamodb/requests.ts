import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, ReturnRequest, SubmittedReturn } from '../../domain/model';
import type { OutboxEmail, RequestRepository } from '../../domain/ports';
import { auditPut } from './audit';
import { keys } from './keys';
import { outboxPut } from './outbox';
import { cancellationCodes, isConditionFailure, queryAll, toEntity, type TableContext } from './table-client';

/** Fields of a request an update may never touch: its identity and keys. */
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

/**
 * The update expression for a set of changes: null removes a field; `nextActionOn` also places the
 * request in, or takes it out of, the daily run's work queue (GSI2 CHASE).
 */
export function requestChanges(request: ReturnRequest, changes: Partial<ReturnRequest>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(changes).forEach(([field, value], index) => {
    if (IMMUTABLE.has(field) || value === undefined) return;
    names[`#f${index}`] = field;
    if (value === null) {
      removes.push(`#f${index}`);
    } else {
      values[`:v${index}`] = value;
      sets.push(`#f${index} = :v${index}`);
    }
  });
  if (changes.nextActionOn === null) removes.push('GSI2PK', 'GSI2SK');
  if (typeof changes.nextActionOn === 'string') {
    values[':queue'] = keys.chaseQueue;
    values[':queueSort'] = keys.chaseQueueSort(changes.nextActionOn, request);
    sets.push('GSI2PK = :queue', 'GSI2SK = :queueSort');
  }
  return { names, values, sets, removes };
}

export class DynamoRequestRepository implements RequestRepository {
  constructor(private readonly ctx: TableContext) {}

  async create(request: ReturnRequest, audit: AuditEvent): Promise<void> {
    await this.ctx.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.ctx.tableName,
              Item: {
                ...keys.request(request.partnershipId, request.caseId, request.id),
                entity: 'request',
                ...request,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          auditPut(this.ctx.tableName, audit),
        ],
      }),
    );
  }

  async get(partnershipId: string, caseId: string, requestId: string): Promise<ReturnRequest | undefined> {
    // Strongly consistent: a writer that lost a race rereads the request to see who won (submit, drafts).
    const result = await this.ctx.db.send(
      new GetCommand({
        TableName: this.ctx.tableName,
        Key: keys.request(partnershipId, caseId, requestId),
        ConsistentRead: true,
      }),
    );
    return toEntity<ReturnRequest>(result.Item);
  }

  listForCase(partnershipId: string, caseId: string): Promise<ReturnRequest[]> {
    return queryAll<ReturnRequest>(this.ctx, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(partnershipId, caseId).PK, ':prefix': keys.requestPrefix },
    });
  }

  async update(
    request: ReturnRequest,
    changes: Partial<ReturnRequest>,
    extra: { audit?: AuditEvent; outbox?: OutboxEmail; submitted?: SubmittedReturn; chronologyChangedAt?: string },
  ): Promise<boolean> {
    const { names, values, sets, removes } = requestChanges(request, changes);
    names['#revision'] = 'revision';
    values[':expected'] = request.revision;
    values[':one'] = 1;
    sets.unshift('#revision = #revision + :one');
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Update: {
          TableName: this.ctx.tableName,
          Key: keys.request(request.partnershipId, request.caseId, request.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(PK) AND #revision = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    ];
    if (extra.submitted) {
      const s = extra.submitted;
      items.push({
        Put: {
          TableName: this.ctx.tableName,
          Item: { ...keys.returnVersion(s.partnershipId, s.caseId, s.requestId, s.version), entity: 'return', ...s },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    }
    if (extra.outbox) items.push(outboxPut(this.ctx.tableName, extra.outbox));
    if (extra.chronologyChangedAt) {
      items.push({
        Put: {
          TableName: this.ctx.tableName,
          Item: {
            ...keys.mergeNeeded(request.partnershipId, request.caseId),
            GSI2PK: keys.remergeQueue,
            GSI2SK: `${extra.chronologyChangedAt}#${request.partnershipId}#${request.caseId}`,
            entity: 'merge-needed',
            partnershipId: request.partnershipId,
            caseId: request.caseId,
            changedAt: extra.chronologyChangedAt,
          },
        },
      });
    }
    if (extra.audit) items.push(auditPut(this.ctx.tableName, extra.audit));
    try {
      await this.ctx.db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      // Lost the race: the request's condition failed, or another transaction held one of the items.
      if (codes && codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) {
        return false;
      }
      throw error;
    }
  }

  async getSubmitted(
    partnershipId: string,
    caseId: string,
    requestId: string,
    version: number,
  ): Promise<SubmittedReturn | undefined> {
    const result = await this.ctx.db.send(
      new GetCommand({
        TableName: this.ctx.tableName,
        Key: keys.returnVersion(partnershipId, caseId, requestId, version),
      }),
    );
    return toEntity<SubmittedReturn>(result.Item);
  }

  listSubmitted(partnershipId: string, caseId: string, requestId: string): Promise<SubmittedReturn[]> {
    return queryAll<SubmittedReturn>(this.ctx, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.case(partnershipId, caseId).PK,
        ':prefix': keys.returnVersionPrefix(requestId),
      },
    });
  }

  async setEmailStatus(partnershipId: string, caseId: string, requestId: string, status: 'queued' | 'sent' | 'failed') {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.request(partnershipId, caseId, requestId),
          UpdateExpression: 'SET emailStatus = :status',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':status': status },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

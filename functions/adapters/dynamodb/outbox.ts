import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEmail, OutboxRepository } from '../../domain/ports';
import type { DropReason } from '../../domain/stale-email';
import { INDEX, keys } from './keys';
import { isConditionFailure, toEntity, type TableContext } from './table-client';

/**
 * The e-mail outbox. An e-mail waiting for an attempt sits in GSI2 under its next attempt time, so the
 * scheduled run reads only e-mails that are due; a sent or failed e-mail leaves the index.
 */
export function outboxPut(tableName: string, email: OutboxEmail) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.outbox(email.id),
        GSI2PK: keys.outboxQueue,
        GSI2SK: keys.outboxQueueSort(email.nextAttemptAt, email.id),
        entity: 'outbox',
        ...email,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** deliveredTo is a DynamoDB string set, which the document client reads as a Set. */
function fromItem(item: Record<string, unknown> | undefined): OutboxEmail | undefined {
  const email = toEntity<OutboxEmail & { deliveredTo?: Iterable<string> }>(item);
  if (!email) return undefined;
  return { ...email, ...(email.deliveredTo ? { deliveredTo: [...email.deliveredTo] } : {}) };
}

export class DynamoOutboxRepository implements OutboxRepository {
  constructor(private readonly ctx: TableContext) {}

  async get(id: string): Promise<OutboxEmail | undefined> {
    const result = await this.ctx.db.send(new GetCommand({ TableName: this.ctx.tableName, Key: keys.outbox(id) }));
    return fromItem(result.Item);
  }

  async claim(id: string, now: Date, leaseSeconds: number): Promise<OutboxEmail | undefined> {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000).toISOString();
    try {
      const result = await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.outbox(id),
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, GSI2SK = :sort ADD attempts :one',
          ConditionExpression:
            '(#status = :pending AND nextAttemptAt <= :now) OR (#status = :sending AND leaseUntil <= :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':now': at,
            ':lease': leaseUntil,
            ':sort': keys.outboxQueueSort(leaseUntil, id),
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(result.Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async markDelivered(id: string, recipient: string, messageId: string): Promise<void> {
    await this.ctx.db.send(
      new UpdateCommand({
        TableName: this.ctx.tableName,
        Key: keys.outbox(id),
        UpdateExpression: 'ADD deliveredTo :recipient SET lastMessageId = :messageId',
        ExpressionAttributeValues: { ':recipient': new Set([recipient]), ':messageId': messageId },
      }),
    );
  }

  async markSent(id: string, at: string): Promise<void> {
    await this.ctx.db.send(
      new UpdateCommand({
        TableName: this.ctx.tableName,
        Key: keys.outbox(id),
        UpdateExpression: 'SET #status = :sent, sentAt = :at REMOVE GSI2PK, GSI2SK, leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': at },
      }),
    );
  }

  async markRetry(id: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.ctx.db.send(
      new UpdateCommand({
        TableName: this.ctx.tableName,
        Key: keys.outbox(id),
        UpdateExpression:
          'SET #status = :pending, nextAttemptAt = :next, lastError = :error, GSI2SK = :sort REMOVE leaseUntil',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':sending': 'sending',
          ':next': nextAttemptAt,
          ':error': error,
          ':sort': keys.outboxQueueSort(nextAttemptAt, id),
        },
      }),
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.ctx.db.send(
      new UpdateCommand({
        TableName: this.ctx.tableName,
        Key: keys.outbox(id),
        UpdateExpression: 'SET #status = :failed, lastError = :error REMOVE GSI2PK, GSI2SK, leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':error': error },
      }),
    );
  }

  async markDropped(id: string, at: string, reason: DropReason): Promise<void> {
    await this.ctx.db.send(
      new UpdateCommand({
        TableName: this.ctx.tableName,
        Key: keys.outbox(id),
        UpdateExpression:
          'SET #status = :dropped, droppedAt = :at, dropReason = :reason REMOVE GSI2PK, GSI2SK, leaseUntil',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':dropped': 'dropped', ':sending': 'sending', ':at': at, ':reason': reason },
      }),
    );
  }

  async listDue(now: Date, limit: number): Promise<OutboxEmail[]> {
    const result = await this.ctx.db.send(
      new QueryCommand({
        TableName: this.ctx.tableName,
        IndexName: INDEX.byWork,
        KeyConditionExpression: 'GSI2PK = :queue AND GSI2SK <= :upTo',
        ExpressionAttributeValues: { ':queue': keys.outboxQueue, ':upTo': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => fromItem(item) as OutboxEmail);
  }
}

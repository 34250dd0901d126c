import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Attachment, AttachmentStatus } from '../../domain/model';
import type { AttachmentRepository } from '../../domain/ports';
import { AWAITING_AGENCY } from '../../domain/request-status';
import { keys } from './keys';
import { cancellationCodes, queryAll, toEntity, type TableContext } from './table-client';

type Items = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/**
 * Attachments of a request, with the request's running count and bytes kept in the same transactions,
 * so two uploads at once cannot together pass the per-return limits.
 */
export class DynamoAttachmentRepository implements AttachmentRepository {
  constructor(private readonly ctx: TableContext) {}

  private releaseQuota(a: Attachment): Items[number] {
    return {
      Update: {
        TableName: this.ctx.tableName,
        Key: keys.request(a.partnershipId, a.caseId, a.requestId),
        UpdateExpression: 'SET attachmentCount = attachmentCount - :one, attachmentBytes = attachmentBytes - :size',
        ExpressionAttributeValues: { ':one': 1, ':size': a.size },
      },
    };
  }

  private async transact(items: Items): Promise<boolean> {
    try {
      await this.ctx.db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) return false;
      throw error;
    }
  }

  create(a: Attachment, limits: { maxCount: number; maxTotalBytes: number }): Promise<boolean> {
    const awaiting = [...AWAITING_AGENCY];
    return this.transact([
      {
        Update: {
          TableName: this.ctx.tableName,
          Key: keys.request(a.partnershipId, a.caseId, a.requestId),
          UpdateExpression:
            'SET attachmentCount = if_not_exists(attachmentCount, :zero) + :one, attachmentBytes = if_not_exists(attachmentBytes, :zero) + :size',
          ConditionExpression: `#status IN (${awaiting.map((_, i) => `:s${i}`).join(', ')}) AND (attribute_not_exists(attachmentCount) OR attachmentCount < :maxCount) AND (attribute_not_exists(attachmentBytes) OR attachmentBytes <= :room)`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...Object.fromEntries(awaiting.map((status, i) => [`:s${i}`, status])),
            ':zero': 0,
            ':one': 1,
            ':size': a.size,
            ':maxCount': limits.maxCount,
            ':room': limits.maxTotalBytes - a.size,
          },
        },
      },
      {
        Put: {
          TableName: this.ctx.tableName,
          Item: { ...keys.attachment(a.partnershipId, a.caseId, a.requestId, a.id), entity: 'attachment', ...a },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ]);
  }

  async get(partnershipId: string, caseId: string, requestId: string, attachmentId: string) {
    const result = await this.ctx.db.send(
      new GetCommand({
        TableName: this.ctx.tableName,
        Key: keys.attachment(partnershipId, caseId, requestId, attachmentId),
      }),
    );
    return toEntity<Attachment>(result.Item);
  }

  list(partnershipId: string, caseId: string, requestId: string): Promise<Attachment[]> {
    return queryAll<Attachment>(this.ctx, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.case(partnershipId, caseId).PK,
        ':prefix': keys.attachmentPrefix(requestId),
      },
    });
  }

  setStatus(
    a: Attachment,
    from: AttachmentStatus,
    changes: Pick<Attachment, 'status'> & Partial<Attachment>,
  ): Promise<boolean> {
    const fields = Object.entries(changes).filter(([, v]) => v !== undefined);
    const items: Items = [
      {
        Update: {
          TableName: this.ctx.tableName,
          Key: keys.attachment(a.partnershipId, a.caseId, a.requestId, a.id),
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ConditionExpression: '#from = :from',
          ExpressionAttributeNames: { '#from': 'status', ...Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k])) },
          ExpressionAttributeValues: { ':from': from, ...Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])) },
        },
      },
    ];
    if (changes.status === 'rejected' && from !== 'rejected') items.push(this.releaseQuota(a));
    return this.transact(items);
  }

  async remove(a: Attachment): Promise<void> {
    await this.transact([
      {
        Delete: {
          TableName: this.ctx.tableName,
          Key: keys.attachment(a.partnershipId, a.caseId, a.requestId, a.id),
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
      ...(a.status === 'rejected' ? [] : [this.releaseQuota(a)]),
    ]);
  }

  detach(a: Attachment, detachedAt: string): Promise<boolean> {
    return this.transact([
      {
        Update: {
          TableName: this.ctx.tableName,
          Key: keys.attachment(a.partnershipId, a.caseId, a.requestId, a.id),
          UpdateExpression: 'SET detachedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(detachedAt)',
          ExpressionAttributeValues: { ':at': detachedAt },
        },
      },
      ...(a.status === 'rejected' ? [] : [this.releaseQuota(a)]),
    ]);
  }
}

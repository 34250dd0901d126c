import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../domain/model';
import type { AuditLog } from '../../domain/ports';
import { keys } from './keys';
import { queryAll, type TableContext } from './table-client';

/** An audit item is only ever created, never replaced (and IAM denies updates and deletes of AUDIT keys). */
export function auditPut(tableName: string, event: AuditEvent) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.audit(event.partnershipId, event.caseId, event.at, event.id), entity: 'audit', ...event },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export class DynamoAuditLog implements AuditLog {
  constructor(private readonly ctx: TableContext) {}

  async append(event: AuditEvent): Promise<void> {
    await this.ctx.db.send(new PutCommand(auditPut(this.ctx.tableName, event).Put));
  }

  list(partnershipId: string, caseId: string): Promise<AuditEvent[]> {
    return queryAll<AuditEvent>(this.ctx, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditPk(partnershipId, caseId) },
    });
  }
}

import { DeleteCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, ChronologyDecision, MergedChronologyVersion } from '../../domain/model';
import type { ChronologyRepository } from '../../domain/ports';
import { auditPut } from './audit';
import { INDEX, keys } from './keys';
import { cancellationCodes, isConditionFailure, queryAll, toEntity, type TableContext } from './table-client';

/** Merge versions and grouping decisions of a case, and the daily run's queue of cases to re-merge. */
export class DynamoChronologyRepository implements ChronologyRepository {
  constructor(private readonly ctx: TableContext) {}

  async latest(partnershipId: string, caseId: string) {
    const result = await this.ctx.db.send(
      new QueryCommand({
        TableName: this.ctx.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.case(partnershipId, caseId).PK, ':prefix': keys.mergePrefix },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return toEntity<MergedChronologyVersion>(result.Items?.[0]);
  }

  async saveVersion(version: MergedChronologyVersion, audit: AuditEvent): Promise<boolean> {
    try {
      await this.ctx.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.ctx.tableName,
                Item: {
                  ...keys.mergeVersion(version.partnershipId, version.caseId, version.version),
                  entity: 'merged-chronology',
                  ...version,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
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

  decisions(partnershipId: string, caseId: string) {
    return queryAll<ChronologyDecision>(this.ctx, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(partnershipId, caseId).PK, ':prefix': keys.decisionPrefix },
    });
  }

  async addDecision(decision: ChronologyDecision, audit: AuditEvent): Promise<void> {
    await this.ctx.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.ctx.tableName,
              Item: {
                ...keys.decision(decision.partnershipId, decision.caseId, decision.id),
                entity: 'chronology-decision',
                ...decision,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          auditPut(this.ctx.tableName, audit),
        ],
      }),
    );
  }

  async markChanged(partnershipId: string, caseId: string, at: string): Promise<void> {
    await this.ctx.db.send(
      new PutCommand({
        TableName: this.ctx.tableName,
        Item: {
          ...keys.mergeNeeded(partnershipId, caseId),
          GSI2PK: keys.remergeQueue,
          GSI2SK: `${at}#${partnershipId}#${caseId}`,
          entity: 'merge-needed',
          partnershipId,
          caseId,
          changedAt: at,
        },
      }),
    );
  }

  async *changed() {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.ctx.db.send(
        new QueryCommand({
          TableName: this.ctx.tableName,
          IndexName: INDEX.byWork,
          KeyConditionExpression: 'GSI2PK = :queue',
          ExpressionAttributeValues: { ':queue': keys.remergeQueue },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        yield {
          partnershipId: String(item.partnershipId),
          caseId: String(item.caseId),
          changedAt: String(item.changedAt),
        };
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async clearChanged(partnershipId: string, caseId: string, mergedFrom: string): Promise<void> {
    try {
      await this.ctx.db.send(
        new DeleteCommand({
          TableName: this.ctx.tableName,
          Key: keys.mergeNeeded(partnershipId, caseId),
          ConditionExpression: 'changedAt <= :merged',
          ExpressionAttributeValues: { ':merged': mergedFrom },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../../domain/errors';
import type { AuditEvent, MeetingDecision } from '../../domain/model';
import type { MeetingDecisionRepository } from '../../domain/ports';
import { auditPut } from './audit';
import { keys } from './keys';
import { cancellationCodes, toEntity, type TableContext } from './table-client';

/** The meeting's decision: one item in the case partition, so retention deletes it with the returns. */
export class DynamoMeetingDecisionRepository implements MeetingDecisionRepository {
  constructor(private readonly ctx: TableContext) {}

  async get(partnershipId: string, caseId: string): Promise<MeetingDecision | undefined> {
    const result = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: keys.meetingDecision(partnershipId, caseId) }),
    );
    return toEntity<MeetingDecision>(result.Item);
  }

  async put(decision: MeetingDecision, audit: AuditEvent): Promise<void> {
    try {
      await this.ctx.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              // Only while the case is open: a decision cannot arrive after the case closed meanwhile.
              ConditionCheck: {
                TableName: this.ctx.tableName,
                Key: keys.case(decision.partnershipId, decision.caseId),
                ConditionExpression: 'attribute_exists(PK) AND #status = :open',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':open': 'open' },
              },
            },
            {
              Put: {
                TableName: this.ctx.tableName,
                Item: {
                  ...keys.meetingDecision(decision.partnershipId, decision.caseId),
                  entity: 'meeting-decision',
                  ...decision,
                },
              },
            },
            auditPut(this.ctx.tableName, audit),
          ],
        }),
      );
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed')
        throw conflict('The case is closed', 'case-closed');
      throw error;
    }
  }
}

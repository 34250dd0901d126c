import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, Case, CaseAlertRecord, ReminderRecord, ReturnRequest } from '../../domain/model';
import { MAX_STEPS_TOGETHER, type ChaseRepository, type ChaseStepWrite, type OutboxEmail } from '../../domain/ports';
import { AWAITING_AGENCY } from '../../domain/request-status';
import type { ChasePosition } from '../../domain/chasing';
import type { DropReason } from '../../domain/stale-email';
import { auditPut } from './audit';
import { INDEX, keys } from './keys';
import { outboxPut } from './outbox';
import { requestChanges } from './requests';
import { cancellationCodes, isConditionFailure, queryAll, toEntity, type TableContext } from './table-client';

/**
 * The daily run's storage. Work is found through GSI2, where only requests waiting on an agency and
 * open cases with a pending risk check are indexed, by the date they fall due: the run reads nothing
 * that is not due. Each step is taken in one transaction whose reminder (or alert) item can only be
 * created once, so a repeated or retried run cannot send a step twice.
 */
type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export class DynamoChaseRepository implements ChaseRepository {
  constructor(private readonly ctx: TableContext) {}

  private async *queue<T>(queue: string, day: string): AsyncIterable<T> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.ctx.db.send(
        new QueryCommand({
          TableName: this.ctx.tableName,
          IndexName: INDEX.byWork,
          KeyConditionExpression: 'GSI2PK = :queue AND GSI2SK <= :upTo',
          ExpressionAttributeValues: { ':queue': queue, ':upTo': `${day}#~` },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) yield toEntity<T>(item) as T;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  dueRequests(day: string): AsyncIterable<ReturnRequest> {
    return this.queue<ReturnRequest>(keys.chaseQueue, day);
  }

  dueCases(day: string): AsyncIterable<Case> {
    return this.queue<Case>(keys.caseAlertQueue, day);
  }

  async recordStep(
    request: ReturnRequest,
    next: {
      position: ChasePosition;
      lastReminder?: ReturnRequest['lastReminder'];
    },
    reminder: ReminderRecord | undefined,
    outbox: OutboxEmail | undefined,
    audit: AuditEvent,
  ): Promise<boolean> {
    const result = await this.recordSteps(
      [{ request, next, ...(reminder ? { reminder } : {}), audit }],
      outbox ? [outbox] : [],
    );
    return result.taken;
  }

  /** The items of one step: the request's conditional update first, then its audit event and reminder. */
  private stepItems({ request, next, reminder, audit }: ChaseStepWrite): TransactItem[] {
    const chase = request.chase as NonNullable<ReturnRequest['chase']>;
    const { names, values, sets, removes } = requestChanges(request, {
      chase: { dueOn: chase.dueOn, nextStepIndex: next.position.nextStepIndex },
      nextActionOn: next.position.nextActionOn ?? null,
      ...(next.lastReminder ? { lastReminder: next.lastReminder } : {}),
    });
    const awaiting = [...AWAITING_AGENCY];
    awaiting.forEach((status, i) => (values[`:s${i}`] = status));
    names['#status'] = 'status';
    names['#chase'] = 'chase';
    names['#dueOn'] = 'dueOn';
    names['#stoppedAt'] = 'linksStoppedAt';
    names['#resumedAt'] = 'linksResumedAt';
    values[':dueOn'] = chase.dueOn;
    values[':index'] = chase.nextStepIndex;
    const items: TransactItem[] = [
      {
        // The request must still wait on the agency, for the same deadline, at the same step, and the office
        // must not have stopped the agency's links since the run read it (request-status.ts linksStopped).
        Update: {
          TableName: this.ctx.tableName,
          Key: keys.request(request.partnershipId, request.caseId, request.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: `#status IN (${awaiting.map((_, i) => `:s${i}`).join(', ')}) AND #dueOn = :dueOn AND #chase.dueOn = :dueOn AND #chase.nextStepIndex = :index AND (attribute_not_exists(#stoppedAt) OR #resumedAt > #stoppedAt)`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      auditPut(this.ctx.tableName, audit),
    ];
    if (reminder) {
      items.push({
        Put: {
          TableName: this.ctx.tableName,
          Item: {
            ...keys.reminder(request.partnershipId, request.caseId, request.id, reminder.dueOn, reminder.step),
            entity: 'reminder',
            ...reminder,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    }
    return items;
  }

  async recordSteps(
    steps: ChaseStepWrite[],
    outbox: OutboxEmail[],
  ): Promise<{ taken: true } | { taken: false; refused: string[] }> {
    if (steps.length > MAX_STEPS_TOGETHER) throw new Error('too many ladder steps for one transaction');
    const unchased = steps.filter((s) => !s.request.chase).map((s) => s.request.id);
    if (unchased.length) return { taken: false, refused: unchased };
    // Which step each item belongs to, to tell which request a refusal was about.
    const owners: (string | undefined)[] = [];
    const items: TransactItem[] = [];
    for (const step of steps) {
      const stepItems = this.stepItems(step);
      items.push(...stepItems);
      owners.push(...stepItems.map(() => step.request.id));
    }
    for (const email of outbox) {
      items.push(outboxPut(this.ctx.tableName, email));
      owners.push(undefined);
    }
    try {
      await this.ctx.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { taken: true };
    } catch (error) {
      const codes = cancellationCodes(error);
      const lost = (code: string | undefined) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict';
      if (!codes?.some(lost)) throw error;
      const refused = new Set<string>();
      codes.forEach((code, i) => {
        const owner = owners[i];
        if (lost(code) && owner) refused.add(owner);
      });
      return { taken: false, refused: [...refused] };
    }
  }

  async listReminders(partnershipId: string, caseId: string): Promise<ReminderRecord[]> {
    const items = await queryAll<ReminderRecord & { entity?: string }>(this.ctx, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      FilterExpression: 'entity = :reminder',
      ExpressionAttributeValues: {
        ':pk': keys.case(partnershipId, caseId).PK,
        ':prefix': 'REQITEM#',
        ':reminder': 'reminder',
      },
    });
    return items;
  }

  async markReminderSent(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    sentAt: string,
  ): Promise<void> {
    await this.markReminder(partnershipId, caseId, requestId, reminder, 'sentAt', sentAt);
  }

  async markReminderFailed(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    failedAt: string,
  ): Promise<void> {
    await this.markReminder(partnershipId, caseId, requestId, reminder, 'failedAt', failedAt);
  }

  private async markReminder(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    field: 'sentAt' | 'failedAt',
    at: string,
  ): Promise<void> {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.reminder(partnershipId, caseId, requestId, reminder.dueOn, reminder.step),
          UpdateExpression: 'SET #at = :at',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#at': field },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async markReminderDropped(
    partnershipId: string,
    caseId: string,
    requestId: string,
    reminder: { dueOn: string; step: string },
    droppedAt: string,
    reason: DropReason,
  ): Promise<void> {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.reminder(partnershipId, caseId, requestId, reminder.dueOn, reminder.step),
          UpdateExpression: 'SET droppedAt = :at, dropReason = :reason',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': droppedAt, ':reason': reason },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async recordAlert(
    record: Case,
    nextIndex: number,
    nextAlertOn: string | null,
    alert: CaseAlertRecord | undefined,
    outbox: OutboxEmail | undefined,
    audit: AuditEvent,
  ): Promise<boolean> {
    const queue = nextAlertOn
      ? {
          UpdateExpression: 'SET nextAlertIndex = :next, nextAlertOn = :on, GSI2SK = :sort',
          values: { ':on': nextAlertOn, ':sort': keys.caseAlertQueueSort(nextAlertOn, record) },
        }
      : {
          UpdateExpression: 'SET nextAlertIndex = :next, nextAlertOn = :none REMOVE GSI2PK, GSI2SK',
          values: { ':none': null },
        };
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Update: {
          TableName: this.ctx.tableName,
          Key: keys.case(record.partnershipId, record.id),
          UpdateExpression: queue.UpdateExpression,
          ConditionExpression: '#status = :open AND nextAlertIndex = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':open': 'open',
            ':expected': record.nextAlertIndex ?? 0,
            ':next': nextIndex,
            ...queue.values,
          },
        },
      },
      auditPut(this.ctx.tableName, audit),
    ];
    if (alert) {
      items.push({
        Put: {
          TableName: this.ctx.tableName,
          Item: { ...keys.caseAlert(record.partnershipId, record.id, alert.kind), entity: 'case-alert', ...alert },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    }
    if (outbox) items.push(outboxPut(this.ctx.tableName, outbox));
    try {
      await this.ctx.db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) return false;
      throw error;
    }
  }
}

import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, ReturnRequest, SubmittedReturn } from '../../domain/model';
import type { EscalationLevel } from '../../domain/chasing';
import type { NewRequest, OutboxEmail, RequestPair, RequestRepository } from '../../domain/ports';
import { releasesClaim } from '../../domain/request-status';
import { auditPut } from './audit';
import { keys, requestClaimItem, REQUESTS_PER_TRANSACTION } from './keys';
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

  async createAll(requests: NewRequest[]): Promise<{ taken: RequestPair[] }> {
    for (let start = 0; start < requests.length; start += REQUESTS_PER_TRANSACTION) {
      const run = requests.slice(start, start + REQUESTS_PER_TRANSACTION);
      const taken = await this.createRun(run);
      if (taken.length) return { taken };
    }
    return { taken: [] };
  }

  async create(request: ReturnRequest, audit: AuditEvent): Promise<'created' | 'already-requested'> {
    const { taken } = await this.createAll([{ request, audit }]);
    return taken.length ? 'already-requested' : 'created';
  }

  /** One transaction: per request its item, its claim on the agency × return type, and its audit event. */
  private async createRun(run: NewRequest[]): Promise<RequestPair[]> {
    const items = run.flatMap(({ request, audit }) => [
      {
        Put: {
          TableName: this.ctx.tableName,
          Item: { ...keys.request(request.partnershipId, request.caseId, request.id), entity: 'request', ...request },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: this.ctx.tableName,
          Item: requestClaimItem(request),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      auditPut(this.ctx.tableName, audit),
    ]);
    try {
      await this.ctx.db.send(new TransactWriteCommand({ TransactItems: items }));
      return [];
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      // A request that exists already is a caller's mistake; a held claim is the answer the domain wants.
      if (run.some((_, i) => codes[i * 3] === 'ConditionalCheckFailed')) throw error;
      // Another transaction writing the same claim at this moment is treated as holding it.
      const taken = run
        .filter((_, i) => codes[i * 3 + 1] === 'ConditionalCheckFailed' || codes[i * 3 + 1] === 'TransactionConflict')
        .map(({ request }) => ({ agencyId: request.agencyId, returnType: request.returnType }));
      if (!taken.length) throw error;
      return taken;
    }
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

  update(
    request: ReturnRequest,
    changes: Partial<ReturnRequest>,
    extra: { audit?: AuditEvent; outbox?: OutboxEmail; submitted?: SubmittedReturn; chronologyChangedAt?: string },
  ): Promise<boolean> {
    return this.write(request, changes, extra, true);
  }

  private async write(
    request: ReturnRequest,
    changes: Partial<ReturnRequest>,
    extra: { audit?: AuditEvent; outbox?: OutboxEmail; submitted?: SubmittedReturn; chronologyChangedAt?: string },
    releaseClaim: boolean,
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
    // Ending a request without a return frees its agency × return type to be asked for again. The claim
    // is deleted only if it is this request's (or absent, for a request stored before claims existed).
    const release = releaseClaim && releasesClaim(request.status, changes.status) ? items.length : -1;
    if (release >= 0) {
      items.push({
        Delete: {
          TableName: this.ctx.tableName,
          Key: keys.requestClaim(request.partnershipId, request.caseId, request.agencyId, request.returnType),
          ConditionExpression: 'attribute_not_exists(PK) OR requestId = :requestId',
          ExpressionAttributeValues: { ':requestId': request.id },
        },
      });
    }
    try {
      await this.ctx.db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      // The claim is another request's: this one is a duplicate from before claims. End it, keep the claim.
      if (codes && release >= 0 && codes[release] === 'ConditionalCheckFailed' && codes[0] === 'None') {
        return this.write(request, changes, extra, false);
      }
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

  async raiseEscalation(partnershipId: string, caseId: string, requestId: string, level: EscalationLevel) {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.request(partnershipId, caseId, requestId),
          UpdateExpression: 'SET escalationStep = :level',
          // Up, never down: the Partners are above the Case Review Group.
          ConditionExpression:
            level === 'safeguarding-partners'
              ? 'attribute_exists(PK) AND (attribute_not_exists(escalationStep) OR escalationStep = :crg)'
              : 'attribute_exists(PK) AND attribute_not_exists(escalationStep)',
          ExpressionAttributeValues: {
            ':level': level,
            ...(level === 'safeguarding-partners' ? { ':crg': 'case-review-group' } : {}),
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async setEmailStatus(
    partnershipId: string,
    caseId: string,
    requestId: string,
    status: 'queued' | 'sent' | 'failed' | null,
  ) {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.request(partnershipId, caseId, requestId),
          ConditionExpression: 'attribute_exists(PK)',
          ...(status === null
            ? { UpdateExpression: 'REMOVE emailStatus' }
            : { UpdateExpression: 'SET emailStatus = :status', ExpressionAttributeValues: { ':status': status } }),
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

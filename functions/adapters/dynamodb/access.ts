import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AgencySession, CodeChallenge, LinkGrant } from '../../domain/model';
import type { ChallengeRepository, LinkRepository, SessionRepository } from '../../domain/ports';
import { keys } from './keys';
import { epochSeconds, isConditionFailure, queryAll, toEntity, type TableContext } from './table-client';

/** Items that expire are removed by the table's TTL some time after expiry; code checks expiry itself. */
const RETAIN_EXPIRED_SECONDS = 90 * 24 * 60 * 60;

export class DynamoLinkRepository implements LinkRepository {
  constructor(private readonly ctx: TableContext) {}

  async put(grant: LinkGrant): Promise<void> {
    const expiresAtEpoch = epochSeconds(grant.expiresAt) + RETAIN_EXPIRED_SECONDS;
    await this.ctx.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.ctx.tableName,
              Item: { ...keys.link(grant.tokenHash), entity: 'link', expiresAtEpoch, ...grant },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            // Lets a case find every link of an agency, to revoke them.
            Put: {
              TableName: this.ctx.tableName,
              Item: {
                ...keys.caseAgencyLink(grant.partnershipId, grant.caseId, grant.agencyId, grant.tokenHash),
                entity: 'case-agency-link',
                tokenHash: grant.tokenHash,
                agencyId: grant.agencyId,
                issuedAt: grant.issuedAt,
                expiresAt: grant.expiresAt,
                expiresAtEpoch,
              },
            },
          },
        ],
      }),
    );
  }

  async get(tokenHash: string): Promise<LinkGrant | undefined> {
    const result = await this.ctx.db.send(new GetCommand({ TableName: this.ctx.tableName, Key: keys.link(tokenHash) }));
    return toEntity<LinkGrant>(result.Item);
  }

  async listForCase(partnershipId: string, caseId: string, agencyId?: string) {
    const items = await queryAll<{ tokenHash: string; agencyId?: string; SK?: string }>(this.ctx, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.case(partnershipId, caseId).PK,
        ':prefix': keys.caseAgencyLinkPrefix(agencyId),
      },
    });
    return items.map((item) => ({ tokenHash: item.tokenHash, agencyId: item.agencyId as string }));
  }

  async revoke(tokenHash: string, at: string): Promise<void> {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.link(tokenHash),
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** A fixed-window counter: counts within the window, or starts a new window when it has passed. */
  private async countInWindow(
    tokenHash: string,
    now: Date,
    windowSeconds: number,
    counter: string,
    windowStart: string,
    limit?: number,
  ): Promise<number | undefined> {
    const at = now.toISOString();
    const windowOpenedAfter = new Date(now.getTime() - windowSeconds * 1000).toISOString();
    const names = { '#count': counter, '#start': windowStart };
    try {
      const result = await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.link(tokenHash),
          UpdateExpression: 'ADD #count :one',
          ConditionExpression:
            limit === undefined
              ? 'attribute_exists(PK) AND #start > :windowOpenedAfter'
              : 'attribute_exists(PK) AND #start > :windowOpenedAfter AND #count < :limit',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':one': 1,
            ':windowOpenedAfter': windowOpenedAfter,
            ...(limit === undefined ? {} : { ':limit': limit }),
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.[counter]);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.link(tokenHash),
          UpdateExpression: 'SET #count = :one, #start = :at',
          ConditionExpression:
            'attribute_exists(PK) AND (attribute_not_exists(#start) OR #start <= :windowOpenedAfter)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':one': 1, ':at': at, ':windowOpenedAfter': windowOpenedAfter },
        }),
      );
      return 1;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return undefined;
    }
  }

  async countCodeRequest(tokenHash: string, now: Date, windowSeconds: number, limit: number): Promise<boolean> {
    return (
      (await this.countInWindow(tokenHash, now, windowSeconds, 'codeRequests', 'codeWindowStart', limit)) !== undefined
    );
  }

  async countFailure(tokenHash: string, now: Date, windowSeconds: number): Promise<number> {
    // Without a limit the first update fails only when the window has passed, and the second then starts one;
    // if a concurrent failure started the window in between, count again within it.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const count = await this.countInWindow(tokenHash, now, windowSeconds, 'failures', 'failureWindowStart');
      if (count !== undefined) return count;
    }
    throw new Error('link failure counter unavailable');
  }
}

export class DynamoChallengeRepository implements ChallengeRepository {
  constructor(private readonly ctx: TableContext) {}

  async put(challenge: CodeChallenge): Promise<void> {
    await this.ctx.db.send(
      new PutCommand({
        TableName: this.ctx.tableName,
        Item: {
          ...keys.challenge(challenge.id),
          entity: 'challenge',
          expiresAtEpoch: epochSeconds(challenge.expiresAt) + RETAIN_EXPIRED_SECONDS,
          ...challenge,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get(challengeId: string): Promise<CodeChallenge | undefined> {
    const result = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: keys.challenge(challengeId) }),
    );
    return toEntity<CodeChallenge>(result.Item);
  }

  async takeAttempt(challengeId: string, now: Date, maxAttempts: number): Promise<boolean> {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.challenge(challengeId),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression:
            'attribute_exists(PK) AND attempts < :max AND attribute_not_exists(usedAt) AND expiresAt > :now',
          ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markUsed(challengeId: string, now: Date): Promise<boolean> {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.challenge(challengeId),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

export class DynamoSessionRepository implements SessionRepository {
  constructor(private readonly ctx: TableContext) {}

  async put(session: AgencySession): Promise<void> {
    await this.ctx.db.send(
      new PutCommand({
        TableName: this.ctx.tableName,
        Item: {
          ...keys.session(session.sessionHash),
          entity: 'session',
          expiresAtEpoch: epochSeconds(session.expiresAt),
          ...session,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get(sessionHash: string): Promise<AgencySession | undefined> {
    const result = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: keys.session(sessionHash) }),
    );
    return toEntity<AgencySession>(result.Item);
  }

  async touch(sessionHash: string, at: string): Promise<void> {
    try {
      await this.ctx.db.send(
        new UpdateCommand({
          TableName: this.ctx.tableName,
          Key: keys.session(sessionHash),
          UpdateExpression: 'SET lastSeenAt = :at',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async delete(sessionHash: string): Promise<void> {
    await this.ctx.db.send(new DeleteCommand({ TableName: this.ctx.tableName, Key: keys.session(sessionHash) }));
  }
}

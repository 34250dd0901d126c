import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Agency, AuditEvent, Partnership } from '../../domain/model';
import type { AgencyContacts, AgencyRepository, PartnershipDirectory } from '../../domain/ports';

const DIRECTORY_PREFIX = 'agency_';
import { auditPut } from './audit';
import { cancellationCodes } from './table-client';
import { keys } from './keys';
import { queryAll, toEntity, type TableContext } from './table-client';

/** Partnership profiles change rarely (they are configuration): cache them per process for a few minutes. */
const PROFILE_CACHE_MS = 5 * 60 * 1000;

export class DynamoPartnershipDirectory implements PartnershipDirectory {
  private readonly cache = new Map<string, { at: number; value: Partnership | undefined }>();

  constructor(private readonly ctx: TableContext) {}

  async get(partnershipId: string): Promise<Partnership | undefined> {
    const hit = this.cache.get(partnershipId);
    if (hit && Date.now() - hit.at < PROFILE_CACHE_MS) return hit.value;
    const result = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: keys.partnership(partnershipId) }),
    );
    const value = toEntity<Partnership>(result.Item);
    this.cache.set(partnershipId, { at: Date.now(), value });
    return value;
  }

  /** Writes a partnership profile (deployment and seeding only; no API route does this). */
  async put(partnership: Partnership): Promise<void> {
    await this.ctx.db.send(
      new PutCommand({
        TableName: this.ctx.tableName,
        Item: { ...keys.partnership(partnership.id), entity: 'partnership', ...partnership },
      }),
    );
    this.cache.delete(partnership.id);
  }
}

export class DynamoAgencyRepository implements AgencyRepository {
  constructor(private readonly ctx: TableContext) {}

  /**
   * The partnership's contact directory: one item with an attribute per agency, kept in step with each
   * agency in the same transaction, so the daily run reads one item per partnership, not one per agency.
   */
  private directoryEntry(agency: Agency) {
    const entry: AgencyContacts = {
      name: agency.name,
      leadEmail: agency.leadEmail,
      ...(agency.deputyEmail ? { deputyEmail: agency.deputyEmail } : {}),
      ...(agency.strategicLeadEmail ? { strategicLeadEmail: agency.strategicLeadEmail } : {}),
    };
    return {
      Update: {
        TableName: this.ctx.tableName,
        Key: keys.agencyDirectory(agency.partnershipId),
        UpdateExpression: 'SET #entry = :entry, entity = :entity',
        ExpressionAttributeNames: { '#entry': `${DIRECTORY_PREFIX}${agency.id}` },
        ExpressionAttributeValues: { ':entry': entry, ':entity': 'agency-directory' },
      },
    };
  }

  async contacts(partnershipId: string): Promise<Map<string, AgencyContacts>> {
    const result = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: keys.agencyDirectory(partnershipId) }),
    );
    const contacts = new Map<string, AgencyContacts>();
    for (const [name, value] of Object.entries(result.Item ?? {})) {
      if (name.startsWith(DIRECTORY_PREFIX)) contacts.set(name.slice(DIRECTORY_PREFIX.length), value as AgencyContacts);
    }
    return contacts;
  }

  list(partnershipId: string): Promise<Agency[]> {
    return queryAll<Agency>(this.ctx, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.agenciesPk(partnershipId), ':prefix': 'AGENCY#' },
    });
  }

  async get(partnershipId: string, agencyId: string): Promise<Agency | undefined> {
    const result = await this.ctx.db.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: keys.agency(partnershipId, agencyId) }),
    );
    return toEntity<Agency>(result.Item);
  }

  async create(agency: Agency, audit: AuditEvent): Promise<void> {
    await this.ctx.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.ctx.tableName,
              Item: { ...keys.agency(agency.partnershipId, agency.id), entity: 'agency', ...agency },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          this.directoryEntry(agency),
          auditPut(this.ctx.tableName, audit),
        ],
      }),
    );
  }

  async replace(agency: Agency, expectedUpdatedAt: string, audit: AuditEvent): Promise<boolean> {
    try {
      await this.ctx.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.ctx.tableName,
                Item: { ...keys.agency(agency.partnershipId, agency.id), entity: 'agency', ...agency },
                ConditionExpression: 'attribute_exists(PK) AND updatedAt = :expected',
                ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
              },
            },
            this.directoryEntry(agency),
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

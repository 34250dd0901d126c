import type { Store } from '../../domain/ports';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoChallengeRepository, DynamoLinkRepository, DynamoSessionRepository } from './access';
import { DynamoAttachmentRepository } from './attachments';
import { DynamoAuditLog } from './audit';
import { DynamoCaseRepository } from './cases';
import { DynamoChaseRepository } from './chase';
import { DynamoChronologyRepository } from './chronologies';
import { DynamoAgencyRepository, DynamoPartnershipDirectory } from './directory';
import { DynamoMeetingDecisionRepository } from './meeting-decisions';
import { DynamoOutboxRepository } from './outbox';
import { DynamoRequestRepository } from './requests';
import { createDocumentClient, type TableContext } from './table-client';

export function createDynamoStore(
  tableName: string,
  client?: DynamoDBClient,
): Store & { partnerships: DynamoPartnershipDirectory } {
  const ctx: TableContext = { db: createDocumentClient(client), tableName };
  return {
    partnerships: new DynamoPartnershipDirectory(ctx),
    agencies: new DynamoAgencyRepository(ctx),
    cases: new DynamoCaseRepository(ctx),
    requests: new DynamoRequestRepository(ctx),
    links: new DynamoLinkRepository(ctx),
    challenges: new DynamoChallengeRepository(ctx),
    sessions: new DynamoSessionRepository(ctx),
    audit: new DynamoAuditLog(ctx),
    outbox: new DynamoOutboxRepository(ctx),
    chase: new DynamoChaseRepository(ctx),
    attachments: new DynamoAttachmentRepository(ctx),
    chronologies: new DynamoChronologyRepository(ctx),
    meetingDecisions: new DynamoMeetingDecisionRepository(ctx),
  };
}

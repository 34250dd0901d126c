import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { S3AuditArchive } from '../adapters/s3-audit-archive';
import { toTableChange } from '../adapters/dynamodb-stream-records';
import { planAuditArchive, TAMPERING_MESSAGE, writeAuditArchive, type TableChange } from '../domain/audit-archive';
import { logger } from '../http/logger';

/**
 * Only the archive bucket: this function does not load the portal's configuration (table, mail,
 * sign-in), which it does not use. A missing bucket stops the function at start-up.
 */
const ArchiveConfig = z.object({ AUDIT_ARCHIVE_BUCKET: z.string().check(z.minLength(1)) });
const parsed = ArchiveConfig.safeParse(process.env);
if (!parsed.success) throw new Error('Configuration is missing or invalid: AUDIT_ARCHIVE_BUCKET');

// Path-style addressing for s3rver, as the rest of the portal (functions/runtime/config.ts).
const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
const archive = new S3AuditArchive(s3, parsed.data.AUDIT_ARCHIVE_BUCKET);

/**
 * Invoked by the table's stream (lib/audit-archive.ts). Copies every change to an audit item to the
 * Object Lock bucket, and logs each change after creation with TAMPERING_MESSAGE, which raises an
 * alarm. Only ids and the event name are logged, never a record's contents. A record whose copy
 * cannot be written is reported as a batch item failure, so the stream retries from it.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>(
  async (event: DynamoDBStreamEvent, _context: Context) => {
    const changes: TableChange[] = [];
    const failed = new Set<string>();
    for (const record of event.Records) {
      try {
        changes.push(toTableChange(record));
      } catch {
        const sequenceNumber = record.dynamodb?.SequenceNumber;
        logger.error('unreadable stream record', { eventName: record.eventName, sequenceNumber });
        if (sequenceNumber) failed.add(sequenceNumber);
      }
    }

    const { objects, findings } = planAuditArchive(changes);
    for (const finding of findings) {
      logger.error(TAMPERING_MESSAGE, {
        eventName: finding.eventName,
        partnershipId: finding.partnershipId,
        caseId: finding.caseId,
        auditEventId: finding.auditEventId,
        sequenceNumber: finding.sequenceNumber,
      });
    }
    for (const sequenceNumber of await writeAuditArchive(archive, objects)) failed.add(sequenceNumber);

    if (failed.size)
      logger.warn('audit archive records failed', { failed: failed.size, records: event.Records.length });
    else logger.info('audit archive', { records: event.Records.length, archived: objects.length });
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  },
  { timeoutEarlyInMillis: 0 },
).use(injectLambdaContext(logger, { resetKeys: true }));

import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { settleScannedUpload, type ScanResultOutcome } from '../domain/services/attachments';
import { logger } from '../http/logger';
import { scanningDeps } from '../runtime/malware-scanning';

/**
 * GuardDuty Malware Protection for S3 publishes each scan result to EventBridge; the rule (lib/scan-results.ts)
 * sends those for the documents bucket's quarantine prefix here. Only the object's bucket and key are read:
 * the verdict itself comes from the object's tag (settleScannedUpload).
 */
const ScanResultEvent = z.object({
  source: z.literal('aws.guardduty'),
  'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
  detail: z.object({
    s3ObjectDetails: z.object({ bucketName: z.string(), objectKey: z.string() }),
  }),
});

export type ScanResultReport = { outcome: ScanResultOutcome | 'not-a-scan-result' | 'another-bucket' };

export const handler = middy<unknown, ScanResultReport>(
  async (event: unknown, _context: Context): Promise<ScanResultReport> => {
    const parsed = ScanResultEvent.safeParse(event);
    if (!parsed.success) {
      logger.warn('scan result ignored: not a GuardDuty object scan result');
      return { outcome: 'not-a-scan-result' };
    }
    const { bucketName, objectKey } = parsed.data.detail.s3ObjectDetails;
    if (bucketName !== scanningDeps.files?.bucket) {
      logger.warn('scan result ignored: another bucket');
      return { outcome: 'another-bucket' };
    }
    const outcome = await settleScannedUpload(scanningDeps, objectKey);
    // The key holds ids only (never a file name); the outcome says what was done.
    logger.info('scan result settled', { objectKey, outcome });
    if (outcome === 'scanning') {
      // The result is published, but the tag is not yet readable: fail, so that Lambda retries the event.
      throw new Error('The scan result tag is not on the object yet');
    }
    return { outcome };
  },
  { timeoutEarlyInMillis: 0 },
).use(injectLambdaContext(logger, { resetKeys: true }));

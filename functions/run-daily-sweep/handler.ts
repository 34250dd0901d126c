import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { retryEmails, runDailySweep, type OutboxReport, type SweepReport } from '../domain/services/daily-sweep';
import { logger } from '../http/logger';
import { withDocuments } from '../runtime/documents';
import { withMail } from '../runtime/mail';
import { deps as base } from '../runtime/portal';

const deps = withMail(withDocuments(base));

/**
 * Invoked by EventBridge Scheduler: every day at 08:00 Europe/London for the daily run (the ladder itself
 * only on working days), and every few minutes with `task: "outbox"` to deliver the outbox's retries. An
 * error is thrown on, so the scheduler retries and, in the end, the event reaches the dead-letter queue and
 * its alarm. `now` lets an operator (or `npm run local:sweep`) run the day as of a given time.
 */
const SweepEvent = z
  .object({
    now: z.iso.datetime({ offset: true }).optional(),
    task: z.enum(['daily-run', 'outbox']).optional(),
  })
  .loose();

export const handler = middy<unknown, SweepReport | OutboxReport>(
  async (event: unknown, _context: Context) => {
    const { now, task } = SweepEvent.parse(event ?? {});
    const clock = now ? { now: () => new Date(now) } : deps.clock;
    if (task === 'outbox') {
      const report = await retryEmails({ ...deps, clock });
      logger.info('e-mail retries', { ...report });
      return report;
    }
    const report = await runDailySweep({ ...deps, clock });
    logger.info('daily run', { ...report });
    return report;
  },
  { timeoutEarlyInMillis: 0 },
).use(injectLambdaContext(logger, { resetKeys: true }));

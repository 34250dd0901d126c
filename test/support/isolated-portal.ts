import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { createDynamoStore } from '../../functions/adapters/dynamodb';
import { S3DocumentPurger } from '../../functions/adapters/s3-document-purger';
import { S3DocumentStore } from '../../functions/adapters/s3-document-store';
import { SesMailer } from '../../functions/adapters/ses-mailer';
import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import type { Mailer, PortalDeps } from '../../functions/domain/ports';
import type { StaffPrincipal } from '../../functions/domain/services/context';
import { ensureTable } from '../../scripts/local/emulators';
import { seedPartnerships } from '../../scripts/local/stack';

/**
 * A portal of its own for tests that move the clock: a fresh table in the test run's DynamoDB Local (so a
 * sweep "in 2027" touches no other test's data), the shared S3 and SES emulators, and a settable clock.
 */
export interface IsolatedPortal {
  deps: PortalDeps;
  tableName: string;
  setNow(iso: string): void;
  staff(partnershipId?: string): StaffPrincipal;
  /** Mail through an unreachable SES endpoint: what an outage looks like to the SDK. */
  brokenMailer(): Mailer;
  realMailer(): Mailer;
}

const dynamodb = new DynamoDBClient({});

export async function isolatedPortal(): Promise<IsolatedPortal> {
  const tableName = `portal-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamodb, tableName);
  const store = createDynamoStore(tableName, dynamodb);
  await seedPartnerships(store, true);
  let now = new Date();
  const realMailer = new SesMailer(new SESClient({}));
  const s3 = new S3Client({ forcePathStyle: true });
  const bucket = process.env.DOCUMENTS_BUCKET as string;
  const deps: PortalDeps = {
    store,
    documents: new S3DocumentStore(s3, bucket),
    purger: new S3DocumentPurger(s3, bucket),
    mailer: realMailer,
    clock: { now: () => now },
    calendar: englandAndWalesCalendar(),
    settings: { webBaseUrl: process.env.WEB_BASE_URL as string, mailFrom: process.env.MAIL_FROM as string },
  };
  return {
    deps,
    tableName,
    setNow: (iso) => {
      now = new Date(iso);
    },
    staff: (partnershipId = 'leicester') => ({ userId: 'test-officer', username: 'officer.test', partnershipId }),
    brokenMailer: () => new SesMailer(new SESClient({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 })),
    realMailer: () => realMailer,
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { freePort, LOCAL_CREDENTIALS, LOCAL_REGION, startS3, type RunningS3 } from '../../scripts/local/emulators';
import { TAMPERING_MESSAGE } from '../../functions/domain/audit-archive';
import { logger } from '../../functions/http/logger';
import { lambdaContext } from '../support/events';

/**
 * The stream handler as Lambda invokes it, with marshalled DynamoDB Streams records, writing to s3rver
 * (started here on a free port, apart from the shared local stack).
 */
const BUCKET = 'audit-archive-test';
const P = 'north-partnership';
const CASE = '01KB0000000000000000000000';
const EVENT = '01KB0000000000000000000001';
const AT = '2026-11-27T10:00:00.000Z';
const auditKeys = keys.audit(P, CASE, AT, EVENT);
/** What a tampering function writes over the event: it must never reach a log line. */
const CANARY = 'Canary Childname-7f3a';
const auditItem = {
  ...auditKeys,
  entity: 'audit',
  id: EVENT,
  partnershipId: P,
  caseId: CASE,
  at: AT,
  action: 'case.created',
};

let s3: RunningS3;
let directory: string;
let client: S3Client;
let levelBefore: ReturnType<typeof logger.getLevelName>;
let handler: typeof import('../../functions/archive-audit-events/handler').handler;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'audit-archive-'));
  s3 = await startS3(await freePort(), directory);
  Object.assign(process.env, {
    AUDIT_ARCHIVE_BUCKET: BUCKET,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  client = new S3Client({
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  ({ handler } = await import('../../functions/archive-audit-events/handler'));
  // The test stack silences the handlers' logs; these lines are what is tested here.
  levelBefore = logger.getLevelName();
  logger.setLogLevel('INFO');
});

afterAll(async () => {
  logger.setLogLevel(levelBefore);
  await s3?.stop();
  rmSync(directory, { recursive: true, force: true });
});

const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  sequenceNumber: string,
  extra: Partial<DynamoDBRecord> = {},
): DynamoDBRecord => ({
  eventID: sequenceNumber,
  eventName,
  eventSource: 'aws:dynamodb',
  awsRegion: 'eu-west-2',
  dynamodb: {
    ApproximateCreationDateTime: 1764237600,
    Keys: marshall(auditKeys) as never,
    ...(eventName !== 'INSERT' ? { OldImage: marshall(auditItem) as never } : {}),
    ...(eventName !== 'REMOVE'
      ? { NewImage: marshall({ ...auditItem, action: eventName === 'MODIFY' ? CANARY : auditItem.action }) as never }
      : {}),
    SequenceNumber: sequenceNumber,
    SizeBytes: 200,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
  ...extra,
});

const read = async (key: string) =>
  JSON.parse(await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString());

/** The handler's log lines, as JSON, while `run` runs. */
async function logLines<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture = ((chunk: unknown) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    return { result: await run(), lines };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

it('archives each change to an audit item, logs the change by its ids only, and reports no failure', async () => {
  const event: DynamoDBStreamEvent = {
    Records: [
      record('INSERT', '100'),
      record('MODIFY', '200'),
      record('REMOVE', '300', { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } }),
      {
        ...record('INSERT', '400'),
        dynamodb: { ...record('INSERT', '400').dynamodb, Keys: marshall(keys.case(P, CASE)) as never },
      },
    ],
  };
  const { result, lines } = await logLines(() => handler(event, lambdaContext()));
  expect(result).toEqual({ batchItemFailures: [] });
  const findings = lines.map((line) => JSON.parse(line)).filter((line) => line.message === TAMPERING_MESSAGE);
  expect(findings).toEqual([
    expect.objectContaining({
      level: 'ERROR',
      eventName: 'MODIFY',
      partnershipId: P,
      caseId: CASE,
      auditEventId: EVENT,
      sequenceNumber: '200',
    }),
  ]);
  expect(lines.join('\n')).not.toContain(CANARY);
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'audit/' }));
  const prefix = `audit/${P}/${CASE}/${EVENT}/`;
  expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([
    `${prefix}100-INSERT.json`,
    `${prefix}200-MODIFY.json`,
    `${prefix}300-REMOVE.json`,
  ]);
  expect(await read(`${prefix}200-MODIFY.json`)).toMatchObject({ oldImage: auditItem, newImage: { action: CANARY } });
  expect(await read(`${prefix}300-REMOVE.json`)).toMatchObject({ removedByTtl: true, oldImage: auditItem });
});

it('reports an unreadable record as a batch item failure without failing the others', async () => {
  const broken = { ...record('INSERT', '500'), dynamodb: { SequenceNumber: '500' } };
  const result = await handler({ Records: [broken, record('INSERT', '600')] }, lambdaContext());
  expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '500' }] });
  expect(await read(`audit/${P}/${CASE}/${EVENT}/600-INSERT.json`)).toMatchObject({ eventName: 'INSERT' });
});

import { HeadObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import type { ScanResultReport } from '../../functions/release-scanned-upload/handler';
import { makeDocx } from '../fixtures/files/generate';
import { lambdaContext } from '../support/events';
import type { ApiClient } from '../support/portal';
import { sentRequest, signInAgency } from '../support/scenario';

/**
 * GuardDuty's scan result, through release-scanned-upload, against the local emulators: the function reads
 * the verdict from the object's tag (s3rver keeps tags) and settles the upload in DynamoDB Local, whether
 * or not the lead's page is still there to ask. The local stack's own API keeps its EICAR scanner; this
 * file's copy of the function is composed with GuardDuty's, as in AWS.
 */
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const s3 = new S3Client({ forcePathStyle: true });
const bucket = () => process.env.DOCUMENTS_BUCKET as string;
let handler: (event: unknown, context: unknown) => Promise<ScanResultReport>;
const scannerBefore = process.env.MALWARE_SCANNER;

beforeAll(async () => {
  process.env.MALWARE_SCANNER = 'guardduty';
  ({ handler } = (await import('../../functions/release-scanned-upload/handler')) as never);
});
afterAll(() => {
  process.env.MALWARE_SCANNER = scannerBefore;
});

const scanResult = (key: string, bucketName = bucket(), status = 'NO_THREATS_FOUND') => ({
  version: '0',
  id: 'c0f1e2d3-0000-4000-8000-000000000000',
  'detail-type': 'GuardDuty Malware Protection Object Scan Result',
  source: 'aws.guardduty',
  account: '111122223333',
  time: new Date().toISOString(),
  region: 'eu-west-2',
  resources: [],
  detail: {
    schemaVersion: '1.0',
    scanStatus: 'COMPLETED',
    resourceType: 'S3_OBJECT',
    s3ObjectDetails: { bucketName, objectKey: key, eTag: 'x', versionId: 'null', s3Throttled: false },
    scanResultDetails: { scanResultStatus: status, threats: null },
  },
});

const tag = (key: string, value: string) =>
  s3.send(
    new PutObjectTaggingCommand({
      Bucket: bucket(),
      Key: key,
      Tagging: { TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value: value }] },
    }),
  );

/** Uploads a file with the presigned POST and leaves, as a lead whose browser closed would. */
async function uploadAndLeave(lead: ApiClient, requestId: string, bytes: Uint8Array) {
  const started = await lead.post(`/agency/requests/${requestId}/attachments`, {
    fileName: 'Strategy meeting minutes.docx',
    contentType: DOCX,
    size: bytes.length,
  });
  expect(started.status).toBe(201);
  const { url, fields } = started.body.upload as { url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from(bytes)], { type: DOCX }), 'Strategy meeting minutes.docx');
  expect((await fetch(url, { method: 'POST', body: form })).status).toBeLessThan(300);
  return { key: fields.key as string, id: started.body.attachment.id as string };
}

async function leadWithRequest() {
  const scenario = await sentRequest();
  return { ...scenario, lead: await signInAgency(scenario.token, scenario.record.reference) };
}

const statusOf = async (lead: ApiClient, requestId: string, id: string) =>
  (
    (await lead.get(`/agency/requests/${requestId}/attachments`)).body.attachments as { id: string; status: string }[]
  ).find((a) => a.id === id)?.status;

describe('release-scanned-upload', () => {
  it('waits for the tag, then releases the file with it, once, though the lead has gone', async () => {
    const { lead, requestId } = await leadWithRequest();
    const { key, id } = await uploadAndLeave(lead, requestId, await makeDocx());
    expect(key).toMatch(/^quarantine\//);

    // The result is published before the tag can be read: the function fails, so that Lambda retries.
    await expect(handler(scanResult(key), lambdaContext())).rejects.toThrow(/tag is not on the object yet/);
    expect(await statusOf(lead, requestId, id)).toBe('scanning');

    await tag(key, 'NO_THREATS_FOUND');
    expect(await handler(scanResult(key), lambdaContext())).toEqual({ outcome: 'released' });
    expect(await statusOf(lead, requestId, id)).toBe('available');
    const released = key.replace(/^quarantine\//, 'attachments/');
    // Moved out of quarantine. (In AWS the copy carries GuardDuty's tag, which the bucket policy requires of
    // every read: S3FileStore.move copies tags; s3rver does not keep them on a copy, so that is not shown here.)
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: released }))).ContentLength).toBeGreaterThan(
      0,
    );
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))).rejects.toMatchObject({
      name: 'NotFound',
    });

    // EventBridge delivers at least once.
    expect(await handler(scanResult(key), lambdaContext())).toEqual({ outcome: 'already-settled' });
    const completed = await lead.post(`/agency/requests/${requestId}/attachments/${id}/complete`);
    expect(completed.body.status).toBe('available');
  });

  it('keeps an infected file in quarantine and tells the lead it was not accepted', async () => {
    const { lead, requestId } = await leadWithRequest();
    const { key, id } = await uploadAndLeave(lead, requestId, await makeDocx());
    await tag(key, 'THREATS_FOUND');
    expect(await handler(scanResult(key, bucket(), 'THREATS_FOUND'), lambdaContext())).toEqual({
      outcome: 'rejected',
    });
    expect(await statusOf(lead, requestId, id)).toBe('rejected');
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))).ContentLength).toBeGreaterThan(0);
  });

  it('ignores what is not a scan result of this bucket', async () => {
    const { lead, requestId } = await leadWithRequest();
    const { key, id } = await uploadAndLeave(lead, requestId, await makeDocx());
    await tag(key, 'NO_THREATS_FOUND');
    expect(await handler(scanResult(key, 'another-bucket'), lambdaContext())).toEqual({ outcome: 'another-bucket' });
    expect(await handler({ source: 'aws.s3', detail: {} }, lambdaContext())).toEqual({
      outcome: 'not-a-scan-result',
    });
    expect(await statusOf(lead, requestId, id)).toBe('awaiting-upload');
  });
});

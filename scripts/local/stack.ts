import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createDynamoStore } from '../../functions/adapters/dynamodb';
import { PartnershipsFile } from '../../functions/contract/partnership-config';
import { newId } from '../../functions/domain/ids';
import type { Partnership } from '../../functions/domain/model';
import type { Store } from '../../functions/domain/ports';
import { projectRoot } from '../project-root';
import { startApiServer } from './api-server';
import { startAuthIssuer, type LocalIssuer } from './auth-issuer';
import { DEMO_AGENCIES, DEMO_OFFICERS } from './demo-data';
import {
  ensureBucket,
  ensureTable,
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDb,
  startS3,
  startSes,
} from './emulators';

export const ROOT = projectRoot();

/**
 * Where `npm start` keeps its data: `.local/`, or PORTAL_LOCAL_DIR (with PORTAL_PORTS=free, a second copy
 * can run beside the first; the README test uses that).
 */
export function localDir(): string {
  return process.env.PORTAL_LOCAL_DIR ?? join(ROOT, '.local');
}
export const TABLE_NAME = 'portal';
export const DOCUMENTS_BUCKET = 'portal-documents';
export const MAIL_FROM = 'no-reply@portal.example.org';

export interface Endpoints {
  web: string;
  api: string;
  mail: string;
  dynamodb: string;
  s3: string;
  auth: string;
}

export interface Ports {
  web: number;
  auth: number;
  dynamodb: number;
  s3: number;
  mail: number;
}

export const DEFAULT_PORTS: Ports = { web: 3000, auth: 3001, dynamodb: 8000, s3: 4569, mail: 8005 };

export interface LocalStackOptions {
  /** Where data persists between runs; undefined runs everything in memory or a scratch directory. */
  dataDir?: string;
  /** Scratch space for emulators that always need a directory (s3rver). */
  scratchDir: string;
  /** Fixed ports, or 'free' to pick unused ones (tests). */
  ports: Ports | 'free';
  webRoot: string;
  seedDemoData: boolean;
  logLevel?: string;
}

export interface LocalStack {
  endpoints: Endpoints;
  env: Record<string, string>;
  issuer: LocalIssuer;
  stop(): Promise<void>;
}

export function loadPartnerships(file = join(ROOT, 'config/partnerships.json')): Partnership[] {
  return PartnershipsFile.parse(JSON.parse(readFileSync(file, 'utf8'))).partnerships;
}

/** The environment the handlers read: the same variables the CDK stack sets on each Lambda function. */
export function handlerEnvironment(
  endpoints: Endpoints,
  issuer: Pick<LocalIssuer, 'url' | 'jwksUri' | 'clientId'>,
  logLevel = 'WARN',
): Record<string, string> {
  return {
    TABLE_NAME,
    DOCUMENTS_BUCKET,
    MAIL_FROM,
    WEB_BASE_URL: endpoints.web,
    STAFF_ISSUER: issuer.url,
    STAFF_JWKS_URI: issuer.jwksUri,
    STAFF_CLIENT_ID: issuer.clientId,
    S3_FORCE_PATH_STYLE: 'true',
    // GuardDuty does not run here: an EICAR-detecting scanner stands in behind the same interface.
    MALWARE_SCANNER: 'local-eicar',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SES: endpoints.mail,
    // s3rver predates the SDK's default request checksums (aws-chunked trailers).
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    POWERTOOLS_SERVICE_NAME: 'safeguarding-portal',
    POWERTOOLS_LOG_LEVEL: logLevel,
  };
}

/** Writes the partnership profiles from config/partnerships.json and, once, the demo agencies. */
export async function seedPartnerships(
  store: Pick<Store, 'agencies'> & { partnerships: { put(partnership: Partnership): Promise<void> } },
  seedDemoData: boolean,
): Promise<void> {
  for (const partnership of loadPartnerships()) {
    await store.partnerships.put(partnership);
    if (!seedDemoData || (await store.agencies.list(partnership.id)).length > 0) continue;
    const now = new Date().toISOString();
    for (const agency of DEMO_AGENCIES[partnership.id] ?? []) {
      const id = newId();
      await store.agencies.create(
        { ...agency, id, partnershipId: partnership.id, createdAt: now, updatedAt: now },
        {
          id: newId(),
          partnershipId: partnership.id,
          caseId: '-',
          at: now,
          actor: { type: 'system', name: 'local-seed' },
          action: 'agency.added',
          agencyId: id,
          detail: { kind: agency.kind },
        },
      );
    }
  }
}

async function seed(endpoints: Endpoints, seedDemoData: boolean): Promise<void> {
  const dynamodb = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const s3 = new S3Client({
    endpoint: endpoints.s3,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  try {
    await ensureTable(dynamodb, TABLE_NAME);
    await ensureBucket(s3, DOCUMENTS_BUCKET, endpoints.web);
    await seedPartnerships(createDynamoStore(TABLE_NAME, dynamodb), seedDemoData);
  } finally {
    dynamodb.destroy();
    s3.destroy();
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const ports: Ports =
    options.ports === 'free'
      ? {
          web: await freePort(),
          auth: await freePort(),
          dynamodb: await freePort(),
          s3: await freePort(),
          mail: await freePort(),
        }
      : options.ports;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  try {
    const webOrigin = `http://localhost:${ports.web}`;
    const dynamo = await startDynamoDb(ports.dynamodb, options.dataDir && join(options.dataDir, 'dynamodb'));
    stops.push(dynamo.stop);
    const s3 = await startS3(ports.s3, options.dataDir ? join(options.dataDir, 's3') : join(options.scratchDir, 's3'));
    stops.push(s3.stop);
    const ses = await startSes(ports.mail);
    stops.push(ses.stop);
    const issuer = await startAuthIssuer({
      port: ports.auth,
      dataDir: options.dataDir && join(options.dataDir, 'auth'),
      webOrigin,
      officers: DEMO_OFFICERS,
    });
    stops.push(issuer.close);
    const endpoints: Endpoints = {
      web: webOrigin,
      api: `${webOrigin}/api`,
      mail: ses.endpoint,
      dynamodb: dynamo.endpoint,
      s3: s3.endpoint,
      auth: issuer.url,
    };
    const env = handlerEnvironment(endpoints, issuer, options.logLevel);
    // The handlers read their configuration from the environment when first imported, as in Lambda.
    Object.assign(process.env, env);
    await seed(endpoints, options.seedDemoData);
    const api = await startApiServer({
      port: ports.web,
      webRoot: options.webRoot,
      authOrigin: issuer.url,
      uploadOrigin: s3.endpoint,
      webConfig: { authUrl: issuer.url, clientId: issuer.clientId, mailViewer: endpoints.mail },
    });
    stops.push(api.close);
    return { endpoints, env, issuer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function writeEndpoints(dataDir: string, endpoints: Endpoints): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'endpoints.json');
  writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`);
  return file;
}

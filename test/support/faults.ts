import { createHash } from 'node:crypto';
import { DynamoDBClient, ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { createDynamoStore } from '../../functions/adapters/dynamodb';
import { SesMailer } from '../../functions/adapters/ses-mailer';
import type { DocumentStore, Mailer, PortalDeps } from '../../functions/domain/ports';
import { sha256Hex } from '../../functions/domain/secrets';
import { mailbox } from './portal';

/**
 * Faults injected into the real SDK clients and adapters, at the point where the portal's code meets
 * them: errors that outlast the SDK's own retries, answers lost after the write was applied, a process
 * that dies between two writes.
 */

export type DynamoFault = 'throttled' | 'provisioned-throughput' | 'applied-then-lost';

/** Decides, for each command the client sends (e.g. "TransactWriteItemsCommand"), whether it fails and how. */
export type DynamoPlan = (
  commandName: string,
  input: Record<string, unknown>,
) => DynamoFault | undefined | Promise<DynamoFault | undefined>;

const metadata = { httpStatusCode: 400, attempts: 10, totalRetryDelay: 20_000 };

export function dynamoError(fault: DynamoFault): Error {
  if (fault === 'throttled') {
    return new ThrottlingException({
      message: 'Rate of requests exceeds the allowed throughput.',
      $metadata: metadata,
    });
  }
  if (fault === 'provisioned-throughput') {
    return new ProvisionedThroughputExceededException({
      message: 'The level of configured provisioned throughput for the table was exceeded.',
      $metadata: metadata,
    });
  }
  // The write went through; its answer did not (the connection dropped, the client timed out).
  return Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });
}

/**
 * A DynamoDB client whose commands fail as the plan says. The fault is raised before the SDK's retry
 * step, as the error the SDK gives up with after its retries; "applied-then-lost" lets the command
 * reach DynamoDB and then loses the answer.
 */
export function faultyDynamoClient(plan: DynamoPlan): DynamoDBClient {
  const client = new DynamoDBClient({});
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const fault = await plan(String(context.commandName), args.input as Record<string, unknown>);
      if (fault && fault !== 'applied-then-lost') throw dynamoError(fault);
      const output = await next(args);
      if (fault === 'applied-then-lost') throw dynamoError(fault);
      return output;
    },
    { step: 'initialize', name: 'injectFaults', priority: 'high' },
  );
  return client;
}

/** The portal's dependencies with the table reached through a faulty client (same table, same data). */
export function withFaultyTable(deps: PortalDeps, tableName: string, plan: DynamoPlan): PortalDeps {
  return { ...deps, store: { ...deps.store, ...createDynamoStore(tableName, faultyDynamoClient(plan)) } };
}

/** A plan that says, afterwards, how many faults it injected (0 when its command never came). */
export interface FiringPlan extends DynamoPlan {
  readonly fired: number;
}

/** Counts commands by name and fails the n-th of one kind (1-based), once; `fired` says whether it came. */
export function failNth(commandName: string, n: number, fault: DynamoFault): FiringPlan {
  let seen = 0;
  let fired = 0;
  const plan: DynamoPlan = (name) => {
    if (name !== commandName) return undefined;
    seen += 1;
    if (seen !== n) return undefined;
    fired += 1;
    return fault;
  };
  return Object.defineProperty(plan, 'fired', { get: () => fired }) as FiringPlan;
}

/** A plan that injects nothing and records the commands sent, in order (e.g. to learn which ones can fail). */
export function recordCommands(): DynamoPlan & { readonly commands: readonly string[] } {
  const commands: string[] = [];
  const plan: DynamoPlan = (name) => {
    commands.push(name);
    return undefined;
  };
  return Object.assign(plan, { commands });
}

/** Each command of a recorded run as a `failNth` target: the n-th command of its kind (1-based). */
export function nthOfEach(commands: readonly string[]): { command: string; nth: number }[] {
  const seen = new Map<string, number>();
  return commands.map((command) => {
    const nth = (seen.get(command) ?? 0) + 1;
    seen.set(command, nth);
    return { command, nth };
  });
}

/** A document store that fails as a process would: before the write, or right after it (the process died). */
export function faultyDocuments(
  inner: DocumentStore,
  when: (key: string) => 'fail-before' | 'die-after' | undefined,
): DocumentStore {
  return {
    async putJson(key, value) {
      const fault = when(key);
      if (fault === 'fail-before') throw Object.assign(new Error('S3 unavailable'), { name: 'ServiceUnavailable' });
      const written = await inner.putJson(key, value);
      if (fault === 'die-after') throw new ProcessKilled(key);
      return written;
    },
    getJson: (key) => inner.getJson(key),
    delete: (key) => inner.delete(key),
  };
}

/** Stands for the process being killed: nothing after the point where it is thrown runs. */
export class ProcessKilled extends Error {
  constructor(readonly at: string) {
    super(`process killed after writing ${at}`);
    this.name = 'ProcessKilled';
  }
}

// ---------- SES ----------

/**
 * A mailer through the real SES emulator, throttled by SES for the recipients and attempts the plan says
 * (the error SES gives when the sending rate is exceeded, after the SDK's own retries).
 */
export function throttledMailer(throttle: (recipient: string, attempt: number) => boolean): Mailer {
  const ses = new SESClient({});
  const attempts = new Map<string, number>();
  ses.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Destination?: { ToAddresses?: string[] } };
      const to = input.Destination?.ToAddresses?.[0] ?? '';
      const attempt = (attempts.get(to) ?? 0) + 1;
      attempts.set(to, attempt);
      if (throttle(to, attempt)) {
        throw Object.assign(new Error('Maximum sending rate exceeded.'), {
          name: 'Throttling',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'throttle', priority: 'high' },
  );
  return new SesMailer(ses);
}

/** E-mails the SES emulator accepted, per recipient, among those whose subject matches. */
export async function deliveries(subject: (s: string) => boolean): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const email of await mailbox()) {
    if (!subject(email.subject)) continue;
    for (const to of email.destination.to) counts[to] = (counts[to] ?? 0) + 1;
  }
  return counts;
}

// ---------- a submission's state ----------

const s3 = new S3Client({ forcePathStyle: true });

async function objectSha256(key: string): Promise<string | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: process.env.DOCUMENTS_BUCKET as string, Key: key }));
    const bytes = await object.Body!.transformToByteArray();
    return createHash('sha256').update(bytes).digest('hex');
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchKey') return undefined;
    throw error;
  }
}

export type SubmissionState =
  { state: 'not-submitted' } | { state: 'submitted'; versions: number; submissionId: string; documentKey: string };

/**
 * Where a request's return stands, read from the table and the bucket: submitted and complete (the
 * request says so, each version has its record, its document with the recorded hash and content, and
 * one audit event), or clearly not submitted (no version, no event, the request not submitted). Any
 * other state is a partial submission, and an error.
 */
export async function submissionState(
  deps: PortalDeps,
  ids: { partnershipId: string; caseId: string; requestId: string },
): Promise<SubmissionState> {
  const request = await deps.store.requests.get(ids.partnershipId, ids.caseId, ids.requestId);
  if (!request) throw new Error('no such request');
  const versions = await deps.store.requests.listSubmitted(ids.partnershipId, ids.caseId, ids.requestId);
  const events = (await deps.store.audit.list(ids.partnershipId, ids.caseId)).filter(
    (e) => e.action === 'return.submitted' && e.requestId === ids.requestId,
  );
  const partial = (why: string) => new Error(`partial submission: ${why} (${JSON.stringify({ request, versions })})`);
  if (request.returnVersion === undefined) {
    if (request.status === 'submitted') throw partial('submitted without a version');
    if (versions.length || events.length) throw partial('a version or event without a submitted request');
    return { state: 'not-submitted' };
  }
  if (versions.length !== request.returnVersion) throw partial('versions missing or extra');
  if (events.length !== versions.length) throw partial(`${events.length} audit events for ${versions.length} versions`);
  for (const version of versions) {
    const sha = await objectSha256(version.documentKey);
    if (!sha) throw partial(`document ${version.documentKey} missing`);
    if (sha !== version.sha256) throw partial(`document ${version.documentKey} is not the one recorded`);
    const document = await deps.documents.getJson<{ content: unknown; submissionId: string; version: number }>(
      version.documentKey,
    );
    if (sha256Hex(JSON.stringify(document!.content)) !== version.contentSha256) throw partial('content hash differs');
    if (document!.submissionId !== version.submissionId || document!.version !== version.version) {
      throw partial('document of another submission');
    }
  }
  const latest = versions[versions.length - 1]!;
  if (request.submissionId !== latest.submissionId) throw partial('request names another submission');
  return {
    state: 'submitted',
    versions: versions.length,
    submissionId: latest.submissionId,
    documentKey: latest.documentKey,
  };
}

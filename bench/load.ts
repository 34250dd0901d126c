import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createDynamoStore } from '../functions/adapters/dynamodb';
import { londonDate } from '../functions/domain/calendar';
import { findUser, loadIssuerState, signToken } from '../scripts/local/auth-issuer';
import { DEMO_OFFICERS } from '../scripts/local/demo-data';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../scripts/local/emulators';
import { DOCUMENTS_BUCKET, localDir, TABLE_NAME, type Endpoints } from '../scripts/local/stack';
import { projectRoot } from '../scripts/project-root';
import { completeReply } from '../test/support/scenario';
import { isMain, metText, percentile, progress, table, type Measure } from './support';

/**
 * Load on the local stack: N agency sessions (default 200), each signed in the real way (link token from the
 * e-mail, a code from the SES emulator's store, the session cookie), work for the given time (default 60 s):
 * each saves drafts in a loop until its own moment to submit, spread over the window so that saving and
 * submitting go on together, submits once with its own submissionId, then reads its submitted return until
 * the time is up, so that all sessions stay busy to the end. One session in ten repeats its
 * submission concurrently (same id and content: one record, both answered 200); one in ten then submits again
 * with a new id (a deliberate 409, counted apart from errors). Afterwards DynamoDB and S3 are read directly:
 * one return version per request, its document present with the recorded SHA-256, one audit event per
 * submission and one per saved draft.
 *
 * The stack is started here (scripts/local/serve-for-tests.ts in a child process: free ports, a scratch
 * directory), or `--api http://localhost:3000/api` uses a running `npm start`. Either way every handler runs
 * in one Node process, beside DynamoDB Local (Java), s3rver and the SES emulator, on this machine: the figures
 * are this machine's, not Lambda's.
 * Run: npx tsx bench/load.ts [--sessions 200] [--seconds 60] [--api URL]
 */
const ROOT = projectRoot();
const PARTNERSHIP = 'leicester';
const AGENCIES = 20;

export interface LoadOptions {
  sessions?: number;
  seconds?: number;
  /** A running `npm start` (its endpoints.json); otherwise a stack of its own. */
  api?: string;
}

interface StackAccess {
  endpoints: Endpoints;
  dataDir: string;
  stop(): Promise<void>;
}

type Operation =
  'save-draft' | 'submit' | 'submit (repeat, same id)' | 'submit (new id, expect 409)' | 'read submitted return';

export interface LoadFigures {
  sessions: number;
  seconds: number;
  elapsedSeconds: number;
  requests: number;
  requestsPerSecond: number;
  operations: { operation: Operation; count: number; p50: number; p95: number; p99: number; max: number }[];
  statuses: Record<string, number>;
  deliberate409: number;
  expected409: number;
  errors: Record<string, number>;
  verification: {
    requests: number;
    storedOnce: number;
    documentsPresent: number;
    submittedAuditOnce: number;
    draftsSaved: number;
    draftAuditEvents: number;
    /** Documents of attempts that lost the race, referenced by nothing (ADR 0006). */
    unreferenced: number;
    problems: string[];
  };
  machine: string;
  setupSeconds: number;
}

async function ownStack(): Promise<StackAccess> {
  const infoFile = join(mkdtempSync(join(tmpdir(), 'portal-load-')), 'stack.json');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/local/serve-for-tests.ts'), infoFile],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TEST_LOG_LEVEL: process.env.LOAD_LOG_LEVEL ?? 'WARN' },
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + 120_000;
  while (!existsSync(infoFile) || !readFileSync(infoFile, 'utf8')) {
    if (child.exitCode !== null) throw new Error(`the local stack exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the local stack did not start within 120 s');
    await new Promise((done) => setTimeout(done, 200));
  }
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { endpoints: Endpoints; dataDir: string };
  return {
    ...info,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(join(infoFile, '..'), { recursive: true, force: true });
    },
  };
}

function runningStack(api: string): StackAccess {
  const dataDir = localDir();
  const file = join(dataDir, 'endpoints.json');
  if (!existsSync(file)) throw new Error(`no ${file}: start the portal with npm start first`);
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
  if (endpoints.api !== api.replace(/\/+$/, '')) throw new Error(`${file} is for ${endpoints.api}, not ${api}`);
  return { endpoints, dataDir, stop: async () => undefined };
}

interface Result {
  status: number;
  body: any;
  ms: number;
}

/** fetch (keep-alive: Node's global agent reuses connections) with a cookie jar, timing to the last byte. */
class Client {
  cookie = '';

  constructor(
    private readonly base: string,
    private readonly bearer?: string,
  ) {}

  async send(method: string, path: string, body?: unknown): Promise<Result> {
    const started = performance.now();
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const cookie of response.headers.getSetCookie()) this.cookie = cookie.split(';')[0] ?? '';
    const text = await response.text();
    const ms = performance.now() - started;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed, ms };
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  });
  await Promise.all(workers);
  return results;
}

const expectStatus = (result: Result, status: number, what: string) => {
  if (result.status !== status) throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
};

interface Email {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

/** Reads the SES emulator's store until `find` finds what it needs in it. */
async function fromMail<T>(mail: string, find: (emails: Email[]) => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { emails } = (await (await fetch(`${mail}/store`)).json()) as { emails: Email[] };
    const found = find(emails);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`the mail store lacks ${what}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

interface Session {
  index: number;
  caseId: string;
  reference: string;
  requestId: string;
  leadEmail: string;
  client: Client;
  draftVersion: number;
  savedDrafts: number;
  submissionId: string;
}

/** Cases, agencies and sent requests through the API, then each session signed in as a lead would. */
async function arrange(stack: StackAccess, sessions: number, run: string): Promise<Session[]> {
  const state = await loadIssuerState(join(stack.dataDir, 'auth'), DEMO_OFFICERS);
  const officer = DEMO_OFFICERS.find((o) => o.partnershipId === PARTNERSHIP);
  if (!officer) throw new Error('no demo officer');
  const token = await signToken(state, stack.endpoints.auth, findUser(state, officer.username), 'access');
  const staff = new Client(stack.endpoints.api, token);
  const today = londonDate(new Date());

  const agencyCount = Math.min(AGENCIES, sessions);
  const agencies = await mapLimit(Array.from({ length: agencyCount }), 5, async (_, i) => {
    const leadEmail = `load-${run}-a${String(i).padStart(2, '0')}@example.org`.toLowerCase();
    const body = expectStatus(
      await staff.send('POST', '/agencies', {
        name: `Load Agency ${run} ${i}`,
        kind: 'other',
        leadName: `Lead ${i}`,
        leadEmail,
      }),
      201,
      'create agency',
    );
    return { id: body.id as string, leadEmail };
  });
  const caseCount = Math.ceil(sessions / agencyCount);
  progress(`load: ${caseCount} cases × ${agencyCount} agencies = ${sessions} requests`);
  const pending: Omit<Session, 'client' | 'draftVersion' | 'savedDrafts' | 'submissionId' | 'index'>[] = [];
  await mapLimit(Array.from({ length: caseCount }), 2, async (_, c) => {
    const reference = `LOAD-${run}-C${String(c).padStart(3, '0')}`;
    const record = expectStatus(
      await staff.send('POST', '/cases', {
        route: 'rapid-review',
        day0: today,
        reference,
        subject: { name: 'Load Testchild', dateOfBirth: '2019-04-02' },
      }),
      201,
      'create case',
    );
    const wanted = agencies.slice(0, Math.min(agencyCount, sessions - c * agencyCount));
    const created = expectStatus(
      await staff.send('POST', `/cases/${record.id}/requests/batch`, {
        agencyIds: wanted.map((a) => a.id),
        returnTypes: ['information-request-reply'],
        send: true,
      }),
      201,
      'create requests',
    );
    for (const request of created.requests as { id: string; agencyId: string }[]) {
      const agency = wanted.find((a) => a.id === request.agencyId);
      if (!agency) throw new Error('a request for an unknown agency');
      pending.push({ caseId: record.id, reference, requestId: request.id, leadEmail: agency.leadEmail });
    }
  });

  const forSession = (
    emails: Email[],
    p: (typeof pending)[number],
    pattern: RegExp,
    subject: (s: string) => boolean,
  ) => {
    for (const email of [...emails].reverse()) {
      if (email.destination.to[0] !== p.leadEmail || !email.subject.includes(p.reference) || !subject(email.subject))
        continue;
      const match = pattern.exec(email.body.text ?? '');
      if (match?.[1]) return match[1];
    }
    return undefined;
  };
  const everyOne = (emails: Email[], pattern: RegExp, subject: (s: string) => boolean) => {
    const found = pending.map((p) => forSession(emails, p, pattern, subject));
    return found.every(Boolean) ? (found as string[]) : undefined;
  };
  const tokens = await fromMail(
    stack.endpoints.mail,
    (emails) => everyOne(emails, /#token=([A-Za-z0-9_-]{43})/, (s) => !s.startsWith('Your code')),
    'a link for every request',
  );
  progress(`load: signing in ${pending.length} agency sessions`);
  const agencyClients = pending.map(() => new Client(stack.endpoints.api));
  const challenges = await mapLimit(pending, 10, async (_, i) =>
    String(
      expectStatus(await agencyClients[i]!.send('POST', '/agency/sessions', { token: tokens[i] }), 201, 'start session')
        .challengeId,
    ),
  );
  const codes = await fromMail(
    stack.endpoints.mail,
    (emails) => everyOne(emails, /\bis (\d{6})\./, (s) => s.startsWith('Your code')),
    'a code for every session',
  );
  await mapLimit(pending, 10, async (_, i) => {
    expectStatus(
      await agencyClients[i]!.send('POST', '/agency/sessions/verify', { challengeId: challenges[i], code: codes[i] }),
      200,
      'verify session',
    );
  });
  return pending.map((p, index) => ({
    ...p,
    index,
    client: agencyClients[index]!,
    draftVersion: 0,
    savedDrafts: 0,
    submissionId: randomUUID(),
  }));
}

/** Reads what was stored: one version per request, its document, and the audit events. */
async function verify(stack: StackAccess, sessions: Session[]): Promise<LoadFigures['verification']> {
  const dynamodb = new DynamoDBClient({
    endpoint: stack.endpoints.dynamodb,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const s3 = new S3Client({
    endpoint: stack.endpoints.s3,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const store = createDynamoStore(TABLE_NAME, dynamodb);
  const problems: string[] = [];
  let storedOnce = 0;
  let documentsPresent = 0;
  let unreferenced = 0;
  try {
    await mapLimit(sessions, 10, async (s) => {
      const [request, versions] = await Promise.all([
        store.requests.get(PARTNERSHIP, s.caseId, s.requestId),
        store.requests.listSubmitted(PARTNERSHIP, s.caseId, s.requestId),
      ]);
      const version = versions[0];
      if (versions.length !== 1 || version?.submissionId !== s.submissionId || request?.status !== 'submitted') {
        problems.push(`${s.requestId}: ${versions.length} versions, status ${request?.status}`);
        return;
      }
      storedOnce += 1;
      const listed = await s3.send(
        new ListObjectsV2Command({
          Bucket: DOCUMENTS_BUCKET,
          Prefix: `returns/${PARTNERSHIP}/${s.caseId}/${s.requestId}/`,
        }),
      );
      const keys = (listed.Contents ?? []).map((o) => o.Key);
      // Attempts that lost the race may leave their own document behind, unreferenced (ADR 0006).
      unreferenced += keys.filter((key) => key !== version.documentKey).length;
      const object = await s3.send(new GetObjectCommand({ Bucket: DOCUMENTS_BUCKET, Key: version.documentKey }));
      const bytes = await object.Body?.transformToByteArray();
      const sha256 = bytes && createHash('sha256').update(bytes).digest('hex');
      if (sha256 === version.sha256) documentsPresent += 1;
      else problems.push(`${s.requestId}: the document under ${version.documentKey} is not the one recorded`);
    });
    let submittedAuditOnce = 0;
    let draftAuditEvents = 0;
    for (const caseId of new Set(sessions.map((s) => s.caseId))) {
      const events = await store.audit.list(PARTNERSHIP, caseId);
      for (const s of sessions.filter((x) => x.caseId === caseId)) {
        const submitted = events.filter((e) => e.action === 'return.submitted' && e.requestId === s.requestId);
        if (submitted.length === 1) submittedAuditOnce += 1;
        else problems.push(`${s.requestId}: ${submitted.length} return.submitted audit events`);
      }
      draftAuditEvents += events.filter((e) => e.action === 'draft.saved').length;
    }
    const draftsSaved = sessions.reduce((sum, s) => sum + s.savedDrafts, 0);
    if (draftAuditEvents !== draftsSaved)
      problems.push(`${draftsSaved} drafts saved, ${draftAuditEvents} audit events`);
    return {
      requests: sessions.length,
      storedOnce,
      documentsPresent,
      submittedAuditOnce,
      draftsSaved,
      draftAuditEvents,
      unreferenced,
      problems,
    };
  } finally {
    dynamodb.destroy();
    s3.destroy();
  }
}

export function machine(): string {
  const list = cpus();
  return `${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
}

export async function runLoad(options: LoadOptions = {}): Promise<LoadFigures> {
  const sessionCount = options.sessions ?? 200;
  const seconds = options.seconds ?? 60;
  const stack = options.api ? runningStack(options.api) : await ownStack();
  const run = randomUUID().slice(0, 6).toUpperCase();
  try {
    const setupStarted = performance.now();
    const sessions = await arrange(stack, sessionCount, run);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const latencies = new Map<Operation, number[]>();
    const statuses: Record<string, number> = {};
    const errors: Record<string, number> = {};
    let deliberate409 = 0;
    const record = (operation: Operation, result: Result, expected: number) => {
      (latencies.get(operation) ?? latencies.set(operation, []).get(operation)!).push(result.ms);
      statuses[result.status] = (statuses[result.status] ?? 0) + 1;
      if (result.status === expected && expected === 409) deliberate409 += 1;
      else if (result.status !== expected) {
        const key = `${operation} → ${result.status} ${(result.body as { error?: { code?: string } })?.error?.code ?? ''}`;
        errors[key] = (errors[key] ?? 0) + 1;
      }
    };

    progress(`load: ${sessions.length} sessions saving drafts and submitting for ${seconds} s`);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const content = completeReply();
    await Promise.all(
      sessions.map(async (s) => {
        // Submissions spread evenly over the window, from its first seconds to its last.
        const submitAt = started + ((s.index + 1) / (sessions.length + 1)) * seconds * 1000;
        while (performance.now() < submitAt) {
          const result = await s.client.send('PUT', `/agency/requests/${s.requestId}/draft`, {
            content: completeReply({ earlyLearning: `Draft ${s.draftVersion + 1}.` }),
            expectedVersion: s.draftVersion,
          });
          record('save-draft', result, 200);
          if (result.status === 200) {
            s.draftVersion = Number(result.body.version);
            s.savedDrafts += 1;
          }
        }
        const body = { submissionId: s.submissionId, content };
        if (s.index % 10 === 0) {
          // The same submission twice at once (a double click, a retry): one record, the same receipt.
          const [a, b] = await Promise.all([
            s.client.send('POST', `/agency/requests/${s.requestId}/submit`, body),
            s.client.send('POST', `/agency/requests/${s.requestId}/submit`, body),
          ]);
          record('submit', a, 200);
          record('submit (repeat, same id)', b, 200);
          if (a.status === 200 && b.status === 200 && a.body.receipt !== b.body.receipt) {
            errors['repeat gave another receipt'] = (errors['repeat gave another receipt'] ?? 0) + 1;
          }
        } else {
          record('submit', await s.client.send('POST', `/agency/requests/${s.requestId}/submit`, body), 200);
        }
        if (s.index % 10 === 5) {
          const again = await s.client.send('POST', `/agency/requests/${s.requestId}/submit`, {
            submissionId: randomUUID(),
            content,
          });
          record('submit (new id, expect 409)', again, 409);
        }
        while (performance.now() < deadline) {
          record('read submitted return', await s.client.send('GET', `/agency/requests/${s.requestId}`), 200);
        }
      }),
    );
    const elapsedSeconds = (performance.now() - started) / 1000;
    progress('load: verifying what was stored');
    const verification = await verify(stack, sessions);
    const requests = [...latencies.values()].reduce((n, list) => n + list.length, 0);
    return {
      sessions: sessions.length,
      seconds,
      elapsedSeconds,
      requests,
      requestsPerSecond: requests / elapsedSeconds,
      operations: [...latencies].map(([operation, list]) => ({
        operation,
        count: list.length,
        p50: percentile(list, 50),
        p95: percentile(list, 95),
        p99: percentile(list, 99),
        max: Math.max(...list),
      })),
      statuses,
      deliberate409,
      expected409: sessions.filter((s) => s.index % 10 === 5).length,
      errors,
      verification,
      machine: machine(),
      setupSeconds,
    };
  } finally {
    await stack.stop();
  }
}

export function loadTable(f: LoadFigures): string {
  return table(
    f.operations.map((o) => ({
      operation: o.operation,
      requests: o.count,
      'p50 ms': o.p50.toFixed(0),
      'p95 ms': o.p95.toFixed(0),
      'p99 ms': o.p99.toFixed(0),
      'max ms': o.max.toFixed(0),
    })),
  );
}

export function loadMeasures(f: LoadFigures): Measure[] {
  const errorCount = Object.values(f.errors).reduce((n, v) => n + v, 0);
  const v = f.verification;
  const saves = f.operations.find((o) => o.operation === 'save-draft');
  const submits = f.operations.find((o) => o.operation === 'submit');
  return [
    {
      name: `load: ${f.sessions} agency sessions, ${f.seconds} s`,
      figure: `${f.requestsPerSecond.toFixed(1)} requests/s (${f.requests} in ${f.elapsedSeconds.toFixed(1)} s)`,
      target: 'figure only (this machine)',
    },
    {
      name: 'load: save-draft latency',
      figure: saves ? `p50 ${saves.p50.toFixed(0)} ms, p99 ${saves.p99.toFixed(0)} ms (${saves.count})` : 'none',
      target: 'figure only (this machine)',
    },
    {
      name: 'load: submit latency',
      figure: submits
        ? `p50 ${submits.p50.toFixed(0)} ms, p99 ${submits.p99.toFixed(0)} ms (${submits.count})`
        : 'none',
      target: 'figure only (this machine)',
    },
    {
      name: 'load: errors (non-2xx other than the deliberate 409s)',
      figure: `${errorCount}${errorCount ? `: ${JSON.stringify(f.errors)}` : ''}; deliberate 409s ${f.deliberate409}/${f.expected409}`,
      target: '0 errors; every deliberate repeat refused',
      met: errorCount === 0 && f.deliberate409 === f.expected409,
    },
    {
      name: 'load: every submission stored exactly once',
      figure: `${v.storedOnce}/${v.requests} one version; ${v.documentsPresent}/${v.requests} S3 document with the recorded SHA-256 (${v.unreferenced} unreferenced from lost races); ${v.submittedAuditOnce}/${v.requests} one audit event; ${v.draftAuditEvents} draft audit events for ${v.draftsSaved} saves`,
      target: 'all',
      met:
        v.problems.length === 0 &&
        v.storedOnce === v.requests &&
        v.documentsPresent === v.requests &&
        v.submittedAuditOnce === v.requests,
    },
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { sessions: { type: 'string' }, seconds: { type: 'string' }, api: { type: 'string' } },
  });
  runLoad({
    ...(values.sessions ? { sessions: Number(values.sessions) } : {}),
    ...(values.seconds ? { seconds: Number(values.seconds) } : {}),
    ...(values.api ? { api: values.api } : {}),
  })
    .then((figures) => {
      console.log(
        `${figures.sessions} agency sessions for ${figures.seconds} s on the local stack (one Node process for every ` +
          `handler, with DynamoDB Local, s3rver and the SES emulator) on ${figures.machine}: this machine's figures.\n`,
      );
      console.log(loadTable(figures));
      console.log(`\nStatuses: ${JSON.stringify(figures.statuses)}`);
      console.log(
        table(
          loadMeasures(figures).map((m) => ({
            name: m.name,
            figure: m.figure,
            target: m.target,
            'met?': metText(m.met, m.missed),
          })),
        ),
      );
      if (figures.verification.problems.length) console.log(figures.verification.problems.slice(0, 20).join('\n'));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}

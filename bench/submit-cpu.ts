import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { memoryPortal } from '../functions/adapters/memory';
import { SubmitReturnBody } from '../functions/contract/schemas';
import { addDays, londonDate } from '../functions/domain/calendar';
import {
  resolveAgencySession,
  startAgencySession,
  verifyAgencySession,
} from '../functions/domain/services/agency-access';
import { submitReturn } from '../functions/domain/services/agency-returns';
import { createCase } from '../functions/domain/services/cases';
import { sendRequest } from '../functions/domain/services/request-actions';
import { createRequest } from '../functions/domain/services/requests';
import { AGENCY_SESSION_COOKIE, baseAgencyRoute } from '../functions/http/api-handler';
import { seedPartnerships } from '../scripts/local/stack';
import { chronology, chronologyRow } from '../test/support/returns';
import { isMain, median, percentile, progress, table, type Measure } from './support';

/**
 * CPU time of the submit handler per request, with in-memory adapters, for a chronology of 500 rows.
 * The handler is functions/submit-return's middy chain (the route helper, SubmitReturnBody, the session
 * cookie, submitReturn), built here around in-memory ports because the handler module builds the AWS ones
 * when it is imported. What is timed is everything the function does for a request: JSON parsing and
 * validation of the body, the session, the checks, the document and the transaction (in memory: no I/O),
 * and the re-merge of the case's multi-agency chronology that a chronology submission makes at once. Each
 * submission is to a case of its own (set up outside the timing), so every merge is of one chronology.
 * Run: npx tsx bench/submit-cpu.ts [submissions] [rows]   (default 100 submissions of 500 rows)
 */
export interface SubmitCpuFigures {
  submissions: number;
  rows: number;
  bodyBytes: number;
  meanCpuMs: number;
  p50CpuMs: number;
  p95CpuMs: number;
  meanWallMs: number;
}

const EVENTS = [
  'Attended A&E with bruising to the left cheek; mother said the child fell from the sofa.',
  'Strategy meeting held with police, social care and health; section 47 enquiry agreed.',
  'Home visit: bedroom cluttered, no food in the fridge, stepfather present throughout.',
  'Missed health visitor developmental review; letter sent offering a new appointment.',
  'School reported the child arrived late, hungry and tired for the third time this week.',
];

/** A chronology of `rows` rows, one every four days from 2019, in the words of a few kinds of event. */
const chronologyOf = (rows: number) =>
  chronology(
    Array.from({ length: rows }, (_, i) =>
      chronologyRow(`r${i + 1}`, {
        date: { precision: 'day', value: addDays('2019-01-07', i * 4), approximate: false },
        event: `${EVENTS[i % EVENTS.length]} Entry ${i + 1} of the record.`,
      }),
    ),
  );

const STAFF = { userId: 'bench-officer', username: 'officer.bench', partnershipId: 'leicester' };
const WARM_UP = 10;

const context = {
  functionName: 'submit-return',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => 29_000,
} as unknown as Context;

function event(requestId: string, sessionSecret: string, body: string): APIGatewayProxyEvent {
  return {
    resource: '/api/agency/requests/{requestId}/submit',
    path: `/api/agency/requests/${requestId}/submit`,
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${AGENCY_SESSION_COOKIE}=${sessionSecret}` },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { requestId },
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID() } as APIGatewayProxyEvent['requestContext'],
  };
}

const last = (texts: string[], pattern: RegExp) => {
  for (const text of [...texts].reverse()) {
    const match = pattern.exec(text);
    if (match?.[1]) return match[1];
  }
  throw new Error(`nothing matching ${pattern} was sent`);
};

export async function measureSubmitCpu(
  options: { submissions?: number; rows?: number } = {},
): Promise<SubmitCpuFigures> {
  const submissions = options.submissions ?? 100;
  const rows = options.rows ?? 500;
  const portal = memoryPortal();
  const { deps, mailer } = portal;
  await seedPartnerships(portal.store, true);
  const [agency] = await portal.store.agencies.list(STAFF.partnershipId);
  if (!agency) throw new Error('no demo agency');
  const today = londonDate(deps.clock.now());
  const content = chronologyOf(rows);

  const handler = baseAgencyRoute(
    { body: SubmitReturnBody, params: ['requestId'] },
    async ({ body, params }, session) => ({
      status: 200,
      body: await submitReturn(deps, session, params.requestId as string, body),
    }),
    (secret) => resolveAgencySession(deps, secret),
  );

  /** A case of its own with one chronology request, sent, and the agency signed in (the real way in). */
  async function arrange() {
    const record = await createCase(deps, STAFF, {
      route: 'rapid-review',
      day0: today,
      subject: { name: 'Bench Child', dateOfBirth: '2019-04-02' },
    });
    const request = await createRequest(deps, STAFF, record.id, { agencyId: agency!.id, returnType: 'chronology' });
    await sendRequest(deps, STAFF, record.id, request.id);
    const token = last(
      mailer.sent.map((m) => m.text),
      /#token=([A-Za-z0-9_-]{43})/,
    );
    const challenge = await startAgencySession(deps, token);
    const code = last(
      mailer.sent.map((m) => m.text),
      /\bis (\d{6})\./,
    );
    const { sessionSecret } = await verifyAgencySession(deps, challenge.challengeId, code);
    const body = JSON.stringify({ submissionId: randomUUID(), content });
    return event(request.id, sessionSecret, body);
  }

  const cpu: number[] = [];
  const wall: number[] = [];
  let bodyBytes = 0;
  // The handler logs one line per request, as in Lambda; it is built and written, then swallowed here.
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    for (let i = 0; i < WARM_UP + submissions; i += 1) {
      const request = await arrange();
      bodyBytes = Buffer.byteLength(request.body ?? '');
      const before = process.cpuUsage();
      const started = performance.now();
      const response = await handler(request, context);
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(before);
      if (response.statusCode !== 200) throw new Error(`submit answered ${response.statusCode}: ${response.body}`);
      if (i < WARM_UP) continue;
      cpu.push((used.user + used.system) / 1000);
      wall.push(elapsed);
    }
  } finally {
    process.stdout.write = write;
  }
  // Every submission was stored once and merged into its case's chronology.
  const stored = portal.store.table.scan();
  for (const entity of ['return', 'merged-chronology']) {
    const count = stored.filter((item) => item.entity === entity).length;
    if (count !== WARM_UP + submissions)
      throw new Error(`${count} ${entity} items for ${WARM_UP + submissions} submissions`);
  }
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    submissions,
    rows,
    bodyBytes,
    meanCpuMs: mean(cpu),
    p50CpuMs: median(cpu),
    p95CpuMs: percentile(cpu, 95),
    meanWallMs: mean(wall),
  };
}

export function submitMeasures(f: SubmitCpuFigures): Measure[] {
  return [
    {
      name: `submit handler CPU per request: ${f.rows}-row chronology, in memory`,
      figure: `${f.meanCpuMs.toFixed(1)} ms mean (p50 ${f.p50CpuMs.toFixed(1)}, p95 ${f.p95CpuMs.toFixed(1)}) over ${f.submissions}; body ${(f.bodyBytes / 1000).toFixed(0)} kB`,
      target: 'figure only',
    },
  ];
}

if (isMain(import.meta.url)) {
  const [submissions, rows] = process.argv.slice(2).map(Number);
  progress('submit CPU: in-memory adapters');
  measureSubmitCpu({ ...(submissions ? { submissions } : {}), ...(rows ? { rows } : {}) })
    .then((figures) => {
      console.log(
        table([
          {
            submissions: figures.submissions,
            rows: figures.rows,
            'body kB': (figures.bodyBytes / 1000).toFixed(0),
            'CPU ms mean': figures.meanCpuMs.toFixed(2),
            'CPU ms p50': figures.p50CpuMs.toFixed(2),
            'CPU ms p95': figures.p95CpuMs.toFixed(2),
            'wall ms mean': figures.meanWallMs.toFixed(2),
          },
        ]),
      );
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}

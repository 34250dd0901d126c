import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { createDynamoStore } from '../functions/adapters/dynamodb';
import { keys } from '../functions/adapters/dynamodb/keys';
import { SesMailer } from '../functions/adapters/ses-mailer';
import { englandAndWalesCalendar } from '../functions/domain/bank-holidays';
import { DEFAULT_LADDERS, startOfLadder } from '../functions/domain/chasing';
import { newId } from '../functions/domain/ids';
import type { ReturnRequest } from '../functions/domain/model';
import type { PortalDeps } from '../functions/domain/ports';
import { runDailySweep } from '../functions/domain/services/daily-sweep';
import { ensureTable } from '../scripts/local/emulators';
import { seedPartnerships } from '../scripts/local/stack';
import { benchEmulators, isMain, meteredClient, progress, table, type Measure } from './support';

/**
 * The daily run finds due work through its GSI2 queue, not a scan: this measures what it reads on
 * DynamoDB Local (consumed capacity and items) with N open requests of which 50 are due, for growing N.
 * Run: npx tsx bench/chasing-sweep.ts [openRequests ...]   (default 10000 20000 40000); `npm run bench` runs
 * measureChasingSweep.
 */
export const DEFAULT_SIZES = [10_000, 20_000, 40_000];
/** ADR 0010: at most 1.2 items read per due request, not growing with the requests that are not due. */
export const ITEMS_PER_DUE_TARGET = 1.2;
const DUE = 50;
const TODAY = '2027-01-06';
const calendar = englandAndWalesCalendar();

async function load(db: DynamoDBDocumentClient, tableName: string, agencies: Map<string, string[]>, open: number) {
  const items: Record<string, unknown>[] = [];
  const partnerships = [...agencies.keys()];
  for (let i = 0; i < open; i += 1) {
    const partnershipId = partnerships[i % partnerships.length] as string;
    const agencyIds = agencies.get(partnershipId) as string[];
    const caseId = newId();
    const due = i < DUE;
    // Due requests are due today; the others fall due over the next eight weeks.
    const dueOn = due ? TODAY : calendar.addWorkingDays(TODAY, 2 + (i % 40));
    const start = startOfLadder(calendar, DEFAULT_LADDERS['rapid-review'], dueOn);
    const nextStepIndex = due ? 1 : start.nextStepIndex;
    const request: ReturnRequest = {
      id: newId(),
      partnershipId,
      caseId: i % 20 === 0 ? caseId : `${caseId.slice(0, 20)}CASE${String(i % 50).padStart(2, '0')}`,
      agencyId: agencyIds[i % agencyIds.length] as string,
      returnType: 'information-request-reply',
      status: 'sent',
      route: 'rapid-review',
      caseReference: `BENCH-${i}`,
      dueOn,
      createdAt: '2026-12-18T10:00:00.000Z',
      createdBy: 'bench',
      sentAt: '2026-12-18T10:00:00.000Z',
      revision: 1,
      chase: { dueOn, nextStepIndex },
      nextActionOn: due ? TODAY : (start.nextActionOn as string),
    };
    items.push({
      ...keys.request(request.partnershipId, request.caseId, request.id),
      GSI2PK: keys.chaseQueue,
      GSI2SK: keys.chaseQueueSort(request.nextActionOn as string, request),
      entity: 'request',
      ...request,
    });
  }
  for (let i = 0; i < items.length; i += 25) {
    let batch: Record<string, unknown>[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (batch.length) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch as never } }));
      batch = (result.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
  }
}

async function measure(open: number) {
  progress(`chasing sweep: ${open} open requests`);
  const { client, meter } = meteredClient();
  const tableName = `bench-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const store = createDynamoStore(tableName, client);
  await seedPartnerships(store, true);
  const agencies = new Map<string, string[]>();
  for (const id of ['leicester', 'leicestershire-rutland'])
    agencies.set(
      id,
      (await store.agencies.list(id)).map((a) => a.id),
    );
  await load(DynamoDBDocumentClient.from(client), tableName, agencies, open);

  const deps: PortalDeps = {
    store: createDynamoStore(tableName, client),
    documents: {
      putJson: async () => ({ sha256: '', bytes: 0 }),
      getJson: async () => undefined,
      delete: async () => undefined,
    },
    mailer: new SesMailer(new SESClient({})),
    clock: { now: () => new Date(`${TODAY}T08:00:00.000Z`) },
    calendar,
    settings: { webBaseUrl: 'https://portal.example.org', mailFrom: 'no-reply@portal.example.org' },
  };
  meter.reset();
  const started = performance.now();
  const report = await runDailySweep(deps);
  const ms = performance.now() - started;
  client.destroy();
  return {
    'open requests': open,
    due: report.requestsDue,
    'steps taken': report.stepsTaken,
    'e-mails sent': report.emails.sent,
    'items read': meter.items,
    'items read / due': (meter.items / DUE).toFixed(2),
    'RCU consumed': meter.capacity.toFixed(1),
    'RCU / due': (meter.capacity / DUE).toFixed(3),
    'read calls': Object.entries(meter.calls)
      .map(([name, n]) => `${name.replace('Command', '')}×${n}`)
      .join(' '),
    'run ms': ms.toFixed(0),
  };
}

export type SweepRow = Awaited<ReturnType<typeof measure>>;

/** The measurement for each number of open requests, on DynamoDB Local (started and stopped here). */
export async function measureChasingSweep(sizes: number[] = DEFAULT_SIZES): Promise<SweepRow[]> {
  const emulators = await benchEmulators();
  try {
    const rows = [];
    for (const open of sizes) rows.push(await measure(open));
    return rows;
  } finally {
    await emulators.stop();
  }
}

/** The suite's rows: items read per due request at each size, and whether that stays flat. */
export function sweepMeasures(rows: SweepRow[]): Measure[] {
  const perDue = rows.map((row) => Number(row['items read / due']));
  const measures: Measure[] = rows.map((row) => ({
    name: `chasing sweep: ${row.due} due among ${row['open requests']} open`,
    figure: `${row['items read / due']} items read per due request (${row['RCU / due']} RCU)`,
    target: `≤ ${ITEMS_PER_DUE_TARGET} (ADR 0010)`,
    met: Number(row['items read / due']) <= ITEMS_PER_DUE_TARGET && row.due === DUE,
  }));
  measures.push({
    name: 'chasing sweep: growth with open requests',
    figure: `${Math.min(...perDue).toFixed(2)}–${Math.max(...perDue).toFixed(2)} items per due request over ${rows.map((r) => r['open requests']).join(' / ')} open`,
    target: 'flat (not growing with requests not due)',
    met: Math.max(...perDue) - Math.min(...perDue) < 0.01,
  });
  return measures;
}

if (isMain(import.meta.url)) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > DUE);
  measureChasingSweep(sizes.length ? sizes : DEFAULT_SIZES)
    .then((rows) => {
      console.log(`Daily run on ${TODAY}: ${DUE} requests due among N open (DynamoDB Local, consumed capacity).\n`);
      console.log(table(rows));
      console.log('\nTarget: at most 1.2 items read per due request, not growing with the requests that are not due.');
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}

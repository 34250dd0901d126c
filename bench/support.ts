import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDb, startSes } from '../scripts/local/emulators';

/** Emulators for a benchmark: DynamoDB Local in memory and the SES emulator, on free ports. */
export async function benchEmulators() {
  const dynamo = await startDynamoDb(await freePort());
  const ses = await startSes(await freePort());
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
  });
  return {
    stop: async () => {
      await ses.stop();
      await dynamo.stop();
    },
  };
}

export interface ReadMeter {
  items: number;
  capacity: number;
  calls: Record<string, number>;
  reset(): void;
}

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'BatchGetItemCommand',
  'ScanCommand',
  'TransactGetItemsCommand',
]);

/** A DynamoDB client that asks for consumed capacity on every read and adds it up. */
export function meteredClient(): { client: DynamoDBClient; meter: ReadMeter } {
  const client = new DynamoDBClient({});
  const meter: ReadMeter = {
    items: 0,
    capacity: 0,
    calls: {},
    reset() {
      this.items = 0;
      this.capacity = 0;
      this.calls = {};
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (!READS.has(command)) return next(args);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as {
        Count?: number;
        Item?: unknown;
        Responses?: Record<string, unknown[]>;
        ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
      };
      meter.calls[command] = (meter.calls[command] ?? 0) + 1;
      meter.items +=
        output.Count ??
        (output.Item ? 1 : 0) + Object.values(output.Responses ?? {}).reduce((n, list) => n + list.length, 0);
      const consumed = Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : [output.ConsumedCapacity];
      meter.capacity += consumed.reduce((sum, c) => sum + (c?.CapacityUnits ?? 0), 0);
      return result;
    },
    { step: 'initialize', name: 'readMeter' },
  );
  return { client, meter };
}

export function table(rows: Record<string, string | number>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => String(r[c])))),
  ].join('\n');
}

/** True when the module at `moduleUrl` is the script node was started with (a benchmark's own CLI). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(resolve(script)).href;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Percentile by nearest rank (p in 0..100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Bytes in kB and MB of 1000, as the targets are stated. */
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

/** What a benchmark reports for the suite's table: one row per measure. */
export interface Measure {
  name: string;
  figure: string;
  target: string;
  /** undefined: a figure without a target. */
  met?: boolean;
  /** Which part of the target was missed, when it has several. */
  missed?: string;
}

export const metText = (met: boolean | undefined, missed?: string) =>
  met === undefined ? '—' : met ? 'yes' : missed ? `NO (${missed})` : 'NO';

/** Progress for the person waiting: on stderr, so stdout carries only the figures. */
export const progress = (message: string) => process.stderr.write(`${message}\n`);

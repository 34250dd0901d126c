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

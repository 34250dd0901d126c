import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Snapshots of a table's items and what changed between two of them, for proving that a hostile run
 * stored nothing: every item is compared, attribute by attribute.
 */
export type Item = Record<string, unknown>;
export type Snapshot = Map<string, Item>;

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const keyOf = (item: Item) => `${String(item.PK)}|${String(item.SK)}`;
const plain = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v));

export async function scanTable(tableName: string): Promise<Snapshot> {
  const items: Snapshot = new Map();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.set(keyOf(item), item);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The items of some partitions and of some single items (a table shared with other tests). */
export async function scanPartitions(tableName: string, partitions: string[]): Promise<Snapshot> {
  const items: Snapshot = new Map();
  for (const pk of partitions) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) items.set(keyOf(item), item);
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

export interface Change {
  key: string;
  before: Item;
  after: Item;
  /** Attributes added, removed or changed. */
  fields: string[];
}

export interface Diff {
  added: Item[];
  removed: Item[];
  changed: Change[];
}

export function diffSnapshots(before: Snapshot, after: Snapshot): Diff {
  const diff: Diff = { added: [], removed: [], changed: [] };
  for (const [key, item] of after) {
    const was = before.get(key);
    if (!was) {
      diff.added.push(item);
      continue;
    }
    const fields = [...new Set([...Object.keys(was), ...Object.keys(item)])].filter(
      (f) => plain(was[f]) !== plain(item[f]),
    );
    if (fields.length) diff.changed.push({ key, before: was, after: item, fields });
  }
  for (const [key, item] of before) if (!after.has(key)) diff.removed.push(item);
  return diff;
}

/** Items' text, for searching a whole table for a canary. */
export const snapshotText = (snapshot: Snapshot) => plain([...snapshot.values()]);

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { LAYOUT_ATTRIBUTES } from './keys';

export function createDocumentClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export interface TableContext {
  db: DynamoDBDocumentClient;
  tableName: string;
}

export function toEntity<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const copy: Record<string, unknown> = { ...item };
  for (const attribute of LAYOUT_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/** Epoch seconds for the table's TTL attribute (clean-up only: expiry is always checked in code). */
export const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Reasons a transaction was cancelled, one per item, e.g. "ConditionalCheckFailed" or "None". */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** Queries every page of a query; for collections that are small by construction (a case's requests). */
export async function queryAll<T>(
  ctx: TableContext,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  options: { keepKeys?: boolean } = {},
): Promise<T[]> {
  const results: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.db.send(
      new QueryCommand({ ...input, TableName: ctx.tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    for (const item of page.Items ?? []) results.push((options.keepKeys ? item : toEntity<T>(item)) as T);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return results;
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoStore } from '../../functions/adapters/dynamodb';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { sha256Hex } from '../../functions/domain/secrets';

/** Direct access to the test stack's table, for arranging states the API cannot reach (expiry, revocation). */
const client = new DynamoDBClient({});
const db = DynamoDBDocumentClient.from(client);
const tableName = () => process.env.TABLE_NAME as string;

export const store = () => createDynamoStore(tableName(), client);

export async function setOnItem(key: { PK: string; SK: string }, values: Record<string, unknown>): Promise<void> {
  const names = Object.fromEntries(Object.keys(values).map((k, i) => [`#a${i}`, k]));
  const vals = Object.fromEntries(Object.values(values).map((v, i) => [`:v${i}`, v]));
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET ${Object.keys(values)
        .map((_, i) => `#a${i} = :v${i}`)
        .join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: vals,
      ConditionExpression: 'attribute_exists(PK)',
    }),
  );
}

export const linkKey = (token: string) => keys.link(sha256Hex(token));

/** Every item in the table, as JSON text: for proving that a secret is stored nowhere. */
export async function tableDump(): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items, (_k, v: unknown) => (v instanceof Set ? [...v] : v));
}

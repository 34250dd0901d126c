import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoStore } from '../functions/adapters/dynamodb';
import { loadPartnerships } from './local/stack';

/**
 * Writes the partnership profiles of config/partnerships.json (checked by their schema first) into a
 * deployed table: `npm run partnerships:apply -- --table <TableName output> [--region eu-west-2]`.
 * Agencies are not touched: the business offices keep their directories in the portal.
 */
async function main() {
  const { values } = parseArgs({
    options: { table: { type: 'string' }, region: { type: 'string', default: 'eu-west-2' } },
  });
  if (!values.table) throw new Error('Give the table name: --table <TableName output of the stack>');
  const store = createDynamoStore(values.table, new DynamoDBClient({ region: values.region }));
  for (const partnership of loadPartnerships()) {
    await store.partnerships.put(partnership);
    console.log(`Partnership ${partnership.id} (${partnership.name}) written.`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_CLIENT_ID } from './auth-issuer';
import { handlerEnvironment, localDir, type Endpoints } from './stack';

/**
 * `npm run -s local:sweep -- --now 2027-01-07T08:00:00Z`: runs the daily scheduled function, the very
 * handler Lambda runs, against the running local stack, as of the given time (default: now). `--outbox`
 * runs only the e-mail retries, as the frequent schedule does.
 */
async function main() {
  const { values } = parseArgs({ options: { now: { type: 'string' }, outbox: { type: 'boolean' } } });
  const file = join(localDir(), 'endpoints.json');
  if (!existsSync(file)) throw new Error('The local portal is not running here: run `npm start` first.');
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
  const issuer = { url: endpoints.auth, jwksUri: `${endpoints.auth}/.well-known/jwks.json`, clientId: LOCAL_CLIENT_ID };
  Object.assign(process.env, handlerEnvironment(endpoints, issuer, process.env.LOG_LEVEL ?? 'WARN'));
  const { handler } = await import('../../functions/run-daily-sweep/handler');
  const event = { ...(values.now ? { now: values.now } : {}), ...(values.outbox ? { task: 'outbox' } : {}) };
  const report = await handler(event, {
    functionName: 'run-daily-sweep',
    awsRequestId: 'local',
  } as never);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

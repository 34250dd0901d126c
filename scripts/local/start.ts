import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildWeb } from '../build-web';
import { DEMO_OFFICERS } from './demo-data';
import { DEFAULT_PORTS, localDir, startLocalStack, writeEndpoints } from './stack';

/**
 * `npm start`: the whole portal on this machine against real emulators, with demo data.
 * Data persists in .local/ between runs; `npm run local:reset` deletes it.
 */
async function main() {
  const { values } = parseArgs({ options: { 'sweep-every': { type: 'string' } } });
  const started = Date.now();
  const dataDir = localDir();
  const webRoot = await buildWeb(join(dataDir, 'web'));
  const stack = await startLocalStack({
    dataDir,
    scratchDir: dataDir,
    ports: process.env.PORTAL_PORTS === 'free' ? 'free' : DEFAULT_PORTS,
    webRoot,
    seedDemoData: true,
    logLevel: process.env.LOG_LEVEL ?? 'INFO',
  });
  const file = writeEndpoints(dataDir, stack.endpoints);
  const { endpoints } = stack;
  const lines = [
    '',
    `Safeguarding returns portal is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`,
    '',
    `  Portal (business office and agency pages)  ${endpoints.web}`,
    `  API                                        ${endpoints.api}   (OpenAPI: ${endpoints.api}/openapi.json)`,
    `  Mail viewer (every e-mail sent)            ${endpoints.mail}`,
    `  Sign-in service (stands in for Cognito)    ${endpoints.auth}`,
    `  DynamoDB Local                             ${endpoints.dynamodb}`,
    `  S3 (s3rver)                                ${endpoints.s3}`,
    '',
    '  Demo business-office accounts (username / password; the authenticator code: npm run -s local:mfa -- --partnership <id>):',
    ...DEMO_OFFICERS.map((o) => `    ${o.partnershipId.padEnd(24)} ${o.username} / ${o.password}`),
    '',
    `  A bearer token for curl: npm run -s local:token -- --partnership leicester`,
    `  Endpoints written to ${file}. Data is kept in ${dataDir} (reset: npm run local:reset).`,
    '  Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));

  // The daily scheduled run, on a timer (`npm start -- --sweep-every 300`), as EventBridge would run it.
  const every = Number(values['sweep-every'] ?? 0);
  let timer: NodeJS.Timeout | undefined;
  if (every > 0) {
    const { handler } = await import('../../functions/run-daily-sweep/handler');
    const run = async () => {
      const report = await handler({}, { functionName: 'run-daily-sweep', awsRequestId: 'local-timer' } as never);
      if ('stepsTaken' in report) {
        console.log(
          `Daily run: ${report.stepsTaken} ladder steps, ${report.alertsRaised} alerts, ${report.emails.sent} e-mails sent.`,
        );
      }
    };
    timer = setInterval(() => void run().catch((e: unknown) => console.error('daily run failed', e)), every * 1000);
    console.log(`  The daily run (reminders, escalations) runs every ${every} s.`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (timer) clearInterval(timer);
    console.log(`\n${signal} received: stopping every service...`);
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

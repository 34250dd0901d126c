import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from '../build-web';
import { startLocalStack } from './stack';

/**
 * Runs a private local stack for the test suite: unused ports, a scratch directory, demo data.
 * Writes {endpoints, env, dataDir} to the file named by the first argument once ready, and stops
 * everything on SIGTERM. The tests never share a stack with `npm start`.
 */
async function main() {
  const infoFile = process.argv[2];
  if (!infoFile) throw new Error('usage: serve-for-tests <info-file>');
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const webRoot = await buildWeb(join(dataDir, 'web'));
  const stack = await startLocalStack({
    dataDir,
    scratchDir: dataDir,
    ports: 'free',
    webRoot,
    seedDemoData: true,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'SILENT',
  });
  writeFileSync(infoFile, JSON.stringify({ endpoints: stack.endpoints, env: stack.env, dataDir, pid: process.pid }));
  const stop = async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the private local stack (DynamoDB Local, s3rver, the SES emulator, the sign-in issuer and the
 * API server) in a child process, and tells the test workers where it is through an environment variable.
 */
export default async function globalSetup(): Promise<void> {
  const infoFile = join(mkdtempSync(join(tmpdir(), 'portal-jest-')), 'stack.json');
  const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['scripts/local/serve-for-tests.ts', infoFile], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const deadline = Date.now() + 90_000;
  while (!existsSync(infoFile)) {
    if (child.exitCode !== null) throw new Error(`the local stack for tests exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the local stack for tests did not start within 90 s');
    await new Promise((done) => setTimeout(done, 200));
  }
  JSON.parse(readFileSync(infoFile, 'utf8'));
  process.env.PORTAL_TEST_STACK = infoFile;
  (globalThis as { __portalStack?: typeof child }).__portalStack = child;
}

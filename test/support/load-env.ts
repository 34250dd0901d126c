import { readFileSync } from 'node:fs';

// Each test worker gets the handlers' environment, as a Lambda function would.
const infoFile = process.env.PORTAL_TEST_STACK;
if (infoFile) {
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { env: Record<string, string> };
  Object.assign(process.env, info.env);
}

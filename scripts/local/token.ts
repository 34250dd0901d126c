import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findUser, loadIssuerState, signToken } from './auth-issuer';
import { DEMO_OFFICERS } from './demo-data';
import { localDir, type Endpoints } from './stack';

/** `npm run -s local:token -- --partnership leicester`: a business-office bearer token, for curl and scripts. */
async function main() {
  const { values } = parseArgs({ options: { partnership: { type: 'string', default: 'leicester' } } });
  const officer = DEMO_OFFICERS.find((o) => o.partnershipId === values.partnership);
  if (!officer) {
    throw new Error(
      `Unknown partnership "${values.partnership}". Use one of: ${DEMO_OFFICERS.map((o) => o.partnershipId).join(', ')}`,
    );
  }
  const dataDir = localDir();
  const endpointsFile = join(dataDir, 'endpoints.json');
  if (!existsSync(endpointsFile))
    throw new Error('The local portal has not been started here yet: run `npm start` first.');
  const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as Endpoints;
  const state = await loadIssuerState(join(dataDir, 'auth'), DEMO_OFFICERS);
  process.stdout.write(`${await signToken(state, endpoints.auth, findUser(state, officer.username), 'access')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findUser, loadIssuerState, totpOf } from './auth-issuer';
import { DEMO_OFFICERS } from './demo-data';
import { localDir } from './stack';

/** `npm run -s local:mfa -- --partnership leicester`: the demo officer's current authenticator code. */
async function main() {
  const { values } = parseArgs({
    options: { partnership: { type: 'string', default: 'leicester' }, uri: { type: 'boolean', default: false } },
  });
  const officer = DEMO_OFFICERS.find((o) => o.partnershipId === values.partnership);
  if (!officer) throw new Error(`Unknown partnership "${values.partnership}"`);
  const authDir = join(localDir(), 'auth');
  if (!existsSync(authDir)) throw new Error('The local portal has not been started here yet: run `npm start` first.');
  const totp = totpOf(findUser(await loadIssuerState(authDir, DEMO_OFFICERS), officer.username));
  // --uri prints the otpauth:// address to add the account to a real authenticator app.
  process.stdout.write(`${values.uri ? totp.toString() : totp.generate()}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

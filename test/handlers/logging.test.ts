import { handler as createCase } from '../../functions/create-case/handler';
import { handler as startSession } from '../../functions/start-agency-session/handler';
import { logger } from '../../functions/http/logger';
import { staffToken } from '../support/portal';
import { apiEvent, invoke } from '../support/events';

/** Logs carry routes and outcomes only: never a child's details, a token, a code or a body. */
describe('logs', () => {
  const lines: string[] = [];
  let restore: () => void;

  beforeAll(() => {
    logger.setLogLevel('DEBUG');
    const original = process.stdout.write.bind(process.stdout);
    const originalErr = process.stderr.write.bind(process.stderr);
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    const originalLog = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    restore = () => {
      process.stdout.write = original;
      process.stderr.write = originalErr;
      console.log = originalLog;
      logger.setLogLevel('SILENT');
    };
  });
  afterAll(() => restore());

  it('never hold personal data, tokens or bodies', async () => {
    const bearer = await staffToken('leicester');
    const canaryName = 'Canary Childname-7f3a';
    const created = await invoke(
      createCase,
      apiEvent({
        method: 'POST',
        resource: '/api/cases',
        headers: { Authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          route: 'cspr',
          day0: '2026-11-02',
          subject: { name: canaryName, dateOfBirth: '2016-06-16', address: 'Canary Road' },
        }),
      }),
    );
    expect(created.statusCode).toBe(201);
    const canaryToken = 'C'.repeat(43);
    const refused = await invoke(
      startSession,
      apiEvent({
        method: 'POST',
        resource: '/api/agency/sessions',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: canaryToken }),
      }),
    );
    expect(refused.statusCode).toBe(404);

    const logged = lines.join('\n');
    expect(logged).toContain('"route":"/api/cases"');
    expect(logged).toContain('"status":201');
    for (const secret of [canaryName, 'Canary Road', '2016-06-16', canaryToken, bearer])
      expect(logged).not.toContain(secret);
  });
});

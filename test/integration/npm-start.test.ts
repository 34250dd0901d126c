import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The README's commands as a new user runs them: `npm start` brings the portal up and writes its
 * endpoints, `npm run -s local:token` gives a token the API accepts, and Ctrl-C stops every process.
 * (A copy on free ports and a scratch directory, so it runs beside the test stack.)
 */
jest.setTimeout(120_000);

const run = promisify(execFile);
const portOpen = (url: string) =>
  new Promise<boolean>((done) => {
    const { hostname, port } = new URL(url);
    const socket = createConnection({ host: hostname === 'localhost' ? '127.0.0.1' : hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

describe('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-start-'));
  const env = { ...process.env, PORTAL_LOCAL_DIR: dir, PORTAL_PORTS: 'free', LOG_LEVEL: 'WARN' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts everything, prints how to use it, serves the portal, and stops every process on Ctrl-C', async () => {
    const started = Date.now();
    const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const file = join(dir, 'endpoints.json');
      while (!existsSync(file) || !output.includes('Press Ctrl-C')) {
        if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
        if (Date.now() - started > 90_000) throw new Error(`npm start was not ready: ${output}`);
        await new Promise((done) => setTimeout(done, 250));
      }
      const endpoints = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      expect(Object.keys(endpoints).sort()).toEqual(['api', 'auth', 'dynamodb', 'mail', 's3', 'web']);
      expect(output).toContain('officer.leicester / Leicester-demo-2026');
      expect(output).toContain(endpoints.mail);

      expect((await fetch(`${endpoints.web}/`)).status).toBe(200);
      expect((await (await fetch(`${endpoints.api}/openapi.json`)).json()).openapi).toBe('3.1.0');
      expect((await fetch(`${endpoints.mail}/store`)).status).toBe(200);
      expect((await fetch(`${endpoints.auth}/.well-known/jwks.json`)).status).toBe(200);

      const { stdout: token } = await run(
        'npm',
        ['run', '-s', 'local:token', '--', '--partnership', 'leicestershire-rutland'],
        { env },
      );
      const me = await fetch(`${endpoints.api}/me`, { headers: { authorization: `Bearer ${token.trim()}` } });
      expect(await me.json()).toMatchObject({ partnership: { id: 'leicestershire-rutland' } });
      const agencies = await (
        await fetch(`${endpoints.api}/agencies`, { headers: { authorization: `Bearer ${token.trim()}` } })
      ).json();
      expect(agencies.agencies.length).toBeGreaterThan(3);

      // Ctrl-C in a terminal interrupts the whole foreground process group.
      process.kill(-child.pid!, 'SIGINT');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 30_000))]);
      // npm ends on the signal itself (signalCode) or with the script's exit code.
      expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
      for (const url of Object.values(endpoints).filter((u) => !u.endsWith('/api')))
        expect([url, await portOpen(url)]).toEqual([url, false]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- npm start printed:\n${output}`, { cause: error });
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
    }
  });
});

import type { ChildProcess } from 'node:child_process';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the local stack of the test run: SIGTERM lets it stop DynamoDB Local; SIGKILL if it hangs. */
export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as { __portalStack?: ChildProcess }).__portalStack;
  if (!child?.pid || !alive(child.pid)) return;
  child.kill('SIGTERM');
  const deadline = Date.now() + 15_000;
  while (alive(child.pid) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
  if (alive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  child.unref();
}

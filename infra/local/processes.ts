import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try { if (await check()) return; } catch (error) { lastError = error; }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} did not come up in ${timeoutMs / 1000}s${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/** DynamoDB Local needs Java 17+: say so in one line rather than with a stack trace. */
export function checkJava(): string | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error) return 'Java was not found. DynamoDB Local needs a Java 17+ runtime: install one (e.g. `sudo apt-get install -y openjdk-17-jre-headless`) and run again.';
  const version = /version "(\d+)/.exec(out.stderr ?? '')?.[1];
  if (version && Number(version) < 17) return `Java ${version} was found, but DynamoDB Local needs Java 17 or newer.`;
  return undefined;
}

/** Children die with us: SIGTERM on stop, and the OS reaps them if we are SIGKILLed (same process group is not assumed). */
export function track(children: ChildProcess[]) {
  const stop = () => { for (const c of children) if (c.exitCode === null) c.kill('SIGTERM'); };
  process.once('exit', stop);
  return stop;
}

export { spawn };

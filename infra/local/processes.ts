import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { renameSync, writeFileSync } from 'node:fs';

/** Writes a file whole or not at all (a crash mid-write leaves the old one): write aside, then rename. */
export function writeFileAtomic(path: string, data: string) {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The preferred port if it is free (so addresses survive a restart), else any free one. */
export async function portOrFree(preferred: number | undefined): Promise<number> {
  if (!preferred) return freePort();
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `${what} did not come up in ${timeoutMs / 1000}s${lastError ? `: ${(lastError as Error).message}` : ''}`,
  );
}

/** DynamoDB Local needs Java 17+: say so in one line rather than with a stack trace. */
export function checkJava(): string | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error)
    return 'Java was not found. DynamoDB Local needs a Java 17+ runtime: install one (e.g. `sudo apt-get install -y openjdk-17-jre-headless`) and run again.';
  const version = /version "(\d+)/.exec(out.stderr ?? '')?.[1];
  if (version && Number(version) < 17) return `Java ${version} was found, but DynamoDB Local needs Java 17 or newer.`;
  return undefined;
}

/** Children get SIGTERM when we stop or exit normally. */
export function track(children: ChildProcess[]) {
  const stop = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  };
  process.once('exit', stop);
  return stop;
}

/**
 * Spawns a service that also dies when this process dies, even by SIGKILL (which runs no exit
 * handler): a shell watchdog polls our pid once a second and stops the service when we are gone.
 * SIGTERM to the watchdog stops the service at once.
 */
export function spawnTied(command: string, args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  const script =
    '"$@" & c=$!; trap \'kill $c 2>/dev/null; exit 0\' TERM INT HUP; ' +
    'while kill -0 "$DINGO_PARENT" 2>/dev/null && kill -0 $c 2>/dev/null; do sleep 1 & wait $!; done; kill $c 2>/dev/null; wait $c';
  return spawn('sh', ['-c', script, 'sh', command, ...args], {
    ...options,
    env: { ...(options?.env ?? process.env), DINGO_PARENT: String(process.pid) },
  });
}

import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from './cloud.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its sources (or the shared types) are newer than the last build. */
export function ensureWebBuilt() {
  // For a run of server tests only, while someone is midway through editing the web app.
  if (process.env.DINGO_SKIP_WEB_BUILD === '1') return;
  const index = join(projectRoot, 'web', 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(join(projectRoot, 'web', 'src')),
    newestMtime(join(projectRoot, 'shared')),
    statSync(join(projectRoot, 'web', 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('Building the web app…');
  // Built beside the served folder and swapped in, so a running local cloud never serves a half-emptied dist.
  const dist = join(projectRoot, 'web', 'dist');
  const next = join(projectRoot, 'web', `dist.next-${process.pid}`);
  const out = spawnSync(
    process.execPath,
    [
      join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
      '--outDir',
      next,
      '--emptyOutDir',
    ],
    // A production build whoever asks: under vitest NODE_ENV is "test", which would bundle React's development build.
    { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (out.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    throw new Error('the web build failed');
  }
  const old = `${dist}.old-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
}

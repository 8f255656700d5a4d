import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkListenHost, lockDataDir, writePrivateFile } from './safety.ts';

describe('the local cloud guards its machine', () => {
  // Guarantees: the local cloud (a public signing key in npm, loopback-only defaults) is not served to a network by accident.
  it('listens beyond loopback only with ALLOW_REMOTE=1', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2'])
      expect(() => checkListenHost(host, false)).not.toThrow();
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'dingo.example.com']) {
      expect(() => checkListenHost(host, false)).toThrow(/ALLOW_REMOTE=1/);
      expect(() => checkListenHost(host, true)).not.toThrow();
    }
  });

  // Guarantees: a second local cloud on the same DATA_DIR is refused with a clear message instead of rewriting the first one's ports.
  it('refuses a second holder of DATA_DIR and takes over a stale lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dingo-lock-'));
    const release = lockDataDir(dir);
    // Another live process holds it: what a second `npm start` sees.
    const other = spawnSync(
      process.execPath,
      [
        '-e',
        `
      import('${new URL('./safety.ts', import.meta.url).pathname}').then((m) => { try { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked'); } catch (e) { console.log(e.message); } });
    `,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--import tsx' } },
    );
    expect(other.stdout).toMatch(/already running.*pid \d+/i);
    release();
    // A lock left by a process that died is taken over.
    writeFileSync(join(dir, 'dingo.lock'), '999999999');
    const again = lockDataDir(dir);
    expect(readFileSync(join(dir, 'dingo.lock'), 'utf8')).toBe(String(process.pid));
    again();
  });

  // Guarantees: files holding secrets (the cursor key, outgoing mail with temporary passwords) are readable by their owner only.
  it('writes secret files with mode 600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dingo-secret-'));
    writePrivateFile(join(dir, 'cursor-secret'), 'abc');
    expect(statSync(join(dir, 'cursor-secret')).mode & 0o777).toBe(0o600);
  });
});

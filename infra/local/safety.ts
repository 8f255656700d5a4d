import { chmodSync, closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/**
 * The local cloud is a development tool: cognito-local signs tokens with a key that ships in its
 * npm package, so anyone who can reach the gateway could forge any user's token. It listens on
 * loopback unless the person starting it says otherwise, knowingly.
 */
export function checkListenHost(host: string, allowRemote: boolean) {
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  if (loopback || allowRemote) return;
  throw new Error(
    `HOST=${host} would serve the local cloud beyond this machine. Its tokens are signed with cognito-local's public ` +
      'development key, so anyone who can reach it could sign in as anyone. Set ALLOW_REMOTE=1 as well if that is really what you want.',
  );
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One local cloud per DATA_DIR: a second one would rewrite the first one's ports (and so the token
 * issuer, logging everybody out). The lock holds the owner's pid; a lock whose process is gone is
 * taken over. Answers the function that releases it.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'dingo.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) rmSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new Error(
          `Dingo is already running on ${dir} (pid ${holder}). Stop it first, or start this one with another DATA_DIR.`,
        );
      }
      rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`Could not lock ${dir}.`);
}

/** A file only its owner may read: the cursor key, outgoing mail with temporary passwords. */
export function writePrivateFile(path: string, content: string) {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its old mode otherwise
}

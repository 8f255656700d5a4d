import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The local cloud's stand-in for sending mail: an .eml file in its mail folder (`GET /_local/mail`
 * lists them). Readable by the owner only: invitations carry temporary passwords.
 */
export async function writeLocalMail(dir: string, to: string[], subject: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(
    dir,
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${to[0]!.replace(/[^a-z0-9@._-]/gi, '_')}-${Math.random().toString(36).slice(2, 8)}.eml`,
  );
  await writeFile(
    file,
    [
      `To: ${to.join(', ')}`,
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '',
    ].join('\n'),
    { encoding: 'utf8', mode: 0o600 },
  );
}

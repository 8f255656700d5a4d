import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { env } from './env.ts';

let ses: SESv2Client | undefined;

/**
 * Sends a plain-text mail: through SES in AWS; in the local cloud, as an .eml file in the mail
 * folder (`GET /_local/mail` lists them), since there is no mail server to talk to here.
 */
export async function sendMail(to: string[], subject: string, text: string): Promise<void> {
  if (env.mailDir) {
    await mkdir(env.mailDir, { recursive: true });
    const file = join(env.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${to[0]!.replace(/[^a-z0-9@._-]/gi, '_')}-${Math.random().toString(36).slice(2, 8)}.eml`);
    await writeFile(file, [
      `To: ${to.join(', ')}`,
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      '',
    ].join('\n'), 'utf8');
    return;
  }
  ses ??= new SESv2Client({ region: env.region });
  await ses.send(new SendEmailCommand({
    FromEmailAddress: env.mailFrom,
    Destination: { ToAddresses: to },
    Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' } } } },
  }));
}

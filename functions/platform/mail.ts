import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { env } from './env.ts';
import { writeLocalMail } from './local-mail.ts';

let ses: SESv2Client | undefined;

/**
 * Sends a plain-text mail: through SES in AWS; in the local cloud, as an .eml file in the mail
 * folder (`GET /_local/mail` lists them), since there is no mail server to talk to here.
 */
export async function sendMail(to: string[], subject: string, text: string): Promise<void> {
  if (env.mailDir) return writeLocalMail(env.mailDir, to, subject, text);
  // The SES client is loaded with the first mail: the notifiers bundle this module, most of their events send none.
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
  ses ??= new SESv2Client({ region: env.region });
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: env.mailFrom,
      Destination: { ToAddresses: to },
      Content: {
        Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' } } },
      },
    }),
  );
}

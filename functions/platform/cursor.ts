import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from './env.ts';
import { ValidationError } from './errors.ts';

let secret: Promise<string> | undefined;
/**
 * The signing key: CURSOR_SECRET locally; in AWS read once per container from Secrets Manager, whose client
 * is loaded then (a container that never pages never loads it).
 */
function cursorSecret(): Promise<string> {
  secret ??= process.env.CURSOR_SECRET
    ? Promise.resolve(process.env.CURSOR_SECRET)
    : import('@aws-sdk/client-secrets-manager').then(({ GetSecretValueCommand, SecretsManagerClient }) =>
        new SecretsManagerClient({ region: env.region })
          .send(new GetSecretValueCommand({ SecretId: env.cursorSecretArn }))
          .then((out) => out.SecretString ?? Promise.reject(new Error('cursor secret is empty'))),
      );
  return secret;
}

/**
 * Cursors are opaque: the DynamoDB key where the next page starts, bound to the tenant and
 * signed, so a cursor from another tenant (or an edited one) answers 400, never data.
 */
async function sign(payload: string): Promise<string> {
  return createHmac('sha256', await cursorSecret())
    .update(payload)
    .digest('base64url')
    .slice(0, 22);
}

export async function encodeCursor(tenantId: string, key: Record<string, unknown> | undefined): Promise<string | null> {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify({ t: tenantId, k: key })).toString('base64url');
  return `${payload}.${await sign(payload)}`;
}

const invalid = () => new ValidationError([{ path: 'cursor', message: 'The cursor is not valid for this list.' }]);

export async function decodeCursor(
  tenantId: string,
  cursor: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (!cursor) return undefined;
  const [payload, mac] = cursor.split('.');
  if (!payload || !mac) throw invalid();
  const expected = Buffer.from(await sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  let parsed: { t?: string; k?: Record<string, unknown> };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (parsed.t !== tenantId || typeof parsed.k !== 'object' || parsed.k === null) throw invalid();
  // A key never leaves the tenant's partitions, whatever was signed.
  for (const [name, value] of Object.entries(parsed.k)) {
    if (name.endsWith('pk') && (typeof value !== 'string' || !value.startsWith(`${tenantId}#`))) throw invalid();
  }
  return parsed.k;
}

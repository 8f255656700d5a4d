import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { env } from '#functions/platform/env.ts';
import { platformDb } from '#functions/platform/db.ts';
import { userKeyOf } from '#functions/tenants/keys.ts';
import { log } from '#functions/platform/log.ts';
import type { AuthorizerContext } from '#functions/platform/http.ts';

const jwks = createRemoteJWKSet(new URL(env.jwksUrl), { cacheMaxAge: 3600_000 });
/**
 * An unrecognised credential is let through with an empty context: the module's http stack then
 * answers 401 as problem+json (a denial here would make API Gateway answer its own 403 body).
 * No tenant, no principal: every tenant route refuses it.
 */
const anonymous = { isAuthorized: true, context: { tenantId: '', principalId: '', principalKind: 'user' } } as const;

type Result = { isAuthorized: boolean; context: AuthorizerContext };

/** "Last used" on the key's record, at most once a minute per key and container, never in the request's way. */
const lastTouched = new Map<string, number>();
function touchLastUsed(tenantId: string, keyId: string) {
  const now = Date.now();
  if (now - (lastTouched.get(keyId) ?? 0) < 60_000) return;
  lastTouched.set(keyId, now);
  void platformDb()
    .send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: { pk: `${tenantId}#APIKEY#${keyId}`, sk: 'APIKEY' },
        UpdateExpression: 'SET lastUsedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': new Date(now).toISOString() },
      }),
    )
    .catch(() => undefined);
}

/** Partner API keys: looked up by SHA-256 hash in the platform's own key space. */
async function apiKey(secret: string): Promise<Result> {
  const hash = createHash('sha256').update(secret).digest('hex');
  const { Item } = await platformDb().send(
    new GetCommand({ TableName: env.tableName, Key: { pk: `APIKEY#${hash}`, sk: 'APIKEY' } }),
  );
  if (!Item || Item.revokedAt) return anonymous;
  touchLastUsed(Item.tenantId as string, Item.keyId as string);
  return {
    isAuthorized: true,
    context: {
      tenantId: Item.tenantId,
      principalId: Item.keyId,
      principalKind: 'api_key',
      ...(Item.rateLimit ? { rateLimit: Number(Item.rateLimit) } : {}),
    },
  };
}

/**
 * Staff: a Cognito ID token, verified against the pool's JWKS, of a user who still exists. The
 * answer is cached per token, so it names only who is calling: the http stack reads the role.
 */
async function idToken(token: string): Promise<Result> {
  const { payload } = await jwtVerify(token, jwks, { issuer: env.tokenIssuer, audience: env.userPoolClientId });
  if (payload.token_use !== 'id') return anonymous;
  const tenantId = payload['custom:tenantId'];
  const userId = payload['custom:userId'];
  if (typeof tenantId !== 'string' || typeof userId !== 'string') return anonymous;
  const { Item } = await platformDb().send(
    new GetCommand({ TableName: env.tableName, Key: userKeyOf(tenantId, userId), ProjectionExpression: 'pk' }),
  );
  if (!Item) return anonymous; // removed users lose access
  return { isAuthorized: true, context: { tenantId, principalId: userId, principalKind: 'user' } };
}

export async function handler(event: APIGatewayRequestAuthorizerEventV2): Promise<Result> {
  const header = event.headers?.authorization ?? event.headers?.Authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return anonymous;
  const credential = match[1]!;
  try {
    return credential.startsWith('dk_') ? await apiKey(credential) : await idToken(credential);
  } catch (error) {
    log('info', 'credential refused', { reason: (error as Error).name });
    return anonymous;
  }
}

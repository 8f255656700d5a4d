import { packText, unpack, unpackText } from './compact.ts';
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';
import { ConflictError, UnprocessableError, ValidationError } from './errors.ts';
import { isConditionFailure } from './db.ts';
import type { TenantContext } from './tenant.ts';

const DAY_SECONDS = 24 * 3600;
/** A first attempt that has not finished after this long is taken to have died. */
const ABANDONED_MS = 5 * 60_000;

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface IdempotencyClaim {
  key: string;
  fingerprint: string;
}

export function readIdempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 255) {
    throw new ValidationError([{ path: 'header.Idempotency-Key', message: 'must be 1 to 255 characters' }]);
  }
  return key;
}

const keyHash = (tenant: TenantContext, key: string) =>
  createHash('sha256').update(`${tenant.principal.id}\n${key}`).digest('base64url');
/**
 * A company's records share one partition (`<tenant>#IDEMPOTENCY`), one item per caller and key: the
 * purge of a closed company deletes the partition by name (`idempotencyPartition`), so a record needs
 * no inventory entry (an index write saved per request). The hashed keys spread the partition's writes.
 */
export const idempotencyPartition = (tenantId: string) => `${tenantId}#IDEMPOTENCY`;
const itemKey = (tenant: TenantContext, key: string) => ({
  pk: idempotencyPartition(tenant.tenantId),
  sk: keyHash(tenant, key),
});
/**
 * Where a record was kept before (its own partition, listed in the inventory). Records live 24 h, so
 * this read (one read unit a keyed request, consistent: a first attempt still running on the code before
 * may have just claimed it) can be removed a day after this layout is deployed.
 */
const legacyKey = (tenant: TenantContext, key: string) => ({
  pk: tenant.key('IDEMPOTENCY', keyHash(tenant, key)),
  sk: 'IDEMPOTENCY',
});

/**
 * Claims the key for this request, or answers with what the first request answered.
 * Same key + same request (route and body) within 24 h replays; a different body is 422;
 * a retry while the first is still running is 409.
 */
export async function claimIdempotencyKey(
  tenant: TenantContext,
  key: string,
  routeKey: string,
  body: string,
): Promise<{ replay: StoredResponse } | { claim: IdempotencyClaim }> {
  const fingerprint = createHash('sha256').update(`${routeKey}\n${body}`).digest('base64url');
  const now = Date.now();
  // A first attempt made before the records moved partition (within their 24 h) still decides; read at once.
  const legacyRead = tenant.db.send(
    new GetCommand({ TableName: env.tableName, Key: legacyKey(tenant, key), ConsistentRead: true }),
  );
  legacyRead.catch(() => undefined);
  try {
    await tenant.db.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...itemKey(tenant, key),
          state: 'running',
          fingerprint,
          startedAt: now,
          expiresAt: Math.floor(now / 1000) + DAY_SECONDS,
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR expiresAt < :nowSec OR (#state = :running AND startedAt < :abandoned)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':nowSec': Math.floor(now / 1000),
          ':running': 'running',
          ':abandoned': now - ABANDONED_MS,
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await tenant.db.send(
      new GetCommand({ TableName: env.tableName, Key: itemKey(tenant, key), ConsistentRead: true }),
    );
    if (!Item) return claimIdempotencyKey(tenant, key, routeKey, body);
    return answerFrom(Item, fingerprint);
  }
  const claim = { key, fingerprint };
  const legacy = (
    await legacyRead.catch(async (error) => {
      await releaseIdempotencyKey(tenant, claim);
      throw error;
    })
  ).Item;
  const live = (item: Record<string, unknown>) =>
    Number(item.expiresAt) >= Math.floor(now / 1000) &&
    !(item.state === 'running' && Number(item.startedAt) < now - ABANDONED_MS);
  if (legacy && live(legacy)) {
    await releaseIdempotencyKey(tenant, claim);
    return answerFrom(legacy, fingerprint);
  }
  return { claim };
}

/** What a record already there answers: the first answer replayed, or why this request cannot run. */
function answerFrom(Item: Record<string, unknown>, fingerprint: string): { replay: StoredResponse } {
  if (Item.fingerprint !== fingerprint) {
    throw new UnprocessableError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request.',
    );
  }
  if (Item.state === 'running') {
    throw new ConflictError(
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
    );
  }
  // The answer is kept packed (an order's JSON is 3 KB, a sixth of that packed); older items gzipped or as JSON.
  const replay = Item.responseZ
    ? unpackResponse(Item.responseZ as Uint8Array)
    : Item.responseGz
      ? unpack<StoredResponse>(Item.responseGz as Uint8Array)
      : (Item.response as StoredResponse);
  return { replay };
}

/**
 * An answer packed as its status and headers on a line, then its body as it was sent: the body's JSON
 * as text (not a string inside JSON, whose escaped quotes the dictionary would not recognise).
 */
const packResponse = ({ statusCode, headers, body }: StoredResponse) =>
  packText(`${JSON.stringify({ statusCode, headers })}\n${body}`);
function unpackResponse(packed: Uint8Array): StoredResponse {
  const text = unpackText(packed);
  const end = text.indexOf('\n');
  return { ...(JSON.parse(text.slice(0, end)) as Omit<StoredResponse, 'body'>), body: text.slice(end + 1) };
}

export async function completeIdempotencyKey(tenant: TenantContext, claim: IdempotencyClaim, response: StoredResponse) {
  await tenant.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: itemKey(tenant, claim.key),
      UpdateExpression: 'SET #state = :done, #response = :response',
      ConditionExpression: 'fingerprint = :fingerprint',
      ExpressionAttributeNames: { '#state': 'state', '#response': 'responseZ' },
      ExpressionAttributeValues: {
        ':done': 'done',
        ':response': packResponse(response),
        ':fingerprint': claim.fingerprint,
      },
    }),
  );
}

/** The request failed: free the key so that a corrected retry can run. */
export async function releaseIdempotencyKey(tenant: TenantContext, claim: IdempotencyClaim) {
  await tenant.db
    .send(
      new DeleteCommand({
        TableName: env.tableName,
        Key: itemKey(tenant, claim.key),
        ConditionExpression: '#state = :running AND fingerprint = :fingerprint',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':running': 'running', ':fingerprint': claim.fingerprint },
      }),
    )
    .catch(() => undefined);
}

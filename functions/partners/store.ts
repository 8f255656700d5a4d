import { gzipSync } from 'node:zlib';
import { unpackText } from '#functions/platform/compact.ts';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { apiKeyKey } from './keys.ts';
import type { ApiKey, Delivery, Webhook } from '#shared/api/partners.ts';
import { env } from '#functions/platform/env.ts';
import { platformDb } from '#functions/platform/db.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { decodeCursor, encodeCursor } from '#functions/platform/cursor.ts';
import { listPage, queryPage } from '#functions/platform/query.ts';
import { batchGetAll, putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import type { TransactItem } from '#functions/platform/transact.ts';
import { nowIso } from '#functions/platform/ids.ts';

// ---- API keys ------------------------------------------------------------------------------------
// The tenant's record (listed, shown) and the platform's lookup item by hash (what the authorizer
// reads; outside every tenant's keys, written only by this module and read only by the authorizer).

const lookupKey = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });
export type StoredApiKey = ApiKey & { hash: string };

export async function insertApiKey(t: TenantContext, key: StoredApiKey) {
  // Lookup first: if the tenant record then fails, the lookup is removed and nobody ever saw the secret.
  await platformDb().send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...lookupKey(key.hash),
        entity: 'api_key_lookup',
        tenantId: t.tenantId,
        keyId: key.id,
        scopes: key.scopes,
        ...(key.rateLimit ? { rateLimit: key.rateLimit } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  try {
    await t.db.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...apiKeyKey(t, key.id),
          entity: 'api_key',
          gsi1pk: t.key('APIKEYS'),
          gsi1sk: `${key.createdAt}#${key.id}`,
          ...key,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    await platformDb().send(new DeleteCommand({ TableName: env.tableName, Key: lookupKey(key.hash) }));
    throw error;
  }
}

export async function getApiKey(t: TenantContext, id: string): Promise<StoredApiKey | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: apiKeyKey(t, id), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const key = resourceOf<StoredApiKey>(Item);
  return { ...key, rateLimit: key.rateLimit ?? null }; // keys made before budgets have none of their own
}

/**
 * Revocation marks the company's record first (every request reads it, so the key stops working
 * at once, whatever the authorizer has cached), then removes the lookup.
 */
export async function revokeApiKey(t: TenantContext, key: StoredApiKey, at: string) {
  await t.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: apiKeyKey(t, key.id),
      UpdateExpression: 'SET revokedAt = :at',
      ExpressionAttributeValues: { ':at': at },
      ConditionExpression: 'attribute_exists(pk)',
    }),
  );
  await platformDb().send(new DeleteCommand({ TableName: env.tableName, Key: lookupKey(key.hash) }));
}

export async function listApiKeys(t: TenantContext, limit: number, cursor?: string) {
  const { items, lastKey } = await queryPage(
    t.db,
    {
      TableName: env.tableName,
      IndexName: 'gsi1',
      ScanIndexForward: false,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('APIKEYS') },
    },
    limit,
    await decodeCursor(t.tenantId, cursor),
  );
  return {
    items: items.map((i) => {
      const { hash: _h, ...k } = resourceOf<StoredApiKey>(i);
      return { ...k, rateLimit: k.rateLimit ?? null }; // keys made before budgets have none of their own
    }),
    nextCursor: await encodeCursor(t.tenantId, lastKey),
  };
}

// ---- Webhooks ------------------------------------------------------------------------------------

export interface Secret {
  value: string;
  expiresAt: string | null;
}
export type StoredWebhook = Webhook & { secrets: Secret[] };
export const webhookKey = (t: TenantContext, id: string) => ({ pk: t.key('WEBHOOK', id), sk: 'WEBHOOK' });
const webhookItem = (t: TenantContext, w: StoredWebhook) => ({
  ...webhookKey(t, w.id),
  entity: 'webhook',
  gsi1pk: t.key('WEBHOOKS'),
  gsi1sk: w.id,
  ...w,
});

export const putNewWebhook = (t: TenantContext, w: StoredWebhook): TransactItem => putNew(webhookItem(t, w));
export const putWebhook = (t: TenantContext, w: StoredWebhook, previousVersion: number): TransactItem =>
  putIfVersion(webhookItem(t, w), previousVersion);

export async function getWebhook(t: TenantContext, id: string): Promise<StoredWebhook | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: webhookKey(t, id), ConsistentRead: true }),
  );
  return Item?.entity === 'webhook' ? resourceOf<StoredWebhook>(Item) : undefined;
}

/** Every subscription of the company (a handful): the fan-out reads them per event. */
export async function allWebhooks(t: TenantContext): Promise<StoredWebhook[]> {
  const out: StoredWebhook[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await t.db.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': t.key('WEBHOOKS') },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []).map((i) => resourceOf<StoredWebhook>(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * A deleted webhook leaves a tombstone in its place (no URL, no secrets, off the list): its deliveries
 * stay in its partition, and the company's inventory finds them through it (platform/inventory.ts).
 */
export async function deleteWebhook(t: TenantContext, id: string, previousVersion: number) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...webhookKey(t, id), entity: 'webhook_deleted', deletedAt: nowIso() },
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': previousVersion },
    }),
  );
}

// ---- Deliveries: in the webhook's partition; while pending, in the company's "due" index by time --

/**
 * A delivery as kept: `payload` is what the partner receives. A delivery of a logged event (`fromLog`)
 * does not keep it: the event log has the event, and a retry rebuilds the same bytes from it.
 */
export type StoredDelivery = Delivery & {
  payload?: string;
  fromLog?: boolean;
  attemptCount: number;
  claimedUntil?: number;
};
const deliveryKey = (t: TenantContext, webhookId: string, id: string) => ({
  pk: t.key('WEBHOOK', webhookId),
  sk: `DELIVERY#${id}`,
});
/**
 * The stored delivery. The payload (the event as the partner receives it, a whole order often) is
 * kept, gzipped, only by a delivery of no logged event (a test message): one of a logged event reads
 * it from the log when it is sent again, so that six subscriptions do not keep six copies of an order.
 */
function deliveryItem(t: TenantContext, d: StoredDelivery) {
  const due =
    d.status === 'pending' && d.nextAttemptAt
      ? { gsi2pk: t.key('DELIVERIES', 'DUE'), gsi2sk: `${d.nextAttemptAt}#${d.id}` }
      : {};
  const { payload, ...rest } = d;
  const body = d.fromLog || payload === undefined ? {} : { payloadGz: gzipSync(payload) };
  return { ...deliveryKey(t, d.webhookId, d.id), entity: 'delivery', ...rest, ...body, ...due };
}
/** A stored delivery as the code knows it (older items keep the payload as text). */
function deliveryOf(item: Record<string, unknown>): StoredDelivery {
  const { payloadGz, ...d } = resourceOf<StoredDelivery & { payloadGz?: Uint8Array }>(item);
  return payloadGz ? { ...d, payload: unpackText(payloadGz) } : d;
}

export const putNewDelivery = (t: TenantContext, d: StoredDelivery): TransactItem => putNew(deliveryItem(t, d));

/**
 * Records a delivery made at once by the fan-out, with its first attempt, in one write; false when a
 * concurrent run of the same event recorded it first (its id is derived from the event and the webhook).
 */
export async function putFirstDelivery(t: TenantContext, d: StoredDelivery): Promise<boolean> {
  try {
    await t.db.send(
      new PutCommand({
        TableName: env.tableName,
        Item: deliveryItem(t, d),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Claims the next attempt of a delivery for a while (the send's timeout and some): two sweepers,
 * or a sweeper and a manual retry, never send the same attempt twice. False when someone else holds it.
 */
export async function claimAttempt(t: TenantContext, d: StoredDelivery, forMs: number): Promise<boolean> {
  const now = Date.now();
  try {
    await t.db.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: deliveryKey(t, d.webhookId, d.id),
        UpdateExpression: 'SET claimedUntil = :until',
        ConditionExpression: 'attemptCount = :n AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
        ExpressionAttributeValues: { ':n': d.attemptCount, ':now': now, ':until': now + forMs },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Records an attempt only if nobody else recorded one since this one was read (two sweepers, a manual retry). */
export async function saveAttempt(t: TenantContext, d: StoredDelivery, previousCount: number) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: deliveryItem(t, d),
      ConditionExpression: 'attemptCount = :n',
      ExpressionAttributeValues: { ':n': previousCount },
    }),
  );
}

export async function getDelivery(
  t: TenantContext,
  webhookId: string,
  id: string,
): Promise<StoredDelivery | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: deliveryKey(t, webhookId, id), ConsistentRead: true }),
  );
  return Item ? deliveryOf(Item) : undefined;
}

export async function listDeliveries(
  t: TenantContext,
  webhookId: string,
  q: { limit: number; cursor?: string; status?: Delivery['status'] },
) {
  const input: Record<string, unknown> = {
    TableName: env.tableName,
    ScanIndexForward: false,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
    ExpressionAttributeValues: { ':pk': t.key('WEBHOOK', webhookId), ':d': 'DELIVERY#' } as Record<string, unknown>,
  };
  if (q.status) {
    input.FilterExpression = '#s = :s';
    input.ExpressionAttributeNames = { '#s': 'status' };
    (input.ExpressionAttributeValues as Record<string, unknown>)[':s'] = q.status;
  }
  return listPage(t, input as never, { limit: q.limit, cursor: q.cursor }, (i) => deliveryOf(i));
}

export async function hasPending(t: TenantContext): Promise<boolean> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('DELIVERIES', 'DUE') },
      Limit: 1,
    }),
  );
  return Boolean(out.Items?.length);
}

/** Pending deliveries due by `now`, oldest first. */
export async function dueDeliveries(t: TenantContext, now: string, limit = 100): Promise<StoredDelivery[]> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':pk': t.key('DELIVERIES', 'DUE'), ':now': `${now}~` },
      Limit: limit,
    }),
  );
  const items = await batchGetAll(
    t.db,
    (out.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk })),
    true,
  );
  return items.map((i) => deliveryOf(i)).filter((d) => d.status === 'pending');
}

// ---- The event log: the company's events in order (GSI3, keys only), then the items ----------------

/** One event of the log by its id (`evt_<ulid>`: the ULID is its GSI3 sort key), or undefined. */
export async function eventItem(t: TenantContext, eventId: string) {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk = :seq',
      ExpressionAttributeValues: { ':pk': t.key('EVENTS'), ':seq': eventId.replace(/^evt_/, '') },
    }),
  );
  const key = out.Items?.[0];
  if (!key) return undefined;
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }),
  );
  return Item;
}

export async function eventItems(
  t: TenantContext,
  after: string | undefined,
  limit: number,
  startKey?: Record<string, unknown>,
) {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: after ? 'gsi3pk = :pk AND gsi3sk > :after' : 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('EVENTS'), ...(after ? { ':after': after } : {}) },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: await batchGetAll(
      t.db,
      (out.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk })),
    ),
    lastKey: out.LastEvaluatedKey,
  };
}

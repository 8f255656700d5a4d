import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RETENTION_DAYS, type TenantStatus } from '#shared/api/tenant-data.ts';
import { jobWork } from '#shared/events/rules.ts';
import { env } from '#functions/platform/env.ts';
import { isConditionFailure, platformDb } from '#functions/platform/db.ts';
import { ConflictError, NotFoundError, Problem, ValidationError } from '#functions/platform/errors.ts';
import { now } from '#functions/platform/clock.ts';
import { batchGetAll, deleteAll } from '#functions/platform/items.ts';
import { inventoryPages } from '#functions/platform/inventory.ts';
import { markerPartitions } from '#functions/platform/events.ts';
import { searchPartitions } from '#functions/platform/search.ts';
import { idempotencyPartition } from '#functions/platform/idempotency.ts';
import { fapiaoQueuePartitions } from '#functions/finance/partitions.ts';
import { shipmentRefPartition } from '#functions/orders/partitions.ts';
import { reportPartitions } from '#functions/reports/entries.ts';
import { platformList, registerTenant, unregisterTenant } from '#functions/platform/jobs.ts';
import { log } from '#functions/platform/log.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { deleteLogin } from './identity.ts';
import { tenantKey } from './keys.ts';

/**
 * Closing a company (API.md, "Platform for real tenants"): the owner types the company's name; from
 * then on every credential of it answers 401 `tenant_closed` (principal.ts reads the company's
 * record with the caller's), its jobs stop visiting it, and after 7 days the purge job deletes every
 * item it has: what its inventory lists (GSI4), its event log, its rate-limit windows, the
 * platform's entries about it (key lookups, job lists, the registry) and its people's sign-ins. Within
 * the 7 days its owner signs in and restores it, as it was.
 */
const CLOSED = 'PLATFORM#CLOSED';
const DAY_MS = 86_400_000;

async function readTenant(t: TenantContext) {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: tenantKey(t), ConsistentRead: true }),
  );
  if (!Item) throw new NotFoundError();
  return Item;
}

const statusOf = (item: Record<string, unknown>): TenantStatus => ({
  id: String(item.id),
  companyName: String(item.companyName),
  status: item.closedAt ? 'closed' : 'active',
  closedAt: (item.closedAt as string | undefined) ?? null,
  closedBy: (item.closedBy as string | undefined) ?? null,
  purgeAfter: (item.purgeAfter as string | undefined) ?? null,
});

/** The platform's list of closed companies, each with the time its purge may begin. */
async function listClosed(tenantId: string, purgeAfter: string | null) {
  const Key = { pk: CLOSED, sk: tenantId };
  if (purgeAfter)
    await platformDb().send(
      new PutCommand({ TableName: env.tableName, Item: { ...Key, entity: 'tenant_closed', purgeAfter } }),
    );
  else await platformDb().send(new DeleteCommand({ TableName: env.tableName, Key }));
}

const jobLists = () => [...Object.keys(jobWork).map((job) => `PLATFORM#DUE#${job}`), 'PLATFORM#WEBHOOK_PENDING'];

/** A restored company back on every job's list and the webhook retries' (each job drops it again if it has no work). */
async function rejoinJobLists(tenantId: string) {
  const touchedAt = `${now().toISOString()}#restored`;
  await Promise.all(
    jobLists().map((pk) =>
      platformDb().send(
        new PutCommand({ TableName: env.tableName, Item: { pk, sk: tenantId, entity: 'job_due', touchedAt } }),
      ),
    ),
  );
}

/** Jobs stop visiting the company (its work marks and its pending webhook retries go). */
async function forgetJobLists(tenantId: string) {
  await deleteAll(
    platformDb(),
    jobLists().map((pk) => ({ pk, sk: tenantId })),
  );
}

export async function closeTenant(t: TenantContext, confirm: string): Promise<TenantStatus> {
  const tenant = await readTenant(t);
  if (confirm.trim() !== String(tenant.companyName).trim())
    throw new ValidationError([{ path: 'confirm', message: 'must be the company name, exactly as it is written' }]);
  if (tenant.closedAt) {
    // Closed already (this is the owner's repeat, e.g. after a close that stopped half-way): finish it.
    await Promise.all([
      listClosed(t.tenantId, String(tenant.purgeAfter)),
      unregisterTenant(t.tenantId),
      forgetJobLists(t.tenantId),
    ]);
    return statusOf(tenant);
  }
  const closedAt = now();
  const purgeAfter = new Date(closedAt.getTime() + RETENTION_DAYS * DAY_MS).toISOString();
  // The purge list first: after a crash between the two, the purge finds the company open and drops the entry.
  await listClosed(t.tenantId, purgeAfter);
  try {
    await t.db.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: tenantKey(t),
        UpdateExpression: 'SET closedAt = :at, closedBy = :by, purgeAfter = :purge',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedAt)',
        ExpressionAttributeValues: { ':at': closedAt.toISOString(), ':by': t.principal.id, ':purge': purgeAfter },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return statusOf(await readTenant(t)); // closed by a request a moment before this one
  }
  await Promise.all([unregisterTenant(t.tenantId), forgetJobLists(t.tenantId)]);
  log('info', 'tenant closed', { tenantId: t.tenantId, purgeAfter });
  return statusOf(await readTenant(t));
}

export async function restoreTenant(t: TenantContext): Promise<TenantStatus> {
  const tenant = await readTenant(t);
  if (!tenant.closedAt) throw new ConflictError('tenant_not_closed', 'The company is not closed.');
  const passed = () =>
    new Problem('restore_window_passed', 'The 7 days to restore have passed; the data is being purged.');
  if (tenant.purgingAt || Date.parse(String(tenant.purgeAfter)) <= now().getTime()) throw passed();
  try {
    await t.db.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: tenantKey(t),
        UpdateExpression: 'REMOVE closedAt, closedBy, purgeAfter',
        ConditionExpression: 'closedAt = :at AND attribute_not_exists(purgingAt)',
        ExpressionAttributeValues: { ':at': tenant.closedAt },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw passed();
    throw error;
  }
  await Promise.all([
    registerTenant(t.tenantId, String(tenant.createdAt)),
    listClosed(t.tenantId, null),
    rejoinJobLists(t.tenantId),
  ]);
  log('info', 'tenant restored', { tenantId: t.tenantId });
  return statusOf(await readTenant(t));
}

/** Closed companies, for the purge job (each decides for itself whether its 7 days are over). */
export const closedTenants = () => platformList(CLOSED);

/** BatchWriteItem 25 at a time, sending again whatever DynamoDB left unprocessed. */
/**
 * The purge of one closed company whose 7 days are over (a unit of the `tenant-purge` job): marks
 * it as being purged (a restore from then on is refused), then deletes page by page, so that a run
 * that stops part-way is finished by the next. The company's own record goes last.
 */
export async function purgeTenant(t: TenantContext, at: Date): Promise<{ purged: boolean; items: number }> {
  const { Item: tenant } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: tenantKey(t), ConsistentRead: true }),
  );
  if (!tenant?.closedAt) {
    // Purged already, or restored, or a close that never finished: off the list, unless a close is
    // happening right now (its entry's time is in the future: that close goes on to close it).
    await platformDb()
      .send(
        new DeleteCommand({
          TableName: env.tableName,
          Key: { pk: CLOSED, sk: t.tenantId },
          ConditionExpression: 'attribute_not_exists(pk) OR purgeAfter <= :at',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
    return { purged: false, items: 0 };
  }
  if (Date.parse(String(tenant.purgeAfter)) > at.getTime()) return { purged: false, items: 0 };
  await t.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: tenantKey(t),
      UpdateExpression: 'SET purgingAt = if_not_exists(purgingAt, :at)',
      ConditionExpression: 'attribute_exists(closedAt)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    }),
  );
  const own = tenantKey(t);
  let items = 0;
  for await (const page of inventoryPages(t.db, t.tenantId)) {
    const keys = page.filter((k) => !(k.pk === own.pk && k.sk === own.sk));
    // What lives outside the company's keys goes with the records that point to it.
    const outside = await batchGetAll(
      t.db,
      keys.filter((k) => k.sk === 'USER' || k.sk === 'APIKEY'),
    );
    for (const record of outside) {
      if (record.entity === 'user' && typeof record.email === 'string') await deleteLogin(record.email);
      if (record.entity === 'api_key') {
        if (typeof record.hash === 'string')
          await platformDb().send(
            new DeleteCommand({ TableName: env.tableName, Key: { pk: `APIKEY#${record.hash}`, sk: 'APIKEY' } }),
          );
        await deleteRateWindows(t, `KEY#${record.id}`);
      }
    }
    await deleteAll(t.db, keys);
    items += keys.length;
  }
  items += await deleteRateWindows(t, 'TENANT');
  // Processed markers, search documents, report entries, idempotency records, the fapiao queue and shipments' orders stay out of the inventory: their partitions, by name.
  for (const pk of [
    ...markerPartitions(t.tenantId),
    ...searchPartitions(t.tenantId),
    ...reportPartitions(t.tenantId),
    idempotencyPartition(t.tenantId),
    ...fapiaoQueuePartitions(t.tenantId),
    shipmentRefPartition(t.tenantId),
  ])
    items += await deletePartition(t, pk);
  await Promise.all([unregisterTenant(t.tenantId), forgetJobLists(t.tenantId)]);
  await t.db.send(new DeleteCommand({ TableName: env.tableName, Key: own }));
  await listClosed(t.tenantId, null);
  log('info', 'tenant purged', { tenantId: t.tenantId, items: items + 1 });
  return { purged: true, items: items + 1 };
}

const deleteRateWindows = (t: TenantContext, scope: string) => deletePartition(t, t.key('RATE', scope));

/** Every item of one of the company's partitions, page by page; how many there were. */
async function deletePartition(t: TenantContext, pk: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await t.db.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: start,
      }),
    );
    const keys = (out.Items ?? []).map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
    await deleteAll(t.db, keys);
    count += keys.length;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

import { createHash } from 'node:crypto';
import { batchGetAll } from '#functions/platform/items.ts';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Settings, Tenant, User } from '#shared/api/tenants.ts';
import { defaultTicketSla } from '#shared/api/tenants.ts';
import { roles } from '#shared/api/common.ts';
import { env } from '#functions/platform/env.ts';
import { platformDb } from '#functions/platform/db.ts';
import { transact } from '#functions/platform/transact.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { listPage, queryAll } from '#functions/platform/query.ts';
import { settingsKey, tenantKey, userKey, warehouseKey } from './keys.ts';

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _p, sk: _s, gsi1pk: _a, gsi1sk: _b, entity: _e, ...rest } = item;
  return rest as T;
};

const userItem = (t: TenantContext, user: User) => ({
  ...userKey(t, user.id),
  gsi1pk: t.key('USERS'),
  gsi1sk: user.id,
  entity: 'user',
  ...user,
});

export interface DefaultWarehouse {
  id: string;
  code: string;
  name: string;
  isDefault: true;
  active: true;
  version: 1;
  createdAt: string;
  updatedAt: string;
}

/** A tenant is born whole: company, settings, owner and default warehouse in one transaction. */
export async function insertTenant(
  t: TenantContext,
  tenant: Tenant,
  settings: Settings,
  owner: User,
  warehouse: DefaultWarehouse,
) {
  const put = (Item: Record<string, unknown>) => ({
    Put: { TableName: env.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  await transact(t, [
    put({ ...tenantKey(t), entity: 'tenant', ...tenant }),
    put({ ...settingsKey(t), entity: 'settings', ...settings }),
    put(userItem(t, owner)),
    put({
      ...warehouseKey(t, warehouse.id),
      gsi1pk: t.key('WAREHOUSES'),
      gsi1sk: warehouse.id,
      entity: 'warehouse',
      ...warehouse,
    }),
  ]);
}

export async function getTenant(t: TenantContext): Promise<Tenant | undefined> {
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: tenantKey(t) }));
  return Item ? strip<Tenant>(Item) : undefined;
}

export async function getSettings(t: TenantContext): Promise<Settings | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: settingsKey(t), ConsistentRead: true }),
  );
  return Item ? withDefaults(strip<Settings>(Item)) : undefined;
}

/**
 * Settings written before a field existed read with the field's neutral value: a company that
 * signed up before 含税 prices existed keeps its prices' meaning (exclusive) until it says otherwise.
 */
const withDefaults = (s: Settings): Settings => ({
  ...s,
  timeZone: s.timeZone ?? 'Asia/Shanghai',
  pricesIncludeTax: s.pricesIncludeTax ?? false,
  defaultTaxRate: s.defaultTaxRate ?? 1300,
  appUrl: s.appUrl ?? null,
  bankName: s.bankName ?? null,
  bankAccount: s.bankAccount ?? null,
  // Companies from before data scopes kept every role seeing everything: that stays until they choose.
  dataScopes: { ...allSeeAll, ...s.dataScopes, owner: 'all' },
  ticketSla: { ...defaultTicketSla, ...s.ticketSla },
  ticketAssignment: s.ticketAssignment ?? 'round_robin',
  backorders: s.backorders ?? 'refuse',
});
const allSeeAll = Object.fromEntries(roles.map((r) => [r, 'all'])) as Settings['dataScopes'];

/** Settings and the tenant's display name change together. */
export async function replaceSettings(t: TenantContext, settings: Settings, previousVersion: number) {
  await transact(t, [
    {
      Put: {
        TableName: env.tableName,
        Item: { ...settingsKey(t), entity: 'settings', ...settings },
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': previousVersion },
      },
    },
    {
      Update: {
        TableName: env.tableName,
        Key: tenantKey(t),
        UpdateExpression: 'SET companyName = :name, locale = :locale, baseCurrency = :currency',
        ExpressionAttributeValues: {
          ':name': settings.companyName,
          ':locale': settings.locale,
          ':currency': settings.baseCurrency,
        },
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
  ]);
}

/** Display names of users by id (their name, else their email), for who-did-what lists; unknown ids are left out. */
export async function userNames(t: TenantContext, ids: string[]): Promise<Map<string, string>> {
  const users = await batchGetAll(
    t.db,
    [...new Set(ids)].map((id) => userKey(t, id)),
  );
  return new Map(users.map((u) => [String(u.id), String(u.name ?? u.email)]));
}

/** Users from before departments read with none. */
const userOf = (item: Record<string, unknown>): User => {
  const user = strip<User>(item);
  return { ...user, departmentId: user.departmentId ?? null, phone: user.phone ?? null };
};

export async function getUser(t: TenantContext, id: string): Promise<User | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: userKey(t, id), ConsistentRead: true }),
  );
  return Item ? userOf(Item) : undefined;
}

/** Every user of the company (a company has tens to hundreds): the data scope of a department reads them. */
export async function allUsers(t: TenantContext): Promise<User[]> {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': t.key('USERS') },
  });
  return items.map(userOf);
}

export async function insertUser(t: TenantContext, user: User) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: userItem(t, user),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** The last-owner rule: `keeperId`, another owner, must still be one when this commits. */
const ownerStill = (t: TenantContext, keeperId: string) => ({
  ConditionCheck: {
    TableName: env.tableName,
    Key: userKey(t, keeperId),
    ConditionExpression: '#role = :owner',
    ExpressionAttributeNames: { '#role': 'role' },
    ExpressionAttributeValues: { ':owner': 'owner' },
  },
});

export async function replaceUser(t: TenantContext, user: User, previousVersion: number, keeperId?: string) {
  const put = {
    TableName: env.tableName,
    Item: userItem(t, user),
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': previousVersion },
  };
  if (!keeperId) return void (await t.db.send(new PutCommand(put)));
  await transact(t, [{ Put: put }, ownerStill(t, keeperId)]);
}

export async function deleteUser(t: TenantContext, id: string, previousVersion: number, keeperId?: string) {
  const remove = {
    TableName: env.tableName,
    Key: userKey(t, id),
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': previousVersion },
  };
  if (!keeperId) return void (await t.db.send(new DeleteCommand(remove)));
  await transact(t, [{ Delete: remove }, ownerStill(t, keeperId)]);
}

export async function markUserActive(t: TenantContext, id: string) {
  await t.db
    .send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: userKey(t, id),
        UpdateExpression: 'SET #status = :active, version = version + :one, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND #status = :invited',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':active': 'active',
          ':invited': 'invited',
          ':one': 1,
          ':now': new Date().toISOString(),
        },
      }),
    )
    .catch(() => undefined);
}

export async function listUsers(t: TenantContext, limit: number, cursor?: string) {
  return listPage(
    t,
    {
      TableName: env.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('USERS') },
    },
    { limit: limit, cursor: cursor },
    userOf,
  );
}

/** The company's owners (the index is eventually consistent: the write re-checks its keeper in the transaction). */
export async function ownerIds(t: TenantContext): Promise<string[]> {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi1',
    ProjectionExpression: 'id',
    KeyConditionExpression: 'gsi1pk = :pk',
    FilterExpression: '#role = :owner',
    ExpressionAttributeNames: { '#role': 'role' },
    ExpressionAttributeValues: { ':pk': t.key('USERS'), ':owner': 'owner' },
  });
  return items.map((item) => String(item.id));
}

/**
 * A first-login challenge, bound to the email it was issued for (keyed by the session's hash, kept
 * 3 minutes as Cognito keeps it). Cognito checks sessions itself; cognito-local does not, so
 * without this any session would set any user's password locally.
 */
const challengeKey = (session: string) => ({
  pk: `AUTHCHALLENGE#${createHash('sha256').update(session).digest('base64url')}`,
  sk: 'CHALLENGE',
});
const CHALLENGE_SECONDS = 180;

export async function saveChallenge(session: string, email: string) {
  const now = Math.floor(Date.now() / 1000);
  await platformDb().send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...challengeKey(session),
        entity: 'auth_challenge',
        email: email.toLowerCase(),
        expiresAt: now + CHALLENGE_SECONDS,
      },
    }),
  );
}

/** True when `session` was issued, not yet used and not expired, for `email`. */
export async function challengeIssuedFor(session: string, email: string): Promise<boolean> {
  const { Item } = await platformDb().send(
    new GetCommand({ TableName: env.tableName, Key: challengeKey(session), ConsistentRead: true }),
  );
  return Boolean(Item && Item.email === email.toLowerCase() && Number(Item.expiresAt) > Date.now() / 1000);
}

export async function forgetChallenge(session: string) {
  await platformDb().send(new DeleteCommand({ TableName: env.tableName, Key: challengeKey(session) }));
}

import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, UnprocessableError } from '#functions/platform/errors.ts';
import { putIfVersion, putNew } from '#functions/platform/items.ts';
import { guarded, transact } from '#functions/platform/transact.ts';
import type { Customer, ListCustomersQuery, Note } from '#shared/api/customers.ts';
import { nameSearchKey } from '#shared/domain/customers.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { decodeCursor, encodeCursor } from '#functions/platform/cursor.ts';
import { listPage, queryAll, queryPage } from '#functions/platform/query.ts';
import { batchGetAll, resourceOf } from '#functions/platform/items.ts';
import { searchDocWrite, searchPage } from '#functions/platform/search.ts';
import { seesCustomer, type Visibility } from '#functions/tenants/scope.ts';
import { userKey } from '#functions/tenants/keys.ts';

export const customerKey = (t: TenantContext, id: string) => ({ pk: t.key('CUSTOMER', id), sk: 'CUSTOMER' });

/** Index entries: the list (newest first) and the name prefix search. Archived customers have none. */
function indexEntries(t: TenantContext, customer: Customer) {
  if (customer.archivedAt) return {};
  return {
    gsi1pk: t.key('CUSTOMERS'),
    gsi1sk: customer.id,
    gsi2pk: t.key('CUSTOMERS', 'NAME'),
    gsi2sk: `${nameSearchKey(customer.name)}#${customer.id}`,
  };
}

function toItem(t: TenantContext, customer: Customer) {
  return { ...customerKey(t, customer.id), ...indexEntries(t, customer), entity: 'customer', ...customer };
}

function fromItem(item: Record<string, unknown>): Customer {
  const { pk: _p, sk: _s, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, entity: _e, ...customer } = item;
  return customer as Customer;
}

/** Checks that references point at things that exist in this tenant, in the same transaction. */
function referenceChecks(t: TenantContext, customer: Customer) {
  const exists = (Key: { pk: string; sk: string }) => ({
    ConditionCheck: { TableName: env.tableName, Key, ConditionExpression: 'attribute_exists(pk)' },
  });
  return [
    ...(customer.ownerId
      ? [
          guarded(
            exists(userKey(t, customer.ownerId)),
            new UnprocessableError('unknown_owner', 'The owner is not a user of this company.'),
          ),
        ]
      : []),
    ...(customer.priceListId
      ? [
          guarded(
            exists({ pk: t.key('PRICELIST', customer.priceListId), sk: 'PRICELIST' }),
            new UnprocessableError('unknown_price_list', 'The price list does not exist.'),
          ),
        ]
      : []),
  ];
}

/** What finds a customer: its name, billing title and contacts (by name or pinyin), and their phone digits. */
const searchDoc = (t: TenantContext, c: Customer) =>
  searchDocWrite(
    t,
    'customer',
    { id: c.id, createdAt: c.createdAt, name: c.name, gone: Boolean(c.archivedAt) },
    {
      names: [c.name, c.billing?.title, ...c.contacts.map((x) => x.name)],
      codes: [c.billing?.taxId],
      phones: [...c.contacts.map((x) => x.phone), c.billing?.phone],
    },
  );

export async function insertCustomer(t: TenantContext, customer: Customer) {
  await transact(t, [
    { Put: { TableName: env.tableName, Item: toItem(t, customer), ConditionExpression: 'attribute_not_exists(pk)' } },
    await searchDoc(t, customer),
    outboxEvent(t, customerKey(t, customer.id).pk, 'customer.created', { type: 'customer', id: customer.id }, customer),
    ...referenceChecks(t, customer),
  ]);
}

/**
 * Replaces the customer if it is still at `previousVersion` (else `stale` is thrown); emits
 * customer.updated in the same transaction.
 */
export async function replaceCustomer(t: TenantContext, customer: Customer, previousVersion: number, stale: Error) {
  await transact(t, [
    guarded(putIfVersion(toItem(t, customer), previousVersion), stale),
    await searchDoc(t, customer),
    outboxEvent(t, customerKey(t, customer.id).pk, 'customer.updated', { type: 'customer', id: customer.id }, customer),
    ...referenceChecks(t, customer),
  ]);
}

export async function getCustomer(t: TenantContext, id: string): Promise<Customer | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: customerKey(t, id), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}

/**
 * q: the search index (any part of a name, pinyin, phone digits), best match first, then the other
 * filters. Without q: newest first on GSI1, or by name on GSI2 (`sort=name`). Other filters narrow either.
 */
export async function listCustomers(t: TenantContext, query: ListCustomersQuery, seen: Visibility = { all: true }) {
  if (query.q) {
    const matches = (c: Customer) =>
      seesCustomer(seen, c) &&
      (!query.tier || c.tier === query.tier) &&
      (!query.stage || c.stage === query.stage) &&
      (!query.tag || c.tags.includes(query.tag)) &&
      (!query.ownerId || c.ownerId === query.ownerId) &&
      (!query.pool || !c.ownerId);
    const { q, limit, cursor } = query;
    return searchPage(t, 'customer', { q, limit, cursor }, async (ids) =>
      (
        await batchGetAll(
          t.db,
          ids.map((id) => customerKey(t, id)),
        )
      )
        .map(fromItem)
        .filter(matches),
    );
  }
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.tier) {
    filters.push('tier = :tier');
    values[':tier'] = query.tier;
  }
  if (query.stage) {
    filters.push('#stage = :stage');
    names['#stage'] = 'stage';
    values[':stage'] = query.stage;
  }
  if (query.tag) {
    filters.push('contains(tags, :tag)');
    values[':tag'] = query.tag;
  }
  if (query.ownerId) {
    filters.push('ownerId = :owner');
    values[':owner'] = query.ownerId;
  }
  if (query.pool) {
    filters.push('(attribute_not_exists(ownerId) OR ownerId = :unowned)');
    values[':unowned'] = null;
  }
  if (!seen.all) {
    // Their own (or department's) customers and the shared pool: at most 100 names in one IN.
    const owners = [...seen.userIds].slice(0, 100);
    filters.push(
      `(attribute_not_exists(ownerId) OR ownerId = :nobody OR ownerId IN (${owners.map((_, i) => `:o${i}`).join(', ')}))`,
    );
    values[':nobody'] = null;
    owners.forEach((o, i) => {
      values[`:o${i}`] = o;
    });
  }
  const base: QueryCommandInput =
    query.sort === 'name'
      ? {
          TableName: env.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': t.key('CUSTOMERS', 'NAME'), ...values },
        }
      : {
          TableName: env.tableName,
          IndexName: 'gsi1',
          ScanIndexForward: false,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': t.key('CUSTOMERS'), ...values },
        };
  if (filters.length) base.FilterExpression = filters.join(' AND ');
  if (Object.keys(names).length) base.ExpressionAttributeNames = names;
  return listPage(t, base, { limit: query.limit, cursor: query.cursor }, fromItem);
}

const noteSk = (note: Note) => `NOTE#${note.at}#${note.id}`;

export async function insertNote(t: TenantContext, note: Note) {
  await transact(t, [
    guarded(
      {
        ConditionCheck: {
          TableName: env.tableName,
          Key: customerKey(t, note.customerId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      new NotFoundError('customer'),
    ),
    putNew({
      pk: customerKey(t, note.customerId).pk,
      sk: noteSk(note),
      entity: 'note',
      ...note,
      // Follow-ups due are one key range of GSI2 for the reminder job.
      ...(note.nextFollowUpAt ? { gsi2pk: t.key('FOLLOWUPS'), gsi2sk: `${note.nextFollowUpAt}#${note.id}` } : {}),
    }),
  ]);
}

/** Notes whose follow-up is due by `until` and not yet reminded (the reminder removes their index entry). */
export async function dueFollowUps(t: TenantContext, until: string): Promise<Note[]> {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :until',
    ExpressionAttributeValues: { ':pk': t.key('FOLLOWUPS'), ':until': `${until}~` },
  });
  return items.map((i) => resourceOf<Note>(i));
}

/** Takes a reminded note out of the due index (only once: a second reminder finds it gone). */
export function followUpReminded(t: TenantContext, note: Note, at: string) {
  return {
    Update: {
      TableName: env.tableName,
      Key: { pk: customerKey(t, note.customerId).pk, sk: noteSk(note) },
      UpdateExpression: 'SET followUpRemindedAt = :at REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(gsi2pk)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

export async function listNotes(t: TenantContext, customerId: string, limit: number, cursor?: string) {
  const { items, lastKey } = await queryPage(
    t.db,
    {
      TableName: env.tableName,
      ScanIndexForward: false,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notes)',
      ExpressionAttributeValues: { ':pk': customerKey(t, customerId).pk, ':notes': 'NOTE#' },
    },
    limit,
    await decodeCursor(t.tenantId, cursor),
  );
  return {
    items: items.map((i) => {
      const note = resourceOf<Note>(i);
      return { ...note, nextFollowUpAt: note.nextFollowUpAt ?? null, followUpUserId: note.followUpUserId ?? null };
    }),
    nextCursor: await encodeCursor(t.tenantId, lastKey),
  };
}

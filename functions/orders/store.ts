import { keyedOf, packBody, unpackBody, withoutKeyed } from '#functions/platform/compact.ts';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { searchDocWrite, searchPage } from '#functions/platform/search.ts';
import { seesRep, type Visibility } from '#functions/tenants/scope.ts';
import type { ListOrdersQuery, Order, Revision } from '#shared/api/orders.ts';
import type { CarrierCode, trackingStatuses } from '#shared/domain/carriers.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { decodeCursor, encodeCursor } from '#functions/platform/cursor.ts';
import { queryAll, queryPage } from '#functions/platform/query.ts';
import { batchGetAll, putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import type { TransactItem } from '#functions/platform/transact.ts';
import { shipmentRefPartition } from './partitions.ts';

export const orderKey = (t: TenantContext, id: string) => ({ pk: t.key('ORDER', id), sk: 'ORDER' });
const creditKey = (t: TenantContext, customerId: string) => ({ pk: t.key('CUSTOMER', customerId), sk: 'CREDIT' });

/**
 * An order's members kept plain: what list filters read (the sales rep; an order from before sales reps
 * is filtered on who entered it, but every order written now has `salesRepId`, null or not) and the
 * version condition. Its id, customer and creation time are in its keys.
 */
const ORDER_PLAIN = ['salesRepId', 'version'] as const;
/**
 * Index entries: all orders by date (GSI1), by status and date (GSI2), by customer and date
 * (GSI3, keys only). A status change moves the order between GSI2 partitions by itself. The sort key
 * is the creation time alone: an index key need not be unique (orders of one instant are told apart by
 * their table keys, which a page's cursor carries too), and the id's 31 bytes in three keys kept the
 * order over 924 B, where each copy in GSI1 and GSI2 (100 B more) costs two write units instead of one.
 * Orders stored with `<time>#<id>` sort among them by time as before.
 */
export function orderItem(t: TenantContext, o: Order) {
  const sortKey = o.createdAt;
  // Packed but for what lists filter on and conditions read: every KB of the order is paid on each
  // write, twice in a transaction and again in each index that copies it.
  return {
    ...orderKey(t, o.id),
    entity: 'order',
    ...packBody(withoutKeyed(o), ORDER_PLAIN),
    gsi1pk: t.key('ORDERS'),
    gsi1sk: sortKey,
    gsi2pk: t.key('ORDERS', o.status),
    gsi2sk: sortKey,
    gsi3pk: t.key('CUSTOMER', o.customerId, 'ORDERS'),
    gsi3sk: sortKey,
  };
}
/** Orders written before 含税 prices and exchange rates existed read as exclusive, in the base currency's rate. */
const fromItem = (i: Record<string, unknown>) => {
  const order = unpackBody<Order>({ ...keyedOf(i), ...resourceOf(i) });
  return {
    ...order,
    fxRate: order.fxRate ?? '1',
    pricesIncludeTax: order.pricesIncludeTax ?? false,
    // Orders from before sales reps were credited to whoever entered them.
    salesRepId: order.salesRepId === undefined ? (order.createdBy ?? null) : order.salesRepId,
    // ...and before costs were kept, shipped nothing at a known cost.
    cost: order.cost ?? 0,
    grossMargin: order.grossMargin ?? 0,
    requestedDeliveryDate: order.requestedDeliveryDate ?? null,
    validUntil: order.validUntil ?? null,
    revision: order.revision ?? 0,
    shortages: order.shortages ?? [],
    backorderedAt: order.backorderedAt ?? null,
    lines: order.lines.map((l) => ({
      ...l,
      cost: l.cost ?? 0,
      closedQuantity: l.closedQuantity ?? 0,
      backordered: l.backordered ?? 0,
    })),
  };
};

export const putNewOrder = (t: TenantContext, o: Order): TransactItem => putNew(orderItem(t, o));
export const putOrder = (t: TenantContext, o: Order, previousVersion: number): TransactItem =>
  putIfVersion(orderItem(t, o), previousVersion);

/** Confirmed, not yet invoiced amounts per customer: the order side of credit exposure. */
export const creditExposureChange = (
  t: TenantContext,
  customerId: string,
  currency: string,
  delta: number,
): TransactItem => ({
  Update: {
    TableName: env.tableName,
    Key: creditKey(t, customerId),
    UpdateExpression: 'ADD confirmedUninvoiced :d SET currency = :c, entity = :e',
    ExpressionAttributeValues: { ':d': delta, ':c': currency, ':e': 'credit_exposure' },
  },
});
/** Credit exposure: confirmed orders not yet invoiced plus open receivables (kept by invoicing and payments). */
export async function creditExposure(
  t: TenantContext,
  customerId: string,
): Promise<{ uninvoiced: number; receivables: number; prepaid: number; total: number }> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: creditKey(t, customerId), ConsistentRead: true }),
  );
  const uninvoiced = Number(Item?.confirmedUninvoiced ?? 0);
  const receivables = Number(Item?.receivables ?? 0);
  // Money the customer paid ahead (a deposit, an unapplied transfer) lowers what it owes.
  const prepaid = Number(Item?.prepaid ?? 0);
  return { uninvoiced, receivables, prepaid, total: uninvoiced + receivables - prepaid };
}

/**
 * What invoicing has invoiced of each line lives in its own item beside the order
 * (`sk = INVOICED`, one attribute per line, its own version), so a consumer invoicing a shipment
 * never rewrites the order: `order.version` (the ETag) changes only when a person or a partner
 * changes the order. Reads merge it into `lines[].invoiced`.
 */
export const invoicedKey = (t: TenantContext, orderId: string) => ({ pk: t.key('ORDER', orderId), sk: 'INVOICED' });
const lineAttribute = (lineId: string) => `line_${lineId}`;

/** The order as stored, with each line's invoiced quantity from its invoiced item (and that item's version). */
function withInvoiced(
  order: Order,
  invoiced: Record<string, unknown> | undefined,
): Order & { invoicedVersion: number } {
  return {
    ...order,
    lines: order.lines.map((l) => ({ ...l, invoiced: Number(invoiced?.[lineAttribute(l.lineId)] ?? 0) })),
    invoicedVersion: Number(invoiced?.version ?? 0),
  };
}
const publicOrder = ({ invoicedVersion: _v, ...order }: Order & { invoicedVersion?: number }): Order => order;

/** The order and its invoiced item in one strongly consistent query: sort keys INVOICED and ORDER bound the range. */
export async function getOrderWithInvoiced(t: TenantContext, id: string) {
  const { Items = [] } = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :invoiced AND :order',
      ExpressionAttributeValues: { ':pk': orderKey(t, id).pk, ':invoiced': 'INVOICED', ':order': 'ORDER' },
    }),
  );
  const order = Items.find((i) => i.sk === 'ORDER');
  return order
    ? withInvoiced(
        fromItem(order),
        Items.find((i) => i.sk === 'INVOICED'),
      )
    : undefined;
}

export async function getOrder(t: TenantContext, id: string): Promise<Order | undefined> {
  const order = await getOrderWithInvoiced(t, id);
  return order && publicOrder(order);
}

/**
 * Adds invoiced quantities to an order's lines, conditioned on the invoiced item's version read
 * with the order (two invoices computed at once cannot both take the same uninvoiced quantity), and
 * the invoice to the order's invoices (`invoiceIds`: the order page lists them from this one item,
 * where each invoice once wrote a pointer item of its own).
 */
export function invoicedChange(
  t: TenantContext,
  orderId: string,
  previousVersion: number,
  added: Map<string, number>,
  invoiceId?: string,
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':zero': 0, ':one': 1, ':e': 'order_invoiced' };
  const sets = [...added].map(([lineId, quantity], i) => {
    names[`#l${i}`] = lineAttribute(lineId);
    values[`:q${i}`] = quantity;
    return `#l${i} = if_not_exists(#l${i}, :zero) + :q${i}`;
  });
  return {
    Update: {
      TableName: env.tableName,
      Key: invoicedKey(t, orderId),
      UpdateExpression: `SET ${[...sets, 'version = if_not_exists(version, :zero) + :one', 'entity = :e'].join(', ')}${invoiceId ? ' ADD invoiceIds :invoice' : ''}`,
      ConditionExpression: previousVersion === 0 ? 'attribute_not_exists(version)' : 'version = :previous',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ...values,
        ...(previousVersion === 0 ? {} : { ':previous': previousVersion }),
        ...(invoiceId ? { ':invoice': new Set([invoiceId]) } : {}),
      },
    },
  };
}

/** Orders read from an index or in a batch, with their invoiced items (only orders past confirmation can have one). */
async function withInvoicedAll(t: TenantContext, orders: Order[]): Promise<Order[]> {
  const invoiceable = orders.filter((o) => !['draft', 'pending_approval', 'rejected'].includes(o.status));
  const items = await batchGetAll(
    t.db,
    invoiceable.map((o) => invoicedKey(t, o.id)),
  );
  const byOrder = new Map(items.map((i) => [String(i.pk), i]));
  return orders.map((o) => publicOrder(withInvoiced(o, byOrder.get(orderKey(t, o.id).pk))));
}

async function batchGetOrders(t: TenantContext, keys: Record<string, unknown>[]): Promise<Order[]> {
  return (
    await batchGetAll(
      t.db,
      keys.map((k) => ({ pk: k.pk, sk: k.sk })),
    )
  ).map(fromItem);
}

/** What finds an order: its number (or its last digits), the external reference, the customer's name or pinyin. */
export const orderSearchDoc = (t: TenantContext, o: Order) =>
  searchDocWrite(
    t,
    'order',
    { id: o.id, createdAt: o.createdAt, name: o.number },
    { codes: [o.number, o.externalRef], names: [o.customerName] },
  );

/**
 * q: the search index, best match first, then the other filters. Otherwise newest first; by status
 * (GSI2), by customer (GSI3 then the orders), or all (GSI1); dates bound the sort key.
 */
export async function listOrders(t: TenantContext, q: ListOrdersQuery, seen: Visibility = { all: true }) {
  if (q.q) {
    const day = (o: Order) => o.createdAt.slice(0, 10);
    const matches = (o: Order) =>
      seesRep(seen, o.salesRepId) &&
      (!q.salesRepId || o.salesRepId === q.salesRepId) &&
      (!q.status || o.status === q.status) &&
      (!q.customerId || o.customerId === q.customerId) &&
      (!q.from || day(o) >= q.from) &&
      (!q.to || day(o) <= q.to);
    return searchPage(t, 'order', { q: q.q, limit: q.limit, cursor: q.cursor }, async (ids) =>
      withInvoicedAll(
        t,
        (
          await batchGetOrders(
            t,
            ids.map((id) => orderKey(t, id)),
          )
        ).filter(matches),
      ),
    );
  }
  const [index, pk] = q.status
    ? ['gsi2', t.key('ORDERS', q.status)]
    : q.customerId
      ? ['gsi3', t.key('CUSTOMER', q.customerId, 'ORDERS')]
      : ['gsi1', t.key('ORDERS')];
  const from = q.from ?? '0000';
  const to = `${q.to ?? '9999-12-31'}~`; // '~' sorts after any time and id of the last day
  const input: Record<string, unknown> = {
    TableName: env.tableName,
    IndexName: index,
    ScanIndexForward: false,
    KeyConditionExpression: `${index}pk = :pk AND ${index}sk BETWEEN :from AND :to`,
    ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to } as Record<string, unknown>,
  };
  const filters: string[] = [];
  const values = input.ExpressionAttributeValues as Record<string, unknown>;
  if (q.status && q.customerId) {
    // The customer is in the by-customer index key (every order has it; its body does not repeat it).
    filters.push('gsi3pk = :cid');
    values[':cid'] = t.key('CUSTOMER', q.customerId, 'ORDERS');
  }
  // GSI3 (a customer's orders) keeps keys only: its rep and scope are checked on the orders read.
  if (q.salesRepId && index !== 'gsi3') {
    filters.push('(salesRepId = :rep OR (attribute_not_exists(salesRepId) AND createdBy = :rep))');
    values[':rep'] = q.salesRepId;
  }
  const reps = seen.all ? [] : [...seen.userIds].slice(0, 99);
  if (!seen.all && index !== 'gsi3') {
    const list = reps.map((_, i) => `:r${i}`).join(', ');
    filters.push(`(salesRepId IN (${list}) OR (attribute_not_exists(salesRepId) AND createdBy IN (${list})))`);
    reps.forEach((r, i) => {
      values[`:r${i}`] = r;
    });
  }
  if (filters.length) input.FilterExpression = filters.join(' AND ');
  const { items, lastKey } = await queryPage(t.db, input as never, q.limit, await decodeCursor(t.tenantId, q.cursor));
  const orders = (index === 'gsi3' ? await batchGetOrders(t, items) : items.map(fromItem)).filter(
    (o) => seesRep(seen, o.salesRepId) && (!q.salesRepId || o.salesRepId === q.salesRepId),
  );
  return { items: await withInvoicedAll(t, orders), nextCursor: await encodeCursor(t.tenantId, lastKey) };
}

/** Whether the company has ever made an order (one key of GSI1): its base currency is then fixed. */
export async function hasAnyOrder(t: TenantContext): Promise<boolean> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('ORDERS') },
      Limit: 1,
    }),
  );
  return (out.Items ?? []).length > 0;
}

/** Every order of a customer (keys from GSI3, then the orders), for the customer summary. */
export async function allCustomerOrders(t: TenantContext, customerId: string): Promise<Order[]> {
  const keys = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': t.key('CUSTOMER', customerId, 'ORDERS') },
  });
  const orders: Order[] = [];
  for (let i = 0; i < keys.length; i += 100) orders.push(...(await batchGetOrders(t, keys.slice(i, i + 100))));
  return withInvoicedAll(t, orders);
}

/** Every item of the order's partition under a sort-key prefix, oldest first (ids are time-ordered). */
async function orderItems(t: TenantContext, id: string, prefix: string) {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
    ExpressionAttributeValues: { ':pk': orderKey(t, id).pk, ':e': prefix },
  });
  return items;
}

export const timeline = (t: TenantContext, id: string) => orderItems(t, id, 'EVENT#');

export interface StoredShipment {
  id: string;
  warehouseId: string;
  lines: { lineId: string; productId: string; quantity: number }[];
  carrierCode?: CarrierCode | null;
  carrier: string | null;
  trackingNumber: string | null;
  at: string;
  tracking?: { status: (typeof trackingStatuses)[number]; at: string; location: string | null }[];
  deliveredAt?: string | null;
}

/**
 * Which order a shipment belongs to (a logistics partner knows only the shipment): one partition a
 * company, out of the inventory (the purge deletes it by name: `shipmentRefPartition`), so a shipment
 * writes no index entry for it. Shipments made before kept theirs in a partition of its own.
 */
const shipmentRefKey = (t: TenantContext, shipmentId: string) => ({
  pk: shipmentRefPartition(t.tenantId),
  sk: shipmentId,
});
const legacyShipmentRefKey = (t: TenantContext, shipmentId: string) => ({
  pk: t.key('SHIPMENT', shipmentId),
  sk: 'SHIPMENT',
});
export const putShipmentRef = (t: TenantContext, shipmentId: string, orderId: string): TransactItem =>
  putNew({ ...shipmentRefKey(t, shipmentId), entity: 'shipment_ref', orderId });
export async function orderOfShipment(t: TenantContext, shipmentId: string): Promise<string | null> {
  for (const key of [shipmentRefKey, legacyShipmentRefKey]) {
    const { Item } = await t.db.send(
      new GetCommand({ TableName: env.tableName, Key: key(t, shipmentId), ConsistentRead: true }),
    );
    if (Item) return String(Item.orderId);
  }
  return null;
}
export async function getShipment(t: TenantContext, orderId: string, shipmentId: string) {
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key: { pk: orderKey(t, orderId).pk, sk: `SHIP#${shipmentId}` },
      ConsistentRead: true,
    }),
  );
  return Item ? { shipment: resourceOf<StoredShipment>(Item), version: Number(Item.trackingVersion ?? 0) } : null;
}
/** A shipment's tracking, conditioned on what was read (two partners posting at once both land). */
export const putShipmentTracking = (
  t: TenantContext,
  orderId: string,
  shipment: StoredShipment,
  previous: number,
): TransactItem => ({
  Put: {
    TableName: env.tableName,
    Item: {
      pk: orderKey(t, orderId).pk,
      sk: `SHIP#${shipment.id}`,
      entity: 'shipment',
      ...shipment,
      trackingVersion: previous + 1,
    },
    ConditionExpression: previous === 0 ? 'attribute_not_exists(trackingVersion)' : 'trackingVersion = :v',
    ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':v': previous } }),
  },
});
export const shipments = async (t: TenantContext, id: string) =>
  (await orderItems(t, id, 'SHIP#')).map((i) => resourceOf<StoredShipment>(i));

export const putShipment = (
  t: TenantContext,
  orderId: string,
  shipment: Record<string, unknown> & { id: string },
): TransactItem => ({
  Put: {
    TableName: env.tableName,
    Item: { pk: orderKey(t, orderId).pk, sk: `SHIP#${shipment.id}`, entity: 'shipment', ...shipment },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** A channel's order reference is unique per company: a claim item in the order's own transaction. */
const externalRefKey = (t: TenantContext, channel: string, ref: string) => ({
  pk: t.key('EXTREF', channel, ref),
  sk: 'EXTREF',
});
export const claimExternalRef = (t: TenantContext, channel: string, ref: string, orderId: string): TransactItem =>
  putNew({ ...externalRefKey(t, channel, ref), entity: 'external_ref', orderId });
export const releaseExternalRef = (t: TenantContext, channel: string, ref: string): TransactItem => ({
  Delete: { TableName: env.tableName, Key: externalRefKey(t, channel, ref) },
});
export async function orderOfExternalRef(t: TenantContext, channel: string, ref: string): Promise<string | null> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: externalRefKey(t, channel, ref), ConsistentRead: true }),
  );
  return Item ? String(Item.orderId) : null;
}

/** An order's revisions, each its own item in the order's partition. */
export const putRevision = (t: TenantContext, orderId: string, r: Revision): TransactItem =>
  putNew({
    pk: orderKey(t, orderId).pk,
    sk: `REVISION#${String(r.n).padStart(4, '0')}`,
    entity: 'order_revision',
    ...r,
  });
export const revisions = async (t: TenantContext, id: string) =>
  (await orderItems(t, id, 'REVISION#')).map((i) => resourceOf<Revision>(i));

/** Backordered lines of a product in a warehouse, oldest first: the receipts fill them in this order. */
const backordersPk = (t: TenantContext, productId: string, warehouseId: string) =>
  t.key('BACKORDERS', productId, warehouseId);
const backorderSk = (o: Pick<Order, 'id' | 'backorderedAt'>, lineId: string) => `${o.backorderedAt}#${o.id}#${lineId}`;
export const putBackorder = (
  t: TenantContext,
  o: Order,
  line: { lineId: string; productId: string },
): TransactItem => ({
  Put: {
    TableName: env.tableName,
    Item: {
      pk: backordersPk(t, line.productId, o.warehouseId),
      sk: backorderSk(o, line.lineId),
      entity: 'backorder',
      orderId: o.id,
      lineId: line.lineId,
    },
  },
});
export const deleteBackorder = (
  t: TenantContext,
  o: Order,
  line: { lineId: string; productId: string },
): TransactItem => ({
  Delete: {
    TableName: env.tableName,
    Key: { pk: backordersPk(t, line.productId, o.warehouseId), sk: backorderSk(o, line.lineId) },
  },
});
export async function backorders(t: TenantContext, productId: string, warehouseId: string) {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    ConsistentRead: true,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': backordersPk(t, productId, warehouseId) },
  });
  return items.map((i) => ({ orderId: String(i.orderId), lineId: String(i.lineId) }));
}

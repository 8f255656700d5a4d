import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Bill, PurchaseOrder, Stocktake, Supplier } from '#shared/api/purchasing.ts';
import { env } from '#functions/platform/env.ts';
import { batchGetAll, putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import { listPage, queryAll } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import type { TransactItem } from '#functions/platform/transact.ts';

/** Suppliers, purchase orders and bills: each its own partition; lists on GSI1, by status on GSI2. */
export const supplierKey = (t: TenantContext, id: string) => ({ pk: t.key('SUPPLIER', id), sk: 'SUPPLIER' });
export const poKey = (t: TenantContext, id: string) => ({ pk: t.key('PO', id), sk: 'PO' });
export const billKey = (t: TenantContext, id: string) => ({ pk: t.key('BILL', id), sk: 'BILL' });
const payablesKey = (t: TenantContext) => ({ pk: t.key('PAYABLES'), sk: 'TOTAL' });

const supplierItem = (t: TenantContext, s: Supplier) => ({
  ...supplierKey(t, s.id),
  entity: 'supplier',
  ...s,
  ...(s.archivedAt ? {} : { gsi1pk: t.key('SUPPLIERS'), gsi1sk: s.id }),
});
export const putNewSupplier = (t: TenantContext, s: Supplier) => putNew(supplierItem(t, s));
export const putSupplier = (t: TenantContext, s: Supplier, v: number) => putIfVersion(supplierItem(t, s), v);

const poItem = (t: TenantContext, p: PurchaseOrder) => ({
  ...poKey(t, p.id),
  entity: 'purchase_order',
  ...p,
  gsi1pk: t.key('POS'),
  gsi1sk: `${p.createdAt}#${p.id}`,
  gsi2pk: t.key('POS', p.status),
  gsi2sk: `${p.createdAt}#${p.id}`,
});
export const putNewPo = (t: TenantContext, p: PurchaseOrder) => putNew(poItem(t, p));
export const putPo = (t: TenantContext, p: PurchaseOrder, v: number) => putIfVersion(poItem(t, p), v);

const billItem = (t: TenantContext, b: Bill) => ({
  ...billKey(t, b.id),
  entity: 'bill',
  ...b,
  gsi1pk: t.key('BILLS'),
  gsi1sk: `${b.createdAt}#${b.id}`,
  gsi2pk: t.key('BILLS', b.status),
  gsi2sk: `${b.dueDate}#${b.id}`,
});
export const putNewBill = (t: TenantContext, b: Bill) => putNew(billItem(t, b));

/** A count sheet, with the products already booked while a large sheet is `posting`. */
export type StoredStocktake = Stocktake & { postedProductIds?: string[] };
export const stocktakeKey = (t: TenantContext, id: string) => ({ pk: t.key('STOCKTAKE', id), sk: 'STOCKTAKE' });
const stocktakeItem = (t: TenantContext, s: StoredStocktake) => ({
  ...stocktakeKey(t, s.id),
  entity: 'stocktake',
  ...s,
  gsi1pk: t.key('STOCKTAKES'),
  gsi1sk: `${s.createdAt}#${s.id}`,
  gsi2pk: t.key('STOCKTAKES', s.status),
  gsi2sk: `${s.createdAt}#${s.id}`,
});
export const putNewStocktake = (t: TenantContext, s: StoredStocktake) => putNew(stocktakeItem(t, s));
export const putStocktake = (t: TenantContext, s: StoredStocktake, v: number) => putIfVersion(stocktakeItem(t, s), v);
export const getStocktake = (t: TenantContext, id: string) => get<StoredStocktake>(t, stocktakeKey(t, id));
export const putBill = (t: TenantContext, b: Bill, v: number) => putIfVersion(billItem(t, b), v);

/** What the company owes suppliers, per currency and in the base currency, moved with each bill and payment. */
export const payablesChange = (t: TenantContext, currency: string, delta: number, baseDelta: number): TransactItem => ({
  Update: {
    TableName: env.tableName,
    Key: payablesKey(t),
    UpdateExpression: 'ADD #open :d, open_base :b SET entity = :e',
    ExpressionAttributeNames: { '#open': `open_${currency}` },
    ExpressionAttributeValues: { ':d': delta, ':b': baseDelta, ':e': 'payables' },
  },
});

async function get<T>(t: TenantContext, Key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key, ConsistentRead: true }));
  return Item ? resourceOf<T>(Item) : undefined;
}
/** Suppliers stored before the company's own fields existed read with an empty bag. */
const supplierOf = (i: Record<string, unknown>): Supplier => {
  const s = resourceOf<Supplier>(i);
  return { ...s, customFields: s.customFields ?? {} };
};
export const getSupplier = async (t: TenantContext, id: string) => {
  const s = await get<Supplier>(t, supplierKey(t, id));
  return s && supplierOf(s);
};
export const getPo = (t: TenantContext, id: string) => get<PurchaseOrder>(t, poKey(t, id));
export const getBill = (t: TenantContext, id: string) => get<Bill>(t, billKey(t, id));

export async function suppliersById(t: TenantContext, ids: string[]) {
  return (
    await batchGetAll(
      t.db,
      ids.map((id) => supplierKey(t, id)),
    )
  ).map(supplierOf);
}

export const listSuppliers = (t: TenantContext, limit: number, cursor?: string) =>
  listPage(
    t,
    {
      TableName: env.tableName,
      IndexName: 'gsi1',
      ScanIndexForward: false,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('SUPPLIERS') },
    },
    { limit, cursor },
    supplierOf,
  );

function listBy<T>(
  t: TenantContext,
  kind: 'POS' | 'BILLS' | 'STOCKTAKES',
  q: { limit: number; cursor?: string; status?: string; supplierId?: string; warehouseId?: string },
) {
  const [index, pk] = q.status ? ['gsi2', t.key(kind, q.status)] : ['gsi1', t.key(kind)];
  const [attribute, value] = q.supplierId ? ['supplierId', q.supplierId] : ['warehouseId', q.warehouseId];
  return listPage(
    t,
    {
      TableName: env.tableName,
      IndexName: index,
      ScanIndexForward: false,
      KeyConditionExpression: `${index}pk = :pk`,
      ExpressionAttributeValues: { ':pk': pk, ...(value ? { ':f': value } : {}) },
      ...(value ? { FilterExpression: `${attribute} = :f` } : {}),
    },
    { limit: q.limit, cursor: q.cursor },
    (i) => resourceOf<T>(i),
  );
}
export const listPos = (
  t: TenantContext,
  q: { limit: number; cursor?: string; status?: string; supplierId?: string },
) => listBy<PurchaseOrder>(t, 'POS', q);
export const listBills = (
  t: TenantContext,
  q: { limit: number; cursor?: string; status?: string; supplierId?: string },
) => listBy<Bill>(t, 'BILLS', q);

export const listStocktakes = (
  t: TenantContext,
  q: { limit: number; cursor?: string; status?: string; warehouseId?: string },
) => listBy<StoredStocktake>(t, 'STOCKTAKES', q);

export async function openBills(t: TenantContext): Promise<Bill[]> {
  const out = await Promise.all(
    (['open', 'partially_paid'] as const).map((s) =>
      queryAll(t.db, {
        TableName: env.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': t.key('BILLS', s) },
      }),
    ),
  );
  return out.flat().map((i) => resourceOf<Bill>(i));
}

export const markArchived = (t: TenantContext, id: string, at: string) =>
  t.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: supplierKey(t, id),
      UpdateExpression: 'SET archivedAt = :at, version = version + :one REMOVE gsi1pk, gsi1sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at, ':one': 1 },
    }),
  );

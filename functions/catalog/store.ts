import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#functions/platform/errors.ts';
import { guarded, transact, type TransactItem } from '#functions/platform/transact.ts';
import type { PriceList, Product, Warehouse } from '#shared/api/catalog.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { listPage, queryAll } from '#functions/platform/query.ts';
import { batchGetAll, putIfVersion, putNew } from '#functions/platform/items.ts';
import { searchDocWrite, searchPage } from '#functions/platform/search.ts';
import { warehouseKey } from '#functions/tenants/keys.ts';

export const productKey = (t: TenantContext, id: string) => ({ pk: t.key('PRODUCT', id), sk: 'PRODUCT' });
const skuKey = (t: TenantContext, sku: string) => ({ pk: t.key('SKU', sku.toUpperCase()), sk: 'SKU' });
export const priceListKey = (t: TenantContext, id: string) => ({ pk: t.key('PRICELIST', id), sk: 'PRICELIST' });

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _p, sk: _s, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, entity: _e, ...rest } = item;
  return rest as T;
};

const productItem = (t: TenantContext, p: Product) => ({
  ...productKey(t, p.id),
  entity: 'product',
  ...p,
  gsi1pk: t.key('PRODUCTS'),
  gsi1sk: p.id,
  gsi2pk: t.key('PRODUCTS', 'SKU'),
  gsi2sk: p.sku.toUpperCase(),
});

/** What finds a product: its name (or pinyin: 「龙井」, `longjing`, `lj`) and its SKU. */
const searchDoc = (t: TenantContext, p: Product) =>
  searchDocWrite(t, 'product', { id: p.id, createdAt: p.createdAt, name: p.name }, { names: [p.name], codes: [p.sku] });

/** The SKU is unique per tenant: a claim item written in the same transaction as the product. */
export async function insertProduct(t: TenantContext, p: Product, alsoWrite: TransactItem[] = []) {
  await transact(t, [
    guarded(
      putNew({ ...skuKey(t, p.sku), entity: 'sku_claim', productId: p.id }),
      new ConflictError('sku_taken', `The SKU ${p.sku} is already used by another product.`),
    ),
    putNew(productItem(t, p)),
    await searchDoc(t, p),
    ...alsoWrite,
  ]);
}

export async function replaceProduct(t: TenantContext, p: Product, previousVersion: number) {
  await transact(t, [putIfVersion(productItem(t, p), previousVersion), await searchDoc(t, p)]);
}

export async function getProduct(t: TenantContext, id: string, consistent = true): Promise<Product | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: productKey(t, id), ConsistentRead: consistent }),
  );
  return Item ? withFields(strip<Product>(Item)) : undefined;
}
/** Products from before custom fields had none. */
const withFields = (p: Product): Product => ({ ...p, customFields: p.customFields ?? {} });

/** Several products by id (BatchGet, 100 a call); missing ones are simply absent. */
export async function getProducts(t: TenantContext, ids: string[]): Promise<Map<string, Product>> {
  const items = await batchGetAll(
    t.db,
    [...new Set(ids)].map((id) => productKey(t, id)),
    true,
  );
  const found = new Map<string, Product>();
  for (const item of items) {
    const p = withFields(strip<Product>(item));
    found.set(p.id, p);
  }
  return found;
}

/** Product ids by SKU (case-insensitive), read from the SKU claims; unknown SKUs are absent. */
export async function productIdsBySku(t: TenantContext, skus: string[]): Promise<Map<string, string>> {
  const items = await batchGetAll(
    t.db,
    [...new Set(skus.map((s) => s.toUpperCase()))].map((sku) => skuKey(t, sku)),
    true,
  );
  const out = new Map<string, string>();
  for (const item of items) out.set(String(item.pk).slice(t.key('SKU', '').length), String(item.productId));
  return out;
}

/**
 * q: the search index (any part of the name, its pinyin, the SKU), best match first. Without q:
 * newest first (GSI1) or by SKU (`sort=sku`, GSI2).
 */
export async function listProducts(
  t: TenantContext,
  q: { limit: number; cursor?: string; q?: string; active?: boolean; sort?: 'newest' | 'sku' },
) {
  if (q.q) {
    return searchPage(t, 'product', { q: q.q, limit: q.limit, cursor: q.cursor }, async (ids) =>
      [...(await getProducts(t, ids)).values()]
        .filter((p) => q.active === undefined || p.active === q.active)
        .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)),
    );
  }
  const base =
    q.sort === 'sku'
      ? {
          TableName: env.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': t.key('PRODUCTS', 'SKU') } as Record<string, unknown>,
        }
      : {
          TableName: env.tableName,
          IndexName: 'gsi1',
          ScanIndexForward: false,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': t.key('PRODUCTS') } as Record<string, unknown>,
        };
  const input =
    q.active === undefined
      ? base
      : {
          ...base,
          FilterExpression: 'active = :active',
          ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':active': q.active },
        };
  return listPage(t, input, { limit: q.limit, cursor: q.cursor }, (i) => withFields(strip<Product>(i)));
}

const warehouseItem = (t: TenantContext, w: Warehouse) => ({
  ...warehouseKey(t, w.id),
  gsi1pk: t.key('WAREHOUSES'),
  gsi1sk: w.id,
  entity: 'warehouse',
  ...w,
});

export async function insertWarehouse(t: TenantContext, w: Warehouse) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: warehouseItem(t, w),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}
export async function replaceWarehouse(t: TenantContext, w: Warehouse, previousVersion: number) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: warehouseItem(t, w),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': previousVersion },
    }),
  );
}
export async function getWarehouse(t: TenantContext, id: string): Promise<Warehouse | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: warehouseKey(t, id), ConsistentRead: true }),
  );
  return Item ? strip<Warehouse>(Item) : undefined;
}
/** A company has a handful of warehouses: one Query reads them all. */
export async function listWarehouses(t: TenantContext): Promise<Warehouse[]> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('WAREHOUSES') },
    }),
  );
  return (out.Items ?? []).map((i) => {
    const w = strip<Warehouse>(i);
    return { ...w, address: w.address ?? null };
  });
}

const priceListItem = (t: TenantContext, l: PriceList) => ({
  ...priceListKey(t, l.id),
  gsi1pk: t.key('PRICELISTS'),
  gsi1sk: l.id,
  entity: 'price_list',
  ...l,
});
export async function insertPriceList(t: TenantContext, l: PriceList) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: priceListItem(t, l),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}
export async function replacePriceList(t: TenantContext, l: PriceList, previousVersion: number) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: priceListItem(t, l),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': previousVersion },
    }),
  );
}
export async function getPriceList(t: TenantContext, id: string): Promise<PriceList | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: priceListKey(t, id), ConsistentRead: true }),
  );
  return Item ? strip<PriceList>(Item) : undefined;
}
/** Price lists are few per tenant (tiers, key accounts): read them all in one paged Query. */
export async function listPriceLists(t: TenantContext): Promise<PriceList[]> {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': t.key('PRICELISTS') },
  });
  return items.map((i) => strip<PriceList>(i));
}

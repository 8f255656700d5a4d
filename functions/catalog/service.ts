import { checkCustomFields, filteredPage } from '#functions/tenants/custom-fields.ts';
import type * as z from 'zod';
import type {
  CreatePriceListBody,
  CreateProductBody,
  CreateWarehouseBody,
  ListProductsQuery,
  PatchPriceListBody,
  PatchProductBody,
  PatchWarehouseBody,
  PriceList,
  Product,
  Warehouse,
} from '#shared/api/catalog.ts';
import type { Customer } from '#shared/api/customers.ts';
import { quotePrice, type QuotedPrice } from '#shared/domain/pricing.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { isConditionFailure, staleWrite, retryOnConflict } from '#functions/platform/db.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import type { TransactItem } from '#functions/platform/transact.ts';
import * as store from './store.ts';

const checkVersion = (current: { version: number }, expected?: number) => {
  if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
};

export async function createProduct(
  t: TenantContext,
  body: z.output<typeof CreateProductBody>,
  options: { id?: string; alsoWrite?: (product: Product) => TransactItem[] } = {},
): Promise<Product> {
  const now = nowIso();
  const taxRate = body.taxRate ?? (await getSettings(t)).defaultTaxRate;
  const customFields = await checkCustomFields(t, 'product', body.customFields);
  const product: Product = {
    id: options.id ?? newId('product'),
    ...body,
    customFields,
    taxRate,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await store.insertProduct(t, product, options.alsoWrite?.(product) ?? []).catch((error) => {
    throw isConditionFailure(error)
      ? new ConflictError('sku_taken', `The SKU ${body.sku} is already used by another product.`)
      : error;
  });
  return product;
}

export async function getProduct(t: TenantContext, id: string): Promise<Product> {
  const product = await store.getProduct(t, id);
  if (!product) throw new NotFoundError('product');
  return product;
}

export function updateProduct(
  t: TenantContext,
  id: string,
  patch: z.output<typeof PatchProductBody>,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const current = await getProduct(t, id);
    checkVersion(current, expected);
    // Checked on every edit: a field made required later is asked for on the record's next change.
    const customFields = await checkCustomFields(
      t,
      'product',
      patch.customFields ?? current.customFields,
      current.customFields,
    );
    const next: Product = { ...current, ...patch, customFields, version: current.version + 1, updatedAt: nowIso() };
    await store.replaceProduct(t, next, current.version).catch(staleWrite(expected));
    return next;
  });
}

export const listProducts = (t: TenantContext, q: z.output<typeof ListProductsQuery>) =>
  filteredPage(t, 'product', q, (slice) => store.listProducts(t, { ...q, ...slice }));

export async function listWarehouses(t: TenantContext) {
  return { items: await store.listWarehouses(t), nextCursor: null };
}

export async function createWarehouse(
  t: TenantContext,
  body: z.output<typeof CreateWarehouseBody>,
): Promise<Warehouse> {
  const existing = await store.listWarehouses(t);
  if (existing.some((w) => w.code === body.code))
    throw new ConflictError('code_taken', `The warehouse code ${body.code} is already used.`);
  const now = nowIso();
  const warehouse: Warehouse = {
    id: newId('warehouse'),
    ...body,
    isDefault: false,
    active: true,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await store.insertWarehouse(t, warehouse);
  return warehouse;
}

export async function getWarehouse(t: TenantContext, id: string): Promise<Warehouse> {
  const warehouse = await store.getWarehouse(t, id);
  if (!warehouse) throw new NotFoundError('warehouse');
  return { ...warehouse, address: warehouse.address ?? null };
}

export function updateWarehouse(
  t: TenantContext,
  id: string,
  patch: z.output<typeof PatchWarehouseBody>,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const current = await getWarehouse(t, id);
    checkVersion(current, expected);
    if (patch.active === false && current.isDefault)
      throw new UnprocessableError('default_warehouse', 'The default warehouse cannot be deactivated.');
    const next: Warehouse = { ...current, ...patch, version: current.version + 1, updatedAt: nowIso() };
    await store.replaceWarehouse(t, next, current.version).catch(staleWrite(expected));
    return next;
  });
}

async function assertProductsExist(t: TenantContext, entries: { productId: string }[]) {
  const found = await store.getProducts(
    t,
    entries.map((e) => e.productId),
  );
  const missing = entries.find((e) => !found.has(e.productId));
  if (missing) throw new UnprocessableError('unknown_product', `The product ${missing.productId} does not exist.`);
}

export async function createPriceList(
  t: TenantContext,
  body: z.output<typeof CreatePriceListBody>,
): Promise<PriceList> {
  await assertProductsExist(t, body.entries);
  const now = nowIso();
  const list: PriceList = { id: newId('priceList'), ...body, active: true, version: 1, createdAt: now, updatedAt: now };
  await store.insertPriceList(t, list);
  return list;
}

export async function getPriceList(t: TenantContext, id: string): Promise<PriceList> {
  const list = await store.getPriceList(t, id);
  if (!list) throw new NotFoundError('price list');
  return list;
}

export function updatePriceList(
  t: TenantContext,
  id: string,
  patch: z.output<typeof PatchPriceListBody>,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const current = await getPriceList(t, id);
    checkVersion(current, expected);
    if (patch.entries) await assertProductsExist(t, patch.entries);
    const next: PriceList = { ...current, ...patch, version: current.version + 1, updatedAt: nowIso() };
    await store.replacePriceList(t, next, current.version).catch(staleWrite(expected));
    return next;
  });
}

export async function listPriceLists(t: TenantContext) {
  return { items: await store.listPriceLists(t), nextCursor: null };
}

export interface PricedLine {
  product: Product;
  quantity: number;
  quote: QuotedPrice;
}

/** Prices lines for a customer: the customer's list, then a tier list, then the product's price. */
export async function priceLines(
  t: TenantContext,
  customer: Customer,
  lines: { productId: string; quantity: number }[],
  currency: string,
): Promise<PricedLine[]> {
  const [products, lists] = await Promise.all([
    store.getProducts(
      t,
      lines.map((l) => l.productId),
    ),
    store.listPriceLists(t),
  ]);
  const customerList = customer.priceListId ? lists.find((l) => l.id === customer.priceListId) : undefined;
  return lines.map((line) => {
    const product = products.get(line.productId);
    if (!product) throw new UnprocessableError('unknown_product', `The product ${line.productId} does not exist.`);
    if (!product.active)
      throw new UnprocessableError('inactive_product', `The product ${product.sku} is no longer sold.`);
    return {
      product,
      quantity: line.quantity,
      quote: quotePrice(
        product,
        customer,
        line.quantity,
        { customerList, tierLists: lists.filter((l) => l.id !== customer.priceListId) },
        currency,
      ),
    };
  });
}

/** The currency a customer is quoted and invoiced in: asked for, else their credit limit's, else the company's. */
export async function customerCurrency(t: TenantContext, customer: Customer, requested?: string): Promise<string> {
  return requested ?? customer.currency ?? (await getSettings(t)).baseCurrency;
}

export async function quote(
  t: TenantContext,
  body: { customerId: string; lines: { productId: string; quantity: number }[] },
) {
  const customer = await getCustomer(t, body.customerId);
  const currency = await customerCurrency(t, customer);
  const priced = await priceLines(t, customer, body.lines, currency);
  return {
    customerId: customer.id,
    currency,
    lines: priced.map((p) => ({
      productId: p.product.id,
      quantity: p.quantity,
      unitPrice: { amount: p.quote.unitPrice, currency: p.quote.currency },
      rule: p.quote.rule,
    })),
  };
}

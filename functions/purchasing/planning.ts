import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type {
  CreateStocktakeBody,
  FromSuggestionsBody,
  PurchaseOrder,
  Stocktake,
  Suggestion,
} from '#shared/api/purchasing.ts';
import { env } from '#functions/platform/env.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { pages } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { findWarehouse, productsById } from '#functions/catalog/reads.ts';
import { changeItems, listLevels } from '#functions/inventory/service.ts';
import { listOrders } from '#functions/orders/reads.ts';
import * as store from './store.ts';
import { createPurchaseOrder } from './service.ts';

/** Everything of a paged list. */
async function all<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>) {
  const out: T[] = [];
  for await (const page of pages(read)) out.push(...page);
  return out;
}

/**
 * Reorder suggestions (补货建议): for each product and warehouse, what is available, the safety stock,
 * what is on order from suppliers and not yet received, the sales orders not yet reserved; what to buy
 * to get back to the safety stock (rounded up to the supplier's minimum), from the cheapest supplier
 * that sells it, with its lead time.
 */
export async function suggestions(t: TenantContext, warehouseId?: string): Promise<{ items: Suggestion[] }> {
  const [levels, suppliers, approved, partly, drafts, pending] = await Promise.all([
    all((cursor) => listLevels(t, { limit: 100, cursor, warehouseId })),
    all((cursor) => store.listSuppliers(t, 100, cursor)),
    all((cursor) => store.listPos(t, { limit: 100, cursor, status: 'approved' })),
    all((cursor) => store.listPos(t, { limit: 100, cursor, status: 'partially_received' })),
    all((cursor) => listOrders(t, { limit: 100, cursor, status: 'draft' })),
    all((cursor) => listOrders(t, { limit: 100, cursor, status: 'pending_approval' })),
  ]);
  const products = await productsById(t, [...new Set(levels.map((l) => l.productId))]);
  const key = (productId: string, warehouse: string) => `${productId}|${warehouse}`;
  const onOrder = new Map<string, number>();
  for (const po of [...approved, ...partly])
    for (const l of po.lines)
      onOrder.set(
        key(l.productId, po.warehouseId),
        (onOrder.get(key(l.productId, po.warehouseId)) ?? 0) + l.quantity - l.received,
      );
  const demand = new Map<string, number>();
  for (const o of [...drafts, ...pending])
    for (const l of o.lines)
      demand.set(key(l.productId, o.warehouseId), (demand.get(key(l.productId, o.warehouseId)) ?? 0) + l.quantity);
  const items: Suggestion[] = [];
  for (const level of levels) {
    const product = products.get(level.productId);
    if (!product || !product.active) continue;
    const k = key(level.productId, level.warehouseId);
    const coming = onOrder.get(k) ?? 0;
    const wanted = demand.get(k) ?? 0;
    const short = product.safetyStock + wanted - level.available - coming;
    if (short <= 0) continue;
    const offers = suppliers
      .flatMap((s) => s.products.filter((p) => p.productId === level.productId).map((p) => ({ s, p })))
      .sort((a, b) => a.p.cost - b.p.cost);
    const best = offers[0];
    const minimum = best?.p.minOrderQuantity ?? 1;
    items.push({
      productId: level.productId,
      sku: product.sku,
      name: product.name,
      warehouseId: level.warehouseId,
      available: level.available,
      safetyStock: product.safetyStock,
      onOrder: coming,
      openDemand: wanted,
      leadTimeDays: best?.p.leadTimeDays ?? null,
      suggestedQuantity: Math.ceil(short / minimum) * minimum,
      supplierId: best?.s.id ?? null,
      supplierName: best?.s.name ?? null,
      unitCost: best?.p.cost ?? null,
    });
  }
  return { items: items.sort((a, b) => a.sku.localeCompare(b.sku)) };
}

/** One draft purchase order per supplier and warehouse from the chosen suggestions. */
export async function ordersFromSuggestions(
  t: TenantContext,
  body: z.output<typeof FromSuggestionsBody>,
): Promise<{ items: PurchaseOrder[] }> {
  const groups = new Map<string, typeof body.lines>();
  for (const l of body.lines) {
    const k = `${l.supplierId}|${l.warehouseId}`;
    groups.set(k, [...(groups.get(k) ?? []), l]);
  }
  const items: PurchaseOrder[] = [];
  for (const lines of groups.values()) {
    items.push(
      await createPurchaseOrder(t, {
        supplierId: lines[0]!.supplierId,
        warehouseId: lines[0]!.warehouseId,
        lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        notes: '由补货建议生成 / from reorder suggestions',
      }),
    );
  }
  return { items };
}

// ---- stocktake ------------------------------------------------------------------------------

const stocktakeKey = (t: TenantContext, id: string) => ({ pk: t.key('STOCKTAKE', id), sk: 'STOCKTAKE' });

/** A count sheet: each line's count against the books now; nothing moves until it is posted. */
export async function createStocktake(
  t: TenantContext,
  body: z.output<typeof CreateStocktakeBody>,
): Promise<Stocktake> {
  if (!(await findWarehouse(t, body.warehouseId)))
    throw new UnprocessableError('unknown_warehouse', 'The warehouse does not exist.');
  const products = await productsById(
    t,
    body.lines.map((l) => l.productId),
  );
  const missing = body.lines.find((l) => !products.has(l.productId));
  if (missing) throw new UnprocessableError('unknown_product', `The product ${missing.productId} does not exist.`);
  const levels = await all((cursor) => listLevels(t, { limit: 100, cursor, warehouseId: body.warehouseId }));
  const at = nowIso();
  const stocktake: Stocktake = {
    id: newId('stocktake'),
    status: 'draft',
    warehouseId: body.warehouseId,
    lines: body.lines.map((l) => {
      const expected = levels.find((x) => x.productId === l.productId)?.onHand ?? 0;
      const product = products.get(l.productId)!;
      return {
        productId: l.productId,
        sku: product.sku,
        name: product.name,
        expected,
        counted: l.counted,
        difference: l.counted - expected,
      };
    }),
    postedAt: null,
    createdBy: t.principal.id,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await transact(t, [putNew({ ...stocktakeKey(t, stocktake.id), entity: 'stocktake', ...stocktake })]);
  return stocktake;
}

export async function getStocktake(t: TenantContext, id: string): Promise<Stocktake> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: stocktakeKey(t, id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFoundError('stocktake');
  return resourceOf<Stocktake>(Item);
}

/**
 * Posting books each difference as an adjustment with its ledger row, against the books as they
 * are now (what moved since the count was entered is not undone): counted − on hand. The sheet,
 * every adjustment and `stocktake.posted` are one transaction; a sheet posts once.
 */
export function postStocktake(t: TenantContext, id: string, expected?: number) {
  return retryOnConflict(async () => {
    const sheet = await getStocktake(t, id);
    if (expected !== undefined && expected !== sheet.version) throw new PreconditionFailedError();
    if (sheet.status === 'posted')
      throw new ConflictError('invalid_transition', 'This stocktake is already posted.', {
        orderStatus: sheet.status,
        action: 'post',
        allowedFrom: ['draft'],
      });
    const levels = await all((cursor) => listLevels(t, { limit: 100, cursor, warehouseId: sheet.warehouseId }));
    const at = nowIso();
    const lines = sheet.lines.map((l) => {
      const level = levels.find((x) => x.productId === l.productId);
      const onHand = level?.onHand ?? 0;
      return { ...l, expected: onHand, difference: l.counted - onHand, level };
    });
    const changes = lines
      .filter((l) => l.difference !== 0)
      .map((l) => {
        const average = l.level?.unitCost ?? 0;
        const value =
          l.difference < 0
            ? -(l.level && -l.difference >= l.level.onHand ? l.level.value : Math.round(-l.difference * average))
            : l.difference * average;
        return {
          productId: l.productId,
          warehouseId: sheet.warehouseId,
          kind: 'adjustment' as const,
          onHandDelta: l.difference,
          reservedDelta: 0,
          reason: `盘点 / stocktake ${sheet.id}`,
          valueDelta: value,
          unitCost: average,
        };
      });
    const next: Stocktake = {
      ...sheet,
      status: 'posted',
      lines: lines.map(({ level: _level, ...l }) => l),
      postedAt: at,
      version: sheet.version + 1,
      updatedAt: at,
    };
    await transact(t, [
      putIfVersion({ ...stocktakeKey(t, id), entity: 'stocktake', ...next }, sheet.version),
      ...(changes.length ? changeItems(t, changes, null) : []),
      outboxEvent(t, stocktakeKey(t, id).pk, 'stocktake.posted', { type: 'stocktake', id }, next),
    ]).catch(staleWrite(expected));
    return next;
  });
}

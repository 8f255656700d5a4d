import type * as z from 'zod';
import type {
  CreateStocktakeBody,
  ListStocktakesQuery,
  FromSuggestionsBody,
  PurchaseOrder,
  Stocktake,
  Suggestion,
} from '#shared/api/purchasing.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
} from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { pages } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { findWarehouse, productIdsBySku, productsById } from '#functions/catalog/reads.ts';
import { columns, field, number, text } from '#functions/imports/columns.ts';
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

/** A transaction holds 100 items: each difference writes its level and its ledger row, the sheet one more, the event one. */
const DIFFERENCES_PER_TRANSACTION = 45;

type CountedLine = { productId: string; counted: number };

/** The product column and the counted quantity as the `stock` import reads them, plus a count sheet's own names. */
const countedColumns = {
  sku: columns.stock.sku,
  counted: ['盘点数量', '实盘数量', '实盘', 'counted', ...columns.stock.quantity],
};

/** A count sheet file: one row per SKU and its counted quantity; any bad row refuses the file, naming the row. */
async function countsFromFile(t: TenantContext, format: 'csv' | 'xlsx', base64: string): Promise<CountedLine[]> {
  const { readTable } = await import('#functions/imports/parse.ts');
  const table = await readTable(format, Buffer.from(base64, 'base64'), [
    ...countedColumns.sku,
    ...countedColumns.counted,
  ]);
  if (!table.rows.length) throw new UnprocessableError('empty_file', 'The file has no rows.');
  if (table.rows.length > 1000)
    throw new UnprocessableError('too_many_rows', 'At most 1,000 rows per count sheet; split it by warehouse area.');
  const read = table.rows.map((row) => ({
    row: row.row,
    sku: field(row, countedColumns.sku),
    counted: field(row, countedColumns.counted),
  }));
  const ids = await productIdsBySku(
    t,
    read.flatMap((r) => text(r.sku.value) ?? []),
  );
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const lines: CountedLine[] = [];
  for (const r of read) {
    const sku = text(r.sku.value);
    const productId = sku ? ids.get(sku.toUpperCase()) : undefined;
    const counted = number(r.counted.value);
    if (!sku) errors.push({ path: `file.row${r.row}.${r.sku.column}`, message: 'the SKU is missing' });
    else if (!productId)
      errors.push({ path: `file.row${r.row}.${r.sku.column}`, message: `no product with SKU ${sku}` });
    else if (seen.has(productId))
      errors.push({ path: `file.row${r.row}.${r.sku.column}`, message: `SKU ${sku} is counted twice` });
    if (counted === undefined || !Number.isInteger(counted) || counted < 0)
      errors.push({ path: `file.row${r.row}.${r.counted.column}`, message: 'must be a whole number of at least 0' });
    if (productId && counted !== undefined && Number.isInteger(counted) && counted >= 0 && !seen.has(productId)) {
      seen.add(productId);
      lines.push({ productId, counted });
    }
  }
  if (errors.length) throw new ValidationError(errors.slice(0, 50), 'Some rows of the count sheet cannot be read.');
  return lines;
}

/** A count sheet: each line's count against the books now; nothing moves until it is posted. */
export async function createStocktake(
  t: TenantContext,
  body: z.output<typeof CreateStocktakeBody>,
): Promise<Stocktake> {
  if (!(await findWarehouse(t, body.warehouseId)))
    throw new UnprocessableError('unknown_warehouse', 'The warehouse does not exist.');
  const counts = 'lines' in body ? body.lines : await countsFromFile(t, body.format, body.file);
  const products = await productsById(
    t,
    counts.map((l) => l.productId),
  );
  const missing = counts.find((l) => !products.has(l.productId));
  if (missing) throw new UnprocessableError('unknown_product', `The product ${missing.productId} does not exist.`);
  const levels = await all((cursor) => listLevels(t, { limit: 100, cursor, warehouseId: body.warehouseId }));
  const onHand = new Map(levels.map((l) => [l.productId, l.onHand]));
  const at = nowIso();
  const stocktake: Stocktake = {
    id: newId('stocktake'),
    status: 'draft',
    warehouseId: body.warehouseId,
    lines: counts.map((l) => {
      const expected = onHand.get(l.productId) ?? 0;
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
  await transact(t, [store.putNewStocktake(t, stocktake)]);
  return stocktake;
}

export async function getStocktake(t: TenantContext, id: string): Promise<Stocktake> {
  const sheet = await store.getStocktake(t, id);
  if (!sheet) throw new NotFoundError('stocktake');
  return publicSheet(sheet);
}

const publicSheet = ({ postedProductIds: _done, ...sheet }: store.StoredStocktake): Stocktake => sheet;

export const listStocktakes = async (t: TenantContext, q: z.output<typeof ListStocktakesQuery>) => {
  const page = await store.listStocktakes(t, q);
  return { ...page, items: page.items.map(publicSheet) };
};

/**
 * Posting books each difference as an adjustment with its ledger row, against the books as they
 * are now (what moved since the count was entered is not undone): counted − on hand. Up to 45
 * differences, the sheet, every adjustment and `stocktake.posted` are one transaction. A larger
 * sheet posts 45 at a time, each transaction also recording on the sheet which products it booked
 * (status `posting`), so a crash between them resumes where it stopped and books nothing twice;
 * the last one marks the sheet posted and announces it.
 */
export function postStocktake(t: TenantContext, id: string, expected?: number) {
  return retryOnConflict(async () => {
    let sheet = await store.getStocktake(t, id);
    if (!sheet) throw new NotFoundError('stocktake');
    if (expected !== undefined && expected !== sheet.version) throw new PreconditionFailedError();
    if (sheet.status === 'posted')
      throw new ConflictError('invalid_transition', 'This stocktake is already posted.', {
        orderStatus: sheet.status,
        action: 'post',
        allowedFrom: ['draft', 'posting'],
      });
    const levels = await all((cursor) => listLevels(t, { limit: 100, cursor, warehouseId: sheet!.warehouseId }));
    const levelOf = new Map(levels.map((l) => [l.productId, l]));
    const done = new Set(sheet.postedProductIds ?? []);
    // Lines already booked keep the figures they were booked with.
    const lines = sheet.lines.map((l) => {
      if (done.has(l.productId)) return l;
      const onHand = levelOf.get(l.productId)?.onHand ?? 0;
      return { ...l, expected: onHand, difference: l.counted - onHand };
    });
    const pending = lines.filter((l) => !done.has(l.productId) && l.difference !== 0);
    const batches: (typeof pending)[] = [];
    for (let i = 0; i < pending.length; i += DIFFERENCES_PER_TRANSACTION)
      batches.push(pending.slice(i, i + DIFFERENCES_PER_TRANSACTION));
    if (!batches.length) batches.push([]);
    for (const [index, batch] of batches.entries()) {
      const last = index === batches.length - 1;
      const changes = batch.map((l) => {
        const level = levelOf.get(l.productId);
        const average = level?.unitCost ?? 0;
        const value =
          l.difference < 0
            ? -(level && -l.difference >= level.onHand ? level.value : Math.round(-l.difference * average))
            : l.difference * average;
        return {
          productId: l.productId,
          warehouseId: sheet!.warehouseId,
          kind: 'adjustment' as const,
          onHandDelta: l.difference,
          reservedDelta: 0,
          reason: `盘点 / stocktake ${sheet!.id}`,
          valueDelta: value,
          unitCost: average,
        };
      });
      for (const l of batch) done.add(l.productId);
      const at = nowIso();
      const next: store.StoredStocktake = {
        ...sheet,
        status: last ? 'posted' : 'posting',
        lines: lines.map((l) =>
          done.has(l.productId) || last ? l : sheet!.lines.find((x) => x.productId === l.productId)!,
        ),
        postedProductIds: last ? [] : [...done],
        postedAt: last ? at : null,
        version: sheet.version + 1,
        updatedAt: at,
      };
      await transact(t, [
        store.putStocktake(t, next, sheet.version),
        ...(changes.length ? changeItems(t, changes, null) : []),
        ...(last
          ? [
              outboxEvent(
                t,
                store.stocktakeKey(t, id).pk,
                'stocktake.posted',
                { type: 'stocktake', id },
                publicSheet(next),
              ),
            ]
          : []),
      ]).catch(staleWrite(index === 0 ? expected : undefined));
      sheet = next;
    }
    return publicSheet(sheet);
  });
}

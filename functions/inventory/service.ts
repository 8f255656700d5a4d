import type { MovementBody } from '#shared/api/inventory.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '#functions/platform/errors.ts';
import { retryOnConflict } from '#functions/platform/db.ts';
import { ConditionsFailed, transact } from '#functions/platform/transact.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { findProduct, findWarehouse } from '#functions/catalog/reads.ts';
import * as store from './store.ts';
import type { LevelChange } from './store.ts';

export type { LevelChange };

/**
 * The shortages behind a failed transaction of level changes: per product and warehouse, what was
 * asked and what is available now. Undefined when no level condition failed.
 */
export async function shortagesOf(t: TenantContext, error: unknown) {
  if (!(error instanceof ConditionsFailed)) return undefined;
  const short = (error.failures as Partial<store.Shortfall>[]).flatMap((f) => (f.shortfall ? [f.shortfall] : []));
  if (!short.length) return undefined;
  return Promise.all(
    short.map(async (c) => {
      const level = (await store.levelsOfProduct(t, c.productId)).find((l) => l.warehouseId === c.warehouseId);
      return {
        productId: c.productId,
        warehouseId: c.warehouseId,
        requested: -(c.onHandDelta - c.reservedDelta),
        available: level?.available ?? 0,
      };
    }),
  );
}

/** The level changes and their single level_changed event, ready for one transaction. */
export function changeItems(t: TenantContext, changes: LevelChange[], orderId: string | null) {
  return [
    ...changes.flatMap((c) => store.levelChangeItems(t, c)),
    outboxEvent(
      t,
      t.key('PRODUCT', changes[0]!.productId),
      'inventory.level_changed',
      { type: 'inventory', id: changes[0]!.productId },
      {
        changes: changes.map((c) => ({
          productId: c.productId,
          warehouseId: c.warehouseId,
          kind: c.kind,
          onHandDelta: c.onHandDelta,
          reservedDelta: c.reservedDelta,
        })),
        orderId,
      },
    ),
  ];
}

/** A receipt's writes (level, ledger row, event) for a caller's own transaction: an import's opening stock. */
export const receiptItems = (
  t: TenantContext,
  r: { productId: string; warehouseId: string; quantity: number; reason: string | null; unitCost?: number },
) =>
  changeItems(
    t,
    [
      {
        productId: r.productId,
        warehouseId: r.warehouseId,
        kind: 'receipt',
        onHandDelta: r.quantity,
        reservedDelta: 0,
        reason: r.reason,
        valueDelta: r.quantity * (r.unitCost ?? 0),
        unitCost: r.unitCost ?? null,
      },
    ],
    null,
  );

/** The cost of goods of units leaving a level now, at its moving average (a shipment's cost). */
export async function issueCost(t: TenantContext, productId: string, warehouseId: string, quantity: number) {
  const level = (await store.levelsOfProduct(t, productId)).find((l) => l.warehouseId === warehouseId);
  return store.issueValue(level, quantity);
}

/** Receipts, adjustments and transfers: each level change and its ledger row in one transaction. */
export const recordMovement = (t: TenantContext, body: MovementBody) =>
  retryOnConflict(() => recordMovementOnce(t, body));

async function recordMovementOnce(t: TenantContext, body: MovementBody) {
  const [product, from, to] = await Promise.all([
    findProduct(t, body.productId),
    findWarehouse(t, body.warehouseId),
    body.toWarehouseId ? findWarehouse(t, body.toWarehouseId) : Promise.resolve(undefined),
  ]);
  if (!product) throw new UnprocessableError('unknown_product', 'The product does not exist.');
  if (!from || (body.toWarehouseId && !to))
    throw new UnprocessableError('unknown_warehouse', 'The warehouse does not exist.');
  if (!from.active || (to && !to.active))
    throw new UnprocessableError('inactive_warehouse', 'The warehouse is not active.');
  const reason = body.reason ?? null;
  // Value moves at the moving-average cost; a receipt with a cost brings its own.
  const levels = await store.levelsOfProduct(t, body.productId);
  const levelAt = (warehouseId: string) => levels.find((l) => l.warehouseId === warehouseId);
  const average = levelAt(body.warehouseId)?.unitCost ?? 0;
  const moved = store.issueValue(levelAt(body.warehouseId), Math.abs(body.quantity));
  const changes: LevelChange[] =
    body.kind === 'transfer'
      ? [
          {
            productId: body.productId,
            warehouseId: body.warehouseId,
            kind: 'transfer_out',
            onHandDelta: -body.quantity,
            reservedDelta: 0,
            reason,
            valueDelta: -moved,
            unitCost: average,
          },
          {
            productId: body.productId,
            warehouseId: body.toWarehouseId!,
            kind: 'transfer_in',
            onHandDelta: body.quantity,
            reservedDelta: 0,
            reason,
            valueDelta: moved,
            unitCost: average,
          },
        ]
      : [
          {
            productId: body.productId,
            warehouseId: body.warehouseId,
            kind: body.kind,
            onHandDelta: body.quantity,
            reservedDelta: 0,
            reason,
            ...(body.kind === 'receipt'
              ? {
                  valueDelta: body.quantity * (body.unitCost ?? average),
                  unitCost: body.unitCost ?? average,
                }
              : body.quantity < 0
                ? { valueDelta: -moved, unitCost: average }
                : { valueDelta: body.quantity * average, unitCost: average }),
          },
        ];
  await transact(t, changeItems(t, changes, null)).catch(async (error) => {
    if (!(error instanceof ConditionsFailed)) throw error;
    const [shortfall] = (await shortagesOf(t, error)) ?? [];
    if (!shortfall) throw error;
    throw new ConflictError(
      'insufficient_stock',
      `Only ${shortfall.available} ${product.unit} available in that warehouse; stock never goes below zero.`,
      { shortages: [{ ...shortfall, requested: Math.abs(body.quantity) }] },
    );
  });
  const after = await store.levelsOfProduct(t, body.productId);
  const rows = (await store.listMovements(t, { limit: changes.length, productId: body.productId })).items;
  return { rows, levels: after.filter((l) => changes.some((c) => c.warehouseId === l.warehouseId)) };
}

export const listLevels = store.listLevels;
export const movementsAfter = store.movementsAfter;

export async function listMovements(t: TenantContext, q: { limit: number; cursor?: string; productId?: string }) {
  if (q.productId && !(await findProduct(t, q.productId))) throw new NotFoundError('product');
  return store.listMovements(t, q);
}

/** A product's level in one warehouse now (consistent read), or none. */
export async function levelOf(t: TenantContext, productId: string, warehouseId: string) {
  return (await store.levelsOfProduct(t, productId)).find((l) => l.warehouseId === warehouseId);
}

import type { Order } from '#shared/api/orders.ts';
import type { EventType } from '#shared/events/catalog.ts';
import { OrderRuleError } from '#shared/domain/order-state.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, Problem } from '#functions/platform/errors.ts';
import { retryOnConflict, staleError } from '#functions/platform/db.ts';
import { nowIso } from '#functions/platform/ids.ts';
import { seesRep, visibility } from '#functions/tenants/scope.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { guarded, transact, type TransactItem } from '#functions/platform/transact.ts';
import { changeItems, shortagesOf, type LevelChange } from '#functions/inventory/service.ts';
import * as store from '../store.ts';

/**
 * What an action decides about an order, before anything is written: the next state of the
 * order, its events (in the order they happen), stock changes and any other writes. The runner
 * writes all of it, with the order conditioned on the version read, as one transaction.
 */
export interface Decision {
  next: Omit<Order, 'version' | 'updatedAt'> & Partial<Pick<Order, 'version' | 'updatedAt'>>;
  events: { type: EventType; extra?: Record<string, unknown> }[];
  stock?: LevelChange[];
  writes?: (next: Order) => TransactItem[];
}

/** One state change of an order (Medusa's `actions/`): validate on the current order, decide. Reads it may need go through `t`. */
export type OrderAction<I> = (t: TenantContext, current: Order, input: I) => Decision | Promise<Decision>;

export function orderEvent(t: TenantContext, order: Order, type: EventType, extra?: Record<string, unknown>) {
  const data = extra ? { order, ...extra } : order;
  return outboxEvent(t, store.orderKey(t, order.id).pk, type, { type: 'order', id: order.id }, data as never);
}

/**
 * Writes a decided change: the order (conditional on the version read), its events, and any level
 * changes with their ledger rows and event, all in one transaction. A failed level condition is a
 * shortage: 409 insufficient_stock with the shortage per line, and nothing is written.
 */
export async function commitOrder(
  t: TenantContext,
  previousVersion: number | null,
  next: Order,
  decision: Pick<Decision, 'events' | 'stock' | 'writes'>,
  stale: Error,
) {
  const order =
    previousVersion === null ? store.putNewOrder(t, next) : guarded(store.putOrder(t, next, previousVersion), stale);
  // Its search document changes only with what it is found by: the number, reference, customer.
  const searchable = decision.events.some((e) => e.type === 'order.created' || e.type === 'order.updated');
  const writes = [
    order,
    ...(searchable ? [await store.orderSearchDoc(t, next)] : []),
    ...(decision.writes?.(next) ?? []),
    ...decision.events.map((e) => orderEvent(t, next, e.type, e.extra)),
    ...(decision.stock?.length ? changeItems(t, decision.stock, next.id) : []),
  ];
  try {
    await transact(t, writes);
  } catch (error) {
    const shortages = await shortagesOf(t, error);
    if (!shortages) throw error;
    throw new ConflictError('insufficient_stock', 'Not enough stock to reserve every line; nothing was reserved.', {
      shortages: shortages.map((s) => ({
        ...s,
        lineIds: next.lines.filter((l) => l.productId === s.productId).map((l) => l.lineId),
      })),
    });
  }
}

/**
 * Runs an action on an order: load, check If-Match, decide (a broken rule becomes its catalogued
 * problem), stamp the version, commit; re-read and run again when a concurrent writer came first
 * and the caller did not pin the version.
 */
export function runAction<I>(
  t: TenantContext,
  id: string,
  expected: number | undefined,
  action: OrderAction<I>,
  input: I,
) {
  return retryOnConflict(async () => {
    const [current, seen] = await Promise.all([store.getOrder(t, id), visibility(t)]);
    if (!current || !seesRep(seen, current.salesRepId)) throw new NotFoundError('order');
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    let decision: Decision;
    try {
      decision = await action(t, current, input);
    } catch (error) {
      if (error instanceof OrderRuleError) throw new Problem(error.code, error.message, error.extra);
      throw error;
    }
    const next = { ...decision.next, version: current.version + 1, updatedAt: nowIso() } as Order;
    await commitOrder(t, current.version, next, decision, staleError(expected));
    return next;
  });
}

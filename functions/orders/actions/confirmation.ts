import type { Order } from '#shared/api/orders.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { now } from '#functions/platform/clock.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { rateOrKeep } from '#functions/finance/rates.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from '../store.ts';
import { reservationChanges, reservationDelta } from '../lines.ts';
import { levelOf } from '#functions/inventory/service.ts';
import { nowIso } from '#functions/platform/ids.ts';
import type { Decision } from './runner.ts';

/** What confirming an order writes besides the order: every line reserved, the order counted in the customer's credit exposure. */
export function confirmation(
  t: TenantContext,
  order: Pick<Order, 'id' | 'customerId' | 'currency' | 'total' | 'warehouseId' | 'lines' | 'revision'>,
  held?: Order,
): Pick<Decision, 'stock' | 'writes'> {
  // A revised order waiting for approval kept its reservations and was counted in the exposure when
  // it was first confirmed (the revision moved it by the difference): approving reserves only the rest.
  if (held && order.revision > 0) return { stock: reservationDelta(held, order as Order), writes: () => [] };
  return {
    stock: reservationChanges(order as Order),
    writes: () => [store.creditExposureChange(t, order.customerId, order.currency, order.total)],
  };
}

/**
 * Confirming with the stock there is: under `backorders: refuse` (the default) every line is
 * reserved in full or nothing is (409); under `allow`, each line reserves what its warehouse has
 * (oldest lines first) and the rest is backordered, indexed to be filled oldest-first by receipts.
 */
export async function confirmWithStock(
  t: TenantContext,
  next: Order,
  held?: Order,
): Promise<{ next: Order } & Pick<Decision, 'stock' | 'writes'>> {
  const settings = await getSettings(t);
  if (settings.backorders !== 'allow' || (held && next.revision > 0)) return { next, ...confirmation(t, next, held) };
  const available = new Map<string, number>();
  for (const productId of new Set(next.lines.map((l) => l.productId)))
    available.set(productId, Math.max(0, (await levelOf(t, productId, next.warehouseId))?.available ?? 0));
  const lines = next.lines.map((l) => {
    const need = l.reserved;
    const take = Math.min(need, available.get(l.productId) ?? 0);
    available.set(l.productId, (available.get(l.productId) ?? 0) - take);
    return { ...l, reserved: take, backordered: need - take };
  });
  const backordered = lines.some((l) => l.backordered > 0);
  const order: Order = { ...next, lines, backorderedAt: backordered ? nowIso() : null };
  const base = confirmation(t, order);
  return {
    next: order,
    stock: base.stock,
    writes: (o) => [
      ...(base.writes?.(o) ?? []),
      ...o.lines.filter((l) => l.backordered > 0).map((l) => store.putBackorder(t, o, l)),
    ],
  };
}

/** A foreign order's exchange rate is the one in force on the day it is confirmed (kept if finance has none). */
export async function withConfirmedRate<O extends Pick<Order, 'currency' | 'fxRate'>>(
  t: TenantContext,
  order: O,
): Promise<O> {
  if (order.fxRate === '1') return order;
  const settings = await getSettings(t);
  if (order.currency === settings.baseCurrency) return order;
  return { ...order, fxRate: await rateOrKeep(t, order.currency, companyDay(now(), settings.timeZone), order.fxRate) };
}

import type { Order } from '#shared/api/orders.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { now } from '#functions/platform/clock.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { rateOrKeep } from '#functions/finance/rates.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from '../store.ts';
import { reservationChanges, reservationDelta } from '../lines.ts';
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

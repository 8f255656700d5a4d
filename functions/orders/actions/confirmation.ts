import type { Order } from '#shared/api/orders.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import * as store from '../store.ts';
import { reservationChanges } from '../lines.ts';
import type { Decision } from './runner.ts';

/** What confirming an order writes besides the order: every line reserved, the order counted in the customer's credit exposure. */
export function confirmation(
  t: TenantContext,
  order: Pick<Order, 'id' | 'customerId' | 'currency' | 'total' | 'warehouseId' | 'lines'>,
): Pick<Decision, 'stock' | 'writes'> {
  return {
    stock: reservationChanges(order as Order),
    writes: () => [store.creditExposureChange(t, order.customerId, order.currency, order.total)],
  };
}

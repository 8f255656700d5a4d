import * as rules from '#shared/domain/order-state.ts';
import * as store from '../store.ts';
import { releaseChanges } from '../lines.ts';
import type { OrderAction } from './runner.ts';

/**
 * Close short (the customer drops the rest of a partly shipped order): each line's unshipped
 * quantity is closed, its reservation released, and what of it was counted as confirmed but not
 * invoiced leaves the customer's credit exposure — in one transaction. The order is then shipped.
 */
export const close: OrderAction<{ reason: string }> = (t, current, { reason }) => {
  const closed = rules.close(current);
  const next = {
    ...closed,
    lines: closed.lines.map((l) => ({ ...l, backordered: 0 })),
    notes: current.notes ? `${current.notes}\n${reason}` : reason,
  };
  const uninvoiced = current.lines.reduce(
    (s, l) =>
      s +
      (l.invoiced <= l.shipped && l.quantity > l.shipped
        ? Math.round((l.total * (l.quantity - l.shipped)) / l.quantity)
        : 0),
    0,
  );
  return {
    next,
    events: [{ type: 'order.updated' }],
    stock: releaseChanges(current),
    writes: () =>
      uninvoiced ? [store.creditExposureChange(t, current.customerId, current.currency, -uninvoiced)] : [],
  };
};

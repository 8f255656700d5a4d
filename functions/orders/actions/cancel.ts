import * as rules from '#shared/domain/order-state.ts';
import * as store from '../store.ts';
import { releaseChanges } from '../lines.ts';
import type { OrderAction } from './runner.ts';

/**
 * Cancel a draft, pending or confirmed order. A confirmed order's reservations are released and
 * what was counted as confirmed and not yet invoiced leaves the credit exposure (an invoice already
 * made is voided by invoicing).
 */
export const cancel: OrderAction<{ reason: string }> = (t, current, { reason }) => {
  const cancelled = rules.cancel(current);
  const next = {
    ...cancelled,
    lines: cancelled.lines.map((l) => ({ ...l, backordered: 0 })),
    notes: current.notes ? `${current.notes}\n${reason}` : reason,
  };
  if (current.status !== 'confirmed') return { next, events: [{ type: 'order.cancelled' }] };
  const remaining = current.lines.reduce(
    (s, l) => s + ((l.reserved > 0 || l.backordered > 0) && l.invoiced === 0 ? l.total : 0),
    0,
  );
  return {
    next,
    events: [{ type: 'order.cancelled' }],
    stock: releaseChanges(current),
    writes: () => [
      store.creditExposureChange(t, current.customerId, current.currency, -remaining),
      ...current.lines.filter((l) => l.backordered > 0).map((l) => store.deleteBackorder(t, current, l)),
    ],
  };
};

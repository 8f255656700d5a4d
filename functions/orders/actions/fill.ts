import type { Order } from '#shared/api/orders.ts';
import { levelOf } from '#functions/inventory/service.ts';
import * as store from '../store.ts';
import type { OrderAction } from './runner.ts';

/** Nothing to fill: the line has no backorder left, or the warehouse has nothing available. */
export class NothingToFill extends Error {}

/**
 * Stock arrived: a backordered line reserves what is available now, up to its backorder. The
 * order (conditioned on its version), the reservation (conditioned on the level) and the index are
 * one transaction, so concurrent receipts fill each backorder once.
 */
export const fill: OrderAction<{ lineId: string }> = async (t, current, { lineId }) => {
  const line = current.lines.find((l) => l.lineId === lineId);
  if (!line || line.backordered <= 0 || !['confirmed', 'partially_shipped'].includes(current.status))
    throw new NothingToFill();
  const available = Math.max(0, (await levelOf(t, line.productId, current.warehouseId))?.available ?? 0);
  const quantity = Math.min(available, line.backordered);
  if (!quantity) throw new NothingToFill();
  const next: Order = {
    ...current,
    lines: current.lines.map((l) =>
      l.lineId === lineId ? { ...l, reserved: l.reserved + quantity, backordered: l.backordered - quantity } : l,
    ),
  };
  return {
    next,
    events: [{ type: 'order.backorder_filled', extra: { filled: [{ lineId, quantity }] } }],
    stock: [
      {
        productId: line.productId,
        warehouseId: current.warehouseId,
        kind: 'reservation',
        onHandDelta: 0,
        reservedDelta: quantity,
        orderId: current.id,
      },
    ],
    writes: () => (line.backordered === quantity ? [store.deleteBackorder(t, current, line)] : []),
  };
};

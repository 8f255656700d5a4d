import type * as z from 'zod';
import type { ShipmentBody } from '#shared/api/orders.ts';
import * as rules from '#shared/domain/order-state.ts';
import { UnprocessableError } from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import type { LevelChange } from '#functions/inventory/service.ts';
import * as store from '../store.ts';
import type { OrderAction } from './runner.ts';

/**
 * Ship some or all of what is reserved, from the order's warehouse: reserved and on-hand both go
 * down (one level change per product, with its ledger row), the shipment is recorded, and
 * `order.shipped` carries it (invoicing invoices each shipment under `on_shipment`).
 */
export const ship: OrderAction<z.output<typeof ShipmentBody>> = (t, current, body) => {
  if (body.warehouseId && body.warehouseId !== current.warehouseId) {
    throw new UnprocessableError(
      'warehouse_mismatch',
      "The order's stock is reserved in its own warehouse; ship from there (transfer stock first to ship from elsewhere).",
    );
  }
  const next = rules.ship(current, body.lines);
  const shipment = {
    id: `shp_${newId('order').slice(4)}`,
    warehouseId: current.warehouseId,
    lines: body.lines.map((l) => ({
      lineId: l.lineId,
      productId: current.lines.find((x) => x.lineId === l.lineId)!.productId,
      quantity: l.quantity,
    })),
    carrier: body.carrier ?? null,
    trackingNumber: body.trackingNumber ?? null,
    at: nowIso(),
  };
  const shipped = new Map<string, number>();
  for (const l of shipment.lines) shipped.set(l.productId, (shipped.get(l.productId) ?? 0) + l.quantity);
  const stock: LevelChange[] = [...shipped].map(([productId, q]) => ({
    productId,
    warehouseId: current.warehouseId,
    kind: 'shipment',
    onHandDelta: -q,
    reservedDelta: -q,
    orderId: current.id,
  }));
  return {
    next,
    events: [{ type: 'order.shipped', extra: { shipment } }],
    stock,
    writes: () => [store.putShipment(t, current.id, shipment)],
  };
};

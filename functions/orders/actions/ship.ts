import { carriers } from '#shared/domain/carriers.ts';
import type * as z from 'zod';
import type { ShipmentBody } from '#shared/api/orders.ts';
import * as rules from '#shared/domain/order-state.ts';
import { UnprocessableError } from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { issueCost, type LevelChange } from '#functions/inventory/service.ts';
import { withMargin } from '../lines.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from '../store.ts';
import type { OrderAction } from './runner.ts';

/**
 * Ship some or all of what is reserved, from the order's warehouse: reserved and on-hand both go
 * down (one level change per product, with its ledger row), the shipment is recorded, and
 * `order.shipped` carries it (invoicing invoices each shipment under `on_shipment`).
 */
export const ship: OrderAction<z.output<typeof ShipmentBody>> = async (t, current, body) => {
  if (body.warehouseId && body.warehouseId !== current.warehouseId) {
    throw new UnprocessableError(
      'warehouse_mismatch',
      "The order's stock is reserved in its own warehouse; ship from there (transfer stock first to ship from elsewhere).",
    );
  }
  const shipping = rules.ship(current, body.lines);
  const lines = body.lines.map((l) => ({
    lineId: l.lineId,
    productId: current.lines.find((x) => x.lineId === l.lineId)!.productId,
    quantity: l.quantity,
    cost: 0,
  }));
  const shipped = new Map<string, number>();
  for (const l of lines) shipped.set(l.productId, (shipped.get(l.productId) ?? 0) + l.quantity);
  // Cost of goods at the moving average when the goods leave, split over a product's lines by quantity.
  const costs = new Map(
    await Promise.all([...shipped].map(async ([p, q]) => [p, await issueCost(t, p, current.warehouseId, q)] as const)),
  );
  for (const [productId, total] of costs) {
    const own = lines.filter((l) => l.productId === productId);
    const q = shipped.get(productId)!;
    let left = total;
    own.forEach((l, i) => {
      l.cost = i === own.length - 1 ? left : Math.round((total * l.quantity) / q);
      left -= l.cost;
    });
  }
  const shipment = {
    id: `shp_${newId('order').slice(4)}`,
    warehouseId: current.warehouseId,
    lines,
    carrierCode: body.carrierCode ?? (body.carrier ? 'other' : null),
    carrier:
      body.carrier ?? (body.carrierCode && body.carrierCode !== 'other' ? carriers[body.carrierCode]['zh-CN'] : null),
    trackingNumber: body.trackingNumber ?? null,
    at: nowIso(),
  };
  const { baseCurrency } = await getSettings(t);
  const next = withMargin(
    {
      ...shipping,
      lines: shipping.lines.map((l) => ({
        ...l,
        cost: l.cost + lines.filter((x) => x.lineId === l.lineId).reduce((s, x) => s + x.cost, 0),
      })),
    },
    baseCurrency,
  );
  const stock: LevelChange[] = [...shipped].map(([productId, q]) => ({
    productId,
    warehouseId: current.warehouseId,
    kind: 'shipment',
    onHandDelta: -q,
    reservedDelta: -q,
    orderId: current.id,
    valueDelta: -(costs.get(productId) ?? 0),
    unitCost: q ? Math.round((costs.get(productId) ?? 0) / q) : null,
  }));
  return {
    next,
    events: [{ type: 'order.shipped', extra: { shipment } }],
    stock,
    writes: () => [store.putShipment(t, current.id, shipment), store.putShipmentRef(t, shipment.id, current.id)],
  };
};

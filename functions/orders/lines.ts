/** What the order actions share: choosing the warehouse, pricing lines, totals, and the stock changes of a state. */
import type * as z from 'zod';
import { MAX_AMOUNT } from '#shared/api/common.ts';
import type { CreateOrderBody, Order, OrderLine } from '#shared/api/orders.ts';
import { lineAmounts, sumAmounts, toBase } from '#shared/domain/money.ts';
import { ConflictError, UnprocessableError } from '#functions/platform/errors.ts';
import * as store from './store.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import type { getCustomer } from '#functions/customers/service.ts';
import { listWarehouses, priceLines } from '#functions/catalog/service.ts';
import type { LevelChange } from '#functions/inventory/service.ts';

/** The order's warehouse: the one asked for, else the company's default; it must exist and be active. */
export async function defaultWarehouseId(t: TenantContext, requested?: string): Promise<string> {
  const warehouses = (await listWarehouses(t)).items;
  const chosen = requested
    ? warehouses.find((w) => w.id === requested)
    : (warehouses.find((w) => w.isDefault) ?? warehouses[0]);
  if (!chosen) throw new UnprocessableError('unknown_warehouse', 'The warehouse does not exist.');
  if (!chosen.active) throw new UnprocessableError('inactive_warehouse', 'The warehouse is not active.');
  return chosen.id;
}

/** Prices and totals the lines: a given price below the quote is an override (approval rules may catch it). */
export async function buildLines(
  t: TenantContext,
  customer: Awaited<ReturnType<typeof getCustomer>>,
  input: z.output<typeof CreateOrderBody>['lines'],
  currency: string,
  pricesIncludeTax: boolean,
): Promise<OrderLine[]> {
  const priced = await priceLines(t, customer, input, currency);
  return input.map((line, i) => {
    const { product, quote } = priced[i]!;
    // A price given in the order's currency is taken as it is; only a quoted one must be in it.
    if (line.unitPrice === undefined && quote.currency !== currency) {
      throw new UnprocessableError(
        'currency_mismatch',
        `The product ${product.sku} has no price in ${currency}; give a unitPrice or a ${currency} price list.`,
      );
    }
    const unitPrice = line.unitPrice ?? quote.unitPrice;
    const amounts = lineAmounts(line.quantity, unitPrice, line.discountBps, product.taxRate, pricesIncludeTax);
    if (amounts.total > MAX_AMOUNT) {
      throw new UnprocessableError(
        'amount_too_large',
        `Line ${i + 1} (${product.sku}) comes to more than ${MAX_AMOUNT} minor units; split the order.`,
        { lineIndex: i },
      );
    }
    return {
      lineId: `L${i + 1}`,
      productId: product.id,
      sku: product.sku,
      name: product.name,
      unit: product.unit,
      quantity: line.quantity,
      unitPrice,
      listPrice: quote.currency === currency ? quote.unitPrice : unitPrice,
      discountBps: line.discountBps,
      taxRate: product.taxRate,
      ...amounts,
      priceRule:
        line.unitPrice === undefined ? quote.rule : { kind: 'manual' as const, priceListId: null, minQuantity: null },
      priceOverride: line.unitPrice !== undefined && quote.currency === currency && line.unitPrice < quote.unitPrice,
      reserved: 0,
      shipped: 0,
      invoiced: 0,
      returned: 0,
      closedQuantity: 0,
      backordered: 0,
      cost: 0,
    };
  });
}

export const withTotals = (order: Order): Order => ({ ...order, ...sumAmounts(order.lines) });

/**
 * The order's cost of goods and gross margin so far: the net (tax-exclusive) amount of what has
 * shipped of each line, in the base currency at the order's rate, less its cost of goods.
 */
export function withMargin(order: Order, baseCurrency: string): Order {
  const cost = order.lines.reduce((s, l) => s + l.cost, 0);
  const shippedNet = order.lines.reduce(
    (s, l) => s + (l.quantity ? Math.round((l.subtotal * l.shipped) / l.quantity) : 0),
    0,
  );
  return { ...order, cost, grossMargin: toBase(shippedNet, order.currency, order.fxRate, baseCurrency) - cost };
}

/** Sums what each product needs from the order's warehouse (two lines of one product are one reservation). */
function byProduct(order: Order, quantityOf: (l: OrderLine) => number) {
  const sums = new Map<string, number>();
  for (const l of order.lines)
    if (quantityOf(l) > 0) sums.set(l.productId, (sums.get(l.productId) ?? 0) + quantityOf(l));
  return sums;
}

/** Reserving what each line of a confirmed order holds (all that is left to ship, unless backordered). */
export const reservationChanges = (order: Order): LevelChange[] =>
  [...byProduct(order, (l) => l.reserved)].map(([productId, q]) => ({
    productId,
    warehouseId: order.warehouseId,
    kind: 'reservation',
    onHandDelta: 0,
    reservedDelta: q,
    orderId: order.id,
  }));

/** Releasing what is reserved. */
export const releaseChanges = (order: Order): LevelChange[] =>
  [...byProduct(order, (l) => l.reserved)].map(([productId, q]) => ({
    productId,
    warehouseId: order.warehouseId,
    kind: 'release',
    onHandDelta: 0,
    reservedDelta: -q,
    orderId: order.id,
  }));

/** 409 `duplicate_external_ref`, naming the order that already has the channel's reference. */
export async function duplicateRef(t: TenantContext, channel: string, ref: string) {
  const existing = await store.orderOfExternalRef(t, channel, ref);
  return new ConflictError(
    'duplicate_external_ref',
    `The ${channel} order ${ref} is already order ${existing ?? 'being created'}; it was not created twice.`,
    { orderId: existing },
  );
}

/** The reservation changes from one set of lines to another, per product: reserve the increase, release the decrease. */
export function reservationDelta(before: Order, after: Order): LevelChange[] {
  const held = byProduct(before, (l) => l.reserved);
  const wanted = byProduct(after, (l) => l.reserved);
  return [...new Set([...held.keys(), ...wanted.keys()])].flatMap((productId) => {
    const delta = (wanted.get(productId) ?? 0) - (held.get(productId) ?? 0);
    if (!delta) return [];
    return [
      {
        productId,
        warehouseId: after.warehouseId,
        kind: delta > 0 ? ('reservation' as const) : ('release' as const),
        onHandDelta: 0,
        reservedDelta: delta,
        orderId: after.id,
      },
    ];
  });
}

import { MAX_AMOUNT } from '#shared/api/common.ts';
import { NumberTaken, formatNumber, nextNumber } from '#functions/platform/numbering.ts';
import type * as z from 'zod';
import type {
  ApprovalWorkflow,
  CreateOrderBody,
  ListOrdersQuery,
  Order,
  OrderLine,
  PatchOrderBody,
  PutApprovalWorkflowBody,
  Shipment,
  ShipmentBody,
} from '#shared/api/orders.ts';
import type { EventType } from '#shared/events/catalog.ts';
import { lineAmounts, sumAmounts } from '#shared/domain/money.ts';
import { approvalChain } from '#shared/domain/approval.ts';
import { shipToOf } from '#shared/domain/customers.ts';
import * as rules from '#shared/domain/order-state.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  Problem,
} from '#functions/platform/errors.ts';
import { StaleReadError, isTransactionConflict, retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { envelopeOf, outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { userNames } from '#functions/tenants/service.ts';
import { customerCurrency, findWarehouse, listWarehouses, priceLines } from '#functions/catalog/service.ts';
import { changeItems, shortagesOf, type LevelChange } from '#functions/inventory/service.ts';
import { guarded, transact, type TransactItem } from '#functions/platform/transact.ts';
import * as store from './store.ts';
import { getApprovalWorkflow, putApprovalWorkflow } from './workflow-store.ts';

/** For other modules: undefined (not 404) when missing. */
export { getOrder as findOrder, invoicedChange } from './store.ts';
/** The order with its invoiced item's version, which the invoice's transaction is conditioned on. */
export { getOrderWithInvoiced as orderForInvoicing } from './store.ts';

/** Domain rule errors become the catalogued problem of their code, with their details; everything else passes through. */
function asHttp(error: unknown): never {
  if (error instanceof rules.OrderRuleError) throw new Problem(error.code, error.message, error.extra);
  throw error;
}

export async function getOrder(t: TenantContext, id: string): Promise<Order> {
  const order = await store.getOrder(t, id);
  if (!order) throw new NotFoundError('order');
  return order;
}

async function defaultWarehouseId(t: TenantContext, requested?: string): Promise<string> {
  const warehouses = (await listWarehouses(t)).items;
  const chosen = requested
    ? warehouses.find((w) => w.id === requested)
    : (warehouses.find((w) => w.isDefault) ?? warehouses[0]);
  if (!chosen) throw new UnprocessableError('unknown_warehouse', 'The warehouse does not exist.');
  if (!chosen.active) throw new UnprocessableError('inactive_warehouse', 'The warehouse is not active.');
  return chosen.id;
}

/** Prices and totals the lines: a given price below the quote is an override (approval rules may catch it). */
async function buildLines(
  t: TenantContext,
  customer: Awaited<ReturnType<typeof getCustomer>>,
  input: z.output<typeof CreateOrderBody>['lines'],
  currency: string,
): Promise<OrderLine[]> {
  const priced = await priceLines(t, customer, input, currency);
  return input.map((line, i) => {
    const { product, quote } = priced[i]!;
    if (quote.currency !== currency) {
      throw new UnprocessableError(
        'currency_mismatch',
        `The product ${product.sku} has no price in ${currency}; give a unitPrice or a ${currency} price list.`,
      );
    }
    const unitPrice = line.unitPrice ?? quote.unitPrice;
    const amounts = lineAmounts(line.quantity, unitPrice, line.discountBps, product.taxRate);
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
      listPrice: quote.unitPrice,
      discountBps: line.discountBps,
      taxRate: product.taxRate,
      ...amounts,
      priceRule:
        line.unitPrice === undefined ? quote.rule : { kind: 'manual' as const, priceListId: null, minQuantity: null },
      priceOverride: line.unitPrice !== undefined && line.unitPrice < quote.unitPrice,
      reserved: 0,
      shipped: 0,
      invoiced: 0,
      returned: 0,
    };
  });
}

const withTotals = (order: Order): Order => ({ ...order, ...sumAmounts(order.lines) });

export async function createOrder(
  t: TenantContext,
  body: z.output<typeof CreateOrderBody>,
  options: { id?: string } = {},
): Promise<Order> {
  const customer = await getCustomer(t, body.customerId).catch(() => {
    throw new UnprocessableError('unknown_customer', 'The customer does not exist.');
  });
  if (customer.archivedAt) throw new UnprocessableError('archived_customer', 'The customer is archived.');
  const [settings, currency] = await Promise.all([getSettings(t), customerCurrency(t, customer, body.currency)]);
  const [warehouseId, lines] = await Promise.all([
    defaultWarehouseId(t, body.warehouseId),
    buildLines(t, customer, body.lines, currency),
  ]);
  const now = nowIso();
  for (let attempt = 0; ; attempt += 1) {
    const year = now.slice(0, 4);
    const counter = await nextNumber(t, 'ORDER', year);
    const order = withTotals({
      id: options.id ?? newId('order'),
      number: formatNumber(settings.numbering.order, year, counter.value),
      status: 'draft',
      customerId: customer.id,
      customerName: customer.name,
      currency,
      warehouseId,
      lines,
      subtotal: 0,
      tax: 0,
      total: 0,
      approval: { required: false, rulesVersion: null, matchedRules: [], steps: [] },
      flags: [],
      shippingAddress: body.shippingAddress ?? shipToOf(customer),
      channel: body.channel,
      externalRef: body.externalRef ?? null,
      notes: body.notes ?? null,
      customFields: body.customFields,
      createdBy: t.principal.id,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await transact(t, [counter.item, store.putNewOrder(t, order), orderEvent(t, order, 'order.created')]);
      return order;
    } catch (error) {
      // Someone took the number first: take the next one (gap-free, never duplicated).
      if ((error instanceof NumberTaken || isTransactionConflict(error)) && attempt < 20) {
        await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}

function orderEvent(t: TenantContext, order: Order, type: EventType, extra?: Record<string, unknown>) {
  const data = extra ? { order, ...extra } : order;
  return outboxEvent(t, store.orderKey(t, order.id).pk, type, { type: 'order', id: order.id }, data as never);
}

/** Sums what each product needs from the order's warehouse (two lines of one product are one reservation). */
function byProduct(order: Order, quantityOf: (l: OrderLine) => number) {
  const sums = new Map<string, number>();
  for (const l of order.lines)
    if (quantityOf(l) > 0) sums.set(l.productId, (sums.get(l.productId) ?? 0) + quantityOf(l));
  return sums;
}

/**
 * Writes an order change: the order (conditional on the version read), its events, and any level
 * changes with their ledger rows and event, all in one transaction. A failed level condition is
 * a shortage: 409 insufficient_stock with the shortage per line, and nothing is written.
 */
async function commit(
  t: TenantContext,
  previous: Order,
  next: Order,
  events: TransactItem[],
  changes: LevelChange[] = [],
  extra: TransactItem[] = [],
  expected?: number,
) {
  const writes = [
    guarded(
      store.putOrder(t, next, previous.version),
      expected !== undefined ? new PreconditionFailedError() : new StaleReadError(),
    ),
    ...events,
    ...extra,
    ...(changes.length ? changeItems(t, changes, next.id) : []),
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

function stamp(order: Order, changes: Partial<Order>): Order {
  return { ...order, ...changes, version: order.version + 1, updatedAt: nowIso() };
}

function loadAndCheck(expected?: number) {
  return (order: Order) => {
    if (expected !== undefined && expected !== order.version) throw new PreconditionFailedError();
    return order;
  };
}

async function updateOrderOnce(t: TenantContext, id: string, patch: PatchOrderBody, expected?: number) {
  const current = loadAndCheck(expected)(await getOrder(t, id));
  try {
    rules.assertCan(current, 'edit');
  } catch (e) {
    asHttp(e);
  }
  const customer = await getCustomer(t, current.customerId);
  const lines = patch.lines ? await buildLines(t, customer, patch.lines, current.currency) : current.lines;
  const warehouseId = patch.warehouseId ? await defaultWarehouseId(t, patch.warehouseId) : current.warehouseId;
  const next = withTotals(
    stamp(current, {
      status: 'draft',
      lines,
      warehouseId,
      shippingAddress: patch.shippingAddress === undefined ? current.shippingAddress : patch.shippingAddress,
      externalRef: patch.externalRef === undefined ? current.externalRef : patch.externalRef,
      notes: patch.notes === undefined ? current.notes : patch.notes,
      customFields: patch.customFields ?? current.customFields,
      approval: { required: false, rulesVersion: null, matchedRules: [], steps: [] },
    }),
  );
  await commit(t, current, next, [orderEvent(t, next, 'order.updated')], [], [], expected);
  return next;
}

const reservationChanges = (order: Order): LevelChange[] =>
  [...byProduct(order, (l) => l.quantity - l.shipped)].map(([productId, q]) => ({
    productId,
    warehouseId: order.warehouseId,
    kind: 'reservation',
    onHandDelta: 0,
    reservedDelta: q,
    orderId: order.id,
  }));
const releaseChanges = (order: Order): LevelChange[] =>
  [...byProduct(order, (l) => l.reserved)].map(([productId, q]) => ({
    productId,
    warehouseId: order.warehouseId,
    kind: 'release',
    onHandDelta: 0,
    reservedDelta: -q,
    orderId: order.id,
  }));

/** Confirmation reserves every line and counts the order in the customer's credit exposure. */
function confirmationEffects(t: TenantContext, order: Order) {
  return {
    changes: reservationChanges(order),
    extra: [store.creditExposureChange(t, order.customerId, order.currency, order.total)],
    events: [orderEvent(t, order, 'order.confirmed')],
  };
}

async function submitOrderOnce(t: TenantContext, id: string, expected?: number) {
  const current = loadAndCheck(expected)(await getOrder(t, id));
  const [workflow, customer, exposure] = await Promise.all([
    getApprovalWorkflow(t),
    getCustomer(t, current.customerId),
    store.creditExposure(t, current.customerId),
  ]);
  const creditExceeded = Boolean(
    customer.creditLimit &&
      customer.creditLimit.currency === current.currency &&
      exposure.total + current.total > customer.creditLimit.amount,
  );
  let next: Order;
  try {
    next = stamp(
      current,
      rules.submit(current, approvalChain(workflow, { order: current, customerTier: customer.tier, creditExceeded })),
    );
  } catch (e) {
    asHttp(e);
  }
  const events = [orderEvent(t, next, 'order.submitted')];
  if (next.status === 'confirmed') {
    const effects = confirmationEffects(t, next);
    await commit(t, current, next, [...events, ...effects.events], effects.changes, effects.extra, expected);
  } else {
    await commit(
      t,
      current,
      next,
      [
        ...events,
        orderEvent(t, next, 'order.approval_requested', { step: { index: 0, role: next.approval.steps[0]!.role } }),
      ],
      [],
      [],
      expected,
    );
  }
  return next;
}

async function decideOrderOnce(
  t: TenantContext,
  id: string,
  decision: 'approved' | 'rejected',
  comment: string | null,
  expected?: number,
) {
  const current = loadAndCheck(expected)(await getOrder(t, id));
  let next: Order;
  try {
    next = stamp(
      current,
      rules.decide(current, { id: t.principal.id, role: t.principal.role }, decision, comment, nowIso()),
    );
  } catch (e) {
    asHttp(e);
  }
  if (decision === 'rejected') {
    await commit(t, current, next, [orderEvent(t, next, 'order.rejected')], [], [], expected);
  } else if (next.status === 'confirmed') {
    const approved = orderEvent(t, next, 'order.approved'); // made first: events keep the order they are made in
    const effects = confirmationEffects(t, next);
    await commit(t, current, next, [approved, ...effects.events], effects.changes, effects.extra, expected);
  } else {
    const index = next.approval.steps.findIndex((s) => s.decision === null);
    await commit(
      t,
      current,
      next,
      [
        orderEvent(t, next, 'order.approved'),
        orderEvent(t, next, 'order.approval_requested', { step: { index, role: next.approval.steps[index]!.role } }),
      ],
      [],
      [],
      expected,
    );
  }
  return next;
}

async function cancelOrderOnce(t: TenantContext, id: string, reason: string, expected?: number) {
  const current = loadAndCheck(expected)(await getOrder(t, id));
  let next: Order;
  try {
    next = stamp(rules.cancel(current), { notes: current.notes ? `${current.notes}\n${reason}` : reason });
  } catch (e) {
    asHttp(e);
  }
  const wasConfirmed = current.status === 'confirmed';
  // What was counted as confirmed and not yet invoiced leaves the exposure; an invoice already made is voided by invoicing.
  const remaining = current.lines.reduce((s, l) => s + (l.reserved > 0 && l.invoiced === 0 ? l.total : 0), 0);
  await commit(
    t,
    current,
    next,
    [orderEvent(t, next, 'order.cancelled')],
    wasConfirmed ? releaseChanges(current) : [],
    wasConfirmed ? [store.creditExposureChange(t, current.customerId, current.currency, -remaining)] : [],
    expected,
  );
  return next;
}

async function shipOrderOnce(t: TenantContext, id: string, body: z.output<typeof ShipmentBody>, expected?: number) {
  const current = loadAndCheck(expected)(await getOrder(t, id));
  if (body.warehouseId && body.warehouseId !== current.warehouseId) {
    throw new UnprocessableError(
      'warehouse_mismatch',
      "The order's stock is reserved in its own warehouse; ship from there (transfer stock first to ship from elsewhere).",
    );
  }
  let next: Order;
  try {
    next = stamp(current, rules.ship(current, body.lines));
  } catch (e) {
    asHttp(e);
  }
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
  const changes: LevelChange[] = [...shipped].map(([productId, q]) => ({
    productId,
    warehouseId: current.warehouseId,
    kind: 'shipment',
    onHandDelta: -q,
    reservedDelta: -q,
    orderId: current.id,
  }));
  await commit(
    t,
    current,
    next,
    [orderEvent(t, next, 'order.shipped', { shipment })],
    changes,
    [store.putShipment(t, id, shipment)],
    expected,
  );
  return next;
}

/** Moves that change only the status: validate with the rule, write the order and its event. */
async function advance(t: TenantContext, id: string, rule: (o: Order) => Order, type: EventType, expected?: number) {
  const current = loadAndCheck(expected)(await getOrder(t, id));
  let next: Order;
  try {
    next = stamp(current, rule(current));
  } catch (e) {
    asHttp(e);
  }
  await commit(t, current, next, [orderEvent(t, next, type)], [], [], expected);
  return next;
}

const deliverOrderOnce = (t: TenantContext, id: string, expected?: number) =>
  advance(t, id, rules.deliver, 'order.delivered', expected);
const completeOrderOnce = (t: TenantContext, id: string, expected?: number) =>
  advance(t, id, rules.complete, 'order.completed', expected);

/** Every action re-reads and retries when its transaction collides with a concurrent one. */
export const updateOrder = (t: TenantContext, id: string, patch: PatchOrderBody, expected?: number) =>
  retryOnConflict(() => updateOrderOnce(t, id, patch, expected));
export const submitOrder = (t: TenantContext, id: string, expected?: number) =>
  retryOnConflict(() => submitOrderOnce(t, id, expected));
export const decideOrder = (
  t: TenantContext,
  id: string,
  decision: 'approved' | 'rejected',
  comment: string | null,
  expected?: number,
) => retryOnConflict(() => decideOrderOnce(t, id, decision, comment, expected));
export const cancelOrder = (t: TenantContext, id: string, reason: string, expected?: number) =>
  retryOnConflict(() => cancelOrderOnce(t, id, reason, expected));
export const shipOrder = (t: TenantContext, id: string, body: z.output<typeof ShipmentBody>, expected?: number) =>
  retryOnConflict(() => shipOrderOnce(t, id, body, expected));
export const deliverOrder = (t: TenantContext, id: string, expected?: number) =>
  retryOnConflict(() => deliverOrderOnce(t, id, expected));
export const completeOrder = (t: TenantContext, id: string, expected?: number) =>
  retryOnConflict(() => completeOrderOnce(t, id, expected));

export async function listOrders(t: TenantContext, q: ListOrdersQuery) {
  return store.listOrders(t, q);
}

export async function customerOrders(t: TenantContext, customerId: string, q: { limit: number; cursor?: string }) {
  await getCustomer(t, customerId);
  return store.listOrders(t, { ...q, customerId });
}

const counted: Order['status'][] = ['confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed'];
const open: Order['status'][] = ['pending_approval', 'confirmed', 'partially_shipped'];

/**
 * What a sales rep wants on the customer's page. Reads the customer's orders (fine at SME
 * volumes; per-customer aggregates kept by the reports consumer would take over at scale).
 */
export async function customerSummary(t: TenantContext, customerId: string) {
  const customer = await getCustomer(t, customerId);
  const [orders, exposure, currency] = await Promise.all([
    store.allCustomerOrders(t, customerId),
    store.creditExposure(t, customerId),
    customerCurrency(t, customer),
  ]);
  const inCurrency = orders.filter((o) => o.currency === currency);
  const money = (amount: number) => ({ amount, currency });
  return {
    customerId,
    currency,
    lifetimeValue: money(inCurrency.filter((o) => counted.includes(o.status)).reduce((s, o) => s + o.total, 0)),
    orderCount: orders.length,
    openOrders: orders.filter((o) => open.includes(o.status)).length,
    outstandingReceivables: money(exposure.receivables),
    creditLimit: customer.creditLimit,
    creditExposure: money(exposure.total),
    lastOrderAt:
      orders
        .map((o) => o.createdAt)
        .sort()
        .at(-1) ?? null,
  };
}

/** The order's shipments with each line's SKU, name and unit, and the warehouse's name. */
export async function listShipments(t: TenantContext, id: string): Promise<{ order: Order; items: Shipment[] }> {
  const [order, stored] = await Promise.all([getOrder(t, id), store.shipments(t, id)]);
  const warehouses = new Map(
    await Promise.all(
      [...new Set(stored.map((s) => s.warehouseId))].map(
        async (w) => [w, (await findWarehouse(t, w))?.name ?? null] as const,
      ),
    ),
  );
  const items = stored.map((s) => ({
    id: s.id,
    orderId: order.id,
    warehouseId: s.warehouseId,
    warehouseName: warehouses.get(s.warehouseId) ?? null,
    lines: s.lines.map((l) => {
      const line = order.lines.find((x) => x.lineId === l.lineId);
      return {
        lineId: l.lineId,
        productId: l.productId,
        sku: line?.sku ?? '',
        name: line?.name ?? '',
        unit: line?.unit ?? '',
        quantity: l.quantity,
      };
    }),
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    at: s.at,
  }));
  return { order, items };
}

/** One shipment with its order and its place among the order's shipments (the delivery note's number). */
export async function shipmentOf(t: TenantContext, id: string, shipmentId: string) {
  const { order, items } = await listShipments(t, id);
  const index = items.findIndex((s) => s.id === shipmentId);
  if (index < 0) throw new NotFoundError('shipment');
  return { order, shipment: items[index]!, index };
}

export async function orderTimeline(t: TenantContext, id: string) {
  await getOrder(t, id);
  const envelopes = (await store.timeline(t, id)).map(
    (i) =>
      envelopeOf(i) as {
        id: string;
        type: string;
        occurredAt: string;
        actor: { kind: string; id: string };
        data: Record<string, unknown>;
      },
  );
  const names = await userNames(
    t,
    envelopes.filter((e) => e.actor.kind === 'user').map((e) => e.actor.id),
  );
  return {
    items: envelopes.map((e) => {
      const order = (e.data.order ?? e.data) as Order;
      const decided = order.approval?.steps.filter((s) => s.decision).at(-1);
      const comment = e.type === 'order.approved' || e.type === 'order.rejected' ? (decided?.comment ?? null) : null;
      const data: Record<string, unknown> = { status: order.status, number: order.number };
      if (e.data.shipment) data.shipment = e.data.shipment;
      if (e.data.step) data.step = e.data.step;
      return {
        id: e.id,
        type: e.type,
        at: e.occurredAt,
        actor: { ...e.actor, name: names.get(e.actor.id) ?? null },
        comment,
        data,
      };
    }),
    nextCursor: null,
  };
}

export const getWorkflow = getApprovalWorkflow;

export function putWorkflow(
  t: TenantContext,
  body: z.output<typeof PutApprovalWorkflowBody>,
  expected?: number,
): Promise<ApprovalWorkflow> {
  return retryOnConflict(async () => {
    const current = await getApprovalWorkflow(t);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const next: ApprovalWorkflow = { rules: body.rules, version: current.version + 1, updatedAt: nowIso() };
    await putApprovalWorkflow(t, next, current.version).catch(staleWrite(expected));
    return next;
  });
}

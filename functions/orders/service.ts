import { trackingUrl } from '#shared/domain/carriers.ts';
import { close } from './actions/close.ts';
import type * as z from 'zod';
import type {
  BulkBody,
  RevisionBody,
  TrackingEvent,
  ApprovalWorkflow,
  ListOrdersQuery,
  Order,
  PatchOrderBody,
  PutApprovalWorkflowBody,
  Shipment,
  ShipmentBody,
} from '#shared/api/orders.ts';
import {
  ConflictError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '#functions/platform/errors.ts';
import { deciders, orderTakers, stockKeepers } from '#shared/api/routes/access.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { nowIso } from '#functions/platform/ids.ts';
import { transact } from '#functions/platform/transact.ts';
import { envelopeOf } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { userNames } from '#functions/tenants/service.ts';
import { seesRep, visibility } from '#functions/tenants/scope.ts';
import { customerCurrency } from '#functions/catalog/service.ts';
import { findWarehouse } from '#functions/catalog/reads.ts';
import * as store from './store.ts';
import { runAction } from './actions/runner.ts';
import { update } from './actions/update.ts';
import { submit } from './actions/submit.ts';
import { decide } from './actions/decide.ts';
import { cancel } from './actions/cancel.ts';
import { ship } from './actions/ship.ts';
import { deliver } from './actions/deliver.ts';
import { complete } from './actions/complete.ts';
import { getApprovalWorkflow, putApprovalWorkflow } from './workflow-store.ts';
import { filteredPage } from '#functions/tenants/custom-fields.ts';

/** An order the caller may see: out of their data scope it does not exist for them (404). */
export async function getOrder(t: TenantContext, id: string): Promise<Order> {
  const [order, seen] = await Promise.all([store.getOrder(t, id), visibility(t)]);
  if (!order || !seesRep(seen, order.salesRepId)) throw new NotFoundError('order');
  return order;
}

/** Each state change is one action in ./actions (validate, then decide); the runner loads, checks If-Match, commits and retries. */
export { create as createOrder } from './actions/create.ts';
export const updateOrder = (t: TenantContext, id: string, patch: PatchOrderBody, expected?: number) =>
  runAction(t, id, expected, update, patch);
export const submitOrder = (t: TenantContext, id: string, expected?: number) =>
  runAction(t, id, expected, submit, undefined);
export const decideOrder = (
  t: TenantContext,
  id: string,
  decision: 'approved' | 'rejected',
  comment: string | null,
  expected?: number,
) => runAction(t, id, expected, decide, { decision, comment });
export const cancelOrder = (t: TenantContext, id: string, reason: string, expected?: number) =>
  runAction(t, id, expected, cancel, { reason });
export const shipOrder = (t: TenantContext, id: string, body: z.output<typeof ShipmentBody>, expected?: number) =>
  runAction(t, id, expected, ship, body);
/** A revision (变更) is rare beside the day's orders: its action loads when one is asked for. */
export const reviseOrder = async (
  t: TenantContext,
  id: string,
  body: z.output<typeof RevisionBody>,
  expected?: number,
) => runAction(t, id, expected, (await import('./actions/revise.ts')).revise, body);
export async function listRevisions(t: TenantContext, id: string) {
  await getOrder(t, id);
  return { items: await store.revisions(t, id) };
}
export const closeOrder = (t: TenantContext, id: string, reason: string, expected?: number) =>
  runAction(t, id, expected, close, { reason });
export const deliverOrder = (t: TenantContext, id: string, expected?: number) =>
  runAction(t, id, expected, deliver, undefined);
export const completeOrder = (t: TenantContext, id: string, expected?: number) =>
  runAction(t, id, expected, complete, undefined);

export async function listOrders(t: TenantContext, q: ListOrdersQuery) {
  const seen = await visibility(t);
  return filteredPage(t, 'order', q, (slice) => store.listOrders(t, { ...q, ...slice }, seen));
}

export async function customerOrders(t: TenantContext, customerId: string, q: { limit: number; cursor?: string }) {
  await getCustomer(t, customerId);
  return store.listOrders(t, { ...q, customerId }, await visibility(t));
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
    credit: money(exposure.prepaid),
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
        cost: (l as { cost?: number }).cost ?? 0,
      };
    }),
    carrierCode: s.carrierCode ?? null,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    at: s.at,
    trackingUrl: trackingUrl(s.carrierCode, s.trackingNumber),
    tracking: s.tracking ?? [],
    deliveredAt: s.deliveredAt ?? null,
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

/**
 * A carrier's news of a shipment (from a logistics partner, by API key): added to its tracking;
 * when every shipment of a shipped order is delivered, the order is delivered.
 */
export async function addTrackingEvent(t: TenantContext, shipmentId: string, event: z.output<typeof TrackingEvent>) {
  const orderId = await store.orderOfShipment(t, shipmentId);
  if (!orderId) throw new NotFoundError('shipment');
  await getOrder(t, orderId);
  await retryOnConflict(async () => {
    const found = await store.getShipment(t, orderId, shipmentId);
    if (!found) throw new NotFoundError('shipment');
    const tracking = [
      ...(found.shipment.tracking ?? []),
      { status: event.status, at: event.at, location: event.location ?? null },
    ].sort((a, b) => a.at.localeCompare(b.at));
    const next = {
      ...found.shipment,
      tracking,
      deliveredAt:
        event.status === 'delivered' ? (found.shipment.deliveredAt ?? event.at) : (found.shipment.deliveredAt ?? null),
    };
    await transact(t, [store.putShipmentTracking(t, orderId, next, found.version)]).catch(staleWrite(undefined));
  });
  const { order, items } = await listShipments(t, orderId);
  if (order.status === 'shipped' && items.length && items.every((s) => s.deliveredAt))
    await deliverOrder(t, orderId).catch(() => undefined); // delivered meanwhile by someone: nothing to do
  return (await listShipments(t, orderId)).items.find((s) => s.id === shipmentId)!;
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

/**
 * One action on many orders: each order is its own transaction, so one that cannot move (wrong
 * state, not enough stock, not the caller's step) does not stop the others; each gets its result.
 * Ship sends everything reserved of each line.
 */
export async function bulk(t: TenantContext, body: z.output<typeof BulkBody>) {
  if (body.action === 'cancel' && !body.reason)
    throw new ValidationError([{ path: 'reason', message: 'Say why the orders are cancelled.' }]);
  const allowed: Record<typeof body.action, readonly string[]> = {
    submit: orderTakers,
    cancel: orderTakers,
    approve: deciders,
    ship: stockKeepers,
  };
  const role = t.principal.role;
  if (t.principal.kind === 'user' && (!role || !allowed[body.action].includes(role)))
    throw new ForbiddenError(`Your role does not allow ${body.action} on orders.`);
  const results = [];
  for (const id of body.ids) {
    try {
      const order =
        body.action === 'submit'
          ? await submitOrder(t, id)
          : body.action === 'approve'
            ? await decideOrder(t, id, 'approved', body.reason ?? null)
            : body.action === 'cancel'
              ? await cancelOrder(t, id, body.reason!)
              : await (async () => {
                  const current = await getOrder(t, id);
                  const lines = current.lines
                    .filter((l) => l.reserved > 0)
                    .map((l) => ({ lineId: l.lineId, quantity: l.reserved }));
                  if (!lines.length)
                    throw new ConflictError(
                      'invalid_transition',
                      `Order ${current.number} has nothing reserved to ship.`,
                      {
                        orderStatus: current.status,
                        action: 'ship',
                        allowedFrom: ['confirmed', 'partially_shipped'],
                      },
                    );
                  return shipOrder(t, id, { lines });
                })();
      results.push({ id, ok: true, status: order.status, number: order.number, problem: null });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      // The order's number when the caller may see it (a 404 names none).
      const number = error.statusCode === 404 ? null : ((await store.getOrder(t, id))?.number ?? null);
      results.push({ id, ok: false, status: null, number, problem: { code: error.code, detail: error.message } });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { action: body.action, succeeded, failed: results.length - succeeded, results };
}

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { CreateReturnBody, ListReturnsQuery, ReceiveReturnBody, Return } from '#shared/api/aftersales.ts';
import type { Order } from '#shared/api/orders.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { env } from '#functions/platform/env.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { formatNumber, nextNumber, retryTaken } from '#functions/platform/numbering.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact, type TransactItem } from '#functions/platform/transact.ts';
import { findWarehouse } from '#functions/catalog/reads.ts';
import { findOrder, orderWrite } from '#functions/orders/reads.ts';
import { seesRep, visibility } from '#functions/tenants/scope.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { ratingLinkItems } from './ratings.ts';
import * as store from './store.ts';

/**
 * Returns (退货, RMA). What each order line has had claimed by returns (requested, approved or
 * received) sits on one item in the order's partition, written under a condition with every
 * request: ten concurrent requests cannot claim more than was shipped. Receiving moves the goods
 * (restock at the cost they left with), the order line's `returned`, and the credit note with the
 * balances it settles, in one transaction.
 */
const claimsKey = (t: TenantContext, orderId: string) => ({ pk: t.key('ORDER', orderId), sk: 'RETURN_CLAIMS' });

async function readClaims(t: TenantContext, orderId: string) {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: claimsKey(t, orderId), ConsistentRead: true }),
  );
  return { lines: (Item?.lines ?? {}) as Record<string, number>, version: Number(Item?.version ?? 0) };
}
const writeClaims = (
  t: TenantContext,
  orderId: string,
  lines: Record<string, number>,
  previous: number,
): TransactItem => ({
  Put: {
    TableName: env.tableName,
    Item: { ...claimsKey(t, orderId), entity: 'return_claims', lines, version: previous + 1 },
    ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
    ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':v': previous } }),
  },
});
const released = (claims: Record<string, number>, lines: { lineId: string; quantity: number }[]) => {
  const next = { ...claims };
  for (const l of lines) next[l.lineId] = Math.max(0, (next[l.lineId] ?? 0) - l.quantity);
  return next;
};

async function visibleOrder(t: TenantContext, orderId: string): Promise<Order> {
  const order = await findOrder(t, orderId);
  if (!order || !seesRep(await visibility(t), order.salesRepId)) throw new NotFoundError('order');
  return order;
}

/** A return the caller may see: its order's rep is in their data scope. */
export async function getReturn(t: TenantContext, id: string): Promise<Return> {
  const ret = await store.getReturn(t, id);
  if (!ret || !seesRep(await visibility(t), ret.salesRepId)) throw new NotFoundError('return');
  return ret;
}

export async function listReturns(t: TenantContext, q: z.output<typeof ListReturnsQuery>) {
  const [page, seen] = await Promise.all([store.listReturns(t, q), visibility(t)]);
  return { ...page, items: page.items.filter((r) => seesRep(seen, r.salesRepId)) };
}

export const returnsOfOrder = async (t: TenantContext, orderId: string) => {
  await visibleOrder(t, orderId);
  return { items: await store.returnsOfOrder(t, orderId) };
};

const invalid = (ret: Return, action: string, allowedFrom: Return['status'][]) =>
  new ConflictError('invalid_transition', `A return that is ${ret.status} cannot be ${action}.`, {
    orderStatus: ret.status,
    action,
    allowedFrom,
  });

/** A customer asks to send goods back: at most what was shipped of each line and not yet claimed by another return. */
export async function requestReturn(
  t: TenantContext,
  orderId: string,
  body: z.output<typeof CreateReturnBody>,
): Promise<Return> {
  const order = await visibleOrder(t, orderId);
  const settings = await getSettings(t);
  const ticket = body.ticketId ? await store.getTicket(t, body.ticketId) : undefined;
  if (body.ticketId && (!ticket || ticket.customerId !== order.customerId)) throw new NotFoundError('ticket');
  return retryOnConflict(async () => {
    const claims = await readClaims(t, orderId);
    const next = { ...claims.lines };
    const lines = body.lines.map((l) => {
      const line = order.lines.find((x) => x.lineId === l.lineId);
      if (!line)
        throw new UnprocessableError('unknown_line', `The order has no line ${l.lineId}.`, { lineId: l.lineId });
      const returnable = line.shipped - (claims.lines[l.lineId] ?? 0);
      if (l.quantity > returnable)
        throw new UnprocessableError(
          'over_return',
          `Line ${l.lineId} can return at most ${Math.max(0, returnable)}: shipped ${line.shipped}, already claimed by returns ${claims.lines[l.lineId] ?? 0}.`,
          { lineId: l.lineId, returnable: Math.max(0, returnable), requested: l.quantity },
        );
      next[l.lineId] = (next[l.lineId] ?? 0) + l.quantity;
      return {
        lineId: line.lineId,
        productId: line.productId,
        sku: line.sku,
        name: line.name,
        unit: line.unit,
        quantity: l.quantity,
        reason: l.reason,
        received: 0,
        disposition: null,
        total: Math.round((line.total * l.quantity) / line.quantity),
        tax: Math.round((line.tax * l.quantity) / line.quantity),
      };
    });
    const at = nowIso();
    const year = companyDay(at, settings.timeZone).slice(0, 4);
    const counter = await nextNumber(t, 'RMA', year);
    const ret: Return = {
      id: newId('return'),
      number: formatNumber('RMA', year, counter.value),
      status: 'requested',
      resolution: body.resolution,
      orderId: order.id,
      orderNumber: order.number,
      customerId: order.customerId,
      customerName: order.customerName,
      salesRepId: order.salesRepId,
      ticketId: ticket?.id ?? null,
      ticketNumber: ticket?.number ?? null,
      currency: order.currency,
      lines,
      total: lines.reduce((s, l) => s + l.total, 0),
      notes: body.notes ?? null,
      rejectionReason: null,
      warehouseId: null,
      receivedAt: null,
      creditNoteId: null,
      creditNoteNumber: null,
      replacementOrderId: null,
      replacementOrderNumber: null,
      ratingUrl: null,
      rating: null,
      createdBy: t.principal.id,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await transact(t, [
      writeClaims(t, orderId, next, claims.version),
      counter.item,
      store.putNewReturn(t, ret),
      store.orderReturnRef(t, orderId, ret.id),
      outboxEvent(t, store.returnKey(t, ret.id).pk, 'return.requested', { type: 'return', id: ret.id }, ret),
    ]).catch(retryTaken(undefined));
    return ret;
  }, 30);
}

/** Approve, reject or cancel: a rejected or cancelled return gives back what it claimed of the order's lines. */
export function decideReturn(
  t: TenantContext,
  id: string,
  decision: 'approved' | 'rejected' | 'cancelled',
  reason: string | null,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const ret = await getReturn(t, id);
    if (expected !== undefined && expected !== ret.version) throw new PreconditionFailedError();
    const from: Return['status'][] = decision === 'cancelled' ? ['requested', 'approved'] : ['requested'];
    if (!from.includes(ret.status))
      throw invalid(
        ret,
        decision === 'approved' ? 'approved' : decision === 'rejected' ? 'rejected' : 'cancelled',
        from,
      );
    const at = nowIso();
    const next: Return = {
      ...ret,
      status: decision,
      rejectionReason: decision === 'rejected' ? reason : ret.rejectionReason,
      version: ret.version + 1,
      updatedAt: at,
    };
    const items: TransactItem[] = [store.putReturn(t, next, ret.version)];
    if (decision !== 'approved') {
      const claims = await readClaims(t, ret.orderId);
      items.push(writeClaims(t, ret.orderId, released(claims.lines, ret.lines), claims.version));
    } else {
      items.push(outboxEvent(t, store.returnKey(t, id).pk, 'return.approved', { type: 'return', id }, next));
    }
    await transact(t, items).catch(staleWrite(expected));
    return next;
  });
}

/**
 * The goods arrive: each line with what came back and what becomes of it. Restocked goods re-enter
 * at the cost they left with (the line's cost of goods per unit shipped); scrap and repair move no
 * stock. The order line's `returned`, the stock and its ledger, and for a refund or credit the
 * credit note with the invoices and credit it settles, are one transaction. An exchange then gets
 * its replacement order (a draft at no charge for what came back).
 */
export async function receiveReturn(
  t: TenantContext,
  id: string,
  body: z.output<typeof ReceiveReturnBody>,
  expected?: number,
) {
  // Of the return routes only this one moves stock and issues credit notes: that code loads with it.
  const { changeItems, creditLines, creditNoteItems } = await import('./occasional.ts');
  return retryOnConflict(async () => {
    const ret = await getReturn(t, id);
    if (expected !== undefined && expected !== ret.version) throw new PreconditionFailedError();
    if (ret.status !== 'approved') throw invalid(ret, 'received', ['approved']);
    if (!(await findWarehouse(t, body.warehouseId)))
      throw new UnprocessableError('unknown_warehouse', 'The warehouse does not exist.');
    const order = (await findOrder(t, ret.orderId))!;
    const got = new Map(body.lines.map((l) => [l.lineId, l]));
    for (const l of body.lines) {
      const line = ret.lines.find((x) => x.lineId === l.lineId);
      if (!line)
        throw new UnprocessableError('unknown_line', `The return has no line ${l.lineId}.`, { lineId: l.lineId });
      const orderLine = order.lines.find((x) => x.lineId === l.lineId)!;
      const returnable = Math.min(line.quantity, orderLine.shipped - orderLine.returned);
      if (l.quantity > returnable)
        throw new UnprocessableError('over_return', `Line ${l.lineId} can take back at most ${returnable}.`, {
          lineId: l.lineId,
          returnable,
          requested: l.quantity,
        });
    }
    const at = nowIso();
    const lines = ret.lines.map((l) => {
      const r = got.get(l.lineId);
      return { ...l, received: r?.quantity ?? 0, disposition: r && r.quantity > 0 ? r.disposition : null };
    });
    const stock = lines
      .filter((l) => l.disposition === 'restock' && l.received > 0)
      .map((l) => {
        const orderLine = order.lines.find((x) => x.lineId === l.lineId)!;
        const unitCost = orderLine.shipped > 0 ? Math.round(orderLine.cost / orderLine.shipped) : 0;
        const value = orderLine.shipped > 0 ? Math.round((orderLine.cost * l.received) / orderLine.shipped) : 0;
        return {
          productId: l.productId,
          warehouseId: body.warehouseId,
          kind: 'return' as const,
          onHandDelta: l.received,
          reservedDelta: 0,
          reason: `${ret.number} ${order.number}`,
          orderId: order.id,
          valueDelta: value,
          unitCost,
        };
      });
    const nextOrder: Order = {
      ...order,
      lines: order.lines.map((ol) => {
        const l = lines.find((x) => x.lineId === ol.lineId);
        return l ? { ...ol, returned: ol.returned + l.received } : ol;
      }),
      version: order.version + 1,
      updatedAt: at,
    };
    const credit =
      (ret.resolution === 'refund' || ret.resolution === 'credit') && lines.some((l) => l.received > 0)
        ? await creditNoteItems(
            t,
            order,
            ret,
            creditLines(
              order,
              lines.map((l) => ({ lineId: l.lineId, quantity: l.received })),
            ),
            at,
          )
        : null;
    const next: Return = {
      ...ret,
      status: 'received',
      lines,
      warehouseId: body.warehouseId,
      receivedAt: at,
      creditNoteId: credit?.creditNote.id ?? null,
      creditNoteNumber: credit?.creditNote.number ?? null,
      version: ret.version + 1,
      updatedAt: at,
    };
    // What was asked and did not come back is no longer claimed.
    const short = lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity - l.received })).filter((l) => l.quantity);
    const claims = short.length ? await readClaims(t, ret.orderId) : null;
    await transact(t, [
      store.putReturn(t, next, ret.version),
      orderWrite(t, nextOrder, order.version),
      ...(stock.length ? changeItems(t, stock, order.id) : []),
      ...(credit?.items ?? []),
      ...(claims ? [writeClaims(t, ret.orderId, released(claims.lines, short), claims.version)] : []),
      outboxEvent(t, store.returnKey(t, id).pk, 'return.received', { type: 'return', id }, next),
    ]).catch(retryTaken(expected));
    if (ret.resolution === 'exchange') return replace(t, next);
    return next;
  });
}

/** An exchange's replacement: a draft order for what came back, at no charge, linked both ways by its notes and the return. */
async function replace(t: TenantContext, ret: Return): Promise<Return> {
  const lines = ret.lines.filter((l) => l.received > 0).map((l) => ({ productId: l.productId, quantity: l.received }));
  if (!lines.length) return ret;
  const { createOrder, CreateOrderBody } = await import('./occasional.ts');
  const order = await createOrder(
    t,
    CreateOrderBody.parse({
      customerId: ret.customerId,
      lines: lines.map((l) => ({ ...l, unitPrice: 0 })),
      notes: `换货 / exchange for ${ret.number} (${ret.orderNumber})`,
      salesRepId: ret.salesRepId ?? undefined,
    }),
  );
  const next: Return = {
    ...ret,
    replacementOrderId: order.id,
    replacementOrderNumber: order.number,
    version: ret.version + 1,
    updatedAt: nowIso(),
  };
  await transact(t, [store.putReturn(t, next, ret.version)]);
  return next;
}

/** Done: the customer gets a one-use link to rate how the return was handled. */
export function closeReturn(t: TenantContext, id: string, expected?: number) {
  return retryOnConflict(async () => {
    const ret = await getReturn(t, id);
    if (expected !== undefined && expected !== ret.version) throw new PreconditionFailedError();
    if (ret.status !== 'received') throw invalid(ret, 'closed', ['received']);
    const link = await ratingLinkItems(t, { type: 'return', id, number: ret.number, title: ret.orderNumber });
    const next: Return = {
      ...ret,
      status: 'closed',
      ratingUrl: link.url,
      version: ret.version + 1,
      updatedAt: nowIso(),
    };
    await transact(t, [
      store.putReturn(t, next, ret.version),
      link.item,
      outboxEvent(t, store.returnKey(t, id).pk, 'return.closed', { type: 'return', id }, next),
    ]).catch(staleWrite(expected));
    return next;
  });
}

import type { Order } from '#shared/api/orders.ts';
import type { Invoice, Payment } from '#shared/api/finance.ts';
import type { EventEnvelope } from '#shared/events/catalog.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { toBase } from '#shared/domain/money.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { repOf } from '#functions/tenants/scope.ts';
import { findCustomer } from '#functions/customers/service.ts';
import { applyMarked, wasProcessed } from '#functions/platform/events.ts';
import { isConditionFailure } from '#functions/platform/db.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import type { TransactItem } from '#functions/platform/transact.ts';
import {
  AggregateUpdates,
  attributesOf,
  byKey,
  cancelCounted,
  dailyKey,
  getCounted,
  putCounted,
  recountCounted,
  type Amounts,
  type FunnelStage,
} from './store.ts';
import { dirtyMark, entryItem, utcDay, type Entry, type Source } from './entries.ts';

export const CONSUMER = 'reports-aggregates';

const stageOf: Partial<Record<string, FunnelStage>> = {
  'order.created': 'created',
  'order.submitted': 'submitted',
  'order.confirmed': 'confirmed',
  'order.delivered': 'delivered',
  'order.completed': 'completed',
  'order.cancelled': 'cancelled',
  'order.rejected': 'rejected',
};

/** A confirmed order's contribution to every aggregate, kept so that a cancellation can take it back exactly. */
function bookedSales(
  t: TenantContext,
  order: Order,
  day: string,
  baseCurrency: string,
  rep: { id: string; name: string; departmentId: string | null; departmentName: string | null },
) {
  const units = order.lines.reduce((s, l) => s + l.quantity, 0);
  const inBase = (amount: number) => toBase(amount, order.currency, order.fxRate ?? '1', baseCurrency);
  const byProduct = new Map<string, { label: string; units: number; sales: number; net: number }>();
  for (const l of order.lines) {
    const p = byProduct.get(l.productId) ?? { label: `${l.sku} ${l.name}`, units: 0, sales: 0, net: 0 };
    p.units += l.quantity;
    p.sales += l.total;
    p.net += l.subtotal;
    byProduct.set(l.productId, p);
  }
  const region = order.shippingAddress?.province || '—';
  const whole: Amounts = {
    orders: 1,
    units,
    sales: order.total,
    salesBase: inBase(order.total),
    netBase: inBase(order.subtotal),
  };
  const contributions: { pk: string; sk: string; label?: string; amounts: Amounts }[] = [
    { ...dailyKey(t, day), amounts: whole },
    { ...byKey(t, 'customer', day, order.customerId), label: order.customerName, amounts: whole },
    { ...byKey(t, 'region', day, region), label: region, amounts: whole },
    { ...byKey(t, 'channel', day, order.channel), label: order.channel, amounts: whole },
    // Per sales rep and their department when the order was confirmed (业绩归属).
    { ...byKey(t, 'rep', day, rep.id), label: rep.name, amounts: whole },
    ...(rep.departmentId
      ? [{ ...byKey(t, 'department', day, rep.departmentId), label: rep.departmentName ?? '', amounts: whole }]
      : []),
    ...[...byProduct].map(([id, p]) => ({
      ...byKey(t, 'product', day, id),
      label: p.label,
      amounts: { orders: 1, units: p.units, sales: p.sales, salesBase: inBase(p.sales), netBase: inBase(p.net) },
    })),
  ];
  return contributions;
}

/**
 * Turns one event into report entries (entries.ts), written with the order's booking record when it
 * has one, in one transaction: each event counts once however often it is delivered (its entries are
 * new or the event was counted). A confirmed order books its sales on its confirmation day and
 * records what it booked; cancelling it takes exactly that back.
 */
export async function aggregate(t: TenantContext, event: EventEnvelope): Promise<void> {
  // Counted before report entries existed: its processed marker (kept 30 days) says so.
  if (await wasProcessed(t, CONSUMER, event.id)) return;
  // Confirmation and cancellation read the order's record and write on that basis: if the other one
  // lands in between, the write's condition fails and the event is decided again on what is there now.
  for (let attempt = 1; ; attempt += 1) {
    const { entries, extra, today } = await effectsOf(t, event);
    if (!entries.length) return;
    const marks = entries.flatMap((e) => dirtyMark(t, event.id, e, today) ?? []);
    try {
      await applyMarked(
        t,
        entries.map((e) => entryItem(t, event.id, e)),
        [...extra, ...marks],
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * What an order booked, to take back: its amounts as booked, with the base-currency sales an order
 * booked before exchange rates did not record (its aggregate's base figure was its sales in the base
 * currency, and none for another currency; money.ts, `inBase`).
 */
const bookedAmounts = (amounts: Amounts, currency: string, baseCurrency: string): Amounts => ({
  ...amounts,
  salesBase: amounts.salesBase ?? (currency === baseCurrency ? amounts.sales : 0),
});

async function effectsOf(t: TenantContext, event: EventEnvelope) {
  const { timeZone, baseCurrency } = await getSettings(t);
  const day = companyDay(event.occurredAt, timeZone);
  // One entry per source of its day: the event's instant, the order's booking day, a payment's date.
  const sides = new Map<Source, { anchor: string; day: string; updates: AggregateUpdates }>();
  const side = (source: Source, anchor: string, onDay: string) => {
    const found = sides.get(source) ?? { anchor, day: onDay, updates: new AggregateUpdates() };
    sides.set(source, found);
    return found.updates;
  };
  const onEventDay = () => side('e', utcDay(event.occurredAt), day);
  const onBookedDay = (booked: string) => side('c', booked, booked);
  /** Takes back what an order's record booked, on the day it booked it (a revision or a cancellation). */
  const takeBack = (counted: NonNullable<Awaited<ReturnType<typeof getCounted>>>) => {
    const bookedDay = String(counted.day ?? day);
    const booked = onBookedDay(bookedDay);
    for (const c of counted.contributions)
      booked.add(
        { pk: c.pk, sk: c.sk },
        attributesOf(counted.currency, bookedAmounts(c.amounts, counted.currency, baseCurrency), -1),
      );
    return { bookedDay, booked };
  };
  const extra: TransactItem[] = [];
  const data = event.data as Record<string, unknown>;
  const order = (event.type.startsWith('order.') ? (data.order ?? data) : null) as Order | null;

  if (event.type === 'customer.created')
    onEventDay().add(dailyKey(t, day), attributesOf(null, { customersCreated: 1 }));
  const stage =
    stageOf[event.type] ?? (event.type === 'order.shipped' && order?.status === 'shipped' ? 'shipped' : undefined);
  if (stage) onEventDay().add(dailyKey(t, day), attributesOf(null, { funnel: stage }));

  // A confirmation whose order already has a record (cancelled first, or counted before) books nothing.
  if (event.type === 'order.confirmed' && order && !(await getCounted(t, order.id))) {
    const contributions = bookedSales(t, order, day, baseCurrency, await repOf(t, order.salesRepId ?? null));
    for (const c of contributions)
      onEventDay().add({ pk: c.pk, sk: c.sk }, attributesOf(order.currency, c.amounts), c.label);
    extra.push(putCounted(t, order.id, { currency: order.currency, day, contributions }));
  }
  if (event.type === 'order.revised' && order) {
    // A revision re-books the order's sales on its confirmation day: the old amounts out, the new in
    // (a revision seen after a later one books nothing).
    const counted = await getCounted(t, order.id);
    if (!counted) {
      // The revision arrived before the confirmation was counted (events are not ordered): book the
      // order as revised now; the confirmation then finds its record and books nothing.
      const contributions = bookedSales(t, order, day, baseCurrency, await repOf(t, order.salesRepId ?? null));
      for (const c of contributions)
        onEventDay().add({ pk: c.pk, sk: c.sk }, attributesOf(order.currency, c.amounts), c.label);
      extra.push(putCounted(t, order.id, { currency: order.currency, day, contributions, revision: order.revision }));
    } else if (!counted.cancelled && Number(counted.revision ?? 0) < order.revision) {
      const { bookedDay, booked } = takeBack(counted);
      const contributions = bookedSales(t, order, bookedDay, baseCurrency, await repOf(t, order.salesRepId ?? null));
      for (const c of contributions)
        booked.add({ pk: c.pk, sk: c.sk }, attributesOf(order.currency, c.amounts), c.label);
      extra.push(
        recountCounted(
          t,
          order.id,
          { currency: order.currency, day: bookedDay, contributions, revision: order.revision },
          Number(counted.revision ?? 0),
        ),
      );
    }
  }
  if (event.type === 'order.cancelled' && order) {
    // Events can arrive out of order: a cancellation seen before the confirmation leaves a
    // tombstone, and the confirmation then books nothing (its record cannot be created).
    const counted = await getCounted(t, order.id);
    if (counted && !counted.cancelled) {
      takeBack(counted);
      // Only if the record is still the one read: a revision counted meanwhile changed what to take back.
      extra.push(cancelCounted(t, order.id, true, Number(counted.revision ?? 0)));
    } else if (!counted) {
      extra.push(cancelCounted(t, order.id, false));
    }
  }
  if (event.type === 'order.shipped' && order) {
    // Cost of goods counts on the day the goods leave, for the day, product, customer and rep.
    const { shipment } = data as { shipment: { lines: { productId: string; cost?: number }[] } };
    const total = shipment.lines.reduce((s, l) => s + (l.cost ?? 0), 0);
    if (total) {
      const updates = onEventDay();
      updates.add(dailyKey(t, day), attributesOf(baseCurrency, { costBase: total }));
      updates.add(byKey(t, 'customer', day, order.customerId), attributesOf(baseCurrency, { costBase: total }));
      if (order.salesRepId)
        updates.add(byKey(t, 'rep', day, order.salesRepId), attributesOf(baseCurrency, { costBase: total }));
      for (const l of shipment.lines)
        if (l.cost)
          updates.add(byKey(t, 'product', day, l.productId), attributesOf(baseCurrency, { costBase: l.cost }));
    }
  }
  if (event.type === 'payment.received' || event.type === 'payment.reversed') {
    // Money counts on the day it came in; a reversal takes it back from that same day. It is the
    // customer's owner's collection (回款) too, for their own dashboard.
    const { payment } = data as { payment: Payment };
    const amount = payment.amount.amount;
    const money = attributesOf(
      payment.amount.currency,
      {
        payments: amount,
        paymentsBase: toBase(amount, payment.amount.currency, payment.fxRate ?? '1', baseCurrency),
      },
      event.type === 'payment.reversed' ? -1 : 1,
    );
    const paidDay = companyDay(payment.receivedAt, timeZone);
    const paid = side('p', utcDay(payment.receivedAt), paidDay);
    paid.add(dailyKey(t, paidDay), money);
    const owner = (await findCustomer(t, payment.customerId))?.ownerId;
    if (owner) paid.add(byKey(t, 'rep', paidDay, owner), money, (await repOf(t, owner)).name);
  }
  if (event.type === 'invoice.created') {
    const invoice = data as unknown as Invoice;
    onEventDay().add(
      dailyKey(t, day),
      attributesOf(invoice.currency, {
        invoiced: invoice.total,
        invoicedBase: toBase(invoice.total, invoice.currency, invoice.fxRate ?? '1', baseCurrency),
      }),
    );
  }
  const entries: Entry[] = [...sides]
    .filter(([, s]) => s.updates.size)
    .map(([source, s]) => ({ source, anchor: s.anchor, day: s.day, rows: s.updates.rows(t) }));
  return { entries, extra, today: companyDay(new Date(), timeZone) };
}

import { now as clockNow } from '#functions/platform/clock.ts';
import type * as z from 'zod';
import type { Invoice, InvoiceDetail, ListInvoicesQuery, Aging } from '#shared/api/finance.ts';
import { agingBuckets } from '#shared/api/finance.ts';
import type { OrderLine } from '#shared/api/orders.ts';
import { lineAmounts, sumAmounts, toBase } from '#shared/domain/money.ts';
import { addDays, companyDay, daysBetween } from '#shared/domain/dates.ts';
import { NotFoundError } from '#functions/platform/errors.ts';
import { isConditionFailure, isTransactionConflict } from '#functions/platform/db.ts';
import { derivedId, nowIso } from '#functions/platform/ids.ts';
import { applyMarked, applyOnce, type TypedEvent } from '#functions/platform/events.ts';
import { NumberTaken, formatNumber, nextNumber } from '#functions/platform/numbering.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact, type TransactItem } from '#functions/platform/transact.ts';
import * as orders from '#functions/orders/reads.ts';
import { findCustomer } from '#functions/customers/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { depositsFor } from './payments.ts';
import { rateOrKeep } from './rates.ts';
import * as store from './store.ts';
import { seesRep, visibility } from '#functions/tenants/scope.ts';

export { invoicesInStatus, openReceivables, customerCredit } from './store.ts';

export const CONSUMER = 'invoicing';

/** An invoice the caller may see (its order's rep is in their data scope); otherwise 404. */
export async function visibleInvoice(t: TenantContext, id: string): Promise<Invoice> {
  const [invoice, seen] = await Promise.all([store.getInvoice(t, id), visibility(t)]);
  if (!invoice || !seesRep(seen, invoice.salesRepId)) throw new NotFoundError('invoice');
  return invoice;
}

export async function getInvoice(t: TenantContext, id: string): Promise<z.input<typeof InvoiceDetail>> {
  const invoice = await visibleInvoice(t, id);
  return { ...invoice, payments: await store.paymentsOf(t, id) };
}

export const listInvoices = async (t: TenantContext, q: ListInvoicesQuery) => {
  const seen = await visibility(t);
  const page = await store.listInvoices(t, q);
  return seen.all ? page : { ...page, items: page.items.filter((i) => seesRep(seen, i.salesRepId)) };
};

/**
 * Runs an effect that was written against what it read (an order, an invoice, conditioned on
 * their versions) again when someone wrote first: consumers re-read and re-decide.
 */
async function rereadOnStale<T>(action: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      // A concurrent writer changed the order, or took the invoice number: read again and redo.
      const stale = isTransactionConflict(error) || error instanceof NumberTaken || isConditionFailure(error);
      if (!stale || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 25 * attempt));
    }
  }
}

const invoiceLine = (l: OrderLine, quantity: number, pricesIncludeTax: boolean) => ({
  lineId: l.lineId,
  productId: l.productId,
  sku: l.sku,
  name: l.name,
  unit: l.unit,
  quantity,
  unitPrice: l.unitPrice,
  discountBps: l.discountBps,
  taxRate: l.taxRate,
  ...lineAmounts(quantity, l.unitPrice, l.discountBps, l.taxRate, pricesIncludeTax),
});

/**
 * Invoices an order event by the company's policy: `on_confirm` invoices what is left of the
 * order when it is confirmed, `on_shipment` each shipment for what it shipped. Never more than a
 * line's uninvoiced quantity (a policy changed midway cannot invoice twice). The invoice, its
 * number, the order's `invoiced` ledger, receivables and `invoice.created` are one transaction with
 * the processed marker; the invoice id derives from the event, so a redelivery meets its own invoice.
 */
export async function invoiceOrderEvent(
  t: TenantContext,
  event: TypedEvent<'order.confirmed'> | TypedEvent<'order.shipped'>,
): Promise<Invoice | null> {
  const settings = await getSettings(t);
  const wanted =
    event.type === 'order.confirmed' && settings.invoicingPolicy === 'on_confirm'
      ? 'all'
      : event.type === 'order.shipped' && settings.invoicingPolicy === 'on_shipment'
        ? event.data.shipment
        : null;
  const orderId = event.subject.id;
  if (!wanted) return null;
  return rereadOnStale(async () => {
    const order = await orders.orderForInvoicing(t, orderId);
    if (!order) throw new Error(`order ${orderId} of event ${event.id} is missing`);
    const quantities = new Map(order.lines.map((l) => [l.lineId, wanted === 'all' ? l.quantity : 0]));
    if (wanted !== 'all')
      for (const s of wanted.lines) quantities.set(s.lineId, (quantities.get(s.lineId) ?? 0) + s.quantity);
    const lines = order.lines
      .map((l) =>
        invoiceLine(l, Math.min(quantities.get(l.lineId) ?? 0, l.quantity - l.invoiced), order.pricesIncludeTax),
      )
      .filter((l) => l.quantity > 0);
    if (!lines.length) {
      await applyOnce(t, CONSUMER, event.id, []);
      return null;
    }
    const customer = await findCustomer(t, order.customerId);
    const issueDate = companyDay(event.occurredAt, settings.timeZone);
    const year = issueDate.slice(0, 4);
    const terms = customer?.paymentTermsDays ?? settings.defaultPaymentTermsDays;
    const totals = sumAmounts(lines);
    const now = nowIso();
    const fxRate =
      order.currency === settings.baseCurrency ? '1' : await rateOrKeep(t, order.currency, issueDate, order.fxRate);
    const counter = await nextNumber(t, 'INVOICE', year);
    try {
      const issued: Invoice = {
        id: derivedId('invoice', event.id, 'invoice'),
        number: formatNumber(settings.numbering.invoice, year, counter.value),
        status: 'open',
        orderId: order.id,
        orderNumber: order.number,
        shipmentId: wanted === 'all' ? null : wanted.id,
        customerId: order.customerId,
        customerName: order.customerName,
        salesRepId: order.salesRepId ?? null,
        currency: order.currency,
        fxRate,
        pricesIncludeTax: order.pricesIncludeTax,
        buyer: customer?.billing ?? null,
        fapiao: { status: 'not_requested', requestedAt: null, issuedAmount: 0, records: [] },
        lines,
        ...totals,
        amountPaid: 0,
        amountDue: totals.total,
        issueDate,
        dueDate: addDays(issueDate, terms),
        paymentTermsDays: terms,
        paidAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      const invoicedNow = new Map(lines.map((l) => [l.lineId, l.quantity]));
      // Deposits on the order (款到发货) settle the invoice in its own transaction.
      const { invoice, writes: depositWrites } = await depositsFor(t, order.id, issued);
      const applied = invoice.amountPaid;
      // The invoice's id is derived from the event: the invoice, created only if new, is the event's
      // processed marker (a redelivery finds it and writes nothing).
      const done = await applyMarked(
        t,
        [store.invoiceItem(t, invoice)],
        [
          ...store.fapiaoQueueChange(t, null, invoice),
          counter.item,
          orders.invoicedChange(t, order.id, order.invoicedVersion, invoicedNow, invoice.id),
          ...store.receivablesChange(t, order.customerId, order.currency, invoice.amountDue, -invoice.total, {
            prepaidDelta: -applied,
            baseDelta: toBase(invoice.amountDue, invoice.currency, invoice.fxRate, settings.baseCurrency),
          }),
          outboxEvent(
            t,
            store.invoiceKey(t, invoice.id).pk,
            'invoice.created',
            { type: 'invoice', id: invoice.id },
            invoice,
          ),
          ...depositWrites,
        ],
      );
      return done ? invoice : null;
    } finally {
      counter.release(); // written or not, the next invoice of this container need not wait
    }
  });
}

/** A cancelled order's unpaid invoices are voided: nothing is owed for goods that never left. */
export async function voidInvoicesOfCancelledOrder(t: TenantContext, event: TypedEvent<'order.cancelled'>) {
  const settings = await getSettings(t);
  return rereadOnStale(async () => {
    const open = (await store.invoicesOfOrder(t, event.subject.id)).filter(
      (i) => i.amountPaid === 0 && i.status !== 'void' && i.status !== 'paid',
    );
    const now = nowIso();
    const voided = open.map((i) => ({
      before: i,
      after: { ...i, status: 'void' as const, amountDue: 0, version: i.version + 1, updatedAt: now },
    }));
    const effects: TransactItem[] = voided.flatMap(({ before, after }) => [
      store.putInvoice(t, after, before.version),
      ...store.fapiaoQueueChange(t, before.fapiao.status, after),
    ]);
    // One receivables change per customer and currency: a transaction touches an item once.
    if (voided.length) {
      const first = voided[0]!.before;
      effects.push(
        ...store.receivablesChange(
          t,
          first.customerId,
          first.currency,
          -voided.reduce((s, v) => s + v.before.amountDue, 0),
          0,
          {
            baseDelta: -voided.reduce(
              (s, v) => s + toBase(v.before.amountDue, v.before.currency, v.before.fxRate, settings.baseCurrency),
              0,
            ),
          },
        ),
      );
    }
    await applyOnce(t, CONSUMER, event.id, effects);
  });
}

/**
 * The daily job: an open or partly paid invoice whose due day has passed (in the company's
 * time) becomes overdue, with `invoice.overdue` in the same transaction. Re-running it finds
 * nothing more to do.
 */
export async function markOverdue(t: TenantContext, now: Date) {
  const today = companyDay(now, (await getSettings(t)).timeZone);
  const due = [
    ...(await store.invoicesInStatus(t, 'open', today)),
    ...(await store.invoicesInStatus(t, 'partially_paid', today)),
  ];
  let marked = 0;
  for (const invoice of due) {
    const next: Invoice = { ...invoice, status: 'overdue', version: invoice.version + 1, updatedAt: nowIso() };
    try {
      await transact(t, [
        store.putInvoice(t, next, invoice.version),
        outboxEvent(
          t,
          store.invoiceKey(t, invoice.id).pk,
          'invoice.overdue',
          { type: 'invoice', id: invoice.id },
          next,
        ),
      ]);
      marked += 1;
    } catch (error) {
      if (!isConditionFailure(error) && !isTransactionConflict(error)) throw error; // paid meanwhile: the next run looks again
    }
  }
  return { marked };
}

/**
 * Open receivables per customer in buckets of days past due, as of a day. Every open invoice
 * counts, whatever its currency: a customer's row is in its invoices' currency, the totals in the
 * base currency at each invoice's stored rate, with the same buckets per currency beside them.
 */
export async function aging(t: TenantContext, asOf?: string): Promise<Aging> {
  const [settings, seen] = await Promise.all([getSettings(t), visibility(t)]);
  const base = settings.baseCurrency;
  const day = asOf ?? companyDay(clockNow(), settings.timeZone);
  const open = (
    await Promise.all((['open', 'partially_paid', 'overdue'] as const).map((s) => store.invoicesInStatus(t, s)))
  )
    .flat()
    .filter((i) => i.issueDate <= day && seesRep(seen, i.salesRepId));
  const empty = () =>
    Object.fromEntries(agingBuckets.map((b) => [b, 0])) as Record<(typeof agingBuckets)[number], number>;
  const bucketOf = (i: Invoice) => {
    const late = daysBetween(i.dueDate, day);
    return late <= 0 ? 'current' : late <= 30 ? 'd1_30' : late <= 60 ? 'd31_60' : late <= 90 ? 'd61_90' : 'd90_plus';
  };
  const totals = { ...empty(), total: 0 };
  const rows = new Map<string, Aging['customers'][number]>();
  const currencies = new Map<string, Aging['byCurrency'][number]>();
  for (const i of open) {
    const key = `${i.customerId}|${i.currency}`;
    const row = rows.get(key) ?? {
      customerId: i.customerId,
      customerName: i.customerName,
      currency: i.currency,
      ...empty(),
      total: 0,
      baseTotal: 0,
      invoices: 0,
    };
    const perCurrency = currencies.get(i.currency) ?? { currency: i.currency, ...empty(), total: 0, baseTotal: 0 };
    const bucket = bucketOf(i);
    const inBase = toBase(i.amountDue, i.currency, i.fxRate, base);
    row[bucket] += i.amountDue;
    row.total += i.amountDue;
    row.baseTotal += inBase;
    row.invoices += 1;
    perCurrency[bucket] += i.amountDue;
    perCurrency.total += i.amountDue;
    perCurrency.baseTotal += inBase;
    totals[bucket] += inBase;
    totals.total += inBase;
    rows.set(key, row);
    currencies.set(i.currency, perCurrency);
  }
  return {
    asOf: day,
    currency: base,
    totals,
    byCurrency: [...currencies.values()].sort((a, b) => b.baseTotal - a.baseTotal),
    customers: [...rows.values()].sort((a, b) => b.baseTotal - a.baseTotal),
  };
}

import type * as z from 'zod';
import type {
  AllocateBody,
  CreatePaymentBody,
  CustomerPaymentBody,
  Invoice,
  ListPaymentsQuery,
  Payment,
} from '#shared/api/finance.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { toBase } from '#shared/domain/money.ts';
import { now as clockNow } from '#functions/platform/clock.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact, type TransactItem } from '#functions/platform/transact.ts';
import { findCustomer, getCustomer } from '#functions/customers/service.ts';
import { seesCustomer, seesRep, visibility } from '#functions/tenants/scope.ts';
import { findOrder } from '#functions/orders/reads.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { requireRate } from './rates.ts';
import * as store from './store.ts';

/** A payment is applied to at most this many invoices over its life: a reversal undoes them in one transaction. */
const MAX_INVOICES_PER_PAYMENT = 40;

/** An invoice's status once its balance has moved: paid at zero; overdue stays overdue; else by what was paid. */
export function statusAfter(invoice: Invoice, amountPaid: number): Invoice['status'] {
  if (invoice.total - amountPaid === 0) return 'paid';
  if (invoice.status === 'overdue') return 'overdue';
  return amountPaid > 0 ? 'partially_paid' : 'open';
}

/** The invoice once `amount` more of it is paid (by money or a credit note) at `at`. */
export function paidBy(invoice: Invoice, amount: number, at: string): Invoice {
  const amountPaid = invoice.amountPaid + amount;
  return {
    ...invoice,
    amountPaid,
    amountDue: invoice.total - amountPaid,
    status: statusAfter(invoice, amountPaid),
    paidAt: invoice.total === amountPaid ? at : null,
    version: invoice.version + 1,
    updatedAt: at,
  };
}

/** The base-currency value of an invoice's open balance, at the invoice's own rate. */
const baseDue = (i: Invoice, baseCurrency: string) => toBase(i.amountDue, i.currency, i.fxRate, baseCurrency);

export interface Applied {
  invoice: Invoice;
  next: Invoice;
  amount: number;
}

/**
 * The writes that apply `amount` of a payment to each invoice: the invoice (conditioned on the
 * version read, so two payments racing for one balance cannot both take it), the payment's line on
 * the invoice, the receivables and the customer's credit, and `invoice.paid` for each one settled.
 * The payment item itself is written by the caller (new, or taken from under a condition).
 */
export function applyToInvoices(
  t: TenantContext,
  payment: Payment,
  applied: Applied[],
  baseCurrency: string,
  /** Money coming into the customer's credit in the same transaction (a new payment's amount). */
  received = 0,
): TransactItem[] {
  const total = applied.reduce((s, a) => s + a.amount, 0);
  const baseDelta = applied.reduce((s, a) => s + baseDue(a.next, baseCurrency) - baseDue(a.invoice, baseCurrency), 0);
  return [
    ...applied.flatMap(({ invoice, next, amount }) => [
      store.putInvoice(t, next, invoice.version),
      store.invoicePaymentChange(t, invoice.id, payment, amount),
      ...(next.status === 'paid'
        ? [
            outboxEvent(
              t,
              store.invoiceKey(t, invoice.id).pk,
              'invoice.paid',
              { type: 'invoice', id: invoice.id },
              next,
            ),
          ]
        : []),
    ]),
    ...store.receivablesChange(t, payment.customerId, payment.amount.currency, -total, 0, {
      prepaidDelta: received - total,
      baseDelta,
    }),
  ];
}

/** Checks each allocation against the payment and the invoice as read, and gives the invoices as they will be. */
async function plan(
  t: TenantContext,
  payment: Pick<Payment, 'customerId' | 'amount' | 'unallocated' | 'allocations'>,
  allocations: { invoiceId: string; amount: number }[],
  at: string,
): Promise<Applied[]> {
  const wanted = allocations.reduce((s, a) => s + a.amount, 0);
  if (wanted > payment.unallocated) {
    throw new UnprocessableError(
      'over_allocation',
      `Only ${payment.unallocated} (minor units) of the payment is left to apply; ${wanted} was asked.`,
      { unallocated: { amount: payment.unallocated, currency: payment.amount.currency } },
    );
  }
  const [invoices, seen] = await Promise.all([
    Promise.all(allocations.map((a) => store.getInvoice(t, a.invoiceId))),
    visibility(t),
  ]);
  const touched = new Set([...payment.allocations.map((a) => a.invoiceId), ...allocations.map((a) => a.invoiceId)]);
  if (touched.size > MAX_INVOICES_PER_PAYMENT) {
    throw new UnprocessableError(
      'over_allocation',
      `One payment can be applied to at most ${MAX_INVOICES_PER_PAYMENT} invoices; record the transfer as two payments.`,
      { unallocated: { amount: payment.unallocated, currency: payment.amount.currency } },
    );
  }
  return allocations.map((a, i) => {
    const invoice = invoices[i];
    if (!invoice || !seesRep(seen, invoice.salesRepId)) throw new NotFoundError('invoice');
    if (invoice.customerId !== payment.customerId) {
      throw new UnprocessableError('wrong_customer', `The invoice ${invoice.number} is another customer's.`, {
        invoiceId: invoice.id,
      });
    }
    if (invoice.currency !== payment.amount.currency) {
      throw new UnprocessableError(
        'currency_mismatch',
        `The invoice ${invoice.number} is in ${invoice.currency}; the payment is in ${payment.amount.currency}.`,
      );
    }
    if (invoice.status === 'void') {
      throw new ConflictError('invoice_void', `The invoice ${invoice.number} is void; nothing can be applied to it.`);
    }
    if (a.amount > invoice.amountDue) {
      throw new UnprocessableError(
        'over_allocation',
        `The invoice ${invoice.number} has ${invoice.amountDue} (minor units) left to pay; ${a.amount} was asked.`,
        {
          unallocated: { amount: payment.unallocated, currency: payment.amount.currency },
          invoiceId: invoice.id,
          amountDue: { amount: invoice.amountDue, currency: invoice.currency },
        },
      );
    }
    return { invoice, next: paidBy(invoice, a.amount, at), amount: a.amount };
  });
}

const allocationRows = (applied: Applied[], at: string): Payment['allocations'] =>
  applied.map((a) => ({ invoiceId: a.invoice.id, invoiceNumber: a.invoice.number, amount: a.amount, at }));

/**
 * Money received from a customer (收款). Applied at once to the invoices named, the rest is the
 * customer's credit (预收款); with `orderId` it is a deposit that the order's invoices take as they
 * are issued (and any already issued take now). The payment, every invoice it settles, the
 * receivables, the credit and the events are one transaction.
 */
export async function receivePayment(
  t: TenantContext,
  customerId: string,
  body: z.output<typeof CustomerPaymentBody>,
): Promise<Payment & { invoices: Invoice[] }> {
  // A customer out of the caller's data scope does not exist for them.
  const [customer, settings] = await Promise.all([getCustomer(t, customerId), getSettings(t)]);
  if (Date.parse(body.receivedAt) > clockNow().getTime() + 86_400_000) {
    throw new UnprocessableError('received_in_future', 'A payment cannot be received more than a day from now.');
  }
  const currency = body.amount.currency;
  const applied = (body.allocations ?? []).reduce((sum, a) => sum + a.amount, 0);
  if (customer.currency && currency !== customer.currency && applied < body.amount.amount && !body.orderId) {
    // A customer's credit is kept in its own currency: money in another one must be applied whole.
    throw new UnprocessableError(
      'currency_mismatch',
      `${customer.name} trades in ${customer.currency}; record the payment in ${customer.currency}, or apply all of it to ${currency} invoices.`,
    );
  }
  const order = body.orderId ? await findOrder(t, body.orderId) : undefined;
  if (body.orderId) {
    if (!order) throw new NotFoundError('order');
    if (order.customerId !== customerId) {
      throw new UnprocessableError('wrong_customer', `The order ${order.number} is another customer's.`, {
        invoiceId: order.id,
      });
    }
    if (order.currency !== currency) {
      throw new UnprocessableError(
        'currency_mismatch',
        `The order ${order.number} is in ${order.currency}; record its deposit in ${order.currency}.`,
      );
    }
  }
  const fxRate = await requireRate(t, currency, companyDay(body.receivedAt, settings.timeZone));
  const id = newId('payment');
  return retryOnConflict(async () => {
    const at = nowIso();
    const base: Payment = {
      id,
      customerId,
      customerName: customer.name,
      amount: body.amount,
      method: body.method,
      reference: body.reference ?? null,
      receivedAt: body.receivedAt,
      orderId: order?.id ?? null,
      orderNumber: order?.number ?? null,
      fxRate,
      status: 'received',
      allocated: 0,
      unallocated: body.amount.amount,
      allocations: [],
      reversal: null,
      recordedBy: t.principal.id,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    let allocations = body.allocations ?? [];
    if (order && !allocations.length) {
      // A deposit on an order that already has invoices settles them, oldest first.
      let rest = base.amount.amount;
      const open = (await store.invoicesOfOrder(t, order.id))
        .filter((i) => i.amountDue > 0 && i.status !== 'void')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      allocations = open.flatMap((i) => {
        const amount = Math.min(rest, i.amountDue);
        rest -= amount;
        return amount > 0 ? [{ invoiceId: i.id, amount }] : [];
      });
    }
    const applied = await plan(t, base, allocations, at);
    const total = applied.reduce((s, a) => s + a.amount, 0);
    const payment: Payment = {
      ...base,
      allocated: total,
      unallocated: base.amount.amount - total,
      allocations: allocationRows(applied, at),
    };
    const invoices = applied.map((a) => a.next);
    await transact(t, [
      store.putNewPayment(t, payment),
      ...(order ? [store.putDepositRef(t, order.id, payment.id)] : []),
      ...applyToInvoices(t, payment, applied, settings.baseCurrency, payment.amount.amount),
      outboxEvent(t, store.paymentKey(t, id).pk, 'payment.received', { type: 'payment', id }, { payment, invoices }),
    ]).catch(staleWrite(undefined));
    return { ...payment, invoices };
  }, 30);
}

/** The shortcut: a payment of one invoice, applied to it in full. More than its balance answers 422 `overpayment`. */
export async function payInvoice(
  t: TenantContext,
  invoiceId: string,
  body: z.output<typeof CreatePaymentBody>,
  expected?: number,
) {
  const invoice = await store.getInvoice(t, invoiceId);
  if (!invoice || !seesRep(await visibility(t), invoice.salesRepId)) throw new NotFoundError('invoice');
  if (expected !== undefined && expected !== invoice.version) throw new PreconditionFailedError();
  if (invoice.status === 'void')
    throw new ConflictError('invoice_void', 'This invoice is void; nothing can be paid on it.');
  if (body.amount.currency !== invoice.currency) {
    throw new UnprocessableError(
      'currency_mismatch',
      `The invoice is in ${invoice.currency}; record the payment in ${invoice.currency}.`,
    );
  }
  if (body.amount.amount > invoice.amountDue) {
    throw new UnprocessableError(
      'overpayment',
      invoice.amountDue === 0
        ? 'This invoice is already paid in full.'
        : `The payment is more than the ${invoice.amountDue} (minor units) still due.`,
      { amountDue: { amount: invoice.amountDue, currency: invoice.currency } },
    );
  }
  try {
    const payment = await receivePayment(t, invoice.customerId, {
      ...body,
      allocations: [{ invoiceId, amount: body.amount.amount }],
    });
    const { invoices, ...rest } = payment;
    return { ...rest, invoice: invoices[0]! };
  } catch (error) {
    // Someone paid this invoice at the same moment and less is due now than this payment.
    if (error instanceof UnprocessableError && error.code === 'over_allocation') {
      const now = await store.getInvoice(t, invoiceId);
      if (expected !== undefined) throw new PreconditionFailedError();
      throw new UnprocessableError('overpayment', `The payment is more than the ${now?.amountDue} still due.`, {
        amountDue: { amount: now?.amountDue ?? 0, currency: invoice.currency },
      });
    }
    throw error;
  }
}

/** A payment the caller may see: its customer is in their data scope. */
export async function getPayment(t: TenantContext, id: string): Promise<Payment> {
  const payment = await store.getPayment(t, id);
  const customer = payment ? await findCustomer(t, payment.customerId) : undefined;
  if (!payment || !customer || !seesCustomer(await visibility(t), customer)) throw new NotFoundError('payment');
  return payment;
}

export async function listCustomerPayments(
  t: TenantContext,
  customerId: string,
  q: z.output<typeof ListPaymentsQuery>,
) {
  await getCustomer(t, customerId);
  return store.listCustomerPayments(t, customerId, q.limit, q.cursor);
}

/**
 * 核销: applies a payment's unapplied rest to invoices of the same customer and currency. The
 * payment is taken from under the condition that enough is left (so concurrent allocations never
 * take it beyond its amount) and each invoice under its version (never below zero).
 */
export async function allocatePayment(
  t: TenantContext,
  id: string,
  body: z.output<typeof AllocateBody>,
  expected?: number,
): Promise<Payment & { invoices: Invoice[] }> {
  const settings = await getSettings(t);
  return retryOnConflict(async () => {
    const payment = await getPayment(t, id);
    if (expected !== undefined && expected !== payment.version) throw new PreconditionFailedError();
    if (payment.status === 'reversed') throw new ConflictError('payment_reversed', 'This payment has been reversed.');
    const at = nowIso();
    const applied = await plan(t, payment, body.allocations, at);
    const total = applied.reduce((s, a) => s + a.amount, 0);
    const rows = allocationRows(applied, at);
    const next: Payment = {
      ...payment,
      allocated: payment.allocated + total,
      unallocated: payment.unallocated - total,
      allocations: [...payment.allocations, ...rows],
      version: payment.version + 1,
      updatedAt: at,
    };
    const invoices = applied.map((a) => a.next);
    await transact(t, [
      store.takeFromPayment(t, id, total, rows, at),
      ...applyToInvoices(t, payment, applied, settings.baseCurrency),
      outboxEvent(
        t,
        store.paymentKey(t, id).pk,
        'payment.allocated',
        { type: 'payment', id },
        { payment: next, invoices },
      ),
    ]).catch(staleWrite(expected));
    return { ...(await getPayment(t, id)), invoices };
  }, 30);
}

/**
 * Undoes a payment recorded by mistake (冲销): every invoice it paid gets its balance and status
 * back, the customer's credit loses what was unapplied, and `payment.reversed` is announced; one
 * transaction. The payment stays, marked reversed, with who reversed it, when and why.
 */
export async function reversePayment(
  t: TenantContext,
  id: string,
  reason: string,
  expected?: number,
): Promise<Payment & { invoices: Invoice[] }> {
  const settings = await getSettings(t);
  return retryOnConflict(async () => {
    const payment = await getPayment(t, id);
    if (expected !== undefined && expected !== payment.version) throw new PreconditionFailedError();
    if (payment.status === 'reversed') throw new ConflictError('payment_reversed', 'This payment is already reversed.');
    if (payment.method === 'credit_note')
      throw new ConflictError(
        'invalid_transition',
        'A credit note is not money received and cannot be reversed; refund it, or apply its credit.',
        { orderStatus: payment.status, action: 'reverse', allowedFrom: [] },
      );
    const at = nowIso();
    const perInvoice = new Map<string, number>();
    for (const a of payment.allocations) perInvoice.set(a.invoiceId, (perInvoice.get(a.invoiceId) ?? 0) + a.amount);
    const invoices = await Promise.all([...perInvoice.keys()].map((i) => store.getInvoice(t, i)));
    const changed = invoices.map((invoice) => {
      if (!invoice) throw new Error(`invoice of payment ${id} is missing`);
      const amountPaid = invoice.amountPaid - perInvoice.get(invoice.id)!;
      const next: Invoice = {
        ...invoice,
        amountPaid,
        amountDue: invoice.total - amountPaid,
        status:
          invoice.status === 'paid' ? (amountPaid > 0 ? 'partially_paid' : 'open') : statusAfter(invoice, amountPaid),
        paidAt: null,
        version: invoice.version + 1,
        updatedAt: at,
      };
      return { invoice, next };
    });
    const back = payment.allocated;
    const baseDelta = changed.reduce(
      (s, c) => s + baseDue(c.next, settings.baseCurrency) - baseDue(c.invoice, settings.baseCurrency),
      0,
    );
    const next: Payment = {
      ...payment,
      status: 'reversed',
      unallocated: 0,
      reversal: { reason, at, by: t.principal.id },
      version: payment.version + 1,
      updatedAt: at,
    };
    await transact(t, [
      store.putPayment(t, next, payment.version),
      ...changed.flatMap(({ invoice, next: n }) => [
        store.putInvoice(t, n, invoice.version),
        store.invoicePaymentChange(t, invoice.id, payment, 0, at),
      ]),
      ...store.receivablesChange(t, payment.customerId, payment.amount.currency, back, 0, {
        prepaidDelta: -payment.unallocated,
        baseDelta,
      }),
      outboxEvent(
        t,
        store.paymentKey(t, id).pk,
        'payment.reversed',
        { type: 'payment', id },
        { payment: next, invoices: changed.map((c) => c.next) },
      ),
    ]).catch(staleWrite(expected));
    return { ...next, invoices: changed.map((c) => c.next) };
  });
}

/**
 * Deposits on an order that a new invoice of it takes, oldest first, for as much as the invoice
 * comes to: the invoicing consumer writes these in the invoice's own transaction.
 */
export async function depositsFor(
  t: TenantContext,
  orderId: string,
  invoice: Invoice,
): Promise<{ invoice: Invoice; writes: TransactItem[] }> {
  const deposits = (await store.depositsOfOrder(t, orderId))
    .filter((p) => p.status === 'received' && p.unallocated > 0 && p.amount.currency === invoice.currency)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  let current = invoice;
  const writes: TransactItem[] = [];
  for (const p of deposits) {
    const amount = Math.min(p.unallocated, current.amountDue);
    if (amount <= 0) break;
    const amountPaid = current.amountPaid + amount;
    const next: Invoice = {
      ...current,
      amountPaid,
      amountDue: current.total - amountPaid,
      status: statusAfter(current, amountPaid),
      paidAt: current.total === amountPaid ? current.createdAt : null,
    };
    const rows = [{ invoiceId: invoice.id, invoiceNumber: invoice.number, amount, at: invoice.createdAt }];
    const after: Payment = {
      ...p,
      allocated: p.allocated + amount,
      unallocated: p.unallocated - amount,
      allocations: [...p.allocations, ...rows],
      version: p.version + 1,
    };
    writes.push(
      store.takeFromPayment(t, p.id, amount, rows, invoice.createdAt),
      store.invoicePaymentChange(t, invoice.id, p, amount),
      outboxEvent(
        t,
        store.paymentKey(t, p.id).pk,
        'payment.allocated',
        { type: 'payment', id: p.id },
        { payment: after, invoices: [next] },
      ),
    );
    current = next;
  }
  if (current !== invoice && current.status === 'paid') {
    writes.push(
      outboxEvent(t, store.invoiceKey(t, invoice.id).pk, 'invoice.paid', { type: 'invoice', id: invoice.id }, current),
    );
  }
  return { invoice: current, writes };
}

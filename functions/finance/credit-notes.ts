import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { CreditNote, ListCreditNotesQuery, RefundBody, Return } from '#shared/api/aftersales.ts';
import type { Invoice, Payment } from '#shared/api/finance.ts';
import type { Order } from '#shared/api/orders.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { env } from '#functions/platform/env.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { NotFoundError, PreconditionFailedError, UnprocessableError } from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import { formatNumber, nextNumber } from '#functions/platform/numbering.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { listPage } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { guarded, transact, type TransactItem } from '#functions/platform/transact.ts';
import { findCustomer } from '#functions/customers/service.ts';
import { seesCustomer, visibility } from '#functions/tenants/scope.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { applyToInvoices, paidBy } from './payments.ts';
import * as store from './store.ts';

/**
 * Credit notes (红字): what a received refund or credit return gives back, at the order's prices
 * and tax. It settles the order's open invoices first (oldest first) and the rest is the customer's
 * credit, through a payment record of method `credit_note` — so the invoice pages, the customer's
 * statement, allocation of the credit to later invoices and the receivables all work as for money
 * received. Refunds pay that credit back.
 */
const creditNoteKey = (t: TenantContext, id: string) => ({ pk: t.key('CREDITNOTE', id), sk: 'CREDITNOTE' });
const creditNoteItem = (t: TenantContext, c: CreditNote) => ({
  ...creditNoteKey(t, c.id),
  entity: 'credit_note',
  ...c,
  gsi1pk: t.key('CREDITNOTES'),
  gsi1sk: `${c.createdAt}#${c.id}`,
  gsi3pk: t.key('CUSTOMER', c.customerId, 'CREDITNOTES'),
  gsi3sk: `${c.createdAt}#${c.id}`,
});

/** The credit note lines of a return's received quantities: each a share of its order line, tax included or not as the order was. */
export function creditLines(order: Order, received: { lineId: string; quantity: number }[]): CreditNote['lines'] {
  return received
    .filter((r) => r.quantity > 0)
    .map((r) => {
      const line = order.lines.find((l) => l.lineId === r.lineId)!;
      const share = (amount: number) => Math.round((amount * r.quantity) / line.quantity);
      const total = share(line.total);
      const tax = share(line.tax);
      return {
        lineId: line.lineId,
        sku: line.sku,
        name: line.name,
        unit: line.unit,
        quantity: r.quantity,
        unitPrice: line.unitPrice,
        taxRate: line.taxRate,
        subtotal: total - tax,
        tax,
        total,
      };
    });
}

/**
 * The writes of a new credit note for a caller's transaction (the return's receipt): the note, its
 * number, its payment record, every invoice it settles with the receivables and the customer's
 * credit, and `credit_note.issued`.
 */
export async function creditNoteItems(
  t: TenantContext,
  order: Order,
  ret: Pick<Return, 'id' | 'number'>,
  lines: CreditNote['lines'],
  at: string,
): Promise<{ creditNote: CreditNote; items: TransactItem[]; invoices: Invoice[] }> {
  const settings = await getSettings(t);
  const issueDate = companyDay(at, settings.timeZone);
  const year = issueDate.slice(0, 4);
  const counter = await nextNumber(t, 'CN', year);
  const number = formatNumber('CN', year, counter.value);
  const total = lines.reduce((s, l) => s + l.total, 0);
  const tax = lines.reduce((s, l) => s + l.tax, 0);
  // The order's open invoices, oldest first, take the credit up to what each still owes.
  let rest = total;
  const open = (await store.invoicesOfOrder(t, order.id))
    .filter((i) => i.amountDue > 0 && i.status !== 'void' && i.currency === order.currency)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const applied = open.flatMap((invoice) => {
    const amount = Math.min(rest, invoice.amountDue);
    rest -= amount;
    if (amount <= 0) return [];
    return [{ invoice, next: paidBy(invoice, amount, at), amount }];
  });
  const appliedTotal = applied.reduce((s, a) => s + a.amount, 0);
  const paymentId = newId('payment');
  const payment: Payment = {
    id: paymentId,
    customerId: order.customerId,
    customerName: order.customerName,
    amount: { amount: total, currency: order.currency },
    method: 'credit_note',
    reference: number,
    receivedAt: at,
    orderId: null,
    orderNumber: null,
    fxRate: order.fxRate,
    status: 'received',
    allocated: appliedTotal,
    unallocated: total - appliedTotal,
    allocations: applied.map((a) => ({
      invoiceId: a.invoice.id,
      invoiceNumber: a.invoice.number,
      amount: a.amount,
      at,
    })),
    reversal: null,
    recordedBy: t.principal.id,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const creditNote: CreditNote = {
    id: newId('creditNote'),
    number,
    status: total - appliedTotal === 0 ? 'settled' : 'open',
    customerId: order.customerId,
    customerName: order.customerName,
    orderId: order.id,
    orderNumber: order.number,
    returnId: ret.id,
    returnNumber: ret.number,
    currency: order.currency,
    fxRate: order.fxRate,
    pricesIncludeTax: order.pricesIncludeTax,
    lines,
    subtotal: total - tax,
    tax,
    total,
    applied: applied.map((a) => ({ invoiceId: a.invoice.id, invoiceNumber: a.invoice.number, amount: a.amount })),
    credited: total - appliedTotal,
    refunded: 0,
    refundable: total - appliedTotal,
    refunds: [],
    paymentId,
    issueDate,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return {
    creditNote,
    invoices: applied.map((a) => a.next),
    items: [
      counter.item,
      putNew(creditNoteItem(t, creditNote)),
      store.putNewPayment(t, payment),
      ...applyToInvoices(t, payment, applied, settings.baseCurrency, total),
      outboxEvent(
        t,
        creditNoteKey(t, creditNote.id).pk,
        'credit_note.issued',
        { type: 'credit_note', id: creditNote.id },
        creditNote,
      ),
    ],
  };
}

async function visibleNote(t: TenantContext, id: string): Promise<CreditNote> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: creditNoteKey(t, id), ConsistentRead: true }),
  );
  const note = Item ? resourceOf<CreditNote>(Item) : undefined;
  const customer = note ? await findCustomer(t, note.customerId) : undefined;
  if (!note || !customer || !seesCustomer(await visibility(t), customer)) throw new NotFoundError('credit_note');
  const payment = await store.getPayment(t, note.paymentId);
  return { ...note, refundable: Math.max(0, Math.min(note.credited - note.refunded, payment?.unallocated ?? 0)) };
}
export const getCreditNote = visibleNote;

/** Newest first, or one customer's; out of the caller's data scope they do not exist. */
export async function listCreditNotes(t: TenantContext, q: z.output<typeof ListCreditNotesQuery>) {
  const seen = await visibility(t);
  const page = await listPage(
    t,
    {
      TableName: env.tableName,
      IndexName: q.customerId ? 'gsi3' : 'gsi1',
      ScanIndexForward: false,
      KeyConditionExpression: q.customerId ? 'gsi3pk = :pk' : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': q.customerId ? t.key('CUSTOMER', q.customerId, 'CREDITNOTES') : t.key('CREDITNOTES'),
      },
    },
    { limit: q.limit, cursor: q.cursor },
    (i) => i,
  );
  if (seen.all && !q.customerId) return { ...page, items: page.items.map((i) => resourceOf<CreditNote>(i)) };
  // GSI3 holds keys only, and a scoped caller sees only their customers' notes: read each whole.
  const notes = await Promise.all(
    page.items.map((i) => visibleNote(t, String(i.pk).split('#').pop()!).catch(() => undefined)),
  );
  return { ...page, items: notes.filter((n): n is CreditNote => Boolean(n)) };
}

/**
 * Pays back (退款) what a credit note left as the customer's credit: at most what of it is still
 * unused (the customer may have spent it on a later invoice). The note, its payment record's
 * remaining credit (conditioned, so two refunds cannot both take it), the customer's credit and
 * `refund.paid` are one transaction.
 */
export function refundCreditNote(t: TenantContext, id: string, body: z.output<typeof RefundBody>, expected?: number) {
  return retryOnConflict(async () => {
    const note = await visibleNote(t, id);
    if (expected !== undefined && expected !== note.version) throw new PreconditionFailedError();
    if (body.amount.currency !== note.currency)
      throw new UnprocessableError(
        'currency_mismatch',
        `The credit note is in ${note.currency}; refund in ${note.currency}.`,
      );
    const refundable = note.refundable;
    if (body.amount.amount > refundable)
      throw new UnprocessableError(
        'over_refund',
        `At most ${refundable} (minor units) of this credit note can be refunded; the rest is applied to invoices or already refunded.`,
        { refundable: { amount: refundable, currency: note.currency } },
      );
    const at = nowIso();
    const refunded = note.refunded + body.amount.amount;
    const next: CreditNote = {
      ...note,
      refunded,
      refunds: [
        ...note.refunds,
        {
          amount: body.amount.amount,
          method: body.method,
          reference: body.reference ?? null,
          paidAt: body.paidAt,
          recordedBy: t.principal.id,
        },
      ],
      status: refunded === note.credited ? 'settled' : 'open',
      refundable: refundable - body.amount.amount,
      version: note.version + 1,
      updatedAt: at,
    };
    await transact(t, [
      putIfVersion(creditNoteItem(t, next), note.version),
      guarded(
        {
          Update: {
            TableName: env.tableName,
            Key: store.paymentKey(t, note.paymentId),
            UpdateExpression: 'SET updatedAt = :at ADD unallocated :neg, refunded :a, version :one',
            ConditionExpression: 'unallocated >= :a',
            ExpressionAttributeValues: { ':at': at, ':a': body.amount.amount, ':neg': -body.amount.amount, ':one': 1 },
          },
        },
        new UnprocessableError('over_refund', 'The customer has used this credit meanwhile; less can be refunded now.'),
      ),
      ...store.receivablesChange(t, note.customerId, note.currency, 0, 0, { prepaidDelta: -body.amount.amount }),
      outboxEvent(
        t,
        creditNoteKey(t, id).pk,
        'refund.paid',
        { type: 'credit_note', id },
        {
          creditNote: next,
          refund: next.refunds.at(-1)!,
        },
      ),
    ]).catch(staleWrite(expected));
    return next;
  });
}

import { keyedOf, packBody, unpackBody, withoutKeyed } from '#functions/platform/compact.ts';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Invoice, InvoicePayment, ListInvoicesQuery, Payment } from '#shared/api/finance.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { decodeCursor, encodeCursor } from '#functions/platform/cursor.ts';
import { queryAll, queryPage } from '#functions/platform/query.ts';
import { batchGetAll, putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import type { TransactItem } from '#functions/platform/transact.ts';

export const invoiceKey = (t: TenantContext, id: string) => ({ pk: t.key('INVOICE', id), sk: 'INVOICE' });
const receivablesKey = (t: TenantContext) => ({ pk: t.key('RECEIVABLES'), sk: 'TOTAL' });
const creditKey = (t: TenantContext, customerId: string) => ({ pk: t.key('CUSTOMER', customerId), sk: 'CREDIT' });

/** An invoice's member kept plain: the version its conditions read. Its id, customer and creation time are in its keys. */
const INVOICE_PLAIN = ['version'] as const;
/**
 * Index entries: all invoices by date (GSI1), by status and due date (GSI2: the overdue job and
 * the aging report read "open, due before D" as one key range), by customer (GSI3, keys only).
 */
export function invoiceItem(t: TenantContext, i: Invoice) {
  // Packed but for what filters and conditions read, as an order: paid on every write and in each index copy.
  return {
    ...invoiceKey(t, i.id),
    entity: 'invoice',
    ...packBody(withoutKeyed(i), INVOICE_PLAIN),
    gsi1pk: t.key('INVOICES'),
    gsi1sk: `${i.createdAt}#${i.id}`,
    gsi2pk: t.key('INVOICES', i.status),
    gsi2sk: `${i.dueDate}#${i.id}`,
    gsi3pk: t.key('CUSTOMER', i.customerId, 'INVOICES'),
    gsi3sk: `${i.createdAt}#${i.id}`,
  };
}
/** Invoices issued before fapiao records, exchange rates and 含税 prices existed read with neutral values. */
const fromItem = (item: Record<string, unknown>): Invoice => {
  const invoice = unpackBody<Invoice>({ ...keyedOf(item), ...resourceOf(item) });
  return {
    ...invoice,
    fxRate: invoice.fxRate ?? '1',
    pricesIncludeTax: invoice.pricesIncludeTax ?? false,
    buyer: invoice.buyer ?? null,
    salesRepId: invoice.salesRepId ?? null,
    fapiao: invoice.fapiao ?? { status: 'not_requested', requestedAt: null, issuedAmount: 0, records: [] },
  };
};

/**
 * Finance's queue of invoices waiting for a fapiao: one small item per invoice in `not_requested`
 * or `requested`, moved in the same transaction as the invoice. The daily screen reads one key range.
 */
/**
 * The queue's partitions are out of the company inventory (no index write per move): the purge deletes
 * them by name (`fapiaoQueuePartitions`) and the export leaves them out (derived from the invoices).
 */
const fapiaoQueueKey = (t: TenantContext, status: string, i: Pick<Invoice, 'issueDate' | 'id'>) => ({
  pk: t.key('FAPIAO', status),
  sk: `${i.issueDate}#${i.id}`,
});
const queued = (status: string) => status === 'not_requested' || status === 'requested';
/** The queue moves of an invoice whose fapiao status goes from `before` (null: a new invoice) to its current one. */
export function fapiaoQueueChange(t: TenantContext, before: string | null, i: Invoice): TransactItem[] {
  const after = i.status === 'void' ? null : i.fapiao.status;
  if (before === after) return [];
  const out: TransactItem[] = [];
  if (before && queued(before)) out.push({ Delete: { TableName: env.tableName, Key: fapiaoQueueKey(t, before, i) } });
  if (after && queued(after))
    out.push({
      Put: {
        TableName: env.tableName,
        Item: { ...fapiaoQueueKey(t, after, i), entity: 'fapiao_queue', invoiceId: i.id },
      },
    });
  return out;
}

export async function fapiaoQueue(t: TenantContext, status: string, limit: number, cursor?: string) {
  const { items, lastKey } = await queryPage(
    t.db,
    {
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('FAPIAO', status) },
      ScanIndexForward: true,
    } as never,
    limit,
    await decodeCursor(t.tenantId, cursor),
  );
  const invoices = await batchGet(
    t,
    items.map((i) => i.invoiceId as string),
  );
  return { items: invoices, nextCursor: await encodeCursor(t.tenantId, lastKey) };
}

export async function allInFapiaoQueue(t: TenantContext, status: string): Promise<Invoice[]> {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': t.key('FAPIAO', status) },
  });
  return batchGet(
    t,
    items.map((i) => i.invoiceId as string),
  );
}

/** A fapiao number is recorded once per company: its claim item is created with the record. */
export const claimFapiaoNumber = (t: TenantContext, number: string, invoiceId: string): TransactItem =>
  putNew({ pk: t.key('FAPIAO_NUMBER', number), sk: 'CLAIM', entity: 'fapiao_number', invoiceId });

export const putNewInvoice = (t: TenantContext, i: Invoice): TransactItem => putNew(invoiceItem(t, i));
export const putInvoice = (t: TenantContext, i: Invoice, previousVersion: number): TransactItem =>
  putIfVersion(invoiceItem(t, i), previousVersion);
export const paymentKey = (t: TenantContext, id: string) => ({ pk: t.key('PAYMENT', id), sk: 'PAYMENT' });
/** A payment, found by customer (GSI3, keys only) in the order it was received. */
const paymentItem = (t: TenantContext, p: Payment) => ({
  ...paymentKey(t, p.id),
  entity: 'payment',
  ...p,
  gsi3pk: t.key('CUSTOMER', p.customerId, 'PAYMENTS'),
  gsi3sk: `${p.receivedAt}#${p.id}`,
});
export const putNewPayment = (t: TenantContext, p: Payment): TransactItem => putNew(paymentItem(t, p));
export const putPayment = (t: TenantContext, p: Payment, previousVersion: number): TransactItem =>
  putIfVersion(paymentItem(t, p), previousVersion);

/**
 * Applies part of a payment, only while that much is still unapplied and the payment stands: the
 * condition is what keeps twenty concurrent allocations from taking a payment beyond its amount.
 */
export function takeFromPayment(
  t: TenantContext,
  paymentId: string,
  amount: number,
  added: Payment['allocations'],
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: env.tableName,
      Key: paymentKey(t, paymentId),
      UpdateExpression:
        'SET allocations = list_append(allocations, :added), updatedAt = :at ADD allocated :a, unallocated :neg, version :one',
      ConditionExpression: 'unallocated >= :a AND #status = :received',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':added': added,
        ':at': at,
        ':a': amount,
        ':neg': -amount,
        ':one': 1,
        ':received': 'received',
      },
    },
  };
}

export async function getPayment(t: TenantContext, id: string): Promise<Payment | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: paymentKey(t, id), ConsistentRead: true }),
  );
  return Item ? resourceOf<Payment>(Item) : undefined;
}

export async function paymentsById(t: TenantContext, ids: string[]): Promise<Payment[]> {
  return (
    await batchGetAll(
      t.db,
      ids.map((id) => paymentKey(t, id)),
      true,
    )
  ).map((i) => resourceOf<Payment>(i));
}

/** A customer's payments, newest first. */
export async function listCustomerPayments(t: TenantContext, customerId: string, limit: number, cursor?: string) {
  const { items, lastKey } = await queryPage(
    t.db,
    {
      TableName: env.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('CUSTOMER', customerId, 'PAYMENTS') },
      ScanIndexForward: false,
    } as never,
    limit,
    await decodeCursor(t.tenantId, cursor),
  );
  const payments = await paymentsById(
    t,
    items.map((i) => String(i.pk).split('#').pop()!),
  );
  return { items: payments, nextCursor: await encodeCursor(t.tenantId, lastKey) };
}

/** The payments that are deposits on an order (refs in the order's partition). */
export async function depositsOfOrder(t: TenantContext, orderId: string): Promise<Payment[]> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': t.key('ORDER', orderId), ':p': 'DEPOSIT#' },
      ConsistentRead: true,
    }),
  );
  return paymentsById(
    t,
    (out.Items ?? []).map((i) => i.paymentId as string),
  );
}
export const putDepositRef = (t: TenantContext, orderId: string, paymentId: string): TransactItem => ({
  Put: {
    TableName: env.tableName,
    Item: { pk: t.key('ORDER', orderId), sk: `DEPOSIT#${paymentId}`, entity: 'order_deposit', paymentId },
  },
});

/**
 * What an invoice shows of a payment: the part applied to it. Applying the same payment twice adds
 * up; a reversal marks it.
 */
export function invoicePaymentChange(
  t: TenantContext,
  invoiceId: string,
  p: Payment,
  amount: number,
  reversedAt: string | null = null,
): TransactItem {
  const view: Omit<InvoicePayment, 'amount'> = {
    id: p.id,
    invoiceId,
    customerId: p.customerId,
    method: p.method,
    reference: p.reference,
    receivedAt: p.receivedAt,
    recordedBy: p.recordedBy,
    createdAt: p.createdAt,
    reversedAt,
  };
  const names = Object.keys(view);
  return {
    Update: {
      TableName: env.tableName,
      Key: { pk: invoiceKey(t, invoiceId).pk, sk: `PAYMENT#${p.id}` },
      UpdateExpression: `SET entity = :entity, currency = :currency, ${names.map((n) => `#${n} = :${n}`).join(', ')} ADD allocatedAmount :a`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
      ExpressionAttributeValues: {
        ':entity': 'invoice_payment',
        ':currency': p.amount.currency,
        ':a': amount,
        ...Object.fromEntries(names.map((n) => [`:${n}`, view[n as keyof typeof view]])),
      },
    },
  };
}

/**
 * Receivables move in two places in the same transaction as the invoice or payment: the
 * customer's credit item (its exposure for the credit check) and the company's total.
 * `uninvoicedDelta` moves confirmed-but-uninvoiced order value into receivables on invoicing.
 */
export function receivablesChange(
  t: TenantContext,
  customerId: string,
  currency: string,
  delta: number,
  uninvoicedDelta = 0,
  more: { prepaidDelta?: number; baseDelta?: number } = {},
): TransactItem[] {
  const baseDelta = more.baseDelta ?? 0;
  return [
    {
      Update: {
        TableName: env.tableName,
        Key: creditKey(t, customerId),
        UpdateExpression:
          'ADD receivables :d, confirmedUninvoiced :u, prepaid :p SET currency = if_not_exists(currency, :c), entity = :e',
        ExpressionAttributeValues: {
          ':d': delta,
          ':u': uninvoicedDelta,
          ':p': more.prepaidDelta ?? 0,
          ':c': currency,
          ':e': 'credit_exposure',
        },
      },
    },
    {
      Update: {
        TableName: env.tableName,
        Key: receivablesKey(t),
        UpdateExpression: 'ADD #open :d, #base :b SET entity = :e',
        ExpressionAttributeNames: { '#open': `open_${currency}`, '#base': 'open_base' },
        ExpressionAttributeValues: { ':d': delta, ':b': baseDelta, ':e': 'receivables' },
      },
    },
  ];
}

/** Open receivables: in the base currency (each invoice at its own rate) and per currency. */
export async function openReceivables(
  t: TenantContext,
  baseCurrency: string,
): Promise<{ base: number; byCurrency: { currency: string; amount: number }[] }> {
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: receivablesKey(t) }));
  const byCurrency = Object.entries(Item ?? {})
    .filter(([k, v]) => /^open_[A-Z]{3}$/.test(k) && Number(v) !== 0)
    .map(([k, v]) => ({ currency: k.slice(5), amount: Number(v) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  // Totals kept before exchange rates existed had only the base currency's own figure.
  const base = Item?.open_base === undefined ? Number(Item?.[`open_${baseCurrency}`] ?? 0) : Number(Item.open_base);
  return { base, byCurrency };
}

/** A customer's credit (预收款): what it paid and is not yet applied to an invoice. */
export async function customerCredit(t: TenantContext, customerId: string): Promise<number> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: creditKey(t, customerId), ConsistentRead: true }),
  );
  return Number(Item?.prepaid ?? 0);
}

export async function getInvoice(t: TenantContext, id: string): Promise<Invoice | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: invoiceKey(t, id), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}

export async function paymentsOf(t: TenantContext, invoiceId: string): Promise<InvoicePayment[]> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': invoiceKey(t, invoiceId).pk, ':p': 'PAYMENT#' },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => {
    const { allocatedAmount, currency, ...rest } = resourceOf<Record<string, unknown>>(i);
    // Payments recorded before allocations existed were stored whole, with their own amount.
    const amount = (rest.amount as InvoicePayment['amount'] | undefined) ?? {
      amount: Number(allocatedAmount),
      currency: String(currency),
    };
    return { ...rest, amount, reversedAt: rest.reversedAt ?? null } as InvoicePayment;
  });
}

async function batchGet(t: TenantContext, ids: string[]): Promise<Invoice[]> {
  return (
    await batchGetAll(
      t.db,
      ids.map((id) => invoiceKey(t, id)),
    )
  ).map(fromItem);
}

/**
 * An order's invoices, oldest first: the ids its invoiced item keeps (`invoicedChange` in orders/store.ts)
 * and the pointer items (`INVOICE#<id>`) invoices wrote before it kept them, in one Query of the partition.
 */
export async function invoicesOfOrder(t: TenantContext, orderId: string): Promise<Invoice[]> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': t.key('ORDER', orderId), ':p': 'INVOICE' },
    }),
  );
  const ids = new Set<string>();
  for (const item of out.Items ?? []) {
    if (typeof item.invoiceId === 'string') ids.add(item.invoiceId);
    for (const id of (item.invoiceIds as Set<string> | undefined) ?? []) ids.add(id);
  }
  return batchGet(t, [...ids].sort());
}

/** Newest first, by status (GSI2, by due date), by customer (GSI3) or all (GSI1). */
export async function listInvoices(t: TenantContext, q: ListInvoicesQuery) {
  if (q.fapiaoStatus) {
    const page = await fapiaoQueue(t, q.fapiaoStatus, q.limit, q.cursor);
    return {
      items: page.items.filter(
        (i) => (!q.customerId || i.customerId === q.customerId) && (!q.status || i.status === q.status),
      ),
      nextCursor: page.nextCursor,
    };
  }
  if (q.orderId) {
    const items = (await invoicesOfOrder(t, q.orderId)).filter(
      (i) => (!q.status || i.status === q.status) && (!q.customerId || i.customerId === q.customerId),
    );
    return { items: items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)), nextCursor: null };
  }
  const [index, pk] = q.status
    ? ['gsi2', t.key('INVOICES', q.status)]
    : q.customerId
      ? ['gsi3', t.key('CUSTOMER', q.customerId, 'INVOICES')]
      : ['gsi1', t.key('INVOICES')];
  const input: Record<string, unknown> = {
    TableName: env.tableName,
    IndexName: index,
    ScanIndexForward: false,
    KeyConditionExpression: `${index}pk = :pk`,
    ExpressionAttributeValues: { ':pk': pk } as Record<string, unknown>,
  };
  if (q.status && q.customerId) {
    // The customer is in the by-customer index key (every invoice has it; its body does not repeat it).
    input.FilterExpression = 'gsi3pk = :cid';
    (input.ExpressionAttributeValues as Record<string, unknown>)[':cid'] = t.key('CUSTOMER', q.customerId, 'INVOICES');
  }
  const { items, lastKey } = await queryPage(t.db, input as never, q.limit, await decodeCursor(t.tenantId, q.cursor));
  const invoices =
    index === 'gsi3'
      ? await batchGet(
          t,
          items.map((i) => String(i.pk).split('#').pop()!),
        )
      : items.map(fromItem);
  return { items: invoices, nextCursor: await encodeCursor(t.tenantId, lastKey) };
}

/** Every invoice in a status, optionally only those due before a day: one key range of GSI2. */
export async function invoicesInStatus(
  t: TenantContext,
  status: Invoice['status'],
  dueBefore?: string,
): Promise<Invoice[]> {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi2',
    KeyConditionExpression: dueBefore ? 'gsi2pk = :pk AND gsi2sk < :before' : 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': t.key('INVOICES', status), ...(dueBefore ? { ':before': dueBefore } : {}) },
  });
  return items.map(fromItem);
}

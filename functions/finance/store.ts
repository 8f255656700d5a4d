import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Invoice, ListInvoicesQuery, Payment } from '#shared/api/finance.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { decodeCursor, encodeCursor } from '#functions/platform/cursor.ts';
import { queryAll, queryPage } from '#functions/platform/query.ts';
import { batchGetAll, putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import type { TransactItem } from '#functions/platform/transact.ts';

export const invoiceKey = (t: TenantContext, id: string) => ({ pk: t.key('INVOICE', id), sk: 'INVOICE' });
const receivablesKey = (t: TenantContext) => ({ pk: t.key('RECEIVABLES'), sk: 'TOTAL' });
const creditKey = (t: TenantContext, customerId: string) => ({ pk: t.key('CUSTOMER', customerId), sk: 'CREDIT' });

/**
 * Index entries: all invoices by date (GSI1), by status and due date (GSI2: the overdue job and
 * the aging report read "open, due before D" as one key range), by customer (GSI3, keys only).
 */
function invoiceItem(t: TenantContext, i: Invoice) {
  return {
    ...invoiceKey(t, i.id),
    entity: 'invoice',
    ...i,
    gsi1pk: t.key('INVOICES'),
    gsi1sk: `${i.createdAt}#${i.id}`,
    gsi2pk: t.key('INVOICES', i.status),
    gsi2sk: `${i.dueDate}#${i.id}`,
    gsi3pk: t.key('CUSTOMER', i.customerId, 'INVOICES'),
    gsi3sk: `${i.createdAt}#${i.id}`,
  };
}
const fromItem = (item: Record<string, unknown>) => resourceOf<Invoice>(item);

export const putNewInvoice = (t: TenantContext, i: Invoice): TransactItem => putNew(invoiceItem(t, i));
export const putInvoice = (t: TenantContext, i: Invoice, previousVersion: number): TransactItem =>
  putIfVersion(invoiceItem(t, i), previousVersion);
/** A pointer in the order's partition: the order page lists its invoices with one Query. */
export const putOrderInvoiceRef = (t: TenantContext, orderId: string, invoiceId: string): TransactItem => ({
  Put: {
    TableName: env.tableName,
    Item: { pk: t.key('ORDER', orderId), sk: `INVOICE#${invoiceId}`, entity: 'order_invoice', invoiceId },
  },
});
export const putPayment = (t: TenantContext, p: Payment): TransactItem =>
  putNew({ pk: invoiceKey(t, p.invoiceId).pk, sk: `PAYMENT#${p.id}`, entity: 'payment', ...p });

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
): TransactItem[] {
  return [
    {
      Update: {
        TableName: env.tableName,
        Key: creditKey(t, customerId),
        UpdateExpression:
          'ADD receivables :d, confirmedUninvoiced :u SET currency = if_not_exists(currency, :c), entity = :e',
        ExpressionAttributeValues: { ':d': delta, ':u': uninvoicedDelta, ':c': currency, ':e': 'credit_exposure' },
      },
    },
    {
      Update: {
        TableName: env.tableName,
        Key: receivablesKey(t),
        UpdateExpression: 'ADD #open :d SET entity = :e',
        ExpressionAttributeNames: { '#open': `open_${currency}` },
        ExpressionAttributeValues: { ':d': delta, ':e': 'receivables' },
      },
    },
  ];
}

export async function openReceivables(t: TenantContext, currency: string): Promise<number> {
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: receivablesKey(t) }));
  return Number(Item?.[`open_${currency}`] ?? 0);
}

export async function getInvoice(t: TenantContext, id: string): Promise<Invoice | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: invoiceKey(t, id), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}

export async function paymentsOf(t: TenantContext, invoiceId: string): Promise<Payment[]> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': invoiceKey(t, invoiceId).pk, ':p': 'PAYMENT#' },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => resourceOf<Payment>(i));
}

async function batchGet(t: TenantContext, ids: string[]): Promise<Invoice[]> {
  return (
    await batchGetAll(
      t.db,
      ids.map((id) => invoiceKey(t, id)),
    )
  ).map(fromItem);
}

export async function invoicesOfOrder(t: TenantContext, orderId: string): Promise<Invoice[]> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': t.key('ORDER', orderId), ':p': 'INVOICE#' },
    }),
  );
  return batchGet(
    t,
    (out.Items ?? []).map((i) => i.invoiceId as string),
  );
}

/** Newest first, by status (GSI2, by due date), by customer (GSI3) or all (GSI1). */
export async function listInvoices(t: TenantContext, q: ListInvoicesQuery) {
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
    input.FilterExpression = 'customerId = :cid';
    (input.ExpressionAttributeValues as Record<string, unknown>)[':cid'] = q.customerId;
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

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Return, Ticket, TicketComment } from '#shared/api/aftersales.ts';
import { env } from '#functions/platform/env.ts';
import { putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import { listPage, queryAll } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { addDays, companyDay } from '#shared/domain/dates.ts';

/**
 * Returns, tickets and rating links, each its own partition. Lists: all by date (GSI1), by status
 * (GSI2), by customer (GSI3, keys only). The SLA job reads the open statuses' tickets.
 */
export const returnKey = (t: TenantContext, id: string) => ({ pk: t.key('RETURN', id), sk: 'RETURN' });
export const ticketKey = (t: TenantContext, id: string) => ({ pk: t.key('TICKET', id), sk: 'TICKET' });
export const ratingKey = (t: TenantContext, hash: string) => ({ pk: t.key('RATING', hash), sk: 'RATING' });

const returnItem = (t: TenantContext, r: Return) => ({
  ...returnKey(t, r.id),
  entity: 'return',
  ...r,
  gsi1pk: t.key('RETURNS'),
  gsi1sk: `${r.createdAt}#${r.id}`,
  gsi2pk: t.key('RETURNS', r.status),
  gsi2sk: `${r.createdAt}#${r.id}`,
  gsi3pk: t.key('CUSTOMER', r.customerId, 'RETURNS'),
  gsi3sk: `${r.createdAt}#${r.id}`,
});
export const putNewReturn = (t: TenantContext, r: Return) => putNew(returnItem(t, r));
export const putReturn = (t: TenantContext, r: Return, v: number) => putIfVersion(returnItem(t, r), v);
/** The returns of an order, found from the order's partition. */
export const orderReturnRef = (t: TenantContext, orderId: string, returnId: string) => ({
  Put: {
    TableName: env.tableName,
    Item: { pk: t.key('ORDER', orderId), sk: `RETURN#${returnId}`, entity: 'order_return', returnId },
  },
});

/** The next SLA deadline of an open ticket: the first response until someone answered, then the resolution. */
export function nextDeadline(k: Ticket): string | null {
  if (k.status === 'resolved' || k.status === 'closed') return null;
  if (!k.firstRespondedAt && !k.breached.includes('first_response')) return k.firstResponseDue;
  if (!k.breached.includes('resolution')) return k.resolutionDue;
  return null;
}
const ticketItem = (t: TenantContext, k: Ticket) => {
  const due = nextDeadline(k);
  return {
    ...ticketKey(t, k.id),
    entity: 'ticket',
    ...k,
    gsi1pk: t.key('TICKETS'),
    gsi1sk: `${k.createdAt}#${k.id}`,
    gsi2pk: t.key('TICKETS', k.status),
    gsi2sk: `${k.createdAt}#${k.id}`,
    gsi3pk: t.key('CUSTOMER', k.customerId, 'TICKETS'),
    gsi3sk: `${k.createdAt}#${k.id}`,
    ...(due ? { nextDue: due } : {}),
  };
};
export const putNewTicket = (t: TenantContext, k: Ticket) => putNew(ticketItem(t, k));
export const putTicket = (t: TenantContext, k: Ticket, v: number) => putIfVersion(ticketItem(t, k), v);
export const commentItem = (t: TenantContext, c: TicketComment) => ({
  Put: {
    TableName: env.tableName,
    Item: { pk: ticketKey(t, c.ticketId).pk, sk: `COMMENT#${c.at}#${c.id}`, entity: 'ticket_comment', ...c },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

async function get<T>(t: TenantContext, Key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key, ConsistentRead: true }));
  return Item ? resourceOf<T>(Item) : undefined;
}
export const getReturn = (t: TenantContext, id: string) => get<Return>(t, returnKey(t, id));
export const getTicket = (t: TenantContext, id: string) => get<Ticket>(t, ticketKey(t, id));

export async function returnsOfOrder(t: TenantContext, orderId: string): Promise<Return[]> {
  const refs = await queryAll(t.db, {
    TableName: env.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': t.key('ORDER', orderId), ':p': 'RETURN#' },
  });
  const all = await Promise.all(refs.map((r) => getReturn(t, String(r.returnId))));
  return all.filter((r): r is Return => Boolean(r));
}

type ListQ = { limit: number; cursor?: string; status?: string; customerId?: string };
function listBy<T>(t: TenantContext, kind: 'RETURNS' | 'TICKETS', q: ListQ, filter?: Record<string, string>) {
  const [index, pk] = q.customerId
    ? ['gsi3', t.key('CUSTOMER', q.customerId, kind)]
    : q.status
      ? ['gsi2', t.key(kind, q.status)]
      : ['gsi1', t.key(kind)];
  // GSI3 holds keys only: its filters apply once the items are read.
  const wanted = { ...filter, ...(q.customerId && q.status ? { status: q.status } : {}) };
  const conditions = index === 'gsi3' ? [] : Object.entries(wanted);
  return listPage(
    t,
    {
      TableName: env.tableName,
      IndexName: index,
      ScanIndexForward: false,
      KeyConditionExpression: `${index}pk = :pk`,
      ExpressionAttributeValues: {
        ':pk': pk,
        ...Object.fromEntries(conditions.map(([, v], i) => [`:f${i}`, v])),
      },
      ...(conditions.length
        ? {
            FilterExpression: conditions.map((_, i) => `#f${i} = :f${i}`).join(' AND '),
            ExpressionAttributeNames: Object.fromEntries(conditions.map(([k], i) => [`#f${i}`, k])),
          }
        : {}),
    },
    { limit: q.limit, cursor: q.cursor },
    (i) => i,
  ).then(async (page) => ({
    ...page,
    // GSI3 holds keys only: read each item whole.
    items: (
      await Promise.all(
        page.items.map(async (i) =>
          index === 'gsi3' ? await get<T>(t, { pk: String(i.pk), sk: String(i.sk) }) : resourceOf<T>(i),
        ),
      )
    ).filter(
      (i): i is Awaited<T> =>
        Boolean(i) && Object.entries(wanted).every(([k, v]) => (i as Record<string, unknown>)[k] === v),
    ),
  }));
}
export const listReturns = (t: TenantContext, q: ListQ & { orderId?: string; ticketId?: string }) =>
  listBy<Return>(t, 'RETURNS', q, {
    ...(q.orderId ? { orderId: q.orderId } : {}),
    ...(q.ticketId ? { ticketId: q.ticketId } : {}),
  });
export const listTickets = (t: TenantContext, q: ListQ, filter?: Record<string, string>) =>
  listBy<Ticket>(t, 'TICKETS', q, filter);

/** Every item of a kind created on the company's days `from`..`to` (for the after-sales report). */
export async function createdBetween<T extends { createdAt: string }>(
  t: TenantContext,
  kind: 'RETURNS' | 'TICKETS',
  from: string,
  to: string,
  timeZone: string,
) {
  // The index is in UTC; a company day is within a day of it either way.
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': t.key(kind), ':from': addDays(from, -1), ':to': `${addDays(to, 1)}\uffff` },
  });
  return items
    .map((i) => resourceOf<T>(i))
    .filter((i) => {
      const day = companyDay(i.createdAt, timeZone);
      return day >= from && day <= to;
    });
}

export async function comments(t: TenantContext, ticketId: string): Promise<TicketComment[]> {
  const out = await queryAll(t.db, {
    TableName: env.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': ticketKey(t, ticketId).pk, ':p': 'COMMENT#' },
  });
  return out.map((i) => resourceOf<TicketComment>(i));
}

/** Every ticket not yet resolved or closed; with `dueBy`, only those whose next SLA deadline is at or before it. */
export async function openTickets(t: TenantContext, dueBy?: string): Promise<Ticket[]> {
  const open = await Promise.all(
    (['open', 'in_progress', 'waiting_customer'] as const).map((status) =>
      queryAll(t.db, {
        TableName: env.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ...(dueBy ? { FilterExpression: 'nextDue <= :at' } : {}),
        ExpressionAttributeValues: { ':pk': t.key('TICKETS', status), ...(dueBy ? { ':at': dueBy } : {}) },
      }),
    ),
  );
  return open.flat().map((i) => resourceOf<Ticket>(i));
}

/** Every return in some statuses. */
export async function returnsIn(t: TenantContext, statuses: Return['status'][]): Promise<Return[]> {
  const out = await Promise.all(
    statuses.map((status) =>
      queryAll(t.db, {
        TableName: env.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': t.key('RETURNS', status) },
      }),
    ),
  );
  return out.flat().map((i) => resourceOf<Return>(i));
}

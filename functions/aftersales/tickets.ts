import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type {
  CommentBody,
  CreateTicketBody,
  ListTicketsQuery,
  PatchTicketBody,
  Ticket,
  TicketComment,
} from '#shared/api/aftersales.ts';
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
import { findCustomer, getCustomer } from '#functions/customers/service.ts';
import { findOrder } from '#functions/orders/reads.ts';
import { departmentsAndUsers, seesCustomer, seesRep, visibility } from '#functions/tenants/scope.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { checkCustomFields, filteredPage } from '#functions/tenants/custom-fields.ts';
import { ratingLinkItems } from './ratings.ts';
import * as store from './store.ts';

/**
 * Tickets (工单): a customer's complaint, question, repair or return request, from the call to its
 * resolution. New tickets go round robin to the support staff (the tenant's rule) or wait for
 * someone to take them; each has an SLA by priority, and a missed timer opens an alert once.
 */
const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const roundRobinKey = (t: TenantContext) => ({ pk: t.key('TICKETS'), sk: 'ROUND_ROBIN' });

/** The next support person in turn (the turn is claimed in the ticket's transaction), or nobody. */
async function nextAssignee(t: TenantContext): Promise<{ userId: string | null; items: TransactItem[] }> {
  const [{ users }, settings] = await Promise.all([departmentsAndUsers(t), getSettings(t)]);
  const support = users
    .filter((u) => u.role === 'support' && u.status === 'active')
    .map((u) => u.id)
    .sort();
  if (settings.ticketAssignment === 'none' || !support.length) return { userId: null, items: [] };
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: roundRobinKey(t), ConsistentRead: true }),
  );
  const turn = Number(Item?.turn ?? 0);
  return {
    userId: support[turn % support.length]!,
    items: [
      {
        Put: {
          TableName: env.tableName,
          Item: { ...roundRobinKey(t), entity: 'ticket_round_robin', turn: turn + 1 },
          ConditionExpression: turn === 0 ? 'attribute_not_exists(pk)' : 'turn = :turn',
          ...(turn === 0 ? {} : { ExpressionAttributeValues: { ':turn': turn } }),
        },
      },
    ],
  };
}

async function checkAssignee(t: TenantContext, userId: string | null) {
  if (!userId) return;
  const { users } = await departmentsAndUsers(t);
  if (!users.some((u) => u.id === userId))
    throw new UnprocessableError('unknown_user', 'The assignee is not a user of this company.');
}

export async function createTicket(t: TenantContext, body: z.output<typeof CreateTicketBody>): Promise<Ticket> {
  const customer = await getCustomer(t, body.customerId);
  const order = body.orderId ? await findOrder(t, body.orderId) : undefined;
  if (body.orderId && (!order || order.customerId !== customer.id || !seesRep(await visibility(t), order.salesRepId)))
    throw new NotFoundError('order');
  const settings = await getSettings(t);
  const customFields = await checkCustomFields(t, 'ticket', body.customFields);
  return retryOnConflict(async () => {
    const at = nowIso();
    const year = companyDay(at, settings.timeZone).slice(0, 4);
    const [counter, assignee] = await Promise.all([nextNumber(t, 'TK', year), nextAssignee(t)]);
    const sla = settings.ticketSla[body.priority];
    const ticket: Ticket = {
      id: newId('ticket'),
      number: formatNumber('TK', year, counter.value),
      status: 'open',
      kind: body.kind,
      priority: body.priority,
      subject: body.subject,
      description: body.description,
      channel: body.channel,
      customerId: customer.id,
      customerName: customer.name,
      orderId: order?.id ?? null,
      orderNumber: order?.number ?? null,
      assigneeId: assignee.userId,
      firstResponseDue: addMinutes(at, sla.firstResponseMinutes),
      resolutionDue: addMinutes(at, sla.resolutionMinutes),
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      breached: [],
      reopened: 0,
      comments: 0,
      ratingUrl: null,
      rating: null,
      customFields,
      createdBy: t.principal.id,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const pk = store.ticketKey(t, ticket.id).pk;
    await transact(t, [
      counter.item,
      ...assignee.items,
      store.putNewTicket(t, ticket),
      outboxEvent(t, pk, 'ticket.created', { type: 'ticket', id: ticket.id }, ticket),
      ...(ticket.assigneeId ? [outboxEvent(t, pk, 'ticket.assigned', { type: 'ticket', id: ticket.id }, ticket)] : []),
    ]).catch(retryTaken(undefined));
    return ticket;
  }, 30);
}

/** A ticket the caller may see: its customer is in their data scope. */
/** Tickets stored before the company's own fields existed read with an empty bag. */
const withFields = (k: Ticket): Ticket => ({ ...k, customFields: k.customFields ?? {} });

export async function getTicket(t: TenantContext, id: string): Promise<Ticket> {
  const ticket = await store.getTicket(t, id);
  const customer = ticket ? await findCustomer(t, ticket.customerId) : undefined;
  if (!ticket || !customer || !seesCustomer(await visibility(t), customer)) throw new NotFoundError('ticket');
  return withFields(ticket);
}

export function listTickets(t: TenantContext, q: z.output<typeof ListTicketsQuery>) {
  return filteredPage(t, 'ticket', q, (slice) => ticketsPage(t, { ...q, ...slice }));
}

async function ticketsPage(t: TenantContext, q: z.output<typeof ListTicketsQuery>) {
  const filter =
    q.assigneeId === 'me'
      ? { assigneeId: t.principal.id }
      : q.assigneeId && q.assigneeId !== 'none'
        ? { assigneeId: q.assigneeId }
        : undefined;
  const [page, seen] = await Promise.all([store.listTickets(t, q, filter), visibility(t)]);
  let items = page.items.map(withFields);
  if (q.assigneeId === 'none') items = items.filter((k) => !k.assigneeId);
  if (!seen.all) {
    const customers = await Promise.all(items.map((k) => findCustomer(t, k.customerId)));
    items = items.filter((_, i) => customers[i] && seesCustomer(seen, customers[i]!));
  }
  return { ...page, items };
}

/** Which status may follow which; resolved or closed tickets reopen to in progress. */
const moves: Record<Ticket['status'], Ticket['status'][]> = {
  open: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function updateTicket(t: TenantContext, id: string, patch: z.output<typeof PatchTicketBody>, expected?: number) {
  return retryOnConflict(async () => {
    const ticket = await getTicket(t, id);
    if (expected !== undefined && expected !== ticket.version) throw new PreconditionFailedError();
    if (patch.assigneeId !== undefined) await checkAssignee(t, patch.assigneeId);
    const at = nowIso();
    // Editing what the ticket says checks its own fields (a required one added later is asked for then);
    // moving it along or assigning it does not.
    const edits = patch.customFields !== undefined || patch.subject !== undefined || patch.description !== undefined;
    const customFields = edits
      ? await checkCustomFields(t, 'ticket', patch.customFields ?? ticket.customFields, ticket.customFields)
      : ticket.customFields;
    let next: Ticket = { ...ticket, ...patch, customFields, version: ticket.version + 1, updatedAt: at };
    const items: TransactItem[] = [];
    const pk = store.ticketKey(t, id).pk;
    if (patch.status && patch.status !== ticket.status) {
      if (!moves[ticket.status].includes(patch.status))
        throw new ConflictError('invalid_transition', `A ${ticket.status} ticket cannot become ${patch.status}.`, {
          orderStatus: ticket.status,
          action: patch.status,
          allowedFrom: (Object.keys(moves) as Ticket['status'][]).filter((s) => moves[s].includes(patch.status!)),
        });
      if (patch.status === 'resolved') {
        const link = await ratingLinkItems(t, { type: 'ticket', id, number: ticket.number, title: ticket.subject });
        next = { ...next, resolvedAt: at, ratingUrl: link.url };
        items.push(link.item, outboxEvent(t, pk, 'ticket.resolved', { type: 'ticket', id }, next));
      }
      if (patch.status === 'closed') next = { ...next, closedAt: at };
      if (patch.status === 'in_progress' && (ticket.status === 'resolved' || ticket.status === 'closed')) {
        // Reopened: a new resolution deadline from now, by the ticket's priority.
        const sla = (await getSettings(t)).ticketSla[next.priority];
        next = {
          ...next,
          reopened: ticket.reopened + 1,
          resolvedAt: null,
          closedAt: null,
          resolutionDue: addMinutes(at, sla.resolutionMinutes),
          breached: ticket.breached.filter((b) => b !== 'resolution'),
        };
        items.push(outboxEvent(t, pk, 'ticket.reopened', { type: 'ticket', id }, next));
      }
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== ticket.assigneeId && patch.assigneeId)
      items.push(outboxEvent(t, pk, 'ticket.assigned', { type: 'ticket', id }, next));
    await transact(t, [store.putTicket(t, next, ticket.version), ...items]).catch(staleWrite(expected));
    return next;
  });
}

/** A comment: an internal note, or what was said to the customer (the first one stops the first-response timer). */
export function addComment(t: TenantContext, id: string, body: z.output<typeof CommentBody>) {
  return retryOnConflict(async () => {
    const ticket = await getTicket(t, id);
    const at = nowIso();
    const comment: TicketComment = {
      id: newId('comment'),
      ticketId: id,
      body: body.body,
      internal: body.internal,
      authorId: t.principal.id,
      at,
    };
    const next: Ticket = {
      ...ticket,
      comments: ticket.comments + 1,
      firstRespondedAt: ticket.firstRespondedAt ?? (body.internal ? null : at),
      status: ticket.status === 'open' && !body.internal ? 'in_progress' : ticket.status,
      version: ticket.version + 1,
      updatedAt: at,
    };
    await transact(t, [store.putTicket(t, next, ticket.version), store.commentItem(t, comment)]).catch(
      staleWrite(undefined),
    );
    return comment;
  });
}

export async function listComments(t: TenantContext, id: string) {
  await getTicket(t, id);
  return { items: await store.comments(t, id) };
}

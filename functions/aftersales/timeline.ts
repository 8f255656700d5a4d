import type * as z from 'zod';
import type { CustomerTimeline } from '#shared/api/aftersales.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getCustomer, listNotes } from '#functions/customers/service.ts';
import { listCustomerPayments } from '#functions/finance/payments.ts';
import { listOrders } from '#functions/orders/reads.ts';
import { visibility } from '#functions/tenants/scope.ts';
import { listReturns } from './returns.ts';
import { listTickets } from './tickets.ts';

type Item = z.input<typeof CustomerTimeline>['items'][number];
const EACH = 30;

/**
 * One timeline for a customer's page (客户全景): the latest orders, payments (and credit notes),
 * returns, tickets and notes, newest first. Each source is read in the caller's data scope.
 */
export async function customerTimeline(t: TenantContext, customerId: string) {
  const [, seen] = await Promise.all([getCustomer(t, customerId), visibility(t)]);
  const [orders, payments, returns, tickets, notes] = await Promise.all([
    listOrders(t, { limit: EACH, customerId }, seen), // orders' read for other modules, not its actions
    listCustomerPayments(t, customerId, { limit: EACH }),
    listReturns(t, { limit: EACH, customerId }),
    listTickets(t, { limit: EACH, customerId }),
    listNotes(t, customerId, EACH),
  ]);
  const items: Item[] = [
    ...orders.items.map((o) => ({
      kind: 'order' as const,
      id: o.id,
      at: o.createdAt,
      number: o.number,
      title: o.lines.map((l) => `${l.name} × ${l.quantity}`).join('，'),
      status: o.status,
      amount: { amount: o.total, currency: o.currency },
      link: `/orders/${o.id}`,
    })),
    ...payments.items.map((p) => ({
      kind: 'payment' as const,
      id: p.id,
      at: p.receivedAt,
      number: p.reference,
      title: p.method,
      status: p.status,
      amount: p.amount,
      link: `/customers/${customerId}`,
    })),
    ...returns.items.map((r) => ({
      kind: 'return' as const,
      id: r.id,
      at: r.createdAt,
      number: r.number,
      title: r.lines.map((l) => `${l.name} × ${l.quantity}`).join('，'),
      status: r.status,
      amount: { amount: r.total, currency: r.currency },
      link: `/returns/${r.id}`,
    })),
    ...tickets.items.map((k) => ({
      kind: 'ticket' as const,
      id: k.id,
      at: k.createdAt,
      number: k.number,
      title: k.subject,
      status: k.status,
      amount: null,
      link: `/tickets/${k.id}`,
    })),
    ...notes.items.map((n) => ({
      kind: 'note' as const,
      id: n.id,
      at: n.createdAt,
      number: null,
      title: n.body,
      status: null,
      amount: null,
      link: `/customers/${customerId}`,
    })),
  ];
  return { items: items.sort((a, b) => b.at.localeCompare(a.at)).slice(0, 100) };
}

import type * as z from 'zod';
import type { AfterSalesReport, AfterSalesReportQuery, Return, Ticket } from '#shared/api/aftersales.ts';
import { returnReasons, ticketKinds } from '#shared/api/enums.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { listOrders } from '#functions/orders/reads.ts';
import { seesCustomer, seesRep, visibility } from '#functions/tenants/scope.ts';
import { findCustomer } from '#functions/customers/service.ts';
import { addDays } from '#shared/domain/dates.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from './store.ts';

/**
 * After-sales in a period: returns by product (units returned ÷ units shipped on the period's
 * orders) and by reason, tickets by kind, the share resolved within their SLA, the average rating.
 * Read from the period's returns, tickets and orders (a small company has hundreds, not millions).
 */
export async function afterSalesReport(
  t: TenantContext,
  q: z.output<typeof AfterSalesReportQuery>,
): Promise<z.input<typeof AfterSalesReport>> {
  const [seen, settings] = await Promise.all([visibility(t), getSettings(t)]);
  const [returns, tickets] = await Promise.all([
    store.createdBetween<Return>(t, 'RETURNS', q.from, q.to, settings.timeZone),
    store.createdBetween<Ticket>(t, 'TICKETS', q.from, q.to, settings.timeZone),
  ]);
  const live = returns.filter(
    (r) => r.status !== 'rejected' && r.status !== 'cancelled' && seesRep(seen, r.salesRepId),
  );
  const shipped = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = await listOrders(t, { limit: 100, cursor, from: q.from, to: q.to } as never);
    for (const o of page.items)
      if (seesRep(seen, o.salesRepId))
        for (const l of o.lines) shipped.set(l.productId, (shipped.get(l.productId) ?? 0) + l.shipped);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const byProduct = new Map<string, { productId: string; sku: string; name: string; returned: number }>();
  for (const r of live)
    for (const l of r.lines) {
      const row = byProduct.get(l.productId) ?? { productId: l.productId, sku: l.sku, name: l.name, returned: 0 };
      row.returned += l.quantity;
      byProduct.set(l.productId, row);
    }
  const resolved = tickets.filter((k) => k.resolvedAt);
  const rated = [...tickets.map((k) => k.rating), ...returns.map((r) => r.rating)].filter(
    (x): x is NonNullable<Ticket['rating']> => Boolean(x),
  );
  return {
    from: q.from,
    to: q.to,
    returns: {
      count: live.length,
      byProduct: [...byProduct.values()]
        .map((p) => {
          const out = shipped.get(p.productId) ?? 0;
          return { ...p, shipped: out, rate: out ? p.returned / out : 0 };
        })
        .sort((a, b) => b.returned - a.returned),
      byReason: returnReasons
        .map((reason) => ({
          reason,
          units: live.reduce(
            (s, r) => s + r.lines.filter((l) => l.reason === reason).reduce((u, l) => u + l.quantity, 0),
            0,
          ),
          returns: live.filter((r) => r.lines.some((l) => l.reason === reason)).length,
        }))
        .filter((r) => r.returns > 0),
    },
    tickets: {
      count: tickets.length,
      byKind: ticketKinds
        .map((kind) => ({ kind, count: tickets.filter((k) => k.kind === kind).length }))
        .filter((k) => k.count),
      slaMet: resolved.length
        ? resolved.filter((k) => !k.breached.includes('resolution') && k.resolvedAt! <= k.resolutionDue).length /
          resolved.length
        : null,
      open: tickets.filter((k) => k.status !== 'resolved' && k.status !== 'closed').length,
    },
    ratings: {
      count: rated.length,
      average: rated.length ? rated.reduce((s, r) => s + r.score, 0) / rated.length : null,
    },
  };
}

/** The dashboard's after-sales figures for the caller (their data scope applies to tickets and returns). */
export async function afterSalesSnapshot(t: TenantContext, today: string) {
  const [seen, settings] = await Promise.all([visibility(t), getSettings(t)]);
  const [open, waiting, recentTickets, recentReturns] = await Promise.all([
    store.openTickets(t),
    store.returnsIn(t, ['requested', 'approved']),
    store.createdBetween<Ticket>(t, 'TICKETS', addDays(today, -29), today, settings.timeZone),
    store.createdBetween<Return>(t, 'RETURNS', addDays(today, -29), today, settings.timeZone),
  ]);
  const customers = seen.all
    ? null
    : await visibleCustomers(
        t,
        open.map((k) => k.customerId),
      );
  const tickets = customers ? open.filter((k) => customers.has(k.customerId)) : open;
  const now = new Date().toISOString();
  const rated = [...recentTickets.map((k) => k.rating), ...recentReturns.map((r) => r.rating)].filter(
    (x): x is NonNullable<Ticket['rating']> => Boolean(x),
  );
  return {
    openTickets: tickets.length,
    myOpenTickets: tickets.filter((k) => k.assigneeId === t.principal.id).length,
    breachedTickets: tickets.filter(
      (k) => k.breached.length > 0 || (!k.firstRespondedAt && k.firstResponseDue < now) || k.resolutionDue < now,
    ).length,
    returnsWaiting: waiting.filter((r) => seesRep(seen, r.salesRepId)).length,
    ratings: rated.length,
    averageRating: rated.length ? rated.reduce((s, r) => s + r.score, 0) / rated.length : null,
  };
}

async function visibleCustomers(t: TenantContext, ids: string[]) {
  const seen = await visibility(t);
  const out = new Set<string>();
  for (const id of new Set(ids)) {
    const c = await findCustomer(t, id);
    if (c && seesCustomer(seen, c)) out.add(id);
  }
  return out;
}

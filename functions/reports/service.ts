import { afterSalesSnapshot } from '#functions/aftersales/report.ts';
import { now } from '#functions/platform/clock.ts';
import { pages } from '#functions/platform/query.ts';
import { listOrders } from '#functions/orders/reads.ts';
import type * as z from 'zod';
import { decimal, toCsv } from '#shared/domain/csv.ts';
import { toBase } from '#shared/domain/money.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Dashboard, SalesQuery, SalesReport } from '#shared/api/reports.ts';
import type { ExportQuery } from '#shared/api/reports.ts';
import { addDays, companyDay, monthOf, weekOf } from '#shared/domain/dates.ts';
import { env } from '#functions/platform/env.ts';
import { isConditionFailure } from '#functions/platform/db.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { listLevels, movementsAfter } from '#functions/inventory/service.ts';
import { productsById } from '#functions/catalog/reads.ts';
import { invoicesInStatus, openReceivables } from '#functions/finance/service.ts';
import { aging } from '#functions/finance/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { departmentsAndUsers, repOf, seesRep, visibility, type Visibility } from '#functions/tenants/scope.ts';
import { getTargets } from './targets.ts';
import { ForbiddenError } from '#functions/platform/errors.ts';
import { rollUp } from './entries.ts';
import { dailyItems, dimensionItems, funnelStages, putGenerated, type Dimension } from './store.ts';

import { inBase, num, perCurrency } from './money.ts';

/** The rep items of the days asked for that belong to the users the caller sees. */
async function repItems(t: TenantContext, from: string, to: string, userIds: Set<string>) {
  const items = await dimensionItems(t, 'rep', from, to);
  return Object.assign(
    items.filter((i) => userIds.has(String(i.sk).slice(11))),
    { stored: items.stored },
  );
}

/**
 * Sales as a rep (own scope) or a manager (department scope) may see them: from the per-rep
 * aggregates of the users in their scope, by period, rep or department. Other groupings would show
 * the company's whole breakdown, so they are refused (403) rather than quietly filtered.
 */
async function scopedSales(
  t: TenantContext,
  q: SalesQuery,
  visible: Extract<Visibility, { all: false }>,
  baseCurrency: string,
): Promise<SalesReport> {
  if (!['day', 'week', 'month', 'rep', 'department'].includes(q.groupBy))
    throw new ForbiddenError(
      'Your data scope shows sales by day, week, month, rep or department: the breakdown by product, customer, region or channel covers the whole company.',
    );
  const currency = q.currency ?? baseCurrency;
  const items = await repItems(t, q.from, q.to, visible.userIds);
  const salesOf = (item: Record<string, unknown>) =>
    q.currency ? num(item, `sales_${currency}`) : inBase(item, 'sales', baseCurrency);
  const departmentOf = new Map<string, { id: string; name: string }>();
  if (q.groupBy === 'department')
    for (const id of visible.userIds) {
      const rep = await repOf(t, id);
      if (rep.departmentId) departmentOf.set(id, { id: rep.departmentId, name: rep.departmentName ?? '' });
    }
  const keyOf = q.groupBy === 'day' ? (d: string) => d : q.groupBy === 'week' ? weekOf : monthOf;
  const rows = new Map<
    string,
    { key: string; label: string; orders: number; units: number; sales: number; cost: number; net: number }
  >();
  if (['day', 'week', 'month'].includes(q.groupBy))
    for (let d = q.from; d <= q.to; d = addDays(d, 1))
      rows.set(keyOf(d), { key: keyOf(d), label: keyOf(d), orders: 0, units: 0, sales: 0, cost: 0, net: 0 });
  for (const i of items) {
    const day = String(i.sk).slice(0, 10);
    const repId = String(i.sk).slice(11);
    const dept = departmentOf.get(repId);
    const [key, label] =
      q.groupBy === 'rep'
        ? [repId, String(i.label ?? repId)]
        : q.groupBy === 'department'
          ? [dept?.id ?? '—', dept?.name ?? '—']
          : [keyOf(day), keyOf(day)];
    const row = rows.get(key) ?? { key, label, orders: 0, units: 0, sales: 0, cost: 0, net: 0 };
    row.orders += num(i, 'orders');
    row.units += num(i, 'units');
    row.sales += salesOf(i);
    row.cost += num(i, 'cost_base');
    row.net += num(i, 'net_base');
    rows.set(key, row);
  }
  const list = [...rows.values()].map(({ net, ...r }) => ({ ...r, grossMargin: net - r.cost }));
  if (q.groupBy === 'rep' || q.groupBy === 'department') list.sort((a, b) => b.sales - a.sales);
  const totals = list.reduce(
    (s, r) => ({
      orders: s.orders + r.orders,
      units: s.units + r.units,
      sales: s.sales + r.sales,
      cost: s.cost + r.cost,
      grossMargin: s.grossMargin + r.grossMargin,
    }),
    { orders: 0, units: 0, sales: 0, cost: 0, grossMargin: 0 },
  );
  const byCurrency = [...perCurrency(items, 'sales')]
    .filter(([, amount]) => amount !== 0)
    .map(([c, amount]) => ({ currency: c, sales: amount }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    currency,
    rows: list,
    totals,
    byCurrency,
    itemsRead: items.stored,
  };
}

/**
 * Sales from the aggregates: one key range for the days asked for, grouped as asked. Without a
 * currency every sale counts, in the base currency at its order's rate, with the per-currency
 * breakdown beside it; with one, only that currency's sales, in it.
 */
export async function sales(t: TenantContext, q: SalesQuery): Promise<SalesReport> {
  const [{ baseCurrency }, visible] = await Promise.all([getSettings(t), visibility(t)]);
  if (!visible.all) return scopedSales(t, q, visible, baseCurrency);
  const currency = q.currency ?? baseCurrency;
  const salesOf = (item: Record<string, unknown> | undefined) =>
    q.currency ? num(item, `sales_${currency}`) : inBase(item, 'sales', baseCurrency);
  const rows = new Map<
    string,
    { key: string; label: string; orders: number; units: number; sales: number; cost: number; net: number }
  >();
  const seen: Record<string, unknown>[] = [];
  const add = (key: string, label: string, item: Record<string, unknown> | undefined) => {
    const row = rows.get(key) ?? { key, label, orders: 0, units: 0, sales: 0, cost: 0, net: 0 };
    row.orders += num(item, 'orders');
    row.units += num(item, 'units');
    row.sales += salesOf(item);
    row.cost += num(item, 'cost_base');
    row.net += num(item, 'net_base');
    if (item) seen.push(item);
    rows.set(key, row);
  };
  let itemsRead: number;
  if (q.groupBy === 'day' || q.groupBy === 'week' || q.groupBy === 'month') {
    const items = await dailyItems(t, q.from, q.to);
    itemsRead = items.stored;
    const byDay = new Map(items.map((i) => [i.sk as string, i]));
    const keyOf = q.groupBy === 'day' ? (d: string) => d : q.groupBy === 'week' ? weekOf : monthOf;
    // Every period appears, sold or not: a chart of the range has no holes.
    for (let d = q.from; d <= q.to; d = addDays(d, 1)) add(keyOf(d), keyOf(d), byDay.get(d));
  } else {
    const items = await dimensionItems(t, q.groupBy as Dimension, q.from, q.to);
    itemsRead = items.stored;
    for (const i of items) {
      const key = String(i.sk).slice(11);
      add(key, String(i.label ?? key), i);
    }
  }
  const list = [...rows.values()].map(({ net, ...r }) => ({ ...r, grossMargin: net - r.cost }));
  if (!['day', 'week', 'month'].includes(q.groupBy)) list.sort((a, b) => b.sales - a.sales || b.units - a.units);
  const totals = list.reduce(
    (s, r) => ({
      orders: s.orders + r.orders,
      units: s.units + r.units,
      sales: s.sales + r.sales,
      cost: s.cost + r.cost,
      grossMargin: s.grossMargin + r.grossMargin,
    }),
    { orders: 0, units: 0, sales: 0, cost: 0, grossMargin: 0 },
  );
  const byCurrency = [...perCurrency(seen, 'sales')]
    .filter(([, amount]) => amount !== 0)
    .map(([c, amount]) => ({ currency: c, sales: amount }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return { from: q.from, to: q.to, groupBy: q.groupBy, currency, rows: list, totals, byCurrency, itemsRead };
}

const headers = {
  'zh-CN': {
    key: '分组',
    orders: '订单数',
    units: '数量',
    sales: '销售额',
    currency: '币种',
    customer: '客户',
    total: '合计',
    current: '未到期',
    d1_30: '逾期1-30天',
    d31_60: '逾期31-60天',
    d61_90: '逾期61-90天',
    d90_plus: '逾期90天以上',
    invoices: '发票数',
  },
  en: {
    key: 'Group',
    orders: 'Orders',
    units: 'Units',
    sales: 'Sales',
    currency: 'Currency',
    customer: 'Customer',
    total: 'Total',
    current: 'Current',
    d1_30: '1-30 days',
    d31_60: '31-60 days',
    d61_90: '61-90 days',
    d90_plus: '90+ days',
    invoices: 'Invoices',
  },
};

/** CSV with a BOM (Excel reads it as UTF-8), headers in the asked language, amounts as decimals. */
export async function exportCsv(
  t: TenantContext,
  name: 'sales' | 'receivables-aging',
  q: z.output<typeof ExportQuery>,
): Promise<string> {
  const settings = await getSettings(t);
  const h = headers[q.lang ?? settings.locale];
  if (name === 'receivables-aging') {
    const a = await aging(t, q.to);
    return toCsv([
      [h.customer, h.currency, h.current, h.d1_30, h.d31_60, h.d61_90, h.d90_plus, h.total, h.invoices],
      ...a.customers.map((c) => [
        c.customerName,
        c.currency,
        decimal(c.current, c.currency),
        decimal(c.d1_30, c.currency),
        decimal(c.d31_60, c.currency),
        decimal(c.d61_90, c.currency),
        decimal(c.d90_plus, c.currency),
        decimal(c.total, c.currency),
        c.invoices,
      ]),
      [
        h.total,
        a.currency,
        decimal(a.totals.current, a.currency),
        decimal(a.totals.d1_30, a.currency),
        decimal(a.totals.d31_60, a.currency),
        decimal(a.totals.d61_90, a.currency),
        decimal(a.totals.d90_plus, a.currency),
        decimal(a.totals.total, a.currency),
        '',
      ],
    ]);
  }
  const to = q.to ?? companyDay(now(), settings.timeZone);
  const report = await sales(t, {
    from: q.from ?? addDays(to, -29),
    to,
    groupBy: q.groupBy ?? 'day',
    currency: q.currency,
  });
  return toCsv([
    [h.key, h.orders, h.units, h.sales, h.currency],
    ...report.rows.map((r) => [r.label, r.orders, r.units, decimal(r.sales, report.currency), report.currency]),
    [
      h.total,
      report.totals.orders,
      report.totals.units,
      decimal(report.totals.sales, report.currency),
      report.currency,
    ],
  ]);
}

/** Confirmed or partly shipped orders past their requested delivery date, in the caller's scope. */
async function lateOrderCount(t: TenantContext, today: string, seen: Awaited<ReturnType<typeof visibility>>) {
  let late = 0;
  for (const status of ['confirmed', 'partially_shipped'] as const)
    for await (const page of pages((cursor) => listOrders(t, { status, limit: 100, cursor }, seen)))
      late += page.filter((o) => o.requestedDeliveryDate && o.requestedDeliveryDate < today).length;
  return late;
}

async function openAlertCount(t: TenantContext) {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('ALERTS', 'open') },
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}

/** Products with stock on hand that sold nothing in 30 days. */
async function slowMovers(t: TenantContext, today: string) {
  const sold = new Set(
    (await dimensionItems(t, 'product', addDays(today, -29), today)).map((i) => String(i.sk).slice(11)),
  );
  const onHand = new Map<string, number>();
  for await (const levels of pages((cursor) => listLevels(t, { limit: 100, cursor }))) {
    for (const l of levels)
      if (!sold.has(l.productId)) onHand.set(l.productId, (onHand.get(l.productId) ?? 0) + l.onHand);
  }
  const ids = [...onHand].filter(([, q]) => q > 0).map(([id]) => id);
  const products = await productsById(t, ids);
  return ids
    .map((id) => ({
      productId: id,
      sku: products.get(id)?.sku ?? id,
      name: products.get(id)?.name ?? '',
      onHand: onHand.get(id)!,
    }))
    .sort((a, b) => b.onHand - a.onHand)
    .slice(0, 10);
}

export async function dashboard(t: TenantContext, at = now()): Promise<Dashboard> {
  const settings = await getSettings(t);
  const currency = settings.baseCurrency;
  const today = companyDay(at, settings.timeZone);
  const yesterday = addDays(today, -1);
  const monthStart = `${monthOf(today)}-01`;
  const lastMonthStart = `${monthOf(addDays(monthStart, -1))}-01`;
  const trendFrom = addDays(today, -29);
  const from = trendFrom < lastMonthStart ? trendFrom : lastMonthStart;
  // "Last month" compares like with like: its first days up to today's day of the month.
  const lastMonthSameDay = addDays(lastMonthStart, Number(today.slice(8)) - 1);
  // A rep (own scope) or a manager (department scope) sees the figures of the people in their scope:
  // sales and collections from the per-rep aggregates, receivables from their invoices.
  const seen = await visibility(t);
  const scoped = !seen.all;
  const [days, customers, products, overdueAll, open, alerts, slow] = await Promise.all([
    scoped ? repDays(t, from, today, seen.userIds) : dailyItems(t, from, today),
    scoped ? [] : dimensionItems(t, 'customer', monthStart, today),
    scoped ? [] : dimensionItems(t, 'product', monthStart, today),
    invoicesInStatus(t, 'overdue'),
    scoped
      ? aging(t).then((a) => ({
          base: a.totals.total,
          byCurrency: a.byCurrency.map((c) => ({ currency: c.currency, amount: c.total })),
        }))
      : openReceivables(t, currency),
    openAlertCount(t),
    slowMovers(t, today),
  ]);
  const overdue = overdueAll.filter((i) => seesRep(seen, i.salesRepId));
  const byDay = new Map(days.map((d) => [d.sk as string, d]));
  // Money figures are in the base currency (`sales`, `payments`: every currency at its own rates).
  const value = (d: Record<string, unknown> | undefined, attribute: string) =>
    attribute === 'sales' || attribute === 'payments'
      ? inBase(d, attribute, currency)
      : attribute === 'margin'
        ? num(d, 'net_base') - num(d, 'cost_base')
        : num(d, attribute);
  const sum = (attribute: string, a: string, b: string) =>
    days.filter((d) => (d.sk as string) >= a && (d.sk as string) <= b).reduce((s, d) => s + value(d, attribute), 0);
  const figure = (attribute: string) => ({
    today: value(byDay.get(today), attribute),
    yesterday: value(byDay.get(yesterday), attribute),
    thisMonth: sum(attribute, monthStart, today),
    lastMonth: sum(
      attribute,
      lastMonthStart,
      lastMonthSameDay < monthStart ? lastMonthSameDay : addDays(monthStart, -1),
    ),
  });
  const top = (items: Record<string, unknown>[]) => {
    const rows = new Map<string, { key: string; label: string; sales: number; orders: number; units: number }>();
    for (const i of items) {
      const key = String(i.sk).slice(11);
      const row = rows.get(key) ?? { key, label: String(i.label ?? key), sales: 0, orders: 0, units: 0 };
      row.sales += inBase(i, 'sales', currency);
      row.orders += num(i, 'orders');
      row.units += num(i, 'units');
      rows.set(key, row);
    }
    return [...rows.values()].sort((a, b) => b.sales - a.sales).slice(0, 5);
  };
  const overdueBase = overdue.reduce((s, i) => s + toBase(i.amountDue, i.currency, i.fxRate, currency), 0);
  const monthDays = days.filter((d) => (d.sk as string) >= monthStart && (d.sk as string) <= today);
  const monthSales = perCurrency(monthDays, 'sales');
  const openByCurrency = new Map(open.byCurrency.map((o) => [o.currency, o.amount]));
  const overdueByCurrency = new Map<string, number>();
  for (const i of overdue) overdueByCurrency.set(i.currency, (overdueByCurrency.get(i.currency) ?? 0) + i.amountDue);
  const currencies = [...new Set([...monthSales.keys(), ...openByCurrency.keys(), ...overdueByCurrency.keys()])].sort();
  return {
    currency,
    today,
    sales: figure('sales'),
    grossMargin: figure('margin'),
    orders: figure('orders'),
    payments: figure('payments'),
    customers: {
      createdToday: num(byDay.get(today), 'customersCreated'),
      createdThisMonth: sum('customersCreated', monthStart, today),
    },
    trend: Array.from({ length: 30 }, (_, i) => {
      const date = addDays(trendFrom, i);
      const d = byDay.get(date);
      return {
        date,
        sales: value(d, 'sales'),
        orders: num(d, 'orders'),
        payments: value(d, 'payments'),
      };
    }),
    topCustomers: top(customers).map(({ key, label, sales: s, orders }) => ({ key, label, sales: s, orders })),
    topProducts: top(products).map(({ key, label, sales: s, units }) => ({ key, label, sales: s, units })),
    slowMovers: slow,
    funnel: funnelStages.map((stage) => ({ stage, count: sum(`f_${stage}`, monthStart, today) })),
    receivables: {
      open: { amount: open.base, currency },
      overdue: { amount: overdueBase, currency },
      overdueInvoices: overdue.length,
    },
    byCurrency: currencies.map((c) => ({
      currency: c,
      salesThisMonth: monthSales.get(c) ?? 0,
      openReceivables: openByCurrency.get(c) ?? 0,
      overdueReceivables: overdueByCurrency.get(c) ?? 0,
    })),
    alerts: { open: alerts },
    lateOrders: await lateOrderCount(t, today, seen),
    afterSales: await afterSalesSnapshot(t, today),
    scope: seen.all ? 'all' : seen.scope,
    target: await monthTarget(t, monthOf(today), seen, sum('sales', monthStart, today)),
  };
}

/** The per-rep aggregates of some users as per-day items, as the dashboard reads days. */
async function repDays(t: TenantContext, from: string, to: string, userIds: Set<string>) {
  const days = new Map<string, Record<string, unknown>>();
  for (const i of await dimensionItems(t, 'rep', from, to)) {
    if (!userIds.has(String(i.sk).slice(11))) continue;
    const day = String(i.sk).slice(0, 10);
    const sumOf = days.get(day) ?? { sk: day };
    for (const [k, v] of Object.entries(i))
      if (typeof v === 'number' && k !== 'version') sumOf[k] = Number(sumOf[k] ?? 0) + v;
    days.set(day, sumOf);
  }
  return [...days.values()];
}

/** This month's target of what the dashboard covers: the rep's own, the manager's department, or all reps'. */
async function monthTarget(t: TenantContext, period: string, seen: Visibility, achieved: number) {
  const targets = (await getTargets(t, period)).targets;
  let target = 0;
  if (seen.all) target = targets.filter((x) => x.userId).reduce((s, x) => s + x.amount, 0);
  else if (seen.scope === 'own') target = targets.find((x) => x.userId === t.principal.id)?.amount ?? 0;
  else {
    const me = (await departmentsAndUsers(t)).users.find((u) => u.id === t.principal.id);
    target = targets.find((x) => x.departmentId && x.departmentId === me?.departmentId)?.amount ?? 0;
  }
  return target ? { target, achieved, rate: achieved / target } : null;
}

/**
 * The nightly job: yesterday's sales summary, stored and announced (`report.generated`) in one
 * transaction; a second run for the same day finds it written and does nothing.
 */
export async function nightlyReport(t: TenantContext, at: Date) {
  await rollUp(t, at);
  const settings = await getSettings(t);
  const day = addDays(companyDay(at, settings.timeZone), -1);
  const [item] = await dailyItems(t, day, day);
  const currency = settings.baseCurrency;
  const report = {
    report: 'daily_sales' as const,
    date: day,
    currency,
    orders: num(item, 'orders'),
    units: num(item, 'units'),
    sales: inBase(item, 'sales', currency),
    payments: inBase(item, 'payments', currency),
  };
  try {
    await transact(t, [
      putGenerated(t, day, report),
      outboxEvent(
        t,
        t.key('REPORT', 'GENERATED'),
        'report.generated',
        { type: 'report', id: `daily_sales:${day}` },
        report,
      ),
    ]);
    return report;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/**
 * The stock value report: every level's quantity and value at moving-average cost as of the end of
 * a day, today's levels less the ledger rows booked after it.
 */
export async function stockValue(t: TenantContext, q: { asOf?: string; warehouseId?: string }) {
  const settings = await getSettings(t);
  const today = companyDay(now(), settings.timeZone);
  const asOf = q.asOf && q.asOf < today ? q.asOf : today;
  const levels = [];
  for await (const page of pages((cursor) => listLevels(t, { limit: 100, cursor, warehouseId: q.warehouseId })))
    levels.push(...page);
  const later = asOf < today ? await movementsAfter(t, endOfDay(asOf, settings.timeZone)) : [];
  const rows = new Map(levels.map((l) => [`${l.productId}|${l.warehouseId}`, { ...l }]));
  for (const m of later) {
    const row = rows.get(`${m.productId}|${m.warehouseId}`);
    if (!row) continue;
    row.onHand -= m.onHandDelta;
    row.value -= m.valueDelta ?? 0;
  }
  const products = await productsById(t, [...new Set(levels.map((l) => l.productId))]);
  const out = [...rows.values()]
    .filter((r) => r.onHand !== 0 || r.value !== 0)
    .map((r) => ({
      productId: r.productId,
      sku: products.get(r.productId)?.sku ?? r.productId,
      name: products.get(r.productId)?.name ?? '',
      warehouseId: r.warehouseId,
      onHand: r.onHand,
      unitCost: r.onHand > 0 ? Math.round(r.value / r.onHand) : null,
      value: r.value,
    }))
    .sort((a, b) => b.value - a.value);
  return { asOf, currency: settings.baseCurrency, totalValue: out.reduce((s, r) => s + r.value, 0), rows: out };
}

/** The last instant of a company day, as a UTC timestamp. */
function endOfDay(day: string, timeZone: string): string {
  // The next day's midnight in the zone, found by stepping from UTC midnight by the zone's offset.
  const next = addDays(day, 1);
  for (let h = -14; h <= 14; h += 1) {
    const at = new Date(Date.parse(`${next}T00:00:00Z`) - h * 3_600_000);
    if (companyDay(at, timeZone) === next && companyDay(new Date(at.getTime() - 1), timeZone) === day)
      return new Date(at.getTime() - 1).toISOString();
  }
  return `${day}T23:59:59.999Z`;
}

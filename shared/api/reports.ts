import * as z from 'zod';
import { Money, prefixedId } from './common.ts';
import { reportGroupings } from './enums.ts';
import { lazySchema } from './lazy.ts';

export { reportGroupings };

const Day = lazySchema(() => z.string().date());

export const SalesQuery = lazySchema(() =>
  z
    .strictObject({
      from: Day,
      to: Day,
      groupBy: z.enum(reportGroupings).default('day'),
      /** Only the sales made in this currency, in it. Default: every sale, in the base currency at its order's rate. */
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
    })
    .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
    .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 731, {
      message: 'at most two years at a time',
      path: ['to'],
    }),
);
export type SalesQuery = z.infer<typeof SalesQuery>;

export const SalesRow = lazySchema(() =>
  z.object({
    key: z.string(),
    label: z.string(),
    orders: z.number().int(),
    units: z.number().int(),
    sales: z.number().int(),
    /** Cost of goods shipped in the period and net sales less it (base currency). */
    cost: z.number().int(),
    grossMargin: z.number().int(),
  }),
);
export const SalesReport = lazySchema(() =>
  z.object({
    from: Day,
    to: Day,
    groupBy: z.enum(reportGroupings),
    currency: z.string(),
    rows: z.array(SalesRow),
    totals: z.object({
      orders: z.number().int(),
      units: z.number().int(),
      sales: z.number().int(),
      cost: z.number().int(),
      grossMargin: z.number().int(),
    }),
    /** The sales behind the figures per currency they were made in (amounts in that currency). */
    byCurrency: z.array(z.object({ currency: z.string(), sales: z.number().int() })),
    /** Aggregate items read: grows with the days asked for, never with the orders. */
    itemsRead: z.number().int(),
  }),
);
export type SalesReport = z.infer<typeof SalesReport>;

export const ExportParams = lazySchema(() => z.strictObject({ name: z.enum(['sales', 'receivables-aging']) }));
export const ExportQuery = lazySchema(() =>
  z.strictObject({
    from: Day.optional(),
    to: Day.optional(),
    groupBy: z.enum(reportGroupings).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    lang: z.enum(['zh-CN', 'en']).optional(),
  }),
);
export const Csv = lazySchema(() => z.string());

export const StockValueQuery = lazySchema(() =>
  z.strictObject({
    /** The day whose end the stock is valued at (the company's time zone); default today. */
    asOf: z.string().date().optional(),
    warehouseId: prefixedId('wh').optional(),
  }),
);
/** Stock on hand and its value at moving-average cost, per product and warehouse, as of a day's end. */
export const StockValue = lazySchema(() =>
  z.object({
    asOf: z.string(),
    currency: z.string(),
    totalValue: z.number().int(),
    rows: z.array(
      z.object({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        warehouseId: z.string(),
        onHand: z.number().int(),
        unitCost: z.number().int().nullable(),
        value: z.number().int(),
      }),
    ),
  }),
);

const Period = lazySchema(() => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM'));
export const TargetsQuery = lazySchema(() => z.strictObject({ period: Period }));
/** A monthly sales target (业绩目标) for a rep or a department, in the base currency's minor units. */
export const SalesTarget = lazySchema(() =>
  z
    .strictObject({
      userId: prefixedId('usr').optional(),
      departmentId: prefixedId('dep').optional(),
      amount: z.number().int().min(0).max(1e15),
    })
    .refine((x) => Boolean(x.userId) !== Boolean(x.departmentId), 'either userId or departmentId'),
);
export const PutSalesTargetsBody = lazySchema(() =>
  z
    .strictObject({ targets: z.array(SalesTarget).max(500) })
    .refine((b) => new Set(b.targets.map((x) => x.userId ?? x.departmentId)).size === b.targets.length, {
      message: 'one target per rep or department',
      path: ['targets'],
    }),
);
export const SalesTargets = lazySchema(() =>
  z.object({
    period: Period,
    currency: z.string(),
    targets: z.array(
      z.object({ userId: z.string().optional(), departmentId: z.string().optional(), amount: z.number().int() }),
    ),
    version: z.number().int(),
  }),
);
export const TargetRow = lazySchema(() =>
  z.object({
    kind: z.enum(['rep', 'department']),
    id: z.string(),
    name: z.string(),
    target: z.number().int(),
    achieved: z.number().int(),
    /** achieved ÷ target (0 when there is no target). */
    rate: z.number(),
  }),
);
export const TargetReport = lazySchema(() =>
  z.object({ period: Period, currency: z.string(), rows: z.array(TargetRow) }),
);

const Figure = lazySchema(() =>
  z.object({
    today: z.number().int(),
    yesterday: z.number().int(),
    thisMonth: z.number().int(),
    lastMonth: z.number().int(),
  }),
);
export const Dashboard = lazySchema(() =>
  z.object({
    currency: z.string(),
    today: Day,
    sales: Figure,
    /** Net sales confirmed less cost of goods shipped, base currency. */
    grossMargin: Figure,
    orders: Figure,
    payments: Figure,
    customers: z.object({ createdToday: z.number().int(), createdThisMonth: z.number().int() }),
    trend: z.array(
      z.object({ date: Day, sales: z.number().int(), orders: z.number().int(), payments: z.number().int() }),
    ),
    topCustomers: z.array(
      z.object({ key: z.string(), label: z.string(), sales: z.number().int(), orders: z.number().int() }),
    ),
    topProducts: z.array(
      z.object({ key: z.string(), label: z.string(), sales: z.number().int(), units: z.number().int() }),
    ),
    /** Products with stock on hand and nothing sold in 30 days. */
    slowMovers: z.array(
      z.object({ productId: z.string(), sku: z.string(), name: z.string(), onHand: z.number().int() }),
    ),
    funnel: z.array(
      z.object({
        stage: z.enum([
          'created',
          'submitted',
          'confirmed',
          'shipped',
          'delivered',
          'completed',
          'cancelled',
          'rejected',
        ]),
        count: z.number().int(),
      }),
    ),
    receivables: z.object({ open: Money, overdue: Money, overdueInvoices: z.number().int() }),
    /** The money figures per currency they are in (each in that currency); the figures above are their sum in the base currency. */
    byCurrency: z.array(
      z.object({
        currency: z.string(),
        salesThisMonth: z.number().int(),
        openReceivables: z.number().int(),
        overdueReceivables: z.number().int(),
      }),
    ),
    alerts: z.object({ open: z.number().int() }),
    /** Orders not fully shipped by the day the customer asked for. */
    lateOrders: z.number().int(),
    /** 售后 at a glance: open tickets (and the caller's own), those past an SLA deadline, returns waiting, the last 30 days' ratings. */
    afterSales: z.object({
      openTickets: z.number().int(),
      myOpenTickets: z.number().int(),
      breachedTickets: z.number().int(),
      returnsWaiting: z.number().int(),
      ratings: z.number().int(),
      averageRating: z.number().nullable(),
    }),
    /** What the dashboard covers: the whole company, the caller's department, or their own customers and orders. */
    scope: z.enum(['all', 'department', 'own']),
    /** This month's target and attainment for what the dashboard covers (null without a target). */
    target: TargetRow.omit({ kind: true, id: true, name: true }).nullable(),
  }),
);
export type Dashboard = z.infer<typeof Dashboard>;

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { pack, unpack } from '#functions/platform/compact.ts';
import { env } from '#functions/platform/env.ts';
import { queryAll } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import type { TransactItem } from '#functions/platform/transact.ts';
import { putNew } from '#functions/platform/items.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { entrySums, type Row } from './entries.ts';

export const dimensions = ['product', 'customer', 'region', 'channel', 'rep', 'department'] as const;
export type Dimension = (typeof dimensions)[number];
export const funnelStages = [
  'created',
  'submitted',
  'confirmed',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'rejected',
] as const;
export type FunnelStage = (typeof funnelStages)[number];

/**
 * Aggregate rows, one per company day (`REPORT#DAILY`, sk = day) and one per day and key of each
 * dimension (`REPORT#BY#<dimension>`, sk = `<day>#<key>`). Amounts are per currency (`sales_CNY`).
 * Written as items by the code before report entries (still read, `reportItems`); now the keys of
 * the rows an entry records and a rolled day sums (entries.ts).
 */
export const dailyKey = (t: TenantContext, day: string) => ({ pk: t.key('REPORT', 'DAILY'), sk: day });
export const byKey = (t: TenantContext, dim: Dimension, day: string, key: string) => ({
  pk: t.key('REPORT', 'BY', dim),
  sk: `${day}#${key}`,
});
export const countedKey = (t: TenantContext, orderId: string) => ({
  pk: t.key('REPORT', 'ORDER', orderId),
  sk: 'COUNTED',
});
const generatedKey = (t: TenantContext, day: string) => ({ pk: t.key('REPORT', 'GENERATED'), sk: day });

export interface Amounts {
  orders?: number;
  units?: number;
  sales?: number;
  payments?: number;
  invoiced?: number;
  /** The same amounts in the base currency, at the document's own rate (reports total in it). */
  salesBase?: number;
  /** Net (tax-exclusive) sales and cost of goods, base currency: gross margin = net − cost. */
  netBase?: number;
  costBase?: number;
  paymentsBase?: number;
  invoicedBase?: number;
  customersCreated?: number;
  funnel?: FunnelStage;
}

/** The attributes an amount adds to: counts, and money per currency. */
export function attributesOf(currency: string | null, a: Amounts, sign = 1): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (attribute: string, value: number | undefined) => {
    if (value) out[attribute] = (out[attribute] ?? 0) + sign * value;
  };
  put('orders', a.orders);
  put('units', a.units);
  if (currency) {
    put(`sales_${currency}`, a.sales);
    put(`payments_${currency}`, a.payments);
    put(`invoiced_${currency}`, a.invoiced);
    put('sales_base', a.salesBase);
    put('net_base', a.netBase);
    put('cost_base', a.costBase);
    put('payments_base', a.paymentsBase);
    put('invoiced_base', a.invoicedBase);
  }
  put('customersCreated', a.customersCreated);
  if (a.funnel) put(`f_${a.funnel}`, 1);
  return out;
}

/**
 * The aggregate rows one event moves, summed per row: one event can move the same day twice (a
 * confirmation books sales and a funnel step). Recorded as an entry's rows (`rows`).
 */
export class AggregateUpdates {
  private readonly items = new Map<
    string,
    { key: { pk: string; sk: string }; adds: Record<string, number>; label?: string }
  >();

  add(key: { pk: string; sk: string }, attributes: Record<string, number>, label?: string) {
    const id = `${key.pk}|${key.sk}`;
    const item = this.items.get(id) ?? { key, adds: {} };
    for (const [attribute, value] of Object.entries(attributes))
      item.adds[attribute] = (item.adds[attribute] ?? 0) + value;
    if (label !== undefined) item.label = label;
    this.items.set(id, item);
    return this;
  }

  /** The rows an entry records (entries.ts): partition relative to the company's `REPORT`, sort key, label, additions. */
  rows(t: TenantContext): Row[] {
    const prefix = `${t.key('REPORT')}#`;
    return [...this.items.values()].map(
      ({ key, adds, label }): Row => [
        key.pk.slice(prefix.length),
        key.sk,
        label ?? null,
        Object.fromEntries(Object.entries(adds).filter(([, v]) => v !== 0)),
      ],
    );
  }

  get size() {
    return this.items.size;
  }
}

/** The items of a partition whose sort keys (days) lie between two bounds. */
const itemsBetween = (t: TenantContext, pk: string, from: string, to: string) =>
  queryAll(t.db, {
    TableName: env.tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
  });

/**
 * The entries' sums of a range, shared by the reads of one request for two seconds: the dashboard
 * reads the days and two dimensions over ranges within the first one's, which reads them once.
 */
const recentSums = new WeakMap<
  TenantContext,
  { from: string; to: string; at: number; sums: ReturnType<typeof entrySums> }[]
>();
function sumsFor(t: TenantContext, from: string, to: string) {
  const now = Date.now();
  const known = (recentSums.get(t) ?? []).filter((s) => now - s.at < 2_000);
  const covering = known.find((s) => s.from <= from && s.to >= to);
  if (covering) return covering.sums;
  const sums = entrySums(t, from, to);
  recentSums.set(t, [...known, { from, to, at: now, sums }]);
  return sums;
}

/** Items as the reports read them: `sk` (`<day>` or `<day>#<key>`), `label`, and the figures. */
export type ReportItems = Record<string, unknown>[] & { stored: number };

/**
 * The aggregate items of a partition over days from–to: the aggregates written before entries
 * existed, plus what the entries and rolled days sum to (entries.ts), one item per sort key.
 */
async function reportItems(t: TenantContext, part: string, from: string, to: string, toKey: string) {
  const pk = t.key('REPORT', ...part.split('#'));
  const [legacy, { sums, read }, { baseCurrency }] = await Promise.all([
    itemsBetween(t, pk, from, toKey),
    sumsFor(t, from, to),
    getSettings(t),
  ]);
  const bySk = new Map(legacy.map((i) => [String(i.sk), { ...i }]));
  for (const [sk, { label, adds }] of sums.get(part) ?? []) {
    if (sk < from || sk > toKey) continue;
    const item: Record<string, unknown> = bySk.get(sk) ?? { pk, sk, entity: 'report_aggregate' };
    // An aggregate written before exchange rates held its money in currencies only: its base-currency
    // figure is the one in the base currency (money.ts, `inBase`), made explicit before adding to it.
    for (const name of ['sales', 'payments', 'invoiced'])
      if (item[`${name}_base`] === undefined && adds[`${name}_base`] !== undefined)
        item[`${name}_base`] = Number(item[`${name}_${baseCurrency}`] ?? 0);
    for (const [attribute, value] of Object.entries(adds)) item[attribute] = Number(item[attribute] ?? 0) + value;
    if (label !== undefined) item.label = label;
    bySk.set(sk, item);
  }
  const items = [...bySk.values()].sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  return Object.assign(items, { stored: legacy.length + read }) as ReportItems;
}

export const dailyItems = (t: TenantContext, from: string, to: string) => reportItems(t, 'DAILY', from, to, to);
export const dimensionItems = (t: TenantContext, dim: Dimension, from: string, to: string) =>
  reportItems(t, `BY#${dim}`, from, to, `${to}#\uffff`);

export async function getCounted(t: TenantContext, orderId: string) {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: countedKey(t, orderId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { contributionsGz, ...record } = Item;
  return {
    ...record,
    ...(contributionsGz ? { contributions: unpack(contributionsGz as Uint8Array) } : {}),
  } as Record<string, unknown> & {
    contributions: Contribution[];
    currency: string;
    cancelled?: boolean;
  };
}
type Contribution = { pk: string; sk: string; label?: string; amounts: Amounts };
/**
 * An order's record of what it booked, its contributions gzipped: their keys repeat the company's id
 * a dozen times, and the record is written in a transaction (every KB twice).
 */
const countedItem = (t: TenantContext, orderId: string, record: Record<string, unknown>) => {
  const { contributions, ...rest } = record as { contributions?: Contribution[] };
  return {
    ...countedKey(t, orderId),
    entity: 'report_counted',
    ...rest,
    ...(contributions ? { contributionsGz: pack(contributions) } : {}),
  };
};
export const putCounted = (t: TenantContext, orderId: string, record: Record<string, unknown>): TransactItem =>
  putNew(countedItem(t, orderId, record));
/**
 * Replaces an order's booked sales after a revision, only if the record is still the one read
 * (its revision): two revisions handled at once cannot both take back the same amounts — the
 * second one's condition fails and it is worked out again from the record as the first left it.
 */
export const recountCounted = (
  t: TenantContext,
  orderId: string,
  record: Record<string, unknown> & { revision: number },
  readRevision: number,
): TransactItem => ({
  Put: {
    TableName: env.tableName,
    Item: countedItem(t, orderId, record),
    ConditionExpression:
      readRevision === 0
        ? 'attribute_exists(pk) AND attribute_not_exists(cancelled) AND attribute_not_exists(revision)'
        : 'attribute_not_exists(cancelled) AND revision = :read',
    ...(readRevision === 0 ? {} : { ExpressionAttributeValues: { ':read': readRevision } }),
  },
});
/**
 * Marks the order's record cancelled (its sales taken back), only if it is still the one read (its
 * revision, as `recountCounted`); or leaves a tombstone when there is none yet.
 */
export const cancelCounted = (t: TenantContext, orderId: string, exists: boolean, readRevision = 0): TransactItem =>
  exists
    ? {
        Update: {
          TableName: env.tableName,
          Key: countedKey(t, orderId),
          UpdateExpression: 'SET cancelled = :yes',
          ConditionExpression:
            readRevision === 0
              ? 'attribute_exists(pk) AND attribute_not_exists(cancelled) AND attribute_not_exists(revision)'
              : 'attribute_not_exists(cancelled) AND revision = :read',
          ExpressionAttributeValues: { ':yes': true, ...(readRevision === 0 ? {} : { ':read': readRevision }) },
        },
      }
    : putNew({ ...countedKey(t, orderId), entity: 'report_counted', cancelled: true, contributions: [] });
export const putGenerated = (t: TenantContext, day: string, report: Record<string, unknown>): TransactItem =>
  putNew({ ...generatedKey(t, day), entity: 'report_generated', ...report });

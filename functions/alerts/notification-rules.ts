import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { NotificationRule, NotificationRules, PutNotificationRulesBody } from '#shared/api/notification-rules.ts';
import type { EventType } from '#shared/events/catalog.ts';
import { formatMinor, toBase } from '#shared/domain/money.ts';
import { env } from '#functions/platform/env.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { PreconditionFailedError, ValidationError } from '#functions/platform/errors.ts';
import type { TypedEvent } from '#functions/platform/events.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { departmentsAndUsers, everyonesVisibility, seesCustomer, seesRep } from '#functions/tenants/scope.ts';
import { findCustomer } from '#functions/customers/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { deliver } from './inbox.ts';
import * as store from './store.ts';

/**
 * The company's own notification rules (零代码): on an event of a type, when its data meets a simple
 * condition, tell roles, people or channels through the same inbox, mail and robots as the built-in
 * kinds. One item per company; each rule fires once per event (its own processed marker).
 */
export const RULE_CONSUMER = 'rule-notifier';
const key = (t: TenantContext) => ({ pk: t.key('SETTINGS'), sk: 'NOTIFICATION_RULES' });

export async function getRules(t: TenantContext): Promise<NotificationRules> {
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: key(t), ConsistentRead: true }));
  return Item
    ? { rules: Item.rules, version: Item.version, updatedAt: Item.updatedAt }
    : { rules: [], version: 0, updatedAt: null };
}

export function putRules(t: TenantContext, body: z.output<typeof PutNotificationRulesBody>, expected?: number) {
  return retryOnConflict(async () => {
    const current = await getRules(t);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const [{ users }, { channels }] = await Promise.all([departmentsAndUsers(t), store.getChannels(t)]);
    const errors: { path: string; message: string }[] = [];
    body.rules.forEach((r, i) => {
      r.notify.userIds.forEach((id, j) => {
        if (!users.some((u) => u.id === id))
          errors.push({ path: `rules.${i}.notify.userIds.${j}`, message: 'is not a user of this company' });
      });
      r.notify.channelIds.forEach((id, j) => {
        // A channel deleted since the rule named it is dropped from the rule; an id never seen is refused.
        const before = current.rules.some((x) => x.notify.channelIds.includes(id));
        if (!before && !channels.some((c) => c.id === id))
          errors.push({ path: `rules.${i}.notify.channelIds.${j}`, message: 'is not a notification channel' });
      });
    });
    if (errors.length) throw new ValidationError(errors);
    const known = new Set(current.rules.map((r) => r.id));
    const rules: NotificationRule[] = body.rules.map((r) => ({
      ...r,
      id: r.id && known.has(r.id) ? r.id : newId('notificationRule'),
      notify: { ...r.notify, channelIds: r.notify.channelIds.filter((id) => channels.some((c) => c.id === id)) },
    }));
    const next = { rules, version: current.version + 1, updatedAt: nowIso() };
    await transact(t, [
      {
        Put: {
          TableName: env.tableName,
          Item: { ...key(t), entity: 'notification_rules', ...next },
          ConditionExpression: current.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':v': current.version } }),
        },
      },
    ]).catch(staleWrite(expected));
    return next;
  });
}

/**
 * The value at a dotted path of the event's data (an order event's data may wrap the order: both are
 * tried), with the objects it lies in, innermost last.
 */
function lookup(data: unknown, path: string): { value: unknown; within: Record<string, unknown>[] } {
  const walk = (from: unknown) => {
    const within: Record<string, unknown>[] = [];
    const value = path.split('.').reduce<unknown>((v, part) => {
      if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
      within.push(v as Record<string, unknown>);
      return (v as Record<string, unknown>)[part];
    }, from);
    return { value, within };
  };
  const direct = walk(data);
  const wrapped = (data as { order?: unknown } | null)?.order;
  return direct.value === undefined && wrapped ? walk(wrapped) : direct;
}

/** The members that hold an amount of money in minor units, in the currency of the record they lie in. */
const MONEY = new Set(['total', 'subtotal', 'tax', 'amountDue', 'amountPaid', 'amount', 'sales']);

/** How a rule's money is put in the base currency: the company's, and a rate for records that carry none. */
export interface MoneyContext {
  baseCurrency: string;
  /** The rate of the order a record belongs to (a return's money is its order's), when the record has none. */
  rate?: string;
}

/**
 * An amount in the company's base currency (a USD order's total is compared with a threshold the admin
 * typed in yuan, as approval thresholds are): the currency and rate of the record it lies in, else of
 * the document beside it in the event (a refund's credit note), else the order's rate; as it is when
 * the record names no other currency or no rate is known.
 */
function inBase(amount: number, within: Record<string, unknown>[], data: unknown, money: MoneyContext): number {
  const beside =
    data !== null && typeof data === 'object'
      ? Object.values(data).filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
      : [];
  const nearest = (member: string) =>
    (within.findLast((o) => typeof o[member] === 'string') ??
      beside.find((o) => typeof o.currency === 'string' && typeof o[member] === 'string'))?.[member] as
      | string
      | undefined;
  const currency = nearest('currency');
  const rate = nearest('fxRate') ?? money.rate;
  return currency && rate && currency !== money.baseCurrency
    ? toBase(amount, currency, rate, money.baseCurrency)
    : amount;
}

/** Whether a condition compares an amount of money (one read of the order's rate may be needed for it). */
export const comparesMoney = (when: NotificationRule['when']) =>
  Boolean(when && MONEY.has(when.path.split('.').pop()!));

/**
 * Whether an event's data meets a rule's condition (no condition: every event of the type). Money is
 * compared in the base currency when it is given.
 */
export function holds(when: NotificationRule['when'], data: unknown, money?: MoneyContext): boolean {
  if (!when) return true;
  const found = lookup(data, when.path);
  const v =
    typeof found.value === 'number' && money && comparesMoney(when)
      ? inBase(found.value, found.within, data, money)
      : found.value;
  switch (when.op) {
    case 'eq':
      return v === when.value;
    case 'gte':
      return typeof v === 'number' && v >= (when.value as number);
    case 'lte':
      return typeof v === 'number' && v <= (when.value as number);
    case 'in':
      return (when.value as unknown[]).includes(v);
  }
}

/** Where a notification about the event's subject leads in the app. */
const links: Record<string, string> = {
  order: '/orders/',
  invoice: '/invoices/',
  customer: '/customers/',
  ticket: '/tickets/',
  return: '/returns/',
  credit_note: '/credit-notes/',
  purchase_order: '/purchase-orders/',
  supplier: '/suppliers/',
  bill: '/bills/',
  stocktake: '/stocktakes/',
};

/** The rule-notifier consumer: every public event, against the company's rules for its type. */
export async function onRuleEvent(t: TenantContext, event: TypedEvent<EventType>) {
  const { rules } = await getRules(t);
  const candidates = rules.filter((r) => r.enabled && r.event === event.type);
  if (!candidates.length) return;
  const settings = await getSettings(t);
  const money: MoneyContext = { baseCurrency: settings.baseCurrency };
  const about = event.data as { currency?: unknown; fxRate?: unknown; orderId?: unknown };
  if (
    candidates.some((r) => comparesMoney(r.when)) &&
    typeof about.currency === 'string' &&
    about.currency !== settings.baseCurrency &&
    about.fxRate === undefined &&
    typeof about.orderId === 'string'
  )
    // Rare (a foreign-currency return): the order's store loads then, not with every start.
    money.rate = (await (await import('#functions/orders/reads.ts')).findOrder(t, about.orderId))?.fxRate;
  const matched = candidates.filter((r) => holds(r.when, event.data, money));
  if (!matched.length) return;
  const { users } = await departmentsAndUsers(t);
  const data = event.data as Record<string, unknown>;
  // The record the event is about: the data itself, or the one it wraps (order, payment, purchase order, credit note).
  const wrapped = ['order', 'payment', 'purchaseOrder', 'creditNote']
    .map((k) => data[k])
    .find((v): v is Record<string, unknown> => v !== null && typeof v === 'object');
  const record = wrapped ?? data;
  const amountOf = (r: Record<string, unknown>) => {
    if (typeof r.total === 'number') return { minor: r.total, currency: r.currency };
    const money = r.amount as { amount?: unknown; currency?: unknown } | undefined;
    return typeof money?.amount === 'number' ? { minor: money.amount, currency: money.currency } : null;
  };
  const amount = amountOf(record);
  const params = {
    number: String(record.number ?? record.reference ?? record.sku ?? ''),
    customer: String(record.customerName ?? record.supplierName ?? record.name ?? ''),
    amount: amount
      ? formatMinor(
          amount.minor,
          typeof amount.currency === 'string' ? amount.currency : settings.baseCurrency,
          settings.locale,
        )
      : '',
  };
  const prefix = links[event.subject.type];
  const actor = event.actor.kind === 'user' ? event.actor.id : null;
  const seen = await whoMaySee(t, users, record);
  for (const rule of matched) {
    // Roles reach the people of that role who may see the record (their data scope); people named by the
    // admin are told regardless. Never the person who caused the event, as with the built-in notifications.
    const people = users
      .filter(
        (u) =>
          u.status === 'active' &&
          u.id !== actor &&
          ((rule.notify.roles.includes(u.role) && seen(u)) || rule.notify.userIds.includes(u.id)),
      )
      .map((u) => u.id);
    await deliver(
      t,
      event.id,
      people,
      {
        kind: 'rule_matched',
        params: { ...params, rule: rule.name },
        link: prefix ? `${prefix}${event.subject.id}` : '/',
        subject: event.subject,
      },
      { marker: `${RULE_CONSUMER}#${rule.id}`, channelIds: rule.notify.channelIds, onlyNamedChannels: true },
    );
  }
}

type User = Awaited<ReturnType<typeof departmentsAndUsers>>['users'][number];
/**
 * Whether each colleague's data scope shows the event's record: by its sales rep (orders, invoices,
 * payments), its owner (customers) or its customer's owner (tickets, returns, credit notes); records of
 * no one in particular (products, stock, purchasing) are everyone's.
 */
async function whoMaySee(t: TenantContext, users: User[], record: Record<string, unknown>) {
  const rep = 'salesRepId' in record ? (record.salesRepId as string | null) : undefined;
  let owner: string | null | undefined;
  if (rep === undefined) {
    if ('ownerId' in record && 'contacts' in record) owner = record.ownerId as string | null;
    else if (typeof record.customerId === 'string') owner = (await findCustomer(t, record.customerId))?.ownerId ?? null;
  }
  if (rep === undefined && owner === undefined) return () => true;
  const visibility = await everyonesVisibility(t);
  const scopes = new Map(
    users.map((u) => {
      const v = visibility(u);
      return [u.id, rep !== undefined ? seesRep(v, rep) : seesCustomer(v, { ownerId: owner ?? null })];
    }),
  );
  return (u: User) => scopes.get(u.id) ?? false;
}

import { companyDay } from '#shared/domain/dates.ts';
import { pages } from '#functions/platform/query.ts';
import type * as z from 'zod';
import type { Alert, ChannelInput, NotificationChannels, PutChannelsBody } from '#shared/api/alerts.ts';
import { alertText, renderAlert } from '#shared/domain/alert-text.ts';
import { formatMinor } from '#shared/domain/money.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { EgressRefused, checkDestination, maskedUrl } from '#functions/platform/egress.ts';
import { isConditionFailure, isTransactionConflict, retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { applyOnce, wasProcessed, type MarkerOwner, type TypedEvent } from '#functions/platform/events.ts';
import { derivedId, newId, nowIso } from '#functions/platform/ids.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { guarded, transact } from '#functions/platform/transact.ts';
import { findProduct, findWarehouse } from '#functions/catalog/reads.ts';
import { findOrder, listOrders } from '#functions/orders/reads.ts';
import { findInvoice } from '#functions/finance/reads.ts';
import { seesRep, visibility } from '#functions/tenants/scope.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { send, type Message } from './channels.ts';
import * as store from './store.ts';

type Opening = Pick<Alert, 'kind' | 'severity' | 'subject' | 'params'>;

/** An alert of this kind is already open for the subject. */
class AlreadyOpen extends Error {}

/**
 * Opens an alert unless one is already open for the same kind and subject (no flood): the
 * subject claim, the alert, `alert.opened` and the processed marker are one transaction. A claim
 * that exists means an open alert: only the marker is written. Answers the alert, or null.
 */
export async function openAlert(
  t: TenantContext,
  consumer: MarkerOwner,
  markerId: string,
  opening: Opening,
  occurredAt: string = nowIso(),
): Promise<Alert | null> {
  const settings = await getSettings(t);
  const alert: Alert = {
    id: derivedId('alert', markerId, `${opening.kind}:${opening.subject.id}`),
    ...opening,
    message: renderAlert(settings.locale, opening.kind, opening.params),
    status: 'open',
    openedAt: nowIso(),
    acknowledgedAt: null,
    acknowledgedBy: null,
    notifications: [],
    version: 1,
  };
  try {
    const done = await applyOnce(t, consumer, markerId, [
      guarded(store.claimSubject(t, alert, occurredAt), new AlreadyOpen()),
      store.putNewAlert(t, alert),
      outboxEvent(t, store.alertKey(t, alert.id).pk, 'alert.opened', { type: 'alert', id: alert.id }, alert),
    ]);
    return done ? alert : null;
  } catch (error) {
    if (!(error instanceof AlreadyOpen)) throw error;
    await applyOnce(t, consumer, markerId, []); // already open: this occurrence is part of it
    return null;
  }
}

export async function acknowledge(t: TenantContext, id: string, expected?: number): Promise<Alert> {
  const alert = await store.getAlert(t, id);
  if (!alert) throw new NotFoundError('alert');
  if (expected !== undefined && expected !== alert.version) throw new PreconditionFailedError();
  if (alert.status === 'acknowledged') return alert;
  const at = nowIso();
  const next: Alert = {
    ...alert,
    status: 'acknowledged',
    acknowledgedAt: at,
    acknowledgedBy: t.principal.id,
    version: alert.version + 1,
  };
  try {
    await transact(t, [store.putAlert(t, next, alert.version), store.releaseSubject(t, alert, at)]);
  } catch (error) {
    if (isConditionFailure(error) || isTransactionConflict(error)) {
      if (expected !== undefined) throw new PreconditionFailedError();
      throw new ConflictError(
        'concurrent_change',
        'The alert changed while you acknowledged it; reload and try again.',
      );
    }
    throw error;
  }
  return next;
}

/**
 * Alerts about an order or an invoice belong to its sales rep's scope: a rep sees the alerts of
 * their own orders and invoices, and the company-wide ones (stock, webhooks).
 */
export async function listAlerts(t: TenantContext, q: Parameters<typeof store.listAlerts>[1]) {
  const [page, seen] = await Promise.all([store.listAlerts(t, q), visibility(t)]);
  if (seen.all) return page;
  const items = [];
  for (const alert of page.items) {
    const { type, id } = alert.subject;
    const rep =
      type === 'order'
        ? (await findOrder(t, id))?.salesRepId
        : type === 'invoice'
          ? (await findInvoice(t, id))?.salesRepId
          : undefined;
    if ((type !== 'order' && type !== 'invoice') || seesRep(seen, rep)) items.push(alert);
  }
  return { ...page, items };
}

// --- what opens alerts -------------------------------------------------------------------------

const moneyIn = async (t: TenantContext) => {
  const settings = await getSettings(t);
  return (amount: number, currency: string) => formatMinor(amount, currency, settings.locale);
};

/** A level fell under its product's safety stock. */
export async function onLowStock(t: TenantContext, event: TypedEvent<'inventory.low_stock'>) {
  const d = event.data;
  const [product, warehouse] = await Promise.all([findProduct(t, d.productId, false), findWarehouse(t, d.warehouseId)]);
  return openAlert(
    t,
    'alerts',
    event.id,
    {
      kind: 'low_stock',
      severity: d.available <= 0 ? 'critical' : 'warning',
      subject: { type: 'inventory_level', id: `${d.productId}:${d.warehouseId}` },
      params: {
        sku: d.sku,
        name: product?.name ?? '',
        warehouse: warehouse?.name ?? d.warehouseId,
        available: d.available,
        safetyStock: d.safetyStock,
        productId: d.productId,
        warehouseId: d.warehouseId,
      },
    },
    event.occurredAt,
  );
}

/** An invoice passed its due date unpaid. */
export async function onInvoiceOverdue(t: TenantContext, event: TypedEvent<'invoice.overdue'>) {
  const i = event.data;
  const money = await moneyIn(t);
  return openAlert(
    t,
    'alerts',
    event.id,
    {
      kind: 'invoice_overdue',
      severity: 'warning',
      subject: { type: 'invoice', id: i.id },
      params: {
        number: i.number,
        customer: i.customerName,
        amountDue: money(i.amountDue, i.currency),
        dueDate: i.dueDate,
        invoiceId: i.id,
      },
    },
    event.occurredAt,
  );
}

/** A submitted order that passes its customer's credit limit is an exception to look at. */
export async function onOrderSubmitted(t: TenantContext, event: TypedEvent<'order.submitted'>) {
  const o = event.data;
  if (!o.flags.includes('credit_exceeded')) return null;
  return openAlert(
    t,
    'alerts',
    event.id,
    {
      kind: 'order_exception',
      severity: 'warning',
      subject: { type: 'order', id: o.id },
      params: { number: o.number, customer: o.customerName, reason: 'credit_exceeded', orderId: o.id },
    },
    event.occurredAt,
  );
}

/**
 * The hourly job: an order pending approval for longer than the company's threshold (default
 * 24 h) opens an `approval_waiting` alert, once per order and step.
 */
/**
 * Daily, just after the company's day ends: every confirmed or partly shipped order whose requested
 * delivery date has passed opens one `order_late` alert (per order and date: a new date, a new alert).
 */
export async function lateOrders(t: TenantContext, now: Date) {
  const settings = await getSettings(t);
  const today = companyDay(now, settings.timeZone);
  let opened = 0;
  for (const status of ['confirmed', 'partially_shipped'] as const) {
    for await (const open of pages((cursor) => listOrders(t, { status, limit: 100, cursor }))) {
      for (const o of open) {
        if (!o.requestedDeliveryDate || o.requestedDeliveryDate >= today) continue;
        const alert = await openAlert(
          t,
          'late-orders',
          `${o.id}:${o.requestedDeliveryDate}`,
          {
            kind: 'order_late',
            severity: 'warning',
            subject: { type: 'order', id: o.id },
            params: {
              number: o.number,
              customer: o.customerName,
              date: o.requestedDeliveryDate,
              shipped: o.lines.reduce((s, l) => s + l.shipped, 0),
              ordered: o.lines.reduce((s, l) => s + l.quantity, 0),
              orderId: o.id,
            },
          },
          now.toISOString(),
        );
        if (alert) opened += 1;
      }
    }
  }
  return { opened };
}

export async function approvalReminders(t: TenantContext, now: Date) {
  const settings = await getSettings(t);
  const threshold = now.getTime() - settings.approvalWaitingHours * 3_600_000;
  let opened = 0;
  for await (const waiting of pages((cursor) => listOrders(t, { status: 'pending_approval', limit: 100, cursor }))) {
    for (const o of waiting) {
      if (Date.parse(o.updatedAt) > threshold) continue;
      const step = o.approval.steps.findIndex((s) => s.decision === null);
      const role = o.approval.steps[step]?.role ?? 'admin';
      const alert = await openAlert(
        t,
        'approval-reminders',
        `${o.id}:${o.version}`,
        {
          kind: 'approval_waiting',
          severity: 'info',
          subject: { type: 'order', id: o.id },
          params: {
            number: o.number,
            customer: o.customerName,
            role: alertText[settings.locale].roles[role],
            hours: settings.approvalWaitingHours,
            orderId: o.id,
          },
        },
        now.toISOString(),
      );
      if (alert) opened += 1;
    }
  }
  return { opened };
}

// --- channels ----------------------------------------------------------------------------------

function publicView(
  stored: store.StoredChannels,
  statuses: Awaited<ReturnType<typeof store.channelStatuses>>,
): z.input<typeof NotificationChannels> {
  return {
    version: stored.version,
    updatedAt: stored.updatedAt,
    channels: stored.channels.map(({ secret, ...c }) => ({
      ...c,
      ...('url' in c ? { url: maskedUrl(c.url) } : {}),
      hasSecret: Boolean(secret),
      lastDelivery: statuses.get(c.id) ?? null,
    })),
  };
}

export async function getChannels(t: TenantContext) {
  const stored = await store.getChannels(t);
  return publicView(
    stored,
    await store.channelStatuses(
      t,
      stored.channels.map((c) => c.id),
    ),
  );
}

/**
 * Replaces the list; a channel sent back with its id keeps the secret it had when it sends none,
 * and keeps its URL when it sends the masked form it was shown. Every URL is checked as webhooks'
 * are (https, no credentials, nothing private) before anything is saved.
 */
export function putChannels(t: TenantContext, body: z.output<typeof PutChannelsBody>, expected?: number) {
  return retryOnConflict(async () => {
    const current = await store.getChannels(t);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const previous = new Map(current.channels.map((c) => [c.id, c]));
    const channels = await Promise.all(
      body.channels.map(async (c: ChannelInput, index) => {
        const id = c.id && previous.has(c.id) ? c.id : newId('channel');
        const kept = previous.get(id);
        const secret = 'secret' in c && c.secret ? c.secret : kept && 'secret' in kept ? kept.secret : undefined;
        const url =
          'url' in c ? (kept && 'url' in kept && c.url === maskedUrl(kept.url) ? kept.url : c.url) : undefined;
        if (url !== undefined) {
          await checkDestination(url).catch((error) => {
            if (!(error instanceof EgressRefused)) throw error;
            throw new UnprocessableError(
              'url_not_allowed',
              `Channel ${index + 1} (${c.name}): the URL is not allowed: ${error.message}.`,
              { channel: index },
            );
          });
        }
        return {
          ...c,
          id,
          ...(url !== undefined ? { url } : {}),
          ...(secret && c.kind !== 'email' && c.kind !== 'wecom' ? { secret } : {}),
        } as store.StoredChannel;
      }),
    );
    const next = { channels, version: current.version + 1, updatedAt: nowIso() };
    await store.putChannels(t, next, current.version).catch(staleWrite(expected));
    return publicView(
      next,
      await store.channelStatuses(
        t,
        channels.map((c) => c.id),
      ),
    );
  });
}

/** Where in the web app a person deals with the alert's subject: low stock leads to what to buy for that warehouse. */
const pageOf = (subject: Alert['subject']) => {
  if (subject.type === 'order') return `/orders/${subject.id}`;
  if (subject.type === 'invoice') return `/invoices/${subject.id}`;
  if (subject.type === 'ticket') return `/tickets/${subject.id}`;
  if (subject.type === 'inventory_level') {
    const [productId, warehouseId] = subject.id.split(':');
    return `/purchasing/suggestions?warehouseId=${warehouseId}&productId=${productId}`;
  }
  return '/alerts';
};

function messageOf(locale: 'zh-CN' | 'en', alert: Alert, appUrl: string | null): Message {
  const words = alertText[locale];
  const text = renderAlert(locale, alert.kind, alert.params);
  return {
    title: `【${words.title}】${words.kinds[alert.kind]}`,
    // With the company's app URL set, the robot message and the mail lead straight to the page.
    text: appUrl ? `${text}\n${appUrl}${pageOf(alert.subject)}` : text,
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      subject: alert.subject,
      params: alert.params,
      openedAt: alert.openedAt,
    },
  };
}

/**
 * The notifier: sends an opened alert to every enabled channel that takes its kind, each with
 * its own retries; a failing channel is recorded (on the alert and the channel) and never stops
 * the others. A redelivered `alert.opened` sends nothing twice (processed marker checked first).
 */
export async function notify(t: TenantContext, event: TypedEvent<'alert.opened'>, delays?: number[]) {
  const alert = event.data;
  if (await wasProcessed(t, 'alert-notifier', event.id)) return [];
  const [settings, config] = await Promise.all([getSettings(t), store.getChannels(t)]);
  const targets = config.channels.filter((c) => c.enabled && c.alertKinds.includes(alert.kind));
  const message = messageOf(settings.locale, alert, settings.appUrl);
  const results = await Promise.all(
    targets.map(async (channel) => {
      const result = await send(channel, message, delays);
      const at = nowIso();
      await store.recordChannelStatus(t, channel.id, { at, ok: result.ok, error: result.error });
      return {
        channelId: channel.id,
        channelKind: channel.kind,
        ok: result.ok,
        attempts: result.attempts,
        status: result.status,
        error: result.error,
        at,
      };
    }),
  );
  await store.recordNotifications(t, alert.id, results);
  await applyOnce(t, 'alert-notifier', event.id, []);
  return results;
}

export async function testChannel(t: TenantContext, channelId: string) {
  const [settings, config] = await Promise.all([getSettings(t), store.getChannels(t)]);
  const channel = config.channels.find((c) => c.id === channelId);
  if (!channel) throw new NotFoundError('notification channel');
  const words = alertText[settings.locale];
  const result = await send(
    channel,
    { title: `【${words.title}】`, text: renderAlert(settings.locale, 'test', { channel: channel.name }) },
    [0],
  );
  const at = nowIso();
  await store.recordChannelStatus(t, channel.id, { at, ok: result.ok, error: result.error });
  return { channelId, ...result, at };
}

import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { Notification, NotificationPreferences, PutNotificationPreferencesBody } from '#shared/api/alerts.ts';
import type { Order } from '#shared/api/orders.ts';
import type { Invoice } from '#shared/api/finance.ts';
import type { Return, Ticket } from '#shared/api/aftersales.ts';
import { formatMinor } from '#shared/domain/money.ts';
import { notificationKinds, renderNotification, type NotificationKind } from '#shared/domain/notification-text.ts';
import { decodeCursor, encodeCursor } from '#functions/platform/cursor.ts';
import { env } from '#functions/platform/env.ts';
import { applyOnce, type MarkerOwner, type TypedEvent } from '#functions/platform/events.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { queryAll, queryPage } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import type { TransactItem } from '#functions/platform/transact.ts';
import { sendMail } from '#functions/platform/mail.ts';
import { departmentsAndUsers } from '#functions/tenants/scope.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { dueFollowUps, followUpReminded, findCustomer } from '#functions/customers/service.ts';
import { send } from './channels.ts';
import * as store from './store.ts';

type Note = z.infer<typeof Notification>;

/**
 * A person's inbox (站内通知): business events reach the people they concern at once. In-app always;
 * by email and through the company's robots (with an @mention of their phone) when they chose so.
 * Items live under the user (`<tenant>#USER#<id>#INBOX`, sort key the ULID: newest last) and expire
 * after 90 days.
 */
const inboxPk = (t: TenantContext, userId: string) => t.key('USER', userId, 'INBOX');
const prefsKey = (t: TenantContext, userId: string) => ({ pk: t.key('USER', userId), sk: 'NOTIFY_PREFS' });
const KEEP_SECONDS = 90 * 86_400;
export const PEOPLE_CONSUMER = 'people-notifier';

export async function listInbox(t: TenantContext, q: { limit: number; cursor?: string; unread?: boolean }) {
  const unreadFilter = { FilterExpression: 'attribute_not_exists(readAt) OR readAt = :null' };
  const { items, lastKey } = await queryPage(
    t.db,
    {
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': inboxPk(t, t.principal.id), ...(q.unread ? { ':null': null } : {}) },
      ScanIndexForward: false,
      ...(q.unread ? unreadFilter : {}),
    } as never,
    q.limit,
    await decodeCursor(t.tenantId, q.cursor),
  );
  return {
    items: items.map(toNotification),
    nextCursor: await encodeCursor(t.tenantId, lastKey),
    unreadCount: await unreadCount(t),
  };
}

async function unreadCount(t: TenantContext) {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'attribute_not_exists(readAt) OR readAt = :null',
      ExpressionAttributeValues: { ':pk': inboxPk(t, t.principal.id), ':null': null },
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}

const toNotification = (i: Record<string, unknown>): Note => ({
  id: String(i.id),
  kind: i.kind as NotificationKind,
  params: (i.params as Note['params']) ?? {},
  text: String(i.text ?? ''),
  link: String(i.link ?? '/'),
  subject: i.subject as Note['subject'],
  readAt: (i.readAt as string) ?? null,
  createdAt: String(i.createdAt),
});

export async function markRead(t: TenantContext, id: string): Promise<Note> {
  const out = await t.db
    .send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: { pk: inboxPk(t, t.principal.id), sk: id },
        UpdateExpression: 'SET readAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': nowIso() },
        ReturnValues: 'ALL_NEW',
      }),
    )
    .catch((error) => {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    });
  if (!out?.Attributes) {
    const { NotFoundError } = await import('#functions/platform/errors.ts');
    throw new NotFoundError('notification');
  }
  return toNotification(out.Attributes);
}

export async function markAllRead(t: TenantContext) {
  const unread = await queryAll(t.db, {
    TableName: env.tableName,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'attribute_not_exists(readAt) OR readAt = :null',
    ExpressionAttributeValues: { ':pk': inboxPk(t, t.principal.id), ':null': null },
  });
  const now = nowIso();
  await Promise.all(
    unread.map((i) =>
      t.db.send(
        new UpdateCommand({
          TableName: env.tableName,
          Key: { pk: i.pk, sk: i.sk },
          UpdateExpression: 'SET readAt = :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    ),
  );
  return { marked: unread.length };
}

const defaultPrefs = () =>
  Object.fromEntries(notificationKinds.map((k) => [k, { email: false, robot: false }])) as z.infer<
    typeof NotificationPreferences
  >['kinds'];

export async function getPreferences(t: TenantContext, userId = t.principal.id) {
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: prefsKey(t, userId) }));
  return { kinds: { ...defaultPrefs(), ...((Item?.kinds as object) ?? {}) } } as z.infer<
    typeof NotificationPreferences
  >;
}

export async function putPreferences(t: TenantContext, body: z.output<typeof PutNotificationPreferencesBody>) {
  const current = await getPreferences(t);
  const kinds = { ...current.kinds, ...body.kinds };
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...prefsKey(t, t.principal.id), entity: 'notification_prefs', kinds },
    }),
  );
  return { kinds };
}

export interface Message {
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string;
  subject: { type: string; id: string };
}

function inboxItem(t: TenantContext, userId: string, m: Message, text: string): TransactItem {
  const id = newId('notification');
  const now = nowIso();
  return {
    Put: {
      TableName: env.tableName,
      Item: {
        pk: inboxPk(t, userId),
        sk: id,
        entity: 'notification',
        id,
        ...m,
        text,
        readAt: null,
        createdAt: now,
        expiresAt: Math.floor(Date.now() / 1000) + KEEP_SECONDS,
      },
    },
  };
}

/**
 * Delivers a message to people: inbox items with the processed marker in one transaction (each
 * event once per `marker`: the consumer, or a notification rule), then, after it, the email and robot
 * copies each person chose and the channels a rule names (at most once: the marker is written first).
 */
export async function deliver(
  t: TenantContext,
  eventId: string,
  recipients: string[],
  m: Message,
  options: { marker?: MarkerOwner; channelIds?: string[]; onlyNamedChannels?: boolean } = {},
) {
  const people = [...new Set(recipients)].filter((r) => r?.startsWith('usr_')).slice(0, 90);
  const named = options.channelIds ?? [];
  // No one to tell and no channel named: nothing is written or sent, so no marker is needed either.
  if (!people.length && !named.length) return people;
  const settings = await getSettings(t);
  const text = renderNotification(settings.locale, m.kind, m.params);
  const done = await applyOnce(
    t,
    options.marker ?? PEOPLE_CONSUMER,
    eventId,
    people.map((p) => inboxItem(t, p, m, text)),
  );
  if (!done) return people;
  const { users } = await departmentsAndUsers(t);
  const link = settings.appUrl ? `${settings.appUrl}${m.link}` : m.link;
  const channels = (await store.getChannels(t)).channels.filter((c) => c.enabled);
  const robots = channels.filter((c) => c.kind === 'dingtalk' || c.kind === 'wecom' || c.kind === 'feishu');
  const mentions: string[] = [];
  for (const userId of people) {
    const user = users.find((u) => u.id === userId);
    if (!user) continue;
    const prefs = (await getPreferences(t, userId)).kinds[m.kind];
    if (prefs?.email) await sendMail([user.email], `Dingo · ${text}`, `${text}\n\n${link}`).catch(() => undefined);
    if (prefs?.robot && user.phone) mentions.push(user.phone.replace(/[^\d+]/g, ''));
  }
  const message = { title: 'Dingo', text: `${text}\n${link}` };
  // A rule's own channels get the message as it is; the robots carry the @mentions people asked for.
  // (A rule's message goes only to the channels the rule names, @mentions included.)
  const targets = new Set([
    ...(mentions.length && !options.onlyNamedChannels ? robots.map((c) => c.id) : []),
    ...named,
  ]);
  await Promise.all(
    channels
      .filter((c) => targets.has(c.id))
      .map((c) => send(c, { ...message, ...(mentions.length ? { mentionMobiles: mentions } : {}) }, [0])),
  );
  return people;
}

const money = (amount: number, currency: string, locale: 'zh-CN' | 'en') => formatMinor(amount, currency, locale);

/** Who decides an approval step: users with its role, and every owner and admin. */
function deciders(users: { id: string; role: string }[], role: string) {
  return users.filter((u) => u.role === role || u.role === 'owner' || u.role === 'admin').map((u) => u.id);
}

/** The people-notifier consumer: one handler per event type it takes (rules.ts). */
export async function onPeopleEvent(t: TenantContext, event: TypedEvent<PeopleEventType>) {
  const settings = await getSettings(t);
  const locale = settings.locale;
  const actor = event.actor.kind === 'user' ? event.actor.id : null;
  const notActor = (ids: (string | null | undefined)[]) => ids.filter((id): id is string => !!id && id !== actor);
  if (event.type === 'ticket.assigned' || event.type === 'ticket.rated') {
    const ticket = event.data as Ticket;
    const base = {
      params: {
        number: ticket.number,
        customer: ticket.customerName,
        subject: ticket.subject,
        score: ticket.rating?.score ?? 0,
        comment: ticket.rating?.comment ?? '',
      },
      link: `/tickets/${ticket.id}`,
      subject: { type: 'ticket', id: ticket.id },
    };
    return deliver(t, event.id, notActor([ticket.assigneeId]), {
      ...base,
      kind: event.type === 'ticket.assigned' ? 'ticket_assigned' : 'ticket_rated',
    });
  }
  if (event.type === 'return.requested') {
    const ret = event.data as Return;
    const { users } = await departmentsAndUsers(t);
    return deliver(t, event.id, notActor(deciders(users, 'support')), {
      kind: 'return_requested',
      params: {
        number: ret.number,
        customer: ret.customerName,
        order: ret.orderNumber,
        amount: money(ret.total, ret.currency, locale),
      },
      link: `/returns/${ret.id}`,
      subject: { type: 'return', id: ret.id },
    });
  }
  if (event.type === 'ticket.resolved' || event.type === 'return.closed') {
    return mailRatingLink(t, event.id, event.data as Ticket | Return, settings);
  }
  if (event.type === 'invoice.paid') {
    const invoice = event.data as Invoice;
    return deliver(t, event.id, notActor([invoice.salesRepId]), {
      kind: 'invoice_paid',
      params: {
        number: invoice.number,
        customer: invoice.customerName,
        amount: money(invoice.total, invoice.currency, locale),
      },
      link: `/invoices/${invoice.id}`,
      subject: { type: 'invoice', id: invoice.id },
    });
  }
  const data = event.data as { order?: Order } & Order;
  const order = (data.order ?? data) as Order;
  const base = {
    params: {
      number: order.number,
      customer: order.customerName,
      amount: money(order.total, order.currency, locale),
      reason: '',
    },
    link: `/orders/${order.id}`,
    subject: { type: 'order', id: order.id },
  };
  if (event.type === 'order.approval_requested') {
    const step = (event.data as { step: { role: string } }).step;
    const { users } = await departmentsAndUsers(t);
    return deliver(t, event.id, notActor(deciders(users, step.role)), { ...base, kind: 'approval_requested' });
  }
  const people = notActor([order.createdBy, order.salesRepId]);
  if (event.type === 'order.approved') return deliver(t, event.id, people, { ...base, kind: 'order_approved' });
  if (event.type === 'order.rejected') {
    const step = order.approval.steps.find((s) => s.decision === 'rejected');
    return deliver(t, event.id, people, {
      ...base,
      params: { ...base.params, reason: step?.comment ?? '' },
      kind: 'order_rejected',
    });
  }
  const repOnly = notActor([order.salesRepId]);
  if (event.type === 'order.shipped') return deliver(t, event.id, repOnly, { ...base, kind: 'order_shipped' });
  return deliver(t, event.id, repOnly, { ...base, kind: 'order_delivered' });
}
/**
 * The rating link goes to the customer's primary contact by mail, once per event (staff can also
 * copy it from the ticket or return to send on WeChat).
 */
async function mailRatingLink(
  t: TenantContext,
  eventId: string,
  subject: Ticket | Return,
  settings: Awaited<ReturnType<typeof getSettings>>,
) {
  if (!subject.ratingUrl) return;
  const customer = await findCustomer(t, subject.customerId);
  const contact = customer?.contacts.find((c) => c.isPrimary && c.email) ?? customer?.contacts.find((c) => c.email);
  if (!contact?.email) return;
  const done = await applyOnce(t, 'rating-mail', eventId, []);
  if (!done) return;
  const url = subject.ratingUrl.startsWith('/') ? `${settings.appUrl ?? ''}${subject.ratingUrl}` : subject.ratingUrl;
  const zh = settings.locale === 'zh-CN';
  await sendMail(
    [contact.email],
    zh
      ? `${settings.companyName}：请为我们的服务打分（${subject.number}）`
      : `${settings.companyName}: how did we do? (${subject.number})`,
    zh
      ? `您好${contact.name ? ` ${contact.name}` : ''}，\n\n${subject.number} 已处理完毕。请用一分钟为我们的服务打分：\n${url}\n\n链接 30 天内有效，只能使用一次。`
      : `Hello${contact.name ? ` ${contact.name}` : ''},\n\n${subject.number} is done. Please take a minute to rate our service:\n${url}\n\nThe link works once, for 30 days.`,
  );
}

export type PeopleEventType =
  | 'ticket.assigned'
  | 'ticket.rated'
  | 'ticket.resolved'
  | 'return.requested'
  | 'return.closed'
  | 'order.approval_requested'
  | 'order.approved'
  | 'order.rejected'
  | 'order.shipped'
  | 'order.delivered'
  | 'invoice.paid';

/**
 * The follow-up reminders (hourly): every note whose next follow-up has come reminds the person it
 * names, once (the note leaves the due index in the same transaction as the inbox item).
 */
export async function remindFollowUps(t: TenantContext, at: Date) {
  const due = await dueFollowUps(t, at.toISOString());
  const settings = await getSettings(t);
  let sent = 0;
  for (const note of due) {
    if (!note.followUpUserId) continue;
    const customer = await findCustomer(t, note.customerId);
    const m: Message = {
      kind: 'follow_up_due',
      params: { customer: customer?.name ?? '', note: note.body.slice(0, 80) },
      link: `/customers/${note.customerId}`,
      subject: { type: 'customer', id: note.customerId },
    };
    const text = renderNotification(settings.locale, m.kind, m.params);
    try {
      await applyOnce(t, 'follow-up-reminders', `note:${note.id}`, [
        inboxItem(t, note.followUpUserId, m, text),
        followUpReminded(t, note, nowIso()),
      ]);
      sent += 1;
    } catch {
      // Reminded meanwhile by another run: nothing more to do.
    }
  }
  return { sent };
}

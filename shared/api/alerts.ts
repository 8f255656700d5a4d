import * as z from 'zod';
import { ListQuery, Timestamp, prefixedId, text } from './common.ts';
import { alertKinds, alertSeverities, alertStatuses, channelKinds } from './enums.ts';
import { notificationKinds } from '../domain/notification-text.ts';
import { lazySchema } from './lazy.ts';

export { alertKinds, channelKinds };

export const NotificationAttempt = lazySchema(() =>
  z.object({
    channelId: z.string(),
    channelKind: z.enum(channelKinds),
    ok: z.boolean(),
    attempts: z.number().int(),
    status: z.number().int().nullable(),
    error: z.string().nullable(),
    at: Timestamp,
  }),
);

export const Alert = lazySchema(() =>
  z.object({
    id: prefixedId('alr'),
    kind: z.enum(alertKinds),
    severity: z.enum(alertSeverities),
    subject: z.object({ type: z.string(), id: z.string() }),
    /** In the company's language; `params` lets a client word it in its own. */
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    status: z.enum(alertStatuses),
    openedAt: Timestamp,
    acknowledgedAt: Timestamp.nullable(),
    acknowledgedBy: z.string().nullable(),
    notifications: z.array(NotificationAttempt),
    version: z.number().int(),
  }),
);
export type Alert = z.infer<typeof Alert>;

export const ListAlertsQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    status: z.enum(alertStatuses).default('open'),
    kind: z.enum(alertKinds).optional(),
  }),
);

const url = lazySchema(() =>
  z
    .string()
    .trim()
    .url()
    .max(1000)
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
);
/** What every kind of channel has; a function, called when ChannelInput is built. */
const channelBase = () => ({
  id: prefixedId('chn').optional(),
  name: text(60),
  enabled: z.boolean().default(true),
  alertKinds: z
    .array(z.enum(alertKinds))
    .max(alertKinds.length)
    .default([...alertKinds]),
});
/** A robot's signing secret (DingTalk 加签, Feishu 签名校验) or a webhook's HMAC secret; write-only. */
const secret = lazySchema(() => z.string().trim().min(8).max(200));
export const ChannelInput = lazySchema(() => {
  const ChannelBase = channelBase();
  return z.discriminatedUnion('kind', [
    z.strictObject({
      ...ChannelBase,
      kind: z.literal('email'),
      to: z.array(z.string().trim().email().max(200)).min(1).max(20),
    }),
    z.strictObject({ ...ChannelBase, kind: z.literal('webhook'), url, secret: secret.optional() }),
    z.strictObject({ ...ChannelBase, kind: z.literal('dingtalk'), url, secret: secret.optional() }),
    z.strictObject({ ...ChannelBase, kind: z.literal('wecom'), url }),
    z.strictObject({ ...ChannelBase, kind: z.literal('feishu'), url, secret: secret.optional() }),
  ]);
});
export type ChannelInput = z.infer<typeof ChannelInput>;

export const Channel = lazySchema(() =>
  z.object({
    id: prefixedId('chn'),
    kind: z.enum(channelKinds),
    name: z.string(),
    enabled: z.boolean(),
    alertKinds: z.array(z.enum(alertKinds)),
    to: z.array(z.string()).optional(),
    url: z.string().optional(),
    /** Whether a secret is set; the secret itself is never returned. */
    hasSecret: z.boolean(),
    lastDelivery: z.object({ at: Timestamp, ok: z.boolean(), error: z.string().nullable() }).nullable(),
  }),
);
export type Channel = z.infer<typeof Channel>;

export const NotificationChannels = lazySchema(() =>
  z.object({
    channels: z.array(Channel),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  }),
);
export type NotificationChannels = z.infer<typeof NotificationChannels>;
export const PutChannelsBody = lazySchema(() => z.strictObject({ channels: z.array(ChannelInput).max(20) }));

export const ChannelTestResult = lazySchema(() =>
  z.object({
    channelId: z.string(),
    ok: z.boolean(),
    status: z.number().int().nullable(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    at: Timestamp,
  }),
);

/** A message in a person's inbox: what happened, in the company's words, and where to act on it. */
export const Notification = lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z.enum(notificationKinds),
    /** The values of its template (shared/domain/notification-text.ts), for showing it in any language. */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    text: z.string(),
    /** The page in the web app (prefix it with the company's app URL). */
    link: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  }),
);
export const ListNotificationsQuery = lazySchema(() =>
  ListQuery.extend({
    unread: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  }),
);
export const NotificationPage = lazySchema(() =>
  z.object({
    items: z.array(Notification),
    nextCursor: z.string().nullable(),
    /** How many of the caller's notifications are unread (the badge). */
    unreadCount: z.number().int(),
  }),
);
export const ReadAllResult = lazySchema(() => z.object({ marked: z.number().int() }));

/** Per kind, where else than the inbox a person wants to hear of it. */
export const NotificationPreferences = lazySchema(() =>
  z.object({
    kinds: z.record(z.enum(notificationKinds), z.object({ email: z.boolean(), robot: z.boolean() })),
  }),
);
export const PutNotificationPreferencesBody = lazySchema(() =>
  z.strictObject({
    kinds: z.partialRecord(z.enum(notificationKinds), z.strictObject({ email: z.boolean(), robot: z.boolean() })),
  }),
);

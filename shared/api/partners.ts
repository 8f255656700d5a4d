import * as z from 'zod';
import { Scope, Timestamp, prefixedId, text } from './common.ts';
import { deliveryStatuses, publicEventTypeNames } from './enums.ts';
import { lazySchema } from './lazy.ts';

export { publicEventTypeNames };

export const ApiKey = lazySchema(() =>
  z.object({
    id: prefixedId('key'),
    name: z.string(),
    /** The first characters of the secret, to recognise a key without revealing it. */
    prefix: z.string(),
    scopes: z.array(Scope),
    /** The key's own sustained rate in requests per second (bursts of twice that); null: the company's budget only. */
    rateLimit: z.number().int().nullable(),
    createdBy: z.string(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  }),
);
export type ApiKey = z.infer<typeof ApiKey>;
export const CreateApiKeyBody = lazySchema(() =>
  z.strictObject({
    name: text(60),
    scopes: z.array(Scope).min(1).max(10),
    /** A lower budget than the company's for this key (requests per second, at most the company's). */
    rateLimit: z.number().int().min(1).max(10_000).optional(),
  }),
);
/** Answered once, at creation: only a hash of the secret is kept. */
export const CreatedApiKey = lazySchema(() => ApiKey.extend({ secret: z.string().regex(/^dk_live_/) }));

const EventTypeName = lazySchema(() => z.enum(publicEventTypeNames));
const WebhookUrl = lazySchema(() =>
  z
    .string()
    .trim()
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), 'must be an https URL'),
);

export const Webhook = lazySchema(() =>
  z.object({
    id: prefixedId('whk'),
    url: z.string(),
    eventTypes: z.array(EventTypeName),
    description: z.string().nullable(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    /** While a rotated secret is still being sent next to the new one. */
    previousSecretExpiresAt: Timestamp.nullable(),
    failingSince: Timestamp.nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Webhook = z.infer<typeof Webhook>;
export const CreateWebhookBody = lazySchema(() =>
  z.strictObject({
    url: WebhookUrl,
    eventTypes: z.array(EventTypeName).min(1).max(publicEventTypeNames.length),
    description: z.string().trim().max(200).optional(),
    enabled: z.boolean().default(true),
  }),
);
export const PatchWebhookBody = lazySchema(() =>
  z
    .strictObject({
      url: WebhookUrl,
      eventTypes: z.array(EventTypeName).min(1).max(publicEventTypeNames.length),
      description: z.string().trim().max(200).nullable(),
      enabled: z.boolean(),
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);
/** Answered at creation and rotation only. */
export const WebhookWithSecret = lazySchema(() => Webhook.extend({ secret: z.string().regex(/^whsec_/) }));
export const RotateSecretBody = lazySchema(() =>
  z.strictObject({ overlapHours: z.number().int().min(0).max(72).default(24) }),
);

export const DeliveryAttempt = lazySchema(() =>
  z.object({
    at: Timestamp,
    status: z.number().int().nullable(),
    durationMs: z.number().int(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
  }),
);
export const Delivery = lazySchema(() =>
  z.object({
    id: prefixedId('dlv'),
    webhookId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    /** The id of the request that started the chain this event belongs to (its x-request-id): quote it to support. */
    correlationId: z.string().nullable(),
    status: z.enum(deliveryStatuses),
    attempts: z.array(DeliveryAttempt),
    nextAttemptAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Delivery = z.infer<typeof Delivery>;
export const ListDeliveriesQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    status: z.enum(deliveryStatuses).optional(),
  }),
);
export const DeliveryParams = lazySchema(() =>
  z.strictObject({ id: prefixedId('whk'), deliveryId: prefixedId('dlv') }),
);
export const ReplayBody = lazySchema(() => z.strictObject({ since: Timestamp, until: Timestamp.optional() }));
export const ReplayResult = lazySchema(() => z.object({ enqueued: z.number().int() }));

/** The public shape of an event: what the event log serves and webhooks deliver (`id` is `webhook-id`). */
export const PublicEvent = lazySchema(() =>
  z.object({
    id: z.string(),
    type: EventTypeName,
    timestamp: Timestamp,
    data: z.record(z.string(), z.unknown()),
  }),
);
export const ListEventsQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    type: EventTypeName.optional(),
    /** An event id (evt_...) or a time: events after it, oldest first. */
    after: z.union([prefixedId('evt'), Timestamp]).optional(),
  }),
);

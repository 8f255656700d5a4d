import { createHash, randomBytes } from 'node:crypto';
import type * as z from 'zod';
import type {
  CreateApiKeyBody,
  CreateWebhookBody,
  Delivery,
  PatchWebhookBody,
  RotateSecretBody,
  Webhook,
} from '#shared/api/partners.ts';
import { publicEventTypes, type EventEnvelope } from '#shared/events/catalog.ts';
import type { publicEventTypeNames } from '#shared/api/enums.ts';
import {
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
} from '#functions/platform/errors.ts';
import { tenantRate } from '#functions/platform/rate-limit.ts';
import { isConditionFailure, isTransactionConflict, retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { derivedId, newId, nowIso } from '#functions/platform/ids.ts';
import { envelopeOf } from '#functions/platform/outbox.ts';
import { EgressRefused, checkDestination, post } from '#functions/platform/egress.ts';
import { decodeCursor, encodeCursor } from '#functions/platform/cursor.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { log } from '#functions/platform/log.ts';
import { correlationId, withCorrelation } from '#functions/platform/correlation.ts';
import { count as countMetric } from '#functions/platform/metrics.ts';
import { transact } from '#functions/platform/transact.ts';
import { openAlert } from '#functions/alerts/service.ts';
import { newSecret, signatureHeader } from './signing.ts';
import * as store from './store.ts';
import { clearIfUntouched, markPending, pendingEntry } from './pending.ts';

// ---- API keys ------------------------------------------------------------------------------------

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createApiKey(t: TenantContext, body: z.output<typeof CreateApiKeyBody>) {
  if (body.rateLimit !== undefined && body.rateLimit > tenantRate())
    throw new ValidationError([
      { path: 'body.rateLimit', message: `must be at most the company's budget, ${tenantRate()} requests per second` },
    ]);
  const secret = `dk_live_${randomBytes(24).toString('base64url')}`;
  const key: store.StoredApiKey = {
    id: newId('apiKey'),
    name: body.name,
    prefix: secret.slice(0, 12),
    scopes: [...new Set(body.scopes)],
    rateLimit: body.rateLimit ?? null,
    createdBy: t.principal.id,
    createdAt: nowIso(),
    lastUsedAt: null,
    revokedAt: null,
    hash: hashOf(secret),
  };
  await store.insertApiKey(t, key);
  const { hash: _h, ...shown } = key;
  return { ...shown, secret };
}

export const listApiKeys = (t: TenantContext, q: { limit: number; cursor?: string }) =>
  store.listApiKeys(t, q.limit, q.cursor);

export async function revokeApiKey(t: TenantContext, id: string) {
  const key = await store.getApiKey(t, id);
  if (!key) throw new NotFoundError('API key');
  const at = key.revokedAt ?? nowIso();
  await store.revokeApiKey(t, key, at);
  const { hash: _h, ...shown } = key;
  return { ...shown, revokedAt: at };
}

// ---- Webhook subscriptions -----------------------------------------------------------------------

/** What the API shows of a subscription: never its secrets. */
function shown(w: store.StoredWebhook): Webhook {
  const { secrets: _s, ...rest } = w;
  return rest;
}

async function checkTarget(url: string) {
  try {
    await checkDestination(url);
  } catch (error) {
    if (error instanceof EgressRefused)
      throw new UnprocessableError('url_not_allowed', `The webhook URL is not allowed: ${error.message}.`);
    throw error;
  }
}

export async function createWebhook(t: TenantContext, body: z.output<typeof CreateWebhookBody>) {
  await checkTarget(body.url);
  const now = nowIso();
  const secret = newSecret();
  const webhook: store.StoredWebhook = {
    id: newId('webhook'),
    url: body.url,
    eventTypes: [...new Set(body.eventTypes)],
    description: body.description ?? null,
    enabled: body.enabled,
    disabledReason: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    secrets: [{ value: secret, expiresAt: null }],
  };
  await transact(t, [store.putNewWebhook(t, webhook)]);
  return { ...shown(webhook), secret };
}

async function load(t: TenantContext, id: string, expected?: number) {
  const w = await store.getWebhook(t, id);
  if (!w) throw new NotFoundError('webhook');
  if (expected !== undefined && expected !== w.version) throw new PreconditionFailedError();
  return w;
}

/** Inside `retryOnConflict`: a lost race is 412 with If-Match, else the change is made again on what is there now. */
async function save(
  t: TenantContext,
  next: store.StoredWebhook,
  previousVersion: number,
  expected: number | undefined,
) {
  await transact(t, [store.putWebhook(t, next, previousVersion)]).catch(staleWrite(expected));
}

export async function getWebhook(t: TenantContext, id: string) {
  return shown(await load(t, id));
}

export async function listWebhooks(t: TenantContext) {
  return {
    items: (await store.allWebhooks(t)).map(shown).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    nextCursor: null,
  };
}

export function updateWebhook(
  t: TenantContext,
  id: string,
  patch: z.output<typeof PatchWebhookBody>,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const current = await load(t, id, expected);
    if (patch.url) await checkTarget(patch.url);
    const enabling = patch.enabled === true && !current.enabled;
    const next: store.StoredWebhook = {
      ...current,
      ...patch,
      eventTypes: patch.eventTypes ? [...new Set(patch.eventTypes)] : current.eventTypes,
      description: patch.description === undefined ? current.description : patch.description,
      disabledReason: enabling ? null : patch.enabled === false ? 'disabled by a user' : current.disabledReason,
      failingSince: enabling ? null : current.failingSince,
      version: current.version + 1,
      updatedAt: nowIso(),
    };
    await save(t, next, current.version, expected);
    return shown(next);
  });
}

export function deleteWebhook(t: TenantContext, id: string, expected?: number) {
  return retryOnConflict(async () => {
    const current = await load(t, id, expected);
    await store.deleteWebhook(t, id, current.version).catch(staleWrite(expected));
    return shown(current);
  });
}

/** A new secret; the old one keeps signing (both signatures sent) until the overlap ends. */
export function rotateSecret(t: TenantContext, id: string, body: z.output<typeof RotateSecretBody>, expected?: number) {
  return retryOnConflict(async () => {
    const current = await load(t, id, expected);
    const now = Date.now();
    const until = new Date(now + body.overlapHours * 3_600_000).toISOString();
    const secret = newSecret();
    const previous = current.secrets.find((s) => s.expiresAt === null);
    const next: store.StoredWebhook = {
      ...current,
      secrets: [
        { value: secret, expiresAt: null },
        ...(previous && body.overlapHours > 0 ? [{ value: previous.value, expiresAt: until }] : []),
      ],
      previousSecretExpiresAt: body.overlapHours > 0 ? until : null,
      version: current.version + 1,
      updatedAt: nowIso(),
    };
    await save(t, next, current.version, expected);
    return { ...shown(next), secret };
  });
}

// ---- Deliveries ----------------------------------------------------------------------------------

/** The Svix schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (the local cloud may compress it). */
const DEFAULT_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const retrySchedule = () =>
  process.env.WEBHOOK_RETRY_SCHEDULE_MS
    ? process.env.WEBHOOK_RETRY_SCHEDULE_MS.split(',').map(Number)
    : DEFAULT_SCHEDULE_MS;
const TIMEOUT_MS = 15_000;
/** An endpoint failing this long is disabled and the company alerted. */
const FAILING_LIMIT_MS = () => Number(process.env.WEBHOOK_DISABLE_AFTER_MS ?? 5 * 86_400_000);

/** The public shape of an event: what the event log serves and webhooks deliver. */
export function publicEvent(e: EventEnvelope) {
  return {
    id: e.id,
    type: e.type as (typeof publicEventTypeNames)[number],
    timestamp: e.occurredAt,
    data: e.data as Record<string, unknown>,
  };
}
const publicTypes = new Set<string>(publicEventTypes);

function newDelivery(
  webhook: store.StoredWebhook,
  event: ReturnType<typeof publicEvent>,
  id: string,
  fromLog: boolean,
): store.StoredDelivery {
  const now = nowIso();
  return {
    id,
    webhookId: webhook.id,
    eventId: event.id,
    eventType: event.type,
    // The chain the event belongs to (set by the consumer or request this runs in; a replay or test is its own).
    correlationId: correlationId() ?? null,
    status: 'pending',
    attempts: [],
    attemptCount: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    payload: payloadOf(event),
    fromLog,
  };
}

/** What the partner receives: the same bytes on every attempt (a retry rebuilds them from the event log). */
const payloadOf = (event: ReturnType<typeof publicEvent>) =>
  JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });

/** The payload of a stored delivery: kept with it, or its event's, from the event log. */
async function deliveryPayload(t: TenantContext, d: store.StoredDelivery): Promise<string> {
  if (d.payload !== undefined) return d.payload;
  const item = await store.eventItem(t, d.eventId);
  if (!item) throw new Error(`delivery ${d.id}: event ${d.eventId} is not in the event log`);
  return payloadOf(publicEvent(envelopeOf(item)));
}

/**
 * The fan-out consumer: each enabled subscription that takes the event's type is sent it at once, and
 * the delivery is written once, with that first attempt's outcome (a failed one is due again for the
 * sweeper). Its id is derived from the event and the webhook: a redelivered event finds it recorded
 * and sends nothing; a run that stopped between the send and the write sends again when EventBridge
 * retries it (at least once: receivers deduplicate by `webhook-id`).
 */
export async function fanOut(t: TenantContext, event: EventEnvelope) {
  if (!publicTypes.has(event.type)) return [];
  const targets = (await store.allWebhooks(t)).filter((w) => w.enabled && w.eventTypes.includes(event.type as never));
  if (!targets.length) return [];
  const pub = publicEvent(event);
  // Each subscription on its own: one endpoint's trouble does not hold back the others' records.
  const outcomes = await Promise.allSettled(
    targets.map(async (w) => {
      const delivery = newDelivery(w, pub, derivedId('delivery', event.id, w.id), true);
      const recorded = await store.getDelivery(t, w.id, delivery.id);
      if (recorded) {
        // A run that stopped after the record and before the mark: the sweeper must still find it.
        if (recorded.status === 'pending') await markPending(t.tenantId);
        return recorded;
      }
      const { next, succeeded, gone } = afterAttempt(delivery, await send(t, delivery, w, false), w);
      if (next.status === 'pending') await markPending(t.tenantId); // before the record: never a pending one unmarked
      if (!(await store.putFirstDelivery(t, next))) return (await store.getDelivery(t, w.id, delivery.id)) ?? next;
      await endpointHealth(t, w, succeeded, gone);
      return next;
    }),
  );
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason; // EventBridge delivers the event again; what was recorded is not sent again
  return outcomes.map((o) => (o as PromiseFulfilledResult<store.StoredDelivery>).value);
}

type Outcome = { outcome: Delivery['attempts'][number]; gone: boolean };

/** Signs with every live secret and POSTs with the egress checks; the answer's status, time and start. */
async function send(
  t: TenantContext,
  delivery: store.StoredDelivery,
  w: store.StoredWebhook | undefined,
  manual: boolean,
): Promise<Outcome> {
  const now = new Date();
  if (!w || (!w.enabled && !manual)) {
    return {
      gone: false,
      outcome: {
        at: now.toISOString(),
        status: null,
        durationMs: 0,
        responseExcerpt: null,
        error: w ? `endpoint disabled: ${w.disabledReason ?? ''}` : 'endpoint deleted',
      },
    };
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  const secrets = w.secrets
    .filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > now.getTime())
    .map((s) => s.value);
  const payload = await deliveryPayload(t, delivery);
  const headers = {
    'content-type': 'application/json',
    'webhook-id': delivery.eventId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(secrets, delivery.eventId, timestamp, payload),
    ...(delivery.correlationId ? { 'x-dingo-correlation-id': delivery.correlationId } : {}),
  };
  try {
    const res = await post(w.url, headers, payload, { timeoutMs: TIMEOUT_MS });
    const ok = res.status >= 200 && res.status < 300;
    return {
      gone: res.status === 410,
      outcome: {
        at: now.toISOString(),
        status: res.status,
        durationMs: res.durationMs,
        responseExcerpt: res.body.slice(0, 500) || null,
        error: ok ? null : `HTTP ${res.status}`,
      },
    };
  } catch (error) {
    return {
      gone: false,
      outcome: {
        at: now.toISOString(),
        status: null,
        durationMs: Math.round(Date.now() - now.getTime()),
        responseExcerpt: null,
        error: (error as Error).message,
      },
    };
  }
}

/** The delivery with an attempt recorded: done, failed for good, or due again on the retry schedule. */
function afterAttempt(delivery: store.StoredDelivery, { outcome, gone }: Outcome, w: store.StoredWebhook | undefined) {
  const succeeded = outcome.error === null;
  countMetric(succeeded ? 'WebhookDelivered' : 'WebhookFailed'); // flushed at the end of the consumer, job or request
  const count = delivery.attemptCount + 1;
  const schedule = retrySchedule();
  const more = !succeeded && !gone && w?.enabled && count < schedule.length;
  const next: store.StoredDelivery = {
    ...delivery,
    attempts: [...delivery.attempts, outcome].slice(-20),
    attemptCount: count,
    updatedAt: nowIso(),
    status: succeeded ? 'succeeded' : more ? 'pending' : 'failed',
    nextAttemptAt: more ? new Date(Date.parse(outcome.at) + schedule[count]!).toISOString() : null,
  };
  return { next, succeeded, gone };
}

/**
 * A later attempt (the sweeper's or a manual retry): claimed first so that two workers never send the
 * same attempt, then recorded only if nobody recorded one since. 410 Gone disables the endpoint; an
 * endpoint failing longer than the limit is disabled and alerted.
 */
export async function attempt(
  t: TenantContext,
  delivery: store.StoredDelivery,
  webhook?: store.StoredWebhook,
  manual = false,
): Promise<store.StoredDelivery> {
  const w = webhook ?? (await store.getWebhook(t, delivery.webhookId));
  if (!(await store.claimAttempt(t, delivery, TIMEOUT_MS + 5_000))) {
    return (await store.getDelivery(t, delivery.webhookId, delivery.id)) ?? delivery; // another worker is sending it
  }
  const { next, succeeded, gone } = afterAttempt(delivery, await send(t, delivery, w, manual), w);
  try {
    await store.saveAttempt(t, next, delivery.attemptCount);
  } catch (error) {
    if (isConditionFailure(error)) return (await store.getDelivery(t, delivery.webhookId, delivery.id)) ?? next; // someone else recorded one
    throw error;
  }
  if (next.status === 'pending') await markPending(t.tenantId);
  if (w) await endpointHealth(t, w, succeeded, gone);
  return next;
}

/** Keeps the endpoint's failing-since mark, and disables it on 410 or after failing for too long. */
async function endpointHealth(t: TenantContext, w: store.StoredWebhook, succeeded: boolean, gone: boolean) {
  for (let i = 0; i < 5; i += 1) {
    const current = await store.getWebhook(t, w.id);
    if (!current) return;
    const now = nowIso();
    let next: store.StoredWebhook | null = null;
    if (succeeded && current.failingSince) next = { ...current, failingSince: null };
    if (!succeeded && !current.failingSince) next = { ...current, failingSince: now };
    const failingFor = current.failingSince ? Date.now() - Date.parse(current.failingSince) : 0;
    const reason = gone
      ? 'the endpoint answered 410 Gone'
      : !succeeded && failingFor >= FAILING_LIMIT_MS()
        ? 'failing for 5 days'
        : null;
    if (reason && current.enabled) next = { ...(next ?? current), enabled: false, disabledReason: reason };
    if (!next) return;
    try {
      await transact(t, [
        store.putWebhook(t, { ...next, version: current.version + 1, updatedAt: now }, current.version),
      ]);
    } catch (error) {
      if (isConditionFailure(error) || isTransactionConflict(error)) continue;
      throw error;
    }
    if (reason && current.enabled) {
      await openAlert(t, 'webhooks', `${w.id}:${current.version}`, {
        kind: 'webhook_disabled',
        severity: 'critical',
        subject: { type: 'webhook', id: w.id },
        params: { url: w.url, reason, webhookId: w.id },
      }).catch((error) => log('warn', 'webhook alert failed', { error: (error as Error).message }));
    }
    return;
  }
}

/** The sweeper job, per company with pending deliveries: each one whose time has come is tried again. */
export async function sweep(t: TenantContext, now: Date) {
  const entry = await pendingEntry(t.tenantId);
  let attempted = 0;
  for (;;) {
    const due = await store.dueDeliveries(t, now.toISOString());
    if (!due.length) break;
    await Promise.all(
      due.map(async (d) => {
        await withCorrelation(d.correlationId ?? undefined, () => attempt(t, d));
        attempted += 1;
      }),
    );
    if (due.length < 100) break;
  }
  if (entry && !(await store.hasPending(t))) await clearIfUntouched(t.tenantId, entry.touchedAt);
  return { attempted };
}

/** A delivery as the API shows it: without the stored payload and the bookkeeping. */
function publicDelivery({
  payload: _p,
  fromLog: _l,
  attemptCount: _c,
  claimedUntil: _u,
  ...d
}: store.StoredDelivery): Delivery {
  return { ...d, correlationId: d.correlationId ?? null }; // deliveries made before correlation ids have none
}

export async function listDeliveries(
  t: TenantContext,
  webhookId: string,
  q: { limit: number; cursor?: string; status?: Delivery['status'] },
) {
  await load(t, webhookId);
  const page = await store.listDeliveries(t, webhookId, q);
  return { items: page.items.map(publicDelivery), nextCursor: page.nextCursor };
}

/** Manual retry: an attempt now, whatever the schedule says (also on a disabled endpoint, to test it). */
export async function retryDelivery(t: TenantContext, webhookId: string, deliveryId: string) {
  const delivery = await store.getDelivery(t, webhookId, deliveryId);
  if (!delivery) throw new NotFoundError('delivery');
  const webhook = await load(t, webhookId);
  return publicDelivery(await attempt(t, { ...delivery, status: 'pending' }, webhook, true));
}

/** A `webhook.test` message to check an endpoint; recorded in the log like any delivery. */
export async function sendTest(t: TenantContext, webhookId: string) {
  const webhook = await load(t, webhookId);
  const id = newId('delivery');
  const event = {
    id: `evt_${id.slice(4)}`,
    type: 'webhook.test',
    timestamp: nowIso(),
    data: { message: 'Dingo test event', webhookId },
  };
  const delivery = newDelivery(webhook, event as never, id, false);
  await transact(t, [store.putNewDelivery(t, delivery)]);
  return publicDelivery(await attempt(t, delivery, webhook, true));
}

/** Replays every event of the subscription's types since a time: one new delivery per event, per request. */
export async function replay(t: TenantContext, webhookId: string, since: string, until?: string) {
  const webhook = await load(t, webhookId);
  if (until && until < since) throw new UnprocessableError('invalid_range', 'until is before since.');
  const replayId = newId('delivery');
  let enqueued = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.eventItems(t, ulidAt(since), 100, startKey);
    startKey = page.lastKey;
    const events = page.items
      .map(envelopeOf)
      .filter(
        (e) =>
          publicTypes.has(e.type) && webhook.eventTypes.includes(e.type as never) && (!until || e.occurredAt <= until),
      );
    const deliveries = events.map((e) =>
      newDelivery(webhook, publicEvent(e), derivedId('delivery', replayId, e.id), true),
    );
    for (let i = 0; i < deliveries.length; i += 25)
      await transact(
        t,
        deliveries.slice(i, i + 25).map((d) => store.putNewDelivery(t, d)),
      );
    enqueued += deliveries.length;
    if (deliveries.length) await markPending(t.tenantId);
    const last = page.items.at(-1);
    if (until && last && envelopeOf(last).occurredAt > until) break;
  } while (startKey);
  return { enqueued };
}

// ---- The event log --------------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The smallest ULID of a millisecond: events after a time are those whose ULID sorts after it. */
function ulidAt(iso: string): string {
  let ms = Date.parse(iso);
  let time = '';
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  return `${time}0000000000000000`;
}

export async function listEvents(
  t: TenantContext,
  q: { limit: number; cursor?: string; type?: string; after?: string },
) {
  const after = q.after ? (q.after.startsWith('evt_') ? q.after.slice(4) : ulidAt(q.after)) : undefined;
  let startKey = await decodeCursor(t.tenantId, q.cursor);
  const items: ReturnType<typeof publicEvent>[] = [];
  for (let round = 0; round < 10 && items.length < q.limit; round += 1) {
    const page = await store.eventItems(t, after, q.limit - items.length, startKey);
    for (const item of page.items) {
      const e = envelopeOf(item);
      if (publicTypes.has(e.type) && (!q.type || e.type === q.type)) items.push(publicEvent(e));
    }
    startKey = page.lastKey;
    if (!startKey) break;
  }
  return { items, nextCursor: await encodeCursor(t.tenantId, startKey) };
}

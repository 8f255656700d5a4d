import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { GetCommand, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { parseEnvelope, type EventData, type EventEnvelope, type EventType } from '#shared/events/catalog.ts';
import {
  consumerRules,
  scheduledJobs,
  type ConsumerName,
  type ConsumerTypes,
  type ScheduledJobName,
} from '#shared/events/rules.ts';
import { env } from './env.ts';
import { isConditionFailure, retryOnConflict } from './db.ts';
import { guarded, transact, type Guarded, type TransactItem } from './transact.ts';
import { TenantContext, systemPrincipal } from './tenant.ts';
import { withCorrelation } from './correlation.ts';
import { flushMetrics } from './metrics.ts';
import { log } from './log.ts';

const MARKER_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Who keeps processed markers: every consumer and scheduled job, and the rating mail sent from the
 * inbox, each in a partition of its own; a notification rule's markers, one partition per rule.
 */
type Owner = ConsumerName | ScheduledJobName | 'rating-mail';
export type MarkerOwner = Owner | `${Owner}#${string}`;
/**
 * The partitions of the owners with a fixed name. Their markers stay out of the company's inventory
 * (functions/platform/inventory.ts: an index write saved on each), so the purge lists them here.
 */
export const markerPartitions = (tenantId: string): string[] =>
  [...consumerRules.map((r) => r.name), ...scheduledJobs.map((j) => j.name), 'rating-mail'].map(
    (owner) => `${tenantId}#PROCESSED#${owner}`,
  );

export type ConsumerEvent = EventBridgeEvent<string, unknown>;

/** The event's processed marker exists: its effect was written by an earlier delivery. */
class AlreadyProcessed extends Error {}

/**
 * Writes a consumer's effect and its processed-event marker in one transaction: an event
 * delivered twice (EventBridge and Lambda are at-least-once) has its effect once.
 * Answers false when the event had already been processed.
 */
export async function applyOnce(
  t: TenantContext,
  consumer: MarkerOwner,
  eventId: string,
  effect: (TransactItem | Guarded)[],
): Promise<boolean> {
  const marker = {
    pk: t.key('PROCESSED', consumer),
    sk: eventId,
    entity: 'processed',
    at: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS,
  };
  return applyMarked(t, [marker], effect);
}

/**
 * `applyOnce` with markers of the consumer's own: items that must be new (a report entry is its own
 * marker), any of which found written means the event was processed. Answers false then.
 */
export async function applyMarked(
  t: TenantContext,
  markers: Record<string, unknown>[],
  effect: (TransactItem | Guarded)[],
): Promise<boolean> {
  const puts = markers.map(
    (Item): TransactItem => ({
      Put: { TableName: env.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
    }),
  );
  // One marker and nothing beside it: a conditional put says the same as a transaction of one item, at
  // half the write units (AWS bills a transactional write twice).
  if (puts.length === 1 && !effect.length)
    return t.db.send(new PutCommand(puts[0]!.Put as PutCommandInput)).then(
      () => true,
      (error) => {
        if (isConditionFailure(error)) return false;
        throw error;
      },
    );
  // Consumers of one company often write the same hot items (a day's aggregate): a transaction
  // cancelled by a concurrent one is simply tried again, here rather than by a whole redelivery.
  return retryOnConflict(async () => {
    try {
      await transact(t, [...puts.map((put) => guarded(put, new AlreadyProcessed())), ...effect]);
      return true;
    } catch (error) {
      if (error instanceof AlreadyProcessed) return false;
      throw error;
    }
  });
}

/** For effects outside the table (a message sent): skip an event whose marker is already written. */
export async function wasProcessed(
  t: TenantContext,
  consumer: MarkerOwner,
  eventId: string,
  consistent = true,
): Promise<boolean> {
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key: { pk: t.key('PROCESSED', consumer), sk: eventId },
      ConsistentRead: consistent,
    }),
  );
  return Boolean(Item);
}

/** An event of one type, its `data` typed by the event catalog. */
export type TypedEvent<T extends EventType> = Omit<EventEnvelope, 'type' | 'data'> & { type: T; data: EventData<T> };

/** A consumer: for each event type its rule takes, the handler of that type's events. */
export type ConsumerHandlers<N extends ConsumerName> = {
  [T in ConsumerTypes<N>]: (t: TenantContext, event: TypedEvent<T>) => Promise<unknown>;
};

/**
 * The middy stack of EventBridge consumers: parse the envelope against the catalog (its `data` too),
 * tenant context, the handler of the event's type, logs. `handles` lists the types, so a test holds
 * them equal to the rule's.
 */
export function consumer<const N extends ConsumerName>(name: N, handlers: ConsumerHandlers<N>) {
  const byType = handlers as unknown as Record<
    string,
    (t: TenantContext, event: TypedEvent<EventType>) => Promise<unknown>
  >;
  const handler = middy<ConsumerEvent, void>().handler(async (event) => {
    const envelope = parseEnvelope(event.detail);
    const handle = byType[envelope.type];
    // The rule routed a type this consumer has no handler for: fail, so the event lands in the DLQ.
    if (!handle) throw new Error(`${name} has no handler for ${envelope.type}`);
    // The chain's correlation id goes on: into this consumer's log lines and the events it emits.
    try {
      await withCorrelation(envelope.correlationId ?? envelope.id, async () => {
        const t = await TenantContext.of(envelope.tenantId, systemPrincipal);
        const started = Date.now();
        await handle(t, envelope as TypedEvent<EventType>);
        log('info', 'event consumed', {
          consumer: name,
          eventId: envelope.id,
          type: envelope.type,
          tenantId: envelope.tenantId,
          ms: Date.now() - started,
        });
      });
    } finally {
      flushMetrics();
    }
  });
  return Object.assign(handler, { consumerName: name, handles: Object.keys(handlers) as ConsumerTypes<N>[] });
}

/** The same handler for every type of a rule (a consumer that treats all its events alike). */
export function forEveryType<const N extends ConsumerName>(
  types: readonly ConsumerTypes<N>[],
  handle: (t: TenantContext, event: TypedEvent<ConsumerTypes<N>>) => Promise<unknown>,
): ConsumerHandlers<N> {
  return Object.fromEntries(types.map((type) => [type, handle])) as unknown as ConsumerHandlers<N>;
}

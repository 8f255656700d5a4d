import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { parseEnvelope, type EventEnvelope, type EventType } from '#shared/events/catalog.ts';
import { env } from './env.ts';
import { retryOnConflict } from './db.ts';
import { guarded, transact, type Guarded, type TransactItem } from './transact.ts';
import { TenantContext, systemPrincipal } from './tenant.ts';
import { log } from './log.ts';

const MARKER_TTL_SECONDS = 30 * 24 * 3600;

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
  consumer: string,
  eventId: string,
  effect: (TransactItem | Guarded)[],
): Promise<boolean> {
  const marker: TransactItem = {
    Put: {
      TableName: env.tableName,
      Item: {
        pk: t.key('PROCESSED', consumer),
        sk: eventId,
        entity: 'processed',
        at: new Date().toISOString(),
        expiresAt: Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  // Consumers of one company often write the same hot items (a day's aggregate): a transaction
  // cancelled by a concurrent one is simply tried again, here rather than by a whole redelivery.
  return retryOnConflict(async () => {
    try {
      await transact(t, [guarded(marker, new AlreadyProcessed()), ...effect]);
      return true;
    } catch (error) {
      if (error instanceof AlreadyProcessed) return false;
      throw error;
    }
  });
}

/** For effects outside the table (a message sent): skip an event whose marker is already written. */
export async function wasProcessed(t: TenantContext, consumer: string, eventId: string): Promise<boolean> {
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key: { pk: t.key('PROCESSED', consumer), sk: eventId },
      ConsistentRead: true,
    }),
  );
  return Boolean(Item);
}

/** The middy stack of EventBridge consumers: parse the envelope against the catalog, tenant context, logs. */
export function consumer(
  name: string,
  handle: (t: TenantContext, event: EventEnvelope & { type: EventType }) => Promise<void>,
) {
  return middy<ConsumerEvent, void>().handler(async (event) => {
    const envelope = parseEnvelope(event.detail);
    const t = await TenantContext.of(envelope.tenantId, systemPrincipal);
    const started = Date.now();
    await handle(t, envelope);
    log('info', 'event consumed', {
      consumer: name,
      eventId: envelope.id,
      type: envelope.type,
      tenantId: envelope.tenantId,
      ms: Date.now() - started,
    });
  });
}

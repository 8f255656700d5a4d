import { monotonicFactory } from 'ulid';
import { pack, unpack } from './compact.ts';
import type { EventData, EventType, EventEnvelope } from '#shared/events/catalog.ts';
import { eventCatalog } from '#shared/events/catalog.ts';
import { env } from './env.ts';
import type { TenantContext } from './tenant.ts';
import { nowIso } from './ids.ts';
import { correlationId } from './correlation.ts';

// Monotonic: events of one transaction, made in the same millisecond, keep the order they were made in.
const ulid = monotonicFactory();

/**
 * The transactional outbox: a domain event is an item in the changed entity's partition
 * (`sk = EVENT#<ulid>`), written in the same TransactWriteItems as the change. The table's
 * stream carries it to the relay, which publishes it to the bus. The tenant's event log is
 * the GSI3 (keys-only) partition `<tenantId>#EVENTS`, in ULID order.
 */
export function outboxEvent<T extends EventType>(
  tenant: TenantContext,
  partitionKey: string,
  type: T,
  subject: { type: string; id: string },
  data: EventData<T>,
) {
  const entry = eventCatalog.get(type)!;
  const seq = ulid();
  const envelope: EventEnvelope = {
    id: `evt_${seq}`,
    type,
    tenantId: tenant.tenantId,
    occurredAt: nowIso(),
    actor: { kind: tenant.principal.kind, id: tenant.principal.id },
    subject,
    data: entry.data.parse(data),
    correlationId: correlationId() ?? `evt_${seq}`,
  };
  return {
    Put: {
      TableName: env.tableName,
      Item: {
        pk: partitionKey,
        sk: `EVENT#${seq}`,
        gsi3pk: tenant.key('EVENTS'),
        gsi3sk: seq,
        entity: 'event',
        eventType: type,
        // Packed (compact.ts): an order event carries the whole order, and inside a transaction every
        // KB is paid twice. The relay and the timeline unpack it; nothing queries inside it.
        envelopeGz: pack(envelope),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function isOutboxItem(item: Record<string, unknown> | undefined): boolean {
  return (
    item?.entity === 'event' &&
    (item.envelopeGz !== undefined || (typeof item.envelope === 'object' && item.envelope !== null))
  );
}

/** The envelope of an outbox item. Binary arrives as bytes from the SDK and as base64 in a Lambda stream event. */
export function envelopeOf(item: Record<string, unknown>): EventEnvelope {
  const packed = item.envelopeGz;
  if (packed === undefined) return item.envelope as EventEnvelope;
  return unpack<EventEnvelope>(packed as Uint8Array | string);
}

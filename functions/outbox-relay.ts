import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { eventCatalog } from '#shared/events/catalog.ts';
import { env } from '#functions/platform/env.ts';
import { envelopeOf, isOutboxItem } from '#functions/platform/outbox.ts';
import { log } from '#functions/platform/log.ts';
import { count, flushMetrics } from '#functions/platform/metrics.ts';

const bus = new EventBridgeClient({
  region: env.region,
  ...(env.eventBridgeEndpoint
    ? { endpoint: env.eventBridgeEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
});
const BATCH = 10;
const ATTEMPTS = 3;

/** Outbox items from the table's stream, as bus entries: source from the catalog, detail-type = event type. */
export function entriesOf(event: DynamoDBStreamEvent): PutEventsRequestEntry[] {
  const entries: PutEventsRequestEntry[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
    if (!isOutboxItem(item)) continue;
    const envelope = envelopeOf(item);
    const entry = eventCatalog.get(envelope.type);
    if (!entry) {
      log('error', 'outbox item of unknown type', { type: envelope.type });
      continue;
    }
    entries.push({
      EventBusName: env.eventBusName,
      Source: entry.source,
      DetailType: envelope.type,
      Detail: JSON.stringify(envelope),
      Time: new Date(envelope.occurredAt),
    });
  }
  return entries;
}

/**
 * DynamoDB Stream -> EventBridge, 10 entries a call. Entries the bus refused are sent again;
 * if some still fail, the whole batch fails and the stream retries it (consumers are idempotent).
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const entries = entriesOf(event);
  for (let i = 0; i < entries.length; i += BATCH) {
    let pending = entries.slice(i, i + BATCH);
    for (let attempt = 1; pending.length; attempt += 1) {
      const out = await bus.send(new PutEventsCommand({ Entries: pending }));
      if (!out.FailedEntryCount) break;
      pending = pending.filter((_, index) => out.Entries?.[index]?.ErrorCode);
      if (attempt >= ATTEMPTS) throw new Error(`bus refused ${pending.length} events`);
    }
  }
  // The business's pulse: orders created, confirmed, shipped; invoices, payments, tickets, ... one metric per type.
  const byType = new Map<string, number>();
  for (const e of entries) byType.set(e.DetailType!, (byType.get(e.DetailType!) ?? 0) + 1);
  for (const [type, n] of byType) count(`Event.${type}`, n);
  flushMetrics();
}

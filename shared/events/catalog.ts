import * as z from 'zod';
import { Customer } from '../api/customers.ts';

/**
 * The event catalog: every event type once, with the module that emits it and the schema of
 * its `data`. The relay, the bus rules, the CDK rules and (later) webhooks all read it.
 */
const entries = [
  { type: 'customer.created', source: 'dingo.customers', subject: 'customer', data: Customer },
  { type: 'customer.updated', source: 'dingo.customers', subject: 'customer', data: Customer },
] as const;

export type EventType = (typeof entries)[number]['type'];
export type EventData<T extends EventType> = z.infer<Extract<(typeof entries)[number], { type: T }>['data']>;
export type CatalogEntry = (typeof entries)[number];

export const eventCatalog: ReadonlyMap<string, CatalogEntry> = (() => {
  const map = new Map<string, CatalogEntry>();
  for (const entry of entries) {
    if (map.has(entry.type)) throw new Error(`event type ${entry.type} is defined twice`);
    map.set(entry.type, entry);
  }
  return map;
})();
export const eventTypes = [...eventCatalog.keys()] as EventType[];

/** What every event carries: the detail of the EventBridge event and a webhook's `data` wrapper. */
export const EventEnvelope = z.object({
  id: z.string().regex(/^evt_/),
  type: z.string(),
  tenantId: z.string(),
  occurredAt: z.string(),
  actor: z.object({ kind: z.enum(['user', 'api_key', 'system']), id: z.string() }),
  subject: z.object({ type: z.string(), id: z.string() }),
  data: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export function parseEnvelope(detail: unknown): EventEnvelope & { type: EventType } {
  const envelope = EventEnvelope.parse(detail);
  const entry = eventCatalog.get(envelope.type);
  if (!entry) throw new Error(`unknown event type ${envelope.type}`);
  entry.data.parse(envelope.data);
  return envelope as EventEnvelope & { type: EventType };
}

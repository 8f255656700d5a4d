import { eventCatalog, type EventType } from './catalog.ts';
import type { ModuleName } from '../api/route.ts';

export interface ConsumerRule {
  /** Unique name: the EventBridge rule, its DLQ and the idempotency markers are named after it. */
  name: string;
  module: ModuleName;
  /** File in functions/<module>/ exporting `handler`. */
  handler: string;
  types: readonly EventType[];
}

/** The rules table: which consumer takes which event types. One rule per consumer. */
export const consumerRules: readonly ConsumerRule[] = [
  { name: 'reports-aggregates', module: 'reports', handler: 'on-business-event', types: ['customer.created', 'customer.updated'] },
  { name: 'inventory-watch', module: 'inventory', handler: 'on-level-changed', types: ['inventory.level_changed'] },
  { name: 'imports-runner', module: 'imports', handler: 'on-import-requested', types: ['import.requested'] },
];

export interface ScheduledJob {
  name: string;
  module: ModuleName;
  handler: string;
  /** EventBridge schedule expression; the local scheduler reads `everyMs`. */
  schedule: string;
  everyMs: number;
}

/** Scheduled rules (daily overdue, hourly reminders, nightly reports) join this list as they land. */
export const scheduledJobs: readonly ScheduledJob[] = [];

export function eventSources(types: readonly EventType[]): string[] {
  return [...new Set(types.map((t) => eventCatalog.get(t)!.source))];
}

import { eventCatalog, publicEventTypes, type EventType } from './catalog.ts';
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
export const consumerRules = [
  {
    name: 'reports-aggregates',
    module: 'reports',
    handler: 'on-business-event',
    types: [
      'customer.created',
      'order.created',
      'order.submitted',
      'order.confirmed',
      'order.shipped',
      'order.delivered',
      'order.completed',
      'order.cancelled',
      'order.revised',
      'order.rejected',
      'invoice.created',
      'payment.received',
      'payment.reversed',
    ],
  },
  { name: 'inventory-watch', module: 'inventory', handler: 'on-level-changed', types: ['inventory.level_changed'] },
  { name: 'backorder-filler', module: 'orders', handler: 'on-stock-arrived', types: ['inventory.level_changed'] },
  { name: 'imports-runner', module: 'imports', handler: 'on-import-requested', types: ['import.requested'] },
  { name: 'exports-runner', module: 'tenants', handler: 'on-export-requested', types: ['export.requested'] },
  {
    name: 'invoicing',
    module: 'finance',
    handler: 'on-order-event',
    types: ['order.confirmed', 'order.shipped', 'order.cancelled'],
  },
  {
    name: 'alerts',
    module: 'alerts',
    handler: 'on-event',
    types: ['inventory.low_stock', 'invoice.overdue', 'order.submitted'],
  },
  { name: 'alert-notifier', module: 'alerts', handler: 'on-alert-opened', types: ['alert.opened'] },
  {
    name: 'people-notifier',
    module: 'alerts',
    handler: 'on-people-event',
    types: [
      'ticket.assigned',
      'ticket.rated',
      'ticket.resolved',
      'return.requested',
      'return.closed',
      'order.approval_requested',
      'order.approved',
      'order.rejected',
      'order.shipped',
      'order.delivered',
      'invoice.paid',
    ],
  },
  { name: 'rule-notifier', module: 'alerts', handler: 'on-rule-event', types: publicEventTypes },
  // Marks the companies a scheduled job has work for (jobWork below): a job visits only those.
  {
    name: 'due-index',
    module: 'system',
    handler: 'on-due-event',
    types: [
      'invoice.created',
      'payment.received',
      'payment.reversed',
      'order.created',
      'order.approval_requested',
      'order.confirmed',
      'order.shipped',
      'order.cancelled',
      'ticket.created',
      'ticket.assigned',
      'ticket.rated',
      'ticket.reopened',
      'order.approved',
      'order.revised',
    ],
  },
  { name: 'webhooks', module: 'partners', handler: 'on-event', types: publicEventTypes },
] as const satisfies readonly ConsumerRule[];
export type ConsumerName = (typeof consumerRules)[number]['name'];
/** The event types the rule of consumer `N` takes. */
export type ConsumerTypes<N extends ConsumerName> = Extract<
  (typeof consumerRules)[number],
  { name: N }
>['types'][number];

export interface ScheduledJob {
  name: string;
  module: ModuleName;
  handler: string;
  /** EventBridge schedule expression; the local scheduler reads `everyMs`. */
  schedule: string;
  everyMs: number;
}

/** Scheduled rules. Times are UTC: 16:05 UTC is 00:05 in Beijing, just after the company's day ends. */
export const scheduledJobs = [
  {
    name: 'invoices-overdue',
    module: 'finance',
    handler: 'overdue-job',
    schedule: 'cron(5 16 * * ? *)',
    everyMs: 24 * 3_600_000,
  },
  {
    name: 'approval-reminders',
    module: 'alerts',
    handler: 'approval-job',
    schedule: 'rate(1 hour)',
    everyMs: 3_600_000,
  },
  {
    name: 'follow-up-reminders',
    module: 'alerts',
    handler: 'follow-up-job',
    schedule: 'rate(1 hour)',
    everyMs: 3_600_000,
  },
  {
    name: 'late-orders',
    module: 'alerts',
    handler: 'late-job',
    schedule: 'cron(10 16 * * ? *)',
    everyMs: 24 * 3_600_000,
  },
  {
    name: 'nightly-report',
    module: 'reports',
    handler: 'nightly-job',
    schedule: 'cron(15 16 * * ? *)',
    everyMs: 24 * 3_600_000,
  },
  // Closed companies whose 7 days are over (functions/tenants/closure.ts); 16:30 UTC is 00:30 in Beijing.
  {
    name: 'tenant-purge',
    module: 'tenants',
    handler: 'purge-job',
    schedule: 'cron(30 16 * * ? *)',
    everyMs: 24 * 3_600_000,
  },
  { name: 'ticket-sla', module: 'aftersales', handler: 'sla-job', schedule: 'rate(5 minutes)', everyMs: 300_000 },
  // The local cloud sweeps more often (WEBHOOK_SWEEP_MS) so that a compressed retry schedule plays out.
  { name: 'webhook-retries', module: 'partners', handler: 'retry-job', schedule: 'rate(1 minute)', everyMs: 60_000 },
] as const satisfies readonly ScheduledJob[];
/** A scheduled job's name. */
export type ScheduledJobName = (typeof scheduledJobs)[number]['name'];

export function eventSources(types: readonly EventType[]): string[] {
  return [...new Set(types.map((t) => eventCatalog.get(t)!.source))];
}

/**
 * The events that give a company work for a scheduled job. A job with an entry here visits only the
 * companies such an event marked (idle companies cost it nothing); the others walk the registry
 * (`follow-up-reminders`: a note's follow-up date makes no event) or keep their own list
 * (`webhook-retries`: the companies with deliveries pending).
 */
export const jobWork = {
  'invoices-overdue': ['invoice.created', 'payment.reversed'],
  'approval-reminders': ['order.approval_requested'],
  // A revised order approved again is confirmed (or partly shipped) again without a new order.confirmed.
  'late-orders': ['order.confirmed', 'order.approved', 'order.revised'],
  'nightly-report': [
    'order.created',
    'order.confirmed',
    // A revision of an old order re-books its day, which may be rolled already (a dirty day to roll again).
    'order.revised',
    'order.shipped',
    'order.cancelled',
    'invoice.created',
    'payment.received',
    'payment.reversed',
  ],
  'ticket-sla': ['ticket.created', 'ticket.assigned', 'ticket.rated', 'ticket.reopened'],
} as const satisfies Record<string, readonly ConsumerTypes<'due-index'>[]>;
export type JobWithWork = keyof typeof jobWork;

/**
 * Jobs that keep a company on their list for two days after its last event whatever else (the nightly
 * report covers every day in any time zone): a fresh mark of theirs is not touched again for each event
 * (functions/platform/due.ts), since no run clears a mark touched within that window.
 */
export const keptWhileRecent: readonly JobWithWork[] = ['nightly-report'];

/** The jobs an event gives its company work for. */
export const jobsFor = (type: string): JobWithWork[] =>
  (Object.keys(jobWork) as JobWithWork[]).filter((job) => (jobWork[job] as readonly string[]).includes(type));

/** A unit of a job's run: one company, on the bus so that each is retried on its own. */
export const JOB_UNIT = { source: 'dingo.jobs', detailType: 'Job Unit' } as const;

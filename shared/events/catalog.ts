import * as z from 'zod';
import { DataExport } from '../api/tenant-data.ts';
import { Customer } from '../api/customers.ts';
import { Order, Revision } from '../api/orders.ts';
import { ledgerKinds, publicEventTypeNames } from '../api/enums.ts';
import { ImportJob } from '../api/imports.ts';
import { Invoice, Payment } from '../api/finance.ts';
import { Alert } from '../api/alerts.ts';
import { Bill, PurchaseOrder, Stocktake } from '../api/purchasing.ts';
import { CreditNote, RefundBody, Return, Ticket } from '../api/aftersales.ts';
import { lazySchema } from '../api/lazy.ts';

const LevelChanges = lazySchema(() =>
  z.object({
    changes: z.array(
      z.object({
        productId: z.string(),
        warehouseId: z.string(),
        kind: z.enum(ledgerKinds),
        onHandDelta: z.number().int(),
        reservedDelta: z.number().int(),
      }),
    ),
    orderId: z.string().nullable(),
  }),
);
const LowStock = lazySchema(() =>
  z.object({
    productId: z.string(),
    sku: z.string(),
    warehouseId: z.string(),
    available: z.number().int(),
    safetyStock: z.number().int(),
  }),
);
const Shipment = lazySchema(() =>
  z.object({
    id: z.string(),
    warehouseId: z.string(),
    lines: z.array(
      z.object({
        lineId: z.string(),
        productId: z.string(),
        quantity: z.number().int(),
        cost: z.number().int().optional(),
      }),
    ),
    carrierCode: z.string().nullable().optional(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    at: z.string(),
  }),
);
const OrderWithShipment = lazySchema(() => z.object({ order: Order, shipment: Shipment }));
/** A payment and the invoices it moved, as they now stand (none when it all went to the customer's credit). */
const PaymentWithInvoices = lazySchema(() => z.object({ payment: Payment, invoices: z.array(Invoice) }));
const ReportGenerated = lazySchema(() =>
  z.object({
    report: z.literal('daily_sales'),
    date: z.string(),
    currency: z.string(),
    orders: z.number().int(),
    units: z.number().int(),
    sales: z.number().int(),
    payments: z.number().int(),
  }),
);
const Receipt = lazySchema(() =>
  z.object({
    id: z.string(),
    warehouseId: z.string(),
    lines: z.array(
      z.object({ lineId: z.string(), productId: z.string(), quantity: z.number().int(), unitCost: z.number().int() }),
    ),
    billId: z.string(),
    at: z.string(),
  }),
);
const PurchaseOrderWithReceipt = lazySchema(() => z.object({ purchaseOrder: PurchaseOrder, receipt: Receipt }));
const OrderWithStep = lazySchema(() =>
  z.object({ order: Order, step: z.object({ index: z.number().int(), role: z.string() }) }),
);

/**
 * The event catalog: every event type once, with the module that emits it and the schema of
 * its `data`. The relay, the bus rules, the CDK rules and (later) webhooks all read it.
 */
const entries = [
  { type: 'customer.created', source: 'dingo.customers', subject: 'customer', data: Customer },
  { type: 'customer.updated', source: 'dingo.customers', subject: 'customer', data: Customer },
  { type: 'order.created', source: 'dingo.orders', subject: 'order', data: Order },
  { type: 'order.updated', source: 'dingo.orders', subject: 'order', data: Order },
  { type: 'order.submitted', source: 'dingo.orders', subject: 'order', data: Order },
  { type: 'order.approval_requested', source: 'dingo.orders', subject: 'order', data: OrderWithStep },
  { type: 'order.approved', source: 'dingo.orders', subject: 'order', data: Order },
  { type: 'order.rejected', source: 'dingo.orders', subject: 'order', data: Order },
  { type: 'order.confirmed', source: 'dingo.orders', subject: 'order', data: Order },
  { type: 'order.cancelled', source: 'dingo.orders', subject: 'order', data: Order },
  {
    type: 'order.backorder_filled',
    source: 'dingo.orders',
    subject: 'order',
    data: lazySchema(() =>
      z.object({ order: Order, filled: z.array(z.object({ lineId: z.string(), quantity: z.number().int() })) }),
    ),
  },
  {
    type: 'order.revised',
    source: 'dingo.orders',
    subject: 'order',
    data: lazySchema(() => z.object({ order: Order, revision: Revision })),
  },
  { type: 'order.shipped', source: 'dingo.orders', subject: 'order', data: OrderWithShipment },
  { type: 'order.delivered', source: 'dingo.orders', subject: 'order', data: Order },
  { type: 'order.completed', source: 'dingo.orders', subject: 'order', data: Order },
  { type: 'inventory.level_changed', source: 'dingo.inventory', subject: 'inventory', data: LevelChanges },
  { type: 'inventory.low_stock', source: 'dingo.inventory', subject: 'inventory_level', data: LowStock },
  { type: 'import.requested', source: 'dingo.imports', subject: 'import', data: ImportJob },
  { type: 'import.completed', source: 'dingo.imports', subject: 'import', data: ImportJob },
  { type: 'invoice.created', source: 'dingo.finance', subject: 'invoice', data: Invoice },
  { type: 'invoice.paid', source: 'dingo.finance', subject: 'invoice', data: Invoice },
  { type: 'invoice.overdue', source: 'dingo.finance', subject: 'invoice', data: Invoice },
  { type: 'payment.received', source: 'dingo.finance', subject: 'payment', data: PaymentWithInvoices },
  { type: 'payment.allocated', source: 'dingo.finance', subject: 'payment', data: PaymentWithInvoices },
  { type: 'payment.reversed', source: 'dingo.finance', subject: 'payment', data: PaymentWithInvoices },
  { type: 'report.generated', source: 'dingo.reports', subject: 'report', data: ReportGenerated },
  { type: 'purchase_order.submitted', source: 'dingo.purchasing', subject: 'purchase_order', data: PurchaseOrder },
  { type: 'purchase_order.approved', source: 'dingo.purchasing', subject: 'purchase_order', data: PurchaseOrder },
  {
    type: 'purchase_order.received',
    source: 'dingo.purchasing',
    subject: 'purchase_order',
    data: PurchaseOrderWithReceipt,
  },
  { type: 'purchase_order.closed', source: 'dingo.purchasing', subject: 'purchase_order', data: PurchaseOrder },
  { type: 'bill.created', source: 'dingo.purchasing', subject: 'bill', data: Bill },
  { type: 'bill.paid', source: 'dingo.purchasing', subject: 'bill', data: Bill },
  { type: 'stocktake.posted', source: 'dingo.purchasing', subject: 'stocktake', data: Stocktake },
  { type: 'return.requested', source: 'dingo.aftersales', subject: 'return', data: Return },
  { type: 'return.approved', source: 'dingo.aftersales', subject: 'return', data: Return },
  { type: 'return.received', source: 'dingo.aftersales', subject: 'return', data: Return },
  { type: 'return.closed', source: 'dingo.aftersales', subject: 'return', data: Return },
  { type: 'credit_note.issued', source: 'dingo.finance', subject: 'credit_note', data: CreditNote },
  {
    type: 'refund.paid',
    source: 'dingo.finance',
    subject: 'credit_note',
    data: lazySchema(() =>
      z.object({
        creditNote: CreditNote,
        refund: RefundBody.omit({ amount: true, reference: true }).extend({
          amount: z.number().int(),
          reference: z.string().nullable(),
          recordedBy: z.string(),
        }),
      }),
    ),
  },
  { type: 'ticket.created', source: 'dingo.aftersales', subject: 'ticket', data: Ticket },
  { type: 'ticket.assigned', source: 'dingo.aftersales', subject: 'ticket', data: Ticket },
  /** A resolved or closed ticket taken up again: its SLA timers run anew (the SLA job's list needs it). */
  { type: 'export.requested', source: 'dingo.tenants', subject: 'export', data: DataExport, internal: true },
  { type: 'ticket.reopened', source: 'dingo.aftersales', subject: 'ticket', data: Ticket, internal: true },
  { type: 'ticket.resolved', source: 'dingo.aftersales', subject: 'ticket', data: Ticket },
  { type: 'ticket.rated', source: 'dingo.aftersales', subject: 'ticket', data: Ticket },
  // Internal: the notifier sends an opened alert to the tenant's channels (not a partner event).
  { type: 'alert.opened', source: 'dingo.alerts', subject: 'alert', data: Alert, internal: true },
] as const;
export { Shipment };

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
/** What partners see (event log, webhooks): every type but the platform's internal ones. */
export const publicEventTypes = entries.filter((e) => !('internal' in e && e.internal)).map((e) => e.type);
if (publicEventTypes.join() !== publicEventTypeNames.join())
  throw new Error('enums.publicEventTypeNames differs from the event catalog');

/** What every event carries: the detail of the EventBridge event and a webhook's `data` wrapper. */
export const EventEnvelope = lazySchema(() =>
  z.object({
    id: z.string().regex(/^evt_/),
    type: z.string(),
    tenantId: z.string(),
    occurredAt: z.string(),
    actor: z.object({ kind: z.enum(['user', 'api_key', 'system']), id: z.string() }),
    subject: z.object({ type: z.string(), id: z.string() }),
    data: z.unknown(),
    /** The request that started the chain of work this event belongs to (the x-request-id it was answered with). */
    correlationId: z.string().optional(),
  }),
);
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export function parseEnvelope(detail: unknown): EventEnvelope & { type: EventType } {
  const envelope = EventEnvelope.parse(detail);
  const entry = eventCatalog.get(envelope.type);
  if (!entry) throw new Error(`unknown event type ${envelope.type}`);
  entry.data.parse(envelope.data);
  return envelope as EventEnvelope & { type: EventType };
}

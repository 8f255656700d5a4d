import { writeUnitsOf } from './capacity.ts';
import type { LifeFigures } from './life.ts';

/**
 * AWS list prices the cost model uses: us-east-1, on-demand, arm64, as published by AWS and last
 * checked by this project on 2025-11 (this machine has no internet to check them again; the
 * DynamoDB on-demand prices are those after the November 2024 reduction).
 */
export const PRICES = {
  checked: '2025-11, us-east-1 list prices',
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  dynamoStorageGbMonth: 0.25,
  /** Point-in-time recovery (continuous backups), per GB-month of table size. */
  dynamoPitrGbMonth: 0.2,
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  httpApiRequest: 1.0 / 1e6,
  eventBridgeEvent: 1.0 / 1e6,
  logsIngestGb: 0.5,
  logsStorageGbMonth: 0.03,
  /** Provisioned capacity (standard table class), per write / read capacity unit-hour: the other billing mode. */
  dynamoWcuHour: 0.00065,
  dynamoRcuHour: 0.00013,
};

/**
 * What the same units would cost in provisioned mode with auto scaling instead of on demand, at a
 * given average use of the capacity paid for (a diurnal load under target tracking averages about
 * half): one unit a second for an hour serves 3,600 units. Not the model's figure (the stack deploys
 * on demand, which a young SaaS with uneven load should), but where a steady deployment would land.
 */
export function provisionedPerMillionOrders(f: Pick<LifeFigures, 'write' | 'read'>, utilisation: number): number {
  const perUnit = (hourPrice: number) => hourPrice / 3600 / utilisation;
  return (f.write * perUnit(PRICES.dynamoWcuHour) + f.read * perUnit(PRICES.dynamoRcuHour)) * 1e6;
}

/**
 * What Lambda writes per invocation besides the function's own lines: START, END and REPORT (~420 B)
 * are INFO system logs, and the functions' system log level is WARN (infra/constructs/module-function.ts,
 * held by infra/app.test.ts), so none.
 */
export const PLATFORM_LOG_BYTES = 0;
/** The authorizer's answer is cached per credential for 300 s: a partner's or a user's burst pays one. */
export const AUTHORIZER_SHARE = 0.25;
const GB = 1024 ** 3;

export interface CostModel {
  perMillionOrders: Record<string, number>;
  total: number;
  storagePerMillionOrdersMonth: number;
  lines: string[];
}

/**
 * US$ per 1M orders for the whole life measured by bench/life.ts: every API call, authorizer share,
 * relay invocation, consumer run (counted on the bus, one per matching rule and event, as
 * EventBridge invokes them), EventBridge event, the DynamoDB units by AWS's rules (idempotency items
 * included: they are writes the meter saw), and the log bytes; storage per month of keeping them.
 * Durations: the API calls as the gateway answered them and each consumer run as long as it took here,
 * billed at 1 GB (the module functions' size; the relay has 512 MB, counted at 1 GB too).
 */
export function costModel(f: LifeFigures, timed: Pick<LifeFigures, 'apiMs' | 'consumerMs' | 'logBytes'>): CostModel {
  const p = PRICES;
  const invocations = f.apiCalls * (1 + AUTHORIZER_SHARE) + f.relayInvocations + f.consumerRuns;
  const gbSeconds = (timed.apiMs + timed.consumerMs + f.relayInvocations * 20) / 1000;
  const logBytes = timed.logBytes + invocations * PLATFORM_LOG_BYTES;
  const perOrder = {
    apiGateway: f.apiCalls * p.httpApiRequest,
    lambdaRequests: invocations * p.lambdaRequest,
    lambdaDuration: gbSeconds * p.lambdaGbSecondArm,
    dynamoWrites: f.write * p.dynamoWriteUnit,
    dynamoReads: f.read * p.dynamoReadUnit,
    eventBridge: f.events * p.eventBridgeEvent,
    logs: (logBytes / GB) * p.logsIngestGb,
  };
  const perMillionOrders = Object.fromEntries(Object.entries(perOrder).map(([k, v]) => [k, v * 1e6]));
  const total = Object.values(perMillionOrders).reduce((s, x) => s + x, 0);
  const storagePerMillionOrdersMonth =
    (f.storedBytes / GB) * 1e6 * (p.dynamoStorageGbMonth + p.dynamoPitrGbMonth) +
    (logBytes / GB) * 1e6 * p.logsStorageGbMonth;
  const $ = (x: number) => `$${x.toFixed(2)}`;
  return {
    perMillionOrders,
    total,
    storagePerMillionOrdersMonth,
    lines: [
      `API GW ${$(perMillionOrders.apiGateway!)} (${f.apiCalls} calls)`,
      `Lambda ${$(perMillionOrders.lambdaRequests! + perMillionOrders.lambdaDuration!)} (${invocations.toFixed(1)} invocations: ${f.consumerRuns} consumer runs, ${f.relayInvocations} relay, ${(f.apiCalls * (1 + AUTHORIZER_SHARE)).toFixed(1)} API + authorizer; ${gbSeconds.toFixed(2)} GB-s)`,
      `DynamoDB ${$(perMillionOrders.dynamoWrites! + perMillionOrders.dynamoReads!)} (${f.write} WRU + ${f.read} RRU by AWS rules)`,
      `EventBridge ${$(perMillionOrders.eventBridge!)} (${f.events} events)`,
      `logs ${$(perMillionOrders.logs!)} (${(logBytes / 1024).toFixed(1)} KB)`,
    ],
  };
}

/** A kind's largest measured size in the life, in write units (1 when the life wrote none). */
const unitsOf = (f: LifeFigures, kind: string, fallbackBytes = 1) =>
  writeUnitsOf(f.byKind.find(([k]) => k === kind)?.[1].bytes ?? fallbackBytes);

/**
 * What a correct implementation of the whole life cannot avoid writing, from the data model, with the
 * sizes of the order, invoice, payment and stock level as this implementation measured them. Assumed
 * possible (and so not counted): events derived from the business items' stream, consumers whose
 * effects are idempotent by derived ids (no markers), report totals rolled up off the business path
 * with "today" read live, list indexes that project a few fields (one unit an entry), a webhook
 * delivery recorded once with its outcome.
 *
 * What API.md makes unavoidable is counted: "every change of a level has exactly one ledger row"
 * (`GET /v1/inventory/movements`), written with the change (one unit, twice in its transaction): the
 * five reservations of a submit and the five issues of a shipment; and the event log (`GET
 * /v1/events`, what webhooks deliver), one stored event each, written once off the stream (one unit).
 * An earlier version of this minimum counted one movement item a shipment and no event log (80 WRU).
 *
 * What API.md lists in two orders needs a second entry (one unit, an index write is never doubled by
 * a transaction), and a list by status moves with the status: the ledger by product and the company's
 * whole ledger newest first (`GET /v1/inventory/movements?productId=`); an order's events in the
 * event log and in its timeline (`GET /v1/orders/{id}/timeline`); orders and invoices by status and by
 * customer (`?status=&customerId=`: a filter over a big company's list cannot answer a small
 * customer's page), an entry by status deleted and written again when the status changes. Without
 * these the minimum was 95 WRU (a list entry of one unit per operation, one ordering of everything).
 */
export function lifeMinimum(f: LifeFigures): { rows: [string, number][]; total: number } {
  const order = unitsOf(f, 'order');
  const level = unitsOf(f, 'level');
  const invoice = unitsOf(f, 'invoice');
  const payment = unitsOf(f, 'payment');
  const ledgerRow = 2 + 1; // one row (≤ 1 KB) per level change, in the change's transaction, and its second ordering
  const event = 1; // one stored event of the log, written once from the stream
  const orderEvent = event + 1; // ...and an order's events in its timeline too
  const moved = 2; // a list entry whose status key changes: the old one deleted, the new one written
  const idempotency = 1; // a compact record per POST (request hash, status, the answer's location)
  const rows: [string, number][] = [
    [
      'create: order + number counter (transaction), list entries by status and by customer, inventory entry, idempotency, 1 order event',
      2 * order + 2 + 1 + 1 + 1 + idempotency + orderEvent,
    ],
    [
      'submit: order + 5 stock levels reserved + 5 ledger rows (transaction), status entry moved, idempotency, 2 order events + 1',
      2 * order + 5 * 2 * level + 5 * ledgerRow + moved + idempotency + 2 * orderEvent + event,
    ],
    [
      'ship: order + 5 levels + 5 ledger rows (transaction), status entry moved, inventory entry, idempotency, 1 order event + 1',
      2 * order + 5 * 2 * level + 5 * ledgerRow + moved + 1 + idempotency + orderEvent + event,
    ],
    [
      'invoice: invoice + number counter + receivable balance (transaction), list entries by status and by customer, inventory entry, 1 event',
      2 * invoice + 2 + 2 + 1 + 1 + 1 + event,
    ],
    [
      "payment: payment + invoice + receivable balance (transaction), payment's list entry, invoice's status entry moved, inventory entry, idempotency, 2 events",
      2 * (payment + invoice + 1) + 1 + moved + 1 + idempotency + 2 * event,
    ],
    [`webhooks: one record per delivery (${f.webhooksDelivered}) and its inventory entry`, 2 * f.webhooksDelivered],
  ];
  return { rows, total: rows.reduce((s, [, u]) => s + u, 0) };
}

/**
 * Each measured write operation's minimum, from the same data model (no idempotency key in these
 * calls): `size(kind)` is the largest item of that kind the operation wrote.
 */
export function operationMinimum(name: string, size: (kind: string) => number): number | undefined {
  const u = (kind: string) => writeUnitsOf(size(kind));
  const minimums: Record<string, () => number> = {
    'create customer': () => u('customer') + 1 + 1 + 1 + 1, // item, list entry, search entry, inventory entry, event
    'update customer': () => u('customer') + 1 + 1 + 1, // item, list entry, search entry, event
    // ...each with its events (one unit each, off the stream; an order's twice, for its timeline), a
    // ledger row per level change in two orders (API.md), entries by status (moved) and by customer.
    'create order (5 lines)': () => 2 * u('order') + 2 + 1 + 1 + 1 + 2,
    'submit (reserve 5 lines)': () => 2 * u('order') + 5 * 2 * u('level') + 5 * 3 + 2 + 2 * 2 + 1,
    'ship (5 lines)': () => 2 * u('order') + 5 * 2 * u('level') + 5 * 3 + 2 + 1 + 2 + 1,
    // the PO, 5 levels and their ledger rows, the supplier's bill and payables, in one transaction; 2 list
    // entries; 3 events (received, level changed, bill created)
    'receive a purchase order (5 lines)': () =>
      2 * u('purchase_order') + 5 * 2 * u('level') + 5 * 3 + 2 * u('bill') + 2 + 2 + 2 + 3,
  };
  return minimums[name]?.();
}

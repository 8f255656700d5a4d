import * as z from 'zod';
import { carrierCodes, trackingStatuses } from '../domain/carriers.ts';
import { CurrencyCode, CustomFields, MAX_AMOUNT, Money, Role, Timestamp, prefixedId, text } from './common.ts';
import { orderChannels, orderStatuses, priceRules } from './enums.ts';
import { PriceRule } from './catalog.ts';
import { CustomFieldFilter } from './custom-fields.ts';
import { lazySchema } from './lazy.ts';

export { orderStatuses, orderChannels };

const Bps = lazySchema(() => z.number().int().min(0).max(10_000));
const OrderAddress = lazySchema(() =>
  z.strictObject({
    name: text(80).optional(),
    phone: z.string().trim().max(40).optional(),
    province: z.string().trim().max(40).optional(),
    city: z.string().trim().max(40).optional(),
    district: z.string().trim().max(40).optional(),
    line1: text(200),
    postalCode: z.string().trim().max(20).optional(),
  }),
);

export const OrderLineInput = lazySchema(() =>
  z.strictObject({
    productId: prefixedId('prd'),
    quantity: z.number().int().min(1).max(1e9),
    /** Omitted: priced by the quote rules. Below the quote: a price override. */
    unitPrice: z.number().int().min(0).max(MAX_AMOUNT).optional(),
    discountBps: Bps.default(0),
  }),
);

export const CreateOrderBody = lazySchema(() =>
  z.strictObject({
    customerId: prefixedId('cus'),
    currency: CurrencyCode.optional(),
    warehouseId: prefixedId('wh').optional(),
    // Confirming reserves every line in one transaction (at most 100 items): 40 lines leave room.
    lines: z.array(OrderLineInput).min(1).max(40),
    shippingAddress: OrderAddress.optional(),
    channel: z.enum(orderChannels).default('manual'),
    externalRef: z.string().trim().min(1).max(100).optional(),
    notes: z.string().trim().max(2000).optional(),
    customFields: CustomFields.default({}),
    /** The salesperson credited with it (业务员); default the customer's owner, else whoever enters it. */
    salesRepId: prefixedId('usr').optional(),
    /** When the customer wants it (「周五前送到」): an order not fully shipped by then opens `order_late`. */
    requestedDeliveryDate: z.string().date().optional(),
    /** A draft sent as a quotation (报价单) holds its prices until this day. */
    validUntil: z.string().date().optional(),
  }),
);
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

export const PatchOrderBody = lazySchema(() =>
  z
    .strictObject({
      warehouseId: prefixedId('wh'),
      lines: z.array(OrderLineInput).min(1).max(40),
      shippingAddress: OrderAddress.nullable(),
      externalRef: z.string().trim().min(1).max(100).nullable(),
      notes: z.string().trim().max(2000).nullable(),
      customFields: CustomFields,
      salesRepId: prefixedId('usr'),
      requestedDeliveryDate: z.string().date().nullable(),
      validUntil: z.string().date().nullable(),
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);
export type PatchOrderBody = z.infer<typeof PatchOrderBody>;

export const OrderLine = lazySchema(() =>
  z.object({
    lineId: z.string(),
    productId: z.string(),
    sku: z.string(),
    name: z.string(),
    unit: z.string(),
    quantity: z.number().int(),
    unitPrice: z.number().int(),
    listPrice: z.number().int(),
    discountBps: z.number().int(),
    taxRate: z.number().int(),
    subtotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    priceRule: PriceRule,
    priceOverride: z.boolean(),
    reserved: z.number().int(),
    shipped: z.number().int(),
    invoiced: z.number().int(),
    returned: z.number().int(),
    /** What was not shipped when the order was closed short. */
    closedQuantity: z.number().int(),
    /** Confirmed but not in stock (settings `backorders: allow`): reserved oldest-first as receipts arrive. */
    backordered: z.number().int(),
    /** Cost of goods of what has shipped of the line, at moving-average cost (base currency minor units). */
    cost: z.number().int(),
  }),
);
export type OrderLine = z.infer<typeof OrderLine>;

export const ApprovalStep = lazySchema(() =>
  z.object({
    role: Role,
    decision: z.enum(['approved', 'rejected']).nullable(),
    decidedBy: z.string().nullable(),
    comment: z.string().nullable(),
    at: Timestamp.nullable(),
  }),
);
export const Approval = lazySchema(() =>
  z.object({
    required: z.boolean(),
    rulesVersion: z.number().int().nullable(),
    matchedRules: z.array(z.string()),
    steps: z.array(ApprovalStep),
  }),
);
export type Approval = z.infer<typeof Approval>;

export const Order = lazySchema(() =>
  z.object({
    id: prefixedId('ord'),
    number: z.string(),
    status: z.enum(orderStatuses),
    customerId: z.string(),
    customerName: z.string(),
    currency: z.string(),
    /** Base-currency units per one unit of `currency` ("1" in the base currency), fixed when the order is confirmed. */
    fxRate: z.string(),
    /** Whether its unit prices include tax (含税): the company's setting when the order was made. */
    pricesIncludeTax: z.boolean(),
    warehouseId: z.string(),
    lines: z.array(OrderLine),
    subtotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    approval: Approval,
    flags: z.array(z.string()),
    shippingAddress: OrderAddress.nullable(),
    channel: z.enum(orderChannels),
    externalRef: z.string().nullable(),
    notes: z.string().nullable(),
    customFields: z.record(z.string(), z.unknown()),
    /** The salesperson credited with it: their data scope, their sales, their notifications. */
    salesRepId: z.string().nullable(),
    /** Cost of goods shipped so far and the gross margin on it (net sales of the shipped quantities − cost), base currency. */
    cost: z.number().int(),
    grossMargin: z.number().int(),
    requestedDeliveryDate: z.string().nullable(),
    validUntil: z.string().nullable(),
    /** How many times it was revised after confirmation (0: as confirmed). */
    revision: z.number().int(),
    /** Lines short of stock when submitted (for the approvers to see), and when its backorders began. */
    shortages: z.array(
      z.object({ lineId: z.string(), productId: z.string(), requested: z.number().int(), available: z.number().int() }),
    ),
    backorderedAt: Timestamp.nullable(),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Order = z.infer<typeof Order>;
export const PrintOrderQuery = lazySchema(() =>
  z.strictObject({
    doc: z.enum(['quotation', 'confirmation']).default('quotation'),
    lang: z.enum(['zh-CN', 'en']).optional(),
  }),
);

export const ListOrdersQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    status: z.enum(orderStatuses).optional(),
    customerId: prefixedId('cus').optional(),
    from: z.string().date().optional(),
    to: z.string().date().optional(),
    /** The order number or its last digits, the external reference, or the customer's name or its pinyin. Best match first. */
    q: z.string().trim().min(1).max(100).optional(),
    salesRepId: prefixedId('usr').optional(),
    /** Filters on the company's filterable own fields: `cf.<key>=<value>`. */
    cf: CustomFieldFilter.optional(),
  }),
);
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;
/** The export takes the list's filters (not its paging) and the language of its headers. */
export const ExportOrdersQuery = lazySchema(() =>
  ListOrdersQuery.omit({ limit: true, cursor: true }).extend({
    lang: z.enum(['zh-CN', 'en']).optional(),
  }),
);
export type ExportOrdersQuery = z.infer<typeof ExportOrdersQuery>;
export const Csv = lazySchema(() => z.string());

export const ApproveBody = lazySchema(() => z.strictObject({ comment: z.string().trim().max(1000).optional() }));
export const ReasonBody = lazySchema(() => z.strictObject({ reason: text(1000) }));
export const EmptyBody = lazySchema(() => z.strictObject({}));
export const ShipmentBody = lazySchema(() =>
  z.strictObject({
    warehouseId: prefixedId('wh').optional(),
    lines: z
      .array(z.strictObject({ lineId: z.string().min(1).max(40), quantity: z.number().int().min(1).max(1e9) }))
      .min(1)
      .max(200),
    /** One of the known carriers (tracking link), or `other` with its name in `carrier`. */
    carrierCode: z.enum(carrierCodes).optional(),
    carrier: z.string().trim().min(1).max(60).optional(),
    trackingNumber: z.string().trim().min(1).max(60).optional(),
  }),
);
export const TrackingEvent = lazySchema(() =>
  z.strictObject({
    status: z.enum(trackingStatuses),
    at: Timestamp,
    location: z.string().trim().max(200).optional(),
  }),
);

/** One shipment of an order: what left which warehouse, when, with which carrier. */
export const Shipment = lazySchema(() =>
  z.object({
    id: prefixedId('shp'),
    orderId: prefixedId('ord'),
    warehouseId: z.string(),
    warehouseName: z.string().nullable(),
    lines: z.array(
      z.object({
        lineId: z.string(),
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        unit: z.string(),
        quantity: z.number().int(),
        /** Its cost of goods (base currency minor units). */
        cost: z.number().int(),
      }),
    ),
    carrierCode: z.enum(carrierCodes).nullable(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    at: Timestamp,
    trackingUrl: z.string().nullable(),
    /** What the carrier reported (a logistics partner posts these), oldest first. */
    tracking: z.array(z.object({ status: z.enum(trackingStatuses), at: Timestamp, location: z.string().nullable() })),
    deliveredAt: Timestamp.nullable(),
  }),
);
export type Shipment = z.infer<typeof Shipment>;
export const ShipmentParams = lazySchema(() =>
  z.strictObject({ id: prefixedId('ord'), shipmentId: prefixedId('shp') }),
);

export const TimelineEntry = lazySchema(() =>
  z.object({
    id: z.string(),
    type: z.string(),
    at: Timestamp,
    /** Who: a user (with their name), an API key, or the system (consumers and jobs). */
    actor: z.object({ kind: z.string(), id: z.string(), name: z.string().nullable() }),
    comment: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  }),
);

export const ApprovalRule = lazySchema(() =>
  z.strictObject({
    name: text(60),
    /** What the rule approves: sales orders (default) or purchase orders. */
    kind: z.enum(['order', 'purchase']).default('order'),
    when: z.strictObject({
      orderTotalGte: Money.optional(),
      discountBpsGte: Bps.optional(),
      priceOverride: z.boolean().optional(),
      creditExceeded: z.boolean().optional(),
      customerTiers: z.array(text(30)).min(1).max(20).optional(),
    }),
    steps: z.array(Role).min(1).max(5),
  }),
);
export const ApprovalWorkflow = lazySchema(() =>
  z.object({
    rules: z.array(ApprovalRule),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  }),
);
export type ApprovalWorkflow = z.infer<typeof ApprovalWorkflow>;
export const PutApprovalWorkflowBody = lazySchema(() => z.strictObject({ rules: z.array(ApprovalRule).max(20) }));

export { priceRules };

export const CustomerSummary = lazySchema(() =>
  z.object({
    customerId: z.string(),
    currency: z.string(),
    /** Confirmed and later orders, not cancelled or rejected. */
    lifetimeValue: Money,
    orderCount: z.number().int(),
    openOrders: z.number().int(),
    /** Invoiced and not yet paid. */
    outstandingReceivables: Money,
    /** Paid and not yet applied to an invoice (预收款): deposits and transfers waiting to be allocated. */
    credit: Money,
    creditLimit: Money.nullable(),
    creditExposure: Money,
    lastOrderAt: Timestamp.nullable(),
  }),
);

export const bulkActions = ['submit', 'approve', 'ship', 'cancel'] as const;
/** One action on many orders (the list's bulk bar): each order is its own transaction, with its own result. */
export const BulkBody = lazySchema(() =>
  z.strictObject({
    action: z.enum(bulkActions),
    ids: z
      .array(prefixedId('ord'))
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'each order once'),
    /** Cancel: why (required for cancel). Approve: a comment. */
    reason: z.string().trim().min(1).max(1000).optional(),
  }),
);
export const BulkResult = lazySchema(() =>
  z.object({
    action: z.enum(bulkActions),
    succeeded: z.number().int(),
    failed: z.number().int(),
    results: z.array(
      z.object({
        id: z.string(),
        ok: z.boolean(),
        /** The order's status after the action, when it succeeded. */
        status: z.enum(orderStatuses).nullable(),
        number: z.string().nullable(),
        problem: z.object({ code: z.string(), detail: z.string() }).nullable(),
      }),
    ),
  }),
);

/** A change after confirmation: the order's whole new set of lines (an existing line by lineId, a new one by productId). */
export const RevisionBody = lazySchema(() =>
  z.strictObject({
    lines: z
      .array(
        z
          .strictObject({
            lineId: z.string().min(1).max(40).optional(),
            productId: prefixedId('prd').optional(),
            quantity: z.number().int().min(1).max(1e9),
            unitPrice: z.number().int().min(0).max(MAX_AMOUNT).optional(),
            discountBps: z.number().int().min(0).max(10_000).optional(),
          })
          .refine(
            (l) => Boolean(l.lineId) !== Boolean(l.productId),
            'give either lineId (an existing line) or productId (a new one)',
          ),
      )
      .min(1)
      .max(40),
    requestedDeliveryDate: z.string().date().nullable().optional(),
    shippingAddress: OrderAddress.nullable().optional(),
    notes: z.string().trim().max(2000).nullable().optional(),
    reason: text(500),
  }),
);
const Change = <T extends z.ZodType>(t: T) => z.object({ from: t, to: t }).nullable();
export const Revision = lazySchema(() =>
  z.object({
    n: z.number().int(),
    at: Timestamp,
    by: z.string(),
    reason: z.string(),
    lines: z.array(
      z.object({
        lineId: z.string(),
        sku: z.string(),
        name: z.string(),
        change: z.enum(['added', 'removed', 'changed']),
        quantity: Change(z.number().int()),
        unitPrice: Change(z.number().int()),
        discountBps: Change(z.number().int()),
      }),
    ),
    fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    totalBefore: z.number().int(),
    totalAfter: z.number().int(),
    /** The order's status after it: back to pending_approval when the new order matches approval rules. */
    status: z.enum(orderStatuses),
  }),
);
export type Revision = z.infer<typeof Revision>;

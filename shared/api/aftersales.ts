import * as z from 'zod';
import { BillPaymentBody } from './purchasing.ts';
import { CustomFields, ListQuery, Money, Timestamp, prefixedId, text } from './common.ts';
import { CustomFieldFilter } from './custom-fields.ts';
import {
  dispositions,
  paymentMethods,
  returnReasons,
  returnResolutions,
  returnStatuses,
  ticketChannels,
  ticketKinds,
  ticketPriorities,
  ticketStatuses,
} from './enums.ts';
import { lazySchema } from './lazy.ts';

export {
  dispositions,
  returnReasons,
  returnResolutions,
  returnStatuses,
  ticketChannels,
  ticketKinds,
  ticketPriorities,
  ticketStatuses,
};

const Notes = lazySchema(() => z.string().trim().max(2000));

// ---- returns (退货 / RMA) -------------------------------------------------------------------

export const CreateReturnBody = lazySchema(() =>
  z.strictObject({
    lines: z
      .array(
        z.strictObject({
          lineId: z.string().min(1).max(40),
          quantity: z.number().int().min(1).max(1e9),
          reason: z.enum(returnReasons),
        }),
      )
      .min(1)
      .max(40)
      .refine((l) => new Set(l.map((x) => x.lineId)).size === l.length, 'each line once'),
    resolution: z.enum(returnResolutions),
    notes: Notes.optional(),
    /** The ticket the customer's call opened, if any: the return shows on it. */
    ticketId: prefixedId('tk').optional(),
  }),
);

export const ReturnLine = lazySchema(() =>
  z.object({
    lineId: z.string(),
    productId: z.string(),
    sku: z.string(),
    name: z.string(),
    unit: z.string(),
    quantity: z.number().int(),
    reason: z.enum(returnReasons),
    received: z.number().int(),
    disposition: z.enum(dispositions).nullable(),
    /** What the returned quantity was sold for, tax included, at the order's prices (order currency). */
    total: z.number().int(),
    tax: z.number().int(),
  }),
);
export const Return = lazySchema(() =>
  z.object({
    id: prefixedId('rma'),
    number: z.string(),
    status: z.enum(returnStatuses),
    resolution: z.enum(returnResolutions),
    orderId: z.string(),
    orderNumber: z.string(),
    customerId: z.string(),
    customerName: z.string(),
    salesRepId: z.string().nullable(),
    ticketId: z.string().nullable(),
    ticketNumber: z.string().nullable(),
    currency: z.string(),
    lines: z.array(ReturnLine),
    total: z.number().int(),
    notes: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    warehouseId: z.string().nullable(),
    receivedAt: Timestamp.nullable(),
    creditNoteId: z.string().nullable(),
    creditNoteNumber: z.string().nullable(),
    replacementOrderId: z.string().nullable(),
    replacementOrderNumber: z.string().nullable(),
    /** The customer's one-use rating link (服务评价), once the return is closed. */
    ratingUrl: z.string().nullable(),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: Timestamp }).nullable(),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Return = z.infer<typeof Return>;
export const ListReturnsQuery = lazySchema(() =>
  ListQuery.extend({
    status: z.enum(returnStatuses).optional(),
    ticketId: prefixedId('tk').optional(),
    customerId: prefixedId('cus').optional(),
    orderId: prefixedId('ord').optional(),
  }),
);
export const RejectReturnBody = lazySchema(() => z.strictObject({ reason: text(1000) }));
export const ReceiveReturnBody = lazySchema(() =>
  z.strictObject({
    warehouseId: prefixedId('wh'),
    lines: z
      .array(
        z.strictObject({
          lineId: z.string().min(1).max(40),
          quantity: z.number().int().min(0).max(1e9),
          disposition: z.enum(dispositions),
        }),
      )
      .min(1)
      .max(40)
      .refine((l) => new Set(l.map((x) => x.lineId)).size === l.length, 'each line once'),
  }),
);

// ---- credit notes (红字) and refunds --------------------------------------------------------

export const creditNoteStatuses = ['open', 'settled'] as const;
export const CreditNote = lazySchema(() =>
  z.object({
    id: prefixedId('cn'),
    number: z.string(),
    /** `settled` once nothing of it is left to apply or refund. */
    status: z.enum(creditNoteStatuses),
    customerId: z.string(),
    customerName: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    returnId: z.string(),
    returnNumber: z.string(),
    currency: z.string(),
    fxRate: z.string(),
    pricesIncludeTax: z.boolean(),
    lines: z.array(
      z.object({
        lineId: z.string(),
        sku: z.string(),
        name: z.string(),
        unit: z.string(),
        quantity: z.number().int(),
        unitPrice: z.number().int(),
        taxRate: z.number().int(),
        subtotal: z.number().int(),
        tax: z.number().int(),
        total: z.number().int(),
      }),
    ),
    subtotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    /** What it took off the order's open invoices when it was issued. */
    applied: z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string(), amount: z.number().int() })),
    /** The rest, which became the customer's credit. */
    credited: z.number().int(),
    refunded: z.number().int(),
    /** What can be refunded now: the credit not yet refunded nor spent on later invoices. */
    refundable: z.number().int(),
    refunds: z.array(
      z.object({
        amount: z.number().int(),
        method: z.enum(paymentMethods),
        reference: z.string().nullable(),
        paidAt: Timestamp,
        recordedBy: z.string(),
      }),
    ),
    /** The payment record (method `credit_note`) through which it settles invoices and holds the customer's credit. */
    paymentId: z.string(),
    issueDate: z.string().date(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type CreditNote = z.infer<typeof CreditNote>;
export const ListCreditNotesQuery = lazySchema(() => ListQuery.extend({ customerId: prefixedId('cus').optional() }));
/** Money paid out to the customer: the same shape as a bill payment to a supplier. */
export const RefundBody = BillPaymentBody;

// ---- tickets (工单) -------------------------------------------------------------------------

export const CreateTicketBody = lazySchema(() =>
  z.strictObject({
    customerId: prefixedId('cus'),
    orderId: prefixedId('ord').optional(),
    kind: z.enum(ticketKinds),
    priority: z.enum(ticketPriorities).default('normal'),
    subject: text(200),
    description: z.string().trim().max(5000).default(''),
    channel: z.enum(ticketChannels).default('phone'),
    /** The company's own fields (GET /v1/custom-fields, entity `ticket`). */
    customFields: CustomFields.default({}),
  }),
);
export const PatchTicketBody = lazySchema(() =>
  z
    .strictObject({
      assigneeId: prefixedId('usr').nullable(),
      priority: z.enum(ticketPriorities),
      status: z.enum(ticketStatuses),
      subject: text(200),
      description: z.string().trim().max(5000),
      customFields: CustomFields,
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);

export const Ticket = lazySchema(() =>
  z.object({
    id: prefixedId('tk'),
    number: z.string(),
    status: z.enum(ticketStatuses),
    kind: z.enum(ticketKinds),
    priority: z.enum(ticketPriorities),
    subject: z.string(),
    description: z.string(),
    channel: z.enum(ticketChannels),
    customerId: z.string(),
    customerName: z.string(),
    orderId: z.string().nullable(),
    orderNumber: z.string().nullable(),
    assigneeId: z.string().nullable(),
    /** When the first reply to the customer and the resolution are due by the company's SLA for the priority. */
    firstResponseDue: Timestamp,
    resolutionDue: Timestamp,
    firstRespondedAt: Timestamp.nullable(),
    resolvedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    /** Which SLA timers were missed (an alert opened for each). */
    breached: z.array(z.enum(['first_response', 'resolution'])),
    reopened: z.number().int(),
    comments: z.number().int(),
    ratingUrl: z.string().nullable(),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: Timestamp }).nullable(),
    /** Tickets from before the company's own fields existed have none. */
    customFields: z.record(z.string(), z.unknown()).default({}),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Ticket = z.infer<typeof Ticket>;
export const ListTicketsQuery = lazySchema(() =>
  ListQuery.extend({
    status: z.enum(ticketStatuses).optional(),
    assigneeId: z.union([prefixedId('usr'), z.literal('me'), z.literal('none')]).optional(),
    customerId: prefixedId('cus').optional(),
    /** Filters on the company's filterable own fields: `cf.<key>=<value>`. */
    cf: CustomFieldFilter.optional(),
  }),
);
export const CommentBody = lazySchema(() => z.strictObject({ body: text(5000), internal: z.boolean().default(false) }));
export const TicketComment = lazySchema(() =>
  z.object({
    id: z.string(),
    ticketId: z.string(),
    body: z.string(),
    /** Internal notes are for staff; external comments are what was said to the customer (they count as the first response). */
    internal: z.boolean(),
    authorId: z.string(),
    at: Timestamp,
  }),
);
export type TicketComment = z.infer<typeof TicketComment>;

// ---- ratings (服务评价), public -------------------------------------------------------------

export const RatingToken = lazySchema(() => z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,120}$/) }));
export const RatingView = lazySchema(() =>
  z.object({
    companyName: z.string(),
    locale: z.enum(['zh-CN', 'en']),
    subject: z.object({ type: z.enum(['ticket', 'return']), number: z.string(), title: z.string() }),
    expiresAt: Timestamp,
  }),
);
export const RateBody = lazySchema(() =>
  z.strictObject({
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(1000).optional(),
  }),
);
export const Rated = lazySchema(() => z.object({ ok: z.literal(true) }));

// ---- after-sales report ---------------------------------------------------------------------

export const AfterSalesReportQuery = lazySchema(() =>
  z.strictObject({ from: z.string().date(), to: z.string().date() }),
);
export const AfterSalesReport = lazySchema(() =>
  z.object({
    from: z.string(),
    to: z.string(),
    returns: z.object({
      count: z.number().int(),
      byProduct: z.array(
        z.object({
          productId: z.string(),
          sku: z.string(),
          name: z.string(),
          returned: z.number().int(),
          shipped: z.number().int(),
          /** Units returned ÷ units shipped in the period, 0..1. */
          rate: z.number(),
        }),
      ),
      byReason: z.array(
        z.object({ reason: z.enum(returnReasons), units: z.number().int(), returns: z.number().int() }),
      ),
    }),
    tickets: z.object({
      count: z.number().int(),
      byKind: z.array(z.object({ kind: z.enum(ticketKinds), count: z.number().int() })),
      /** Of the tickets resolved in the period, the share resolved within their SLA (null when none). */
      slaMet: z.number().nullable(),
      open: z.number().int(),
    }),
    ratings: z.object({ count: z.number().int(), average: z.number().nullable() }),
  }),
);

// ---- the customer's timeline ----------------------------------------------------------------

export const timelineKinds = ['order', 'payment', 'return', 'ticket', 'note'] as const;
export const CustomerTimeline = lazySchema(() =>
  z.object({
    items: z.array(
      z.object({
        kind: z.enum(timelineKinds),
        id: z.string(),
        at: Timestamp,
        /** The document's number (order, return, ticket), the payment's reference, or null. */
        number: z.string().nullable(),
        /** A line to show: a note's text, a ticket's subject, a payment's method. */
        title: z.string(),
        status: z.string().nullable(),
        amount: Money.nullable(),
        /** Where it is in the web app. */
        link: z.string(),
      }),
    ),
  }),
);

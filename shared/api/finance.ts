import * as z from 'zod';
import { RATE_PATTERN } from '../domain/money.ts';
import { CurrencyCode, ListQuery, Money, Timestamp, prefixedId, text } from './common.ts';
import {
  agingBuckets,
  fapiaoStatuses,
  fapiaoTypes,
  invoiceStatuses,
  paymentMethods,
  settlementMethods,
  paymentStatuses,
} from './enums.ts';
import { OrderLine } from './orders.ts';
import { lazySchema } from './lazy.ts';

export {
  agingBuckets,
  fapiaoStatuses,
  fapiaoTypes,
  invoiceStatuses,
  paymentMethods,
  paymentStatuses,
  settlementMethods,
};

/** An exchange rate: base-currency units per one unit, as a decimal string ("7.1234"); never a float. */
export const Rate = lazySchema(() =>
  z.string().regex(RATE_PATTERN, 'a positive decimal with up to 8 places, e.g. 7.1234'),
);

const Day = lazySchema(() => z.string().date());

/** An invoice line is the order line it bills, for the quantity it bills. */
export const InvoiceLine = lazySchema(() =>
  OrderLine.pick({
    lineId: true,
    productId: true,
    sku: true,
    name: true,
    unit: true,
    quantity: true,
    unitPrice: true,
    discountBps: true,
    taxRate: true,
    subtotal: true,
    tax: true,
    total: true,
  }),
);

/** The buyer's 开票信息 as it stood when the invoice was issued. */
export const BuyerBilling = lazySchema(() =>
  z.object({
    title: z.string(),
    taxId: z.string().nullable(),
    bankName: z.string().nullable(),
    bankAccount: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    fapiaoType: z.enum(fapiaoTypes),
  }),
);

/** A fapiao issued in the tax system (增值税发票), recorded against the invoice. Red (红字) ones are negative. */
export const FapiaoRecord = lazySchema(() =>
  z.object({
    id: prefixedId('fpo'),
    type: z.enum(fapiaoTypes),
    number: z.string(),
    issuedAt: z.string().date(),
    amount: z.number().int(),
    recordedBy: z.string(),
    createdAt: Timestamp,
  }),
);
export const Fapiao = lazySchema(() =>
  z.object({
    status: z.enum(fapiaoStatuses),
    requestedAt: Timestamp.nullable(),
    /** What the recorded fapiao add up to (red ones subtract). */
    issuedAmount: z.number().int(),
    records: z.array(FapiaoRecord),
  }),
);
export type Fapiao = z.infer<typeof Fapiao>;

export const Invoice = lazySchema(() =>
  z.object({
    id: prefixedId('inv'),
    number: z.string(),
    status: z.enum(invoiceStatuses),
    orderId: z.string(),
    orderNumber: z.string(),
    shipmentId: z.string().nullable(),
    customerId: z.string(),
    customerName: z.string(),
    /** The order's sales rep: whose data scope the invoice is in. */
    salesRepId: z.string().nullable(),
    currency: z.string(),
    /** Base-currency units per one unit of `currency` when it was issued ("1" in the base currency). */
    fxRate: z.string(),
    /** Whether the lines' unit prices include tax (the order's 含税 setting). */
    pricesIncludeTax: z.boolean(),
    buyer: BuyerBilling.nullable(),
    fapiao: Fapiao,
    lines: z.array(InvoiceLine),
    subtotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    amountPaid: z.number().int(),
    amountDue: z.number().int(),
    issueDate: Day,
    dueDate: Day,
    paymentTermsDays: z.number().int(),
    paidAt: Timestamp.nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Invoice = z.infer<typeof Invoice>;

export const Allocation = lazySchema(() =>
  z.object({
    invoiceId: z.string(),
    invoiceNumber: z.string(),
    amount: z.number().int(),
    at: Timestamp,
  }),
);

/**
 * A customer payment (收款): money received once, applied (核销) to one or more invoices of the same
 * customer and currency. What is not applied is the customer's credit (预收款); a payment against
 * an order (a deposit, 款到发货) is applied to that order's invoices as they are issued.
 */
export const Payment = lazySchema(() =>
  z.object({
    id: prefixedId('pay'),
    customerId: z.string(),
    customerName: z.string(),
    amount: Money,
    method: z.enum(settlementMethods),
    reference: z.string().nullable(),
    receivedAt: Timestamp,
    /** The order it is a deposit on, if any. */
    orderId: z.string().nullable(),
    orderNumber: z.string().nullable(),
    fxRate: z.string(),
    status: z.enum(paymentStatuses),
    allocated: z.number().int(),
    unallocated: z.number().int(),
    allocations: z.array(Allocation),
    reversal: z.object({ reason: z.string(), at: Timestamp, by: z.string() }).nullable(),
    recordedBy: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Payment = z.infer<typeof Payment>;

/** A payment as an invoice sees it: the part of it applied to this invoice. */
export const InvoicePayment = lazySchema(() =>
  z.object({
    id: prefixedId('pay'),
    invoiceId: z.string(),
    customerId: z.string(),
    amount: Money,
    method: z.enum(settlementMethods),
    reference: z.string().nullable(),
    receivedAt: Timestamp,
    recordedBy: z.string(),
    createdAt: Timestamp,
    /** Set when the payment was reversed: the amount no longer counts. */
    reversedAt: Timestamp.nullable(),
  }),
);
export type InvoicePayment = z.infer<typeof InvoicePayment>;

export const InvoiceDetail = lazySchema(() => Invoice.extend({ payments: z.array(InvoicePayment) }));

/** A customer's statement of account (对账单) for a period, in the company's language unless asked. */
export const StatementQuery = lazySchema(() =>
  z
    .strictObject({ from: Day, to: Day, lang: z.enum(['zh-CN', 'en']).optional() })
    .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] }),
);

export const ListInvoicesQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    status: z.enum(invoiceStatuses).optional(),
    customerId: prefixedId('cus').optional(),
    orderId: prefixedId('ord').optional(),
    /** Finance's daily screen: invoices still waiting for a fapiao (`not_requested`, `requested`). */
    fapiaoStatus: z.enum(['not_requested', 'requested']).optional(),
  }),
);
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuery>;

const PositiveMoney = lazySchema(() => Money.refine((m) => m.amount > 0, 'must be more than zero'));
export const CreatePaymentBody = lazySchema(() =>
  z.strictObject({
    amount: PositiveMoney,
    method: z.enum(paymentMethods),
    reference: text(100).optional(),
    receivedAt: Timestamp,
  }),
);

export const AllocationInput = lazySchema(() =>
  z.strictObject({
    invoiceId: prefixedId('inv'),
    amount: z.number().int().min(1).max(1e15),
  }),
);
const Allocations = lazySchema(() =>
  z
    .array(AllocationInput)
    .min(1)
    .max(25)
    .refine((a) => new Set(a.map((x) => x.invoiceId)).size === a.length, 'each invoice once'),
);

export const CustomerPaymentBody = lazySchema(() =>
  z.strictObject({
    amount: PositiveMoney,
    method: z.enum(paymentMethods),
    reference: text(100).optional(),
    receivedAt: Timestamp,
    /** A deposit (定金 / 款到发货) on this order: applied to its invoices as they are issued. */
    orderId: prefixedId('ord').optional(),
    allocations: Allocations.optional(),
  }),
);
export const AllocateBody = lazySchema(() => z.strictObject({ allocations: Allocations }));
export const ReverseBody = lazySchema(() => z.strictObject({ reason: text(500) }));
export const ListPaymentsQuery = ListQuery;

export const ExchangeRate = lazySchema(() =>
  z.strictObject({
    currency: CurrencyCode,
    rate: Rate,
    validFrom: Day,
  }),
);
export const PutExchangeRatesBody = lazySchema(() =>
  z
    .strictObject({ rates: z.array(ExchangeRate).max(200) })
    .refine((b) => new Set(b.rates.map((r) => `${r.currency}|${r.validFrom}`)).size === b.rates.length, {
      message: 'one rate per currency and day',
      path: ['rates'],
    }),
);
export const ExchangeRates = lazySchema(() =>
  z.object({
    baseCurrency: z.string(),
    rates: z.array(z.object({ currency: z.string(), rate: Rate, validFrom: Day })),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  }),
);
export type ExchangeRates = z.infer<typeof ExchangeRates>;

export const RecordFapiaoBody = lazySchema(() =>
  z.strictObject({
    type: z.enum(fapiaoTypes),
    number: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{8,20}$/, '8 to 20 digits or letters (全电发票 have 20 digits)'),
    issuedAt: Day,
    /** Minor units of the invoice's currency; a red-letter (红字) fapiao is negative. */
    amount: z
      .number()
      .int()
      .min(-1e15)
      .max(1e15)
      .refine((n) => n !== 0, 'must not be zero'),
  }),
);
export const FapiaoRequestBody = lazySchema(() =>
  z.strictObject({
    invoiceIds: z
      .array(prefixedId('inv'))
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'each invoice once'),
  }),
);
export const FapiaoRequestResult = lazySchema(() => z.object({ invoices: z.array(Invoice) }));
export const FapiaoExportQuery = lazySchema(() =>
  z.strictObject({
    status: z.enum(['not_requested', 'requested']).default('requested'),
    lang: z.enum(['zh-CN', 'en']).optional(),
  }),
);
/** An Excel workbook, sent as its bytes. */
export const Xlsx = lazySchema(() =>
  z.custom<Uint8Array>((b) => b instanceof Uint8Array, 'an xlsx workbook').meta({ type: 'string', format: 'binary' }),
);

const Buckets = lazySchema(() =>
  z.object(
    Object.fromEntries(agingBuckets.map((b) => [b, z.number().int()])) as Record<
      (typeof agingBuckets)[number],
      z.ZodNumber
    >,
  ),
);
export const Aging = lazySchema(() =>
  z.object({
    asOf: Day,
    /** The base currency: `totals` and each customer's `base*` amounts are in it, at each invoice's stored rate. */
    currency: z.string(),
    totals: Buckets.extend({ total: z.number().int() }),
    /** The same buckets per currency the invoices are in (nothing foreign is left out of `totals`). */
    byCurrency: z.array(Buckets.extend({ currency: z.string(), total: z.number().int(), baseTotal: z.number().int() })),
    customers: z.array(
      Buckets.extend({
        customerId: z.string(),
        customerName: z.string(),
        /** The customer's buckets are in its own currency; `baseTotal` is their sum in the base currency. */
        currency: z.string(),
        total: z.number().int(),
        baseTotal: z.number().int(),
        invoices: z.number().int(),
      }),
    ),
  }),
);
export type Aging = z.infer<typeof Aging>;
export const AgingQuery = lazySchema(() => z.strictObject({ asOf: Day.optional() }));
/** The payment made, and the invoice as it now stands. */
export const PaymentResult = lazySchema(() => Payment.extend({ invoice: Invoice }));
/** A payment and the invoices it touched, as they now stand. */
export const PaymentWithInvoices = lazySchema(() => Payment.extend({ invoices: z.array(Invoice) }));

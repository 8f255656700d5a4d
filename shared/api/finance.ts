import * as z from 'zod';
import { Money, Timestamp, prefixedId, text } from './common.ts';
import { agingBuckets, invoiceStatuses, paymentMethods } from './enums.ts';
import { OrderLine } from './orders.ts';

export { agingBuckets, invoiceStatuses, paymentMethods };

const Day = z.string().date();

/** An invoice line is the order line it bills, for the quantity it bills. */
export const InvoiceLine = OrderLine.pick({
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
});

export const Invoice = z.object({
  id: prefixedId('inv'),
  number: z.string(),
  status: z.enum(invoiceStatuses),
  orderId: z.string(),
  orderNumber: z.string(),
  shipmentId: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  currency: z.string(),
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
});
export type Invoice = z.infer<typeof Invoice>;

export const Payment = z.object({
  id: prefixedId('pay'),
  invoiceId: z.string(),
  customerId: z.string(),
  amount: Money,
  method: z.enum(paymentMethods),
  reference: z.string().nullable(),
  receivedAt: Timestamp,
  recordedBy: z.string(),
  createdAt: Timestamp,
});
export type Payment = z.infer<typeof Payment>;

export const InvoiceDetail = Invoice.extend({ payments: z.array(Payment) });

/** A customer's statement of account (对账单) for a period, in the company's language unless asked. */
export const StatementQuery = z
  .strictObject({ from: Day, to: Day, lang: z.enum(['zh-CN', 'en']).optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export const ListInvoicesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
  status: z.enum(invoiceStatuses).optional(),
  customerId: prefixedId('cus').optional(),
  orderId: prefixedId('ord').optional(),
});
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuery>;

export const CreatePaymentBody = z.strictObject({
  amount: Money.refine((m) => m.amount > 0, 'must be more than zero'),
  method: z.enum(paymentMethods),
  reference: text(100).optional(),
  receivedAt: Timestamp,
});

const Buckets = z.object(
  Object.fromEntries(agingBuckets.map((b) => [b, z.number().int()])) as Record<
    (typeof agingBuckets)[number],
    z.ZodNumber
  >,
);
export const Aging = z.object({
  asOf: Day,
  currency: z.string(),
  totals: Buckets.extend({ total: z.number().int() }),
  customers: z.array(
    Buckets.extend({
      customerId: z.string(),
      customerName: z.string(),
      currency: z.string(),
      total: z.number().int(),
      invoices: z.number().int(),
    }),
  ),
});
export type Aging = z.infer<typeof Aging>;
export const AgingQuery = z.strictObject({ asOf: Day.optional() });
/** The payment made, and the invoice as it now stands. */
export const PaymentResult = Payment.extend({ invoice: Invoice });

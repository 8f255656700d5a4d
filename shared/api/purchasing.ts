import * as z from 'zod';
import { ListQuery, CurrencyCode, CustomFields, Money, Timestamp, prefixedId, text } from './common.ts';
import { Billing, Contact } from './customers.ts';
import { Approval } from './orders.ts';
import { importFormats, paymentMethods } from './enums.ts';
import { CustomFieldFilter } from './custom-fields.ts';
import { lazySchema } from './lazy.ts';

const Day = lazySchema(() => z.string().date());
const Cost = lazySchema(() => z.number().int().min(0).max(1e13));

/** What a supplier sells us: its code for it, our cost, how long it takes and the least it ships. */
export const SupplierProduct = lazySchema(() =>
  z.strictObject({
    productId: prefixedId('prd'),
    supplierSku: z.string().trim().max(60).nullable().default(null),
    cost: Cost,
    leadTimeDays: z.number().int().min(0).max(365).default(7),
    minOrderQuantity: z.number().int().min(1).max(1e9).default(1),
  }),
);

/** A function: the bodies build it. */
const supplierFields = () => ({
  name: text(120),
  contacts: z.array(Contact).max(20),
  paymentTermsDays: z.number().int().min(0).max(365),
  currency: CurrencyCode,
  billing: Billing.nullable(),
  products: z.array(SupplierProduct).max(500),
  /** The company's own fields (GET /v1/custom-fields, entity `supplier`). */
  customFields: CustomFields,
});
export const CreateSupplierBody = lazySchema(() => {
  const fields = supplierFields();
  return z.strictObject({
    ...fields,
    contacts: fields.contacts.default([]),
    paymentTermsDays: fields.paymentTermsDays.default(30),
    currency: fields.currency.optional(),
    billing: fields.billing.default(null),
    products: fields.products.default([]),
    customFields: fields.customFields.default({}),
  });
});
export const PatchSupplierBody = lazySchema(() =>
  z
    .strictObject(supplierFields())
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);

export const Supplier = lazySchema(() =>
  z.object({
    id: prefixedId('sup'),
    name: z.string(),
    contacts: z.array(z.record(z.string(), z.unknown())),
    paymentTermsDays: z.number().int(),
    currency: z.string(),
    billing: z.record(z.string(), z.unknown()).nullable(),
    products: z.array(
      z.object({
        productId: z.string(),
        supplierSku: z.string().nullable(),
        cost: z.number().int(),
        leadTimeDays: z.number().int(),
        minOrderQuantity: z.number().int(),
      }),
    ),
    customFields: z.record(z.string(), z.unknown()).default({}),
    archivedAt: Timestamp.nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Supplier = z.infer<typeof Supplier>;
export const ListSuppliersQuery = lazySchema(() =>
  ListQuery.extend({
    /** Any part of the name or its pinyin, a contact's phone digits. */
    q: z.string().trim().min(1).max(120).optional(),
    /** Filters on the company's filterable own fields: `cf.<key>=<value>`. */
    cf: CustomFieldFilter.optional(),
  }),
);

export const purchaseOrderStatuses = [
  'draft',
  'pending_approval',
  'approved',
  'partially_received',
  'received',
  'rejected',
  'cancelled',
  'closed',
] as const;

const PoLineInput = lazySchema(() =>
  z.strictObject({
    productId: prefixedId('prd'),
    quantity: z.number().int().min(1).max(1e9),
    /** In the order's currency; default the supplier's cost. */
    unitCost: Cost.optional(),
  }),
);
export const CreatePurchaseOrderBody = lazySchema(() =>
  z.strictObject({
    supplierId: prefixedId('sup'),
    warehouseId: prefixedId('wh').optional(),
    currency: CurrencyCode.optional(),
    lines: z.array(PoLineInput).min(1).max(40),
    expectedAt: Day.optional(),
    notes: z.string().trim().max(2000).optional(),
  }),
);
export const PatchPurchaseOrderBody = lazySchema(() =>
  z
    .strictObject({
      lines: z.array(PoLineInput).min(1).max(40),
      expectedAt: Day.nullable(),
      notes: z.string().trim().max(2000).nullable(),
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);

export const PurchaseOrderLine = lazySchema(() =>
  z.object({
    lineId: z.string(),
    productId: z.string(),
    sku: z.string(),
    name: z.string(),
    unit: z.string(),
    quantity: z.number().int(),
    unitCost: z.number().int(),
    total: z.number().int(),
    received: z.number().int(),
  }),
);
export const PurchaseOrder = lazySchema(() =>
  z.object({
    id: prefixedId('po'),
    number: z.string(),
    status: z.enum(purchaseOrderStatuses),
    supplierId: z.string(),
    supplierName: z.string(),
    warehouseId: z.string(),
    currency: z.string(),
    fxRate: z.string(),
    lines: z.array(PurchaseOrderLine),
    total: z.number().int(),
    approval: Approval,
    expectedAt: Day.nullable(),
    notes: z.string().nullable(),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;
export const ListPurchaseOrdersQuery = lazySchema(() =>
  ListQuery.extend({
    status: z.enum(purchaseOrderStatuses).optional(),
    supplierId: prefixedId('sup').optional(),
  }),
);
export const ReceiptBody = lazySchema(() =>
  z.strictObject({
    warehouseId: prefixedId('wh').optional(),
    lines: z
      .array(
        z.strictObject({
          lineId: z.string().min(1).max(40),
          quantity: z.number().int().min(1).max(1e9),
          /** What this delivery cost per unit, if it differs from the order's (order currency). */
          unitCost: Cost.optional(),
        }),
      )
      .min(1)
      .max(40),
  }),
);
export const DecisionBody = lazySchema(() => z.strictObject({ comment: z.string().trim().max(1000).optional() }));
export const RejectBody = lazySchema(() => z.strictObject({ reason: text(1000) }));

export const billStatuses = ['open', 'partially_paid', 'paid'] as const;
export const Bill = lazySchema(() =>
  z.object({
    id: prefixedId('bil'),
    number: z.string(),
    status: z.enum(billStatuses),
    supplierId: z.string(),
    supplierName: z.string(),
    purchaseOrderId: z.string(),
    purchaseOrderNumber: z.string(),
    receiptId: z.string(),
    currency: z.string(),
    fxRate: z.string(),
    lines: z.array(
      z.object({
        lineId: z.string(),
        productId: z.string(),
        quantity: z.number().int(),
        unitCost: z.number().int(),
        total: z.number().int(),
      }),
    ),
    total: z.number().int(),
    amountPaid: z.number().int(),
    amountDue: z.number().int(),
    issueDate: Day,
    dueDate: Day,
    paidAt: Timestamp.nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Bill = z.infer<typeof Bill>;
export const ListBillsQuery = lazySchema(() =>
  ListQuery.extend({
    status: z.enum(billStatuses).optional(),
    supplierId: prefixedId('sup').optional(),
  }),
);
export const BillPaymentBody = lazySchema(() =>
  z.strictObject({
    amount: Money.refine((m) => m.amount > 0, 'must be more than zero'),
    method: z.enum(paymentMethods),
    reference: text(100).optional(),
    paidAt: Timestamp,
  }),
);
export const PayablesAging = lazySchema(() =>
  z.object({
    asOf: Day,
    currency: z.string(),
    totals: z.object({ current: z.number().int(), overdue: z.number().int(), total: z.number().int() }),
    suppliers: z.array(
      z.object({
        supplierId: z.string(),
        supplierName: z.string(),
        currency: z.string(),
        current: z.number().int(),
        overdue: z.number().int(),
        total: z.number().int(),
        baseTotal: z.number().int(),
      }),
    ),
  }),
);

export const PayablesAgingQuery = lazySchema(() => z.strictObject({ asOf: Day.optional() }));
/** The purchase order after a delivery, with the receipt and the bill it made. */
export const ReceivedPurchaseOrder = lazySchema(() =>
  PurchaseOrder.extend({
    receipt: z.object({
      id: z.string(),
      warehouseId: z.string(),
      lines: z.array(
        z.object({ lineId: z.string(), productId: z.string(), quantity: z.number().int(), unitCost: z.number().int() }),
      ),
      billId: z.string(),
      at: Timestamp,
    }),
    bill: Bill,
  }),
);

export const SuggestionsQuery = lazySchema(() => z.strictObject({ warehouseId: prefixedId('wh').optional() }));
/** What to buy (补货建议): per product and warehouse, what it has, needs and has coming, and from whom. */
export const Suggestion = lazySchema(() =>
  z.object({
    productId: z.string(),
    sku: z.string(),
    name: z.string(),
    warehouseId: z.string(),
    available: z.number().int(),
    safetyStock: z.number().int(),
    /** Ordered from suppliers and not yet received (approved or partly received purchase orders). */
    onOrder: z.number().int(),
    /** Sales orders entered or waiting for approval, not yet reserved. */
    openDemand: z.number().int(),
    leadTimeDays: z.number().int().nullable(),
    suggestedQuantity: z.number().int(),
    supplierId: z.string().nullable(),
    supplierName: z.string().nullable(),
    unitCost: z.number().int().nullable(),
  }),
);
export type Suggestion = z.infer<typeof Suggestion>;
export const Suggestions = lazySchema(() => z.object({ items: z.array(Suggestion) }));
export const FromSuggestionsBody = lazySchema(() =>
  z.strictObject({
    lines: z
      .array(
        z.strictObject({
          productId: prefixedId('prd'),
          warehouseId: prefixedId('wh'),
          quantity: z.number().int().min(1).max(1e9),
          supplierId: prefixedId('sup'),
        }),
      )
      .min(1)
      .max(200),
  }),
);
export const PurchaseOrderList = lazySchema(() => z.object({ items: z.array(PurchaseOrder) }));

/** `posting` only between the transactions of a sheet with more differences than one transaction holds. */
export const stocktakeStatuses = ['draft', 'posting', 'posted'] as const;
/** A count sheet as entered (one line per product), or as a file read by the `stock` import's reader. */
export const CreateStocktakeBody = lazySchema(() =>
  z.union([
    z.strictObject({
      warehouseId: prefixedId('wh'),
      lines: z
        .array(z.strictObject({ productId: prefixedId('prd'), counted: z.number().int().min(0).max(1e9) }))
        .min(1)
        .max(1000)
        .refine((l) => new Set(l.map((x) => x.productId)).size === l.length, 'each product once'),
    }),
    z.strictObject({
      warehouseId: prefixedId('wh'),
      /** 商品编码 and 数量 (or 盘点数量 / 实盘数量) columns, as the `stock` import reads them. */
      format: z.enum(importFormats),
      file: z
        .string()
        .min(4)
        .max(1_000_000)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
    }),
  ]),
);
export const ListStocktakesQuery = lazySchema(() =>
  ListQuery.extend({
    status: z.enum(stocktakeStatuses).optional(),
    warehouseId: prefixedId('wh').optional(),
  }),
);
/** A count sheet (盘点): what was counted against what the books say, shown before anything is posted. */
export const Stocktake = lazySchema(() =>
  z.object({
    id: prefixedId('stk'),
    status: z.enum(stocktakeStatuses),
    warehouseId: z.string(),
    lines: z.array(
      z.object({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        expected: z.number().int(),
        counted: z.number().int(),
        difference: z.number().int(),
      }),
    ),
    postedAt: Timestamp.nullable(),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Stocktake = z.infer<typeof Stocktake>;

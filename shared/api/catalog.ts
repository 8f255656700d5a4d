import * as z from 'zod';
import { CustomFields, Money, Timestamp, prefixedId, text } from './common.ts';
import { priceRules } from './enums.ts';
import { CustomFieldFilter } from './custom-fields.ts';
import { lazySchema } from './lazy.ts';

export { priceRules };

const Sku = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'letters, digits and . _ - / only'),
);
const Unit = lazySchema(() => text(12));
const TaxRate = lazySchema(() => z.number().int().min(0).max(10_000));

export const CreateProductBody = lazySchema(() =>
  z.strictObject({
    sku: Sku,
    name: text(200),
    unit: Unit.default('件'),
    price: Money,
    /** Omitted: the company's `defaultTaxRate` (13 % for a general taxpayer, 3 % or 1 % for a small-scale one). */
    taxRate: TaxRate.optional(),
    safetyStock: z.number().int().min(0).max(1e9).default(0),
    active: z.boolean().default(true),
    description: z.string().trim().max(2000).nullable().default(null),
    /** The company's own fields (规格, 产地 …), checked against its definitions. */
    customFields: CustomFields.default({}),
  }),
);
export const PatchProductBody = lazySchema(() =>
  z
    .strictObject({
      name: text(200),
      unit: Unit,
      price: Money,
      taxRate: TaxRate,
      safetyStock: z.number().int().min(0).max(1e9),
      active: z.boolean(),
      description: z.string().trim().max(2000).nullable(),
      customFields: CustomFields,
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);

export const Product = lazySchema(() =>
  z.object({
    id: prefixedId('prd'),
    sku: z.string(),
    name: z.string(),
    unit: z.string(),
    price: Money,
    taxRate: z.number().int(),
    safetyStock: z.number().int(),
    active: z.boolean(),
    description: z.string().nullable(),
    customFields: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Product = z.infer<typeof Product>;

export const ListProductsQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    /** Any part of the name, its pinyin (full or initials) or the SKU. */
    q: z.string().trim().min(1).max(40).optional(),
    /** Without q: `newest` (default) or `sku`. With q: best match first. */
    sort: z.enum(['newest', 'sku']).optional(),
    active: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** Filters on the company's filterable own fields: `cf.<key>=<value>`. */
    cf: CustomFieldFilter.optional(),
  }),
);

export const CreateWarehouseBody = lazySchema(() =>
  z.strictObject({
    code: z
      .string()
      .trim()
      .min(1)
      .max(12)
      .regex(/^[A-Z0-9-]+$/, 'capital letters, digits and -'),
    name: text(80),
    address: z.string().trim().max(300).nullable().default(null),
  }),
);
export const PatchWarehouseBody = lazySchema(() =>
  z
    .strictObject({
      name: text(80),
      address: z.string().trim().max(300).nullable(),
      active: z.boolean(),
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);
export const Warehouse = lazySchema(() =>
  z.object({
    id: prefixedId('wh'),
    code: z.string(),
    name: z.string(),
    address: z.string().nullable().default(null),
    isDefault: z.boolean(),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Warehouse = z.infer<typeof Warehouse>;

export const PriceListEntry = lazySchema(() =>
  z.strictObject({
    productId: prefixedId('prd'),
    price: Money,
    minQuantity: z.number().int().min(1).max(1e9).default(1),
  }),
);
export const CreatePriceListBody = lazySchema(() =>
  z.strictObject({
    name: text(80),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('CNY'),
    /** Customer tiers this list applies to (customers can also name the list directly). */
    tiers: z.array(text(30)).max(20).default([]),
    entries: z.array(PriceListEntry).max(2000).default([]),
  }),
);
export const PatchPriceListBody = lazySchema(() =>
  z
    .strictObject({
      name: text(80),
      tiers: z.array(text(30)).max(20),
      entries: z.array(PriceListEntry).max(2000),
      active: z.boolean(),
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);
export const PriceList = lazySchema(() =>
  z.object({
    id: prefixedId('prl'),
    name: z.string(),
    currency: z.string(),
    tiers: z.array(z.string()),
    entries: z.array(z.object({ productId: z.string(), price: Money, minQuantity: z.number().int() })),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type PriceList = z.infer<typeof PriceList>;

export const QuoteBody = lazySchema(() =>
  z.strictObject({
    customerId: prefixedId('cus'),
    lines: z
      .array(z.strictObject({ productId: prefixedId('prd'), quantity: z.number().int().min(1).max(1e9) }))
      .min(1)
      .max(200),
  }),
);
export const PriceRule = lazySchema(() =>
  z.object({
    kind: z.enum(priceRules),
    priceListId: z.string().nullable(),
    minQuantity: z.number().int().nullable(),
  }),
);
export const Quote = lazySchema(() =>
  z.object({
    customerId: z.string(),
    currency: z.string(),
    lines: z.array(z.object({ productId: z.string(), quantity: z.number().int(), unitPrice: Money, rule: PriceRule })),
  }),
);

import * as z from 'zod';
import { CurrencyCode, CustomFields, Money, Timestamp, prefixedId, text } from './common.ts';

import { customerKinds, customerStages, fapiaoTypes, noteChannels } from './enums.ts';
import { CustomFieldFilter } from './custom-fields.ts';
import { lazySchema } from './lazy.ts';

export { customerKinds, customerStages, fapiaoTypes, noteChannels };

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const Contact = lazySchema(() =>
  z.strictObject({
    name: text(80),
    phone: optionalText(40),
    // An emptied field arrives as '': it means no email.
    email: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
      z.string().trim().max(254).pipe(z.email()).nullable().optional(),
    ),
    title: optionalText(80),
    isPrimary: z.boolean().default(false),
  }),
);
export const Address = lazySchema(() =>
  z.strictObject({
    label: optionalText(40),
    country: z.string().trim().length(2).default('CN'),
    province: optionalText(40),
    city: optionalText(40),
    district: optionalText(40),
    line1: text(200),
    postalCode: optionalText(20),
    isDefault: z.boolean().default(false),
  }),
);

const Tag = lazySchema(() => text(30));

/** 开票信息: what the customer's fapiao must carry (name, 纳税人识别号, bank, address and phone) and which kind it wants. */
export const Billing = lazySchema(() =>
  z.strictObject({
    title: text(200),
    taxId: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-Z]{15,20}$/, '15 to 20 letters or digits (统一社会信用代码 is 18)')
      .nullable()
      .default(null),
    bankName: optionalText(100).default(null),
    bankAccount: optionalText(40).default(null),
    address: optionalText(200).default(null),
    phone: optionalText(40).default(null),
    fapiaoType: z.enum(fapiaoTypes).default('e_normal'),
  }),
);
export type Billing = z.infer<typeof Billing>;

/** Writable fields of a customer; create requires a name, everything else has a default. A function: the bodies build it. */
const customerFields = () => ({
  name: text(120),
  kind: z.enum(customerKinds),
  tier: text(30).nullable(),
  tags: z.array(Tag).max(20),
  stage: z.enum(customerStages),
  ownerId: prefixedId('usr').nullable(),
  contacts: z.array(Contact).max(20),
  addresses: z.array(Address).max(20),
  creditLimit: Money.nullable(),
  paymentTermsDays: z.number().int().min(0).max(365).nullable(),
  priceListId: prefixedId('prl').nullable(),
  /** The currency of its orders and price lists; default the company's base currency. */
  currency: CurrencyCode,
  billing: Billing.nullable(),
  customFields: CustomFields,
});

export const CreateCustomerBody = lazySchema(() => {
  const fields = customerFields();
  return z.strictObject({
    ...fields,
    kind: fields.kind.default('company'),
    tier: fields.tier.default(null),
    tags: fields.tags.default([]),
    stage: fields.stage.default('customer'),
    ownerId: fields.ownerId.default(null),
    contacts: fields.contacts.default([]),
    addresses: fields.addresses.default([]),
    creditLimit: fields.creditLimit.default(null),
    paymentTermsDays: fields.paymentTermsDays.default(null),
    priceListId: fields.priceListId.default(null),
    currency: fields.currency.optional(),
    billing: fields.billing.default(null),
    customFields: fields.customFields.default({}),
  });
});
export type CreateCustomerBody = z.infer<typeof CreateCustomerBody>;

export const PatchCustomerBody = lazySchema(() =>
  z
    .strictObject(customerFields())
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);
export type PatchCustomerBody = z.infer<typeof PatchCustomerBody>;

export const Customer = lazySchema(() =>
  z.object({
    id: prefixedId('cus'),
    name: z.string(),
    kind: z.enum(customerKinds),
    tier: z.string().nullable(),
    tags: z.array(z.string()),
    stage: z.enum(customerStages),
    ownerId: z.string().nullable(),
    contacts: z.array(
      z.object({
        name: z.string(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        title: z.string().nullable(),
        isPrimary: z.boolean(),
      }),
    ),
    addresses: z.array(
      z.object({
        label: z.string().nullable(),
        country: z.string(),
        province: z.string().nullable(),
        city: z.string().nullable(),
        district: z.string().nullable(),
        line1: z.string(),
        postalCode: z.string().nullable(),
        isDefault: z.boolean(),
      }),
    ),
    creditLimit: Money.nullable(),
    paymentTermsDays: z.number().int().nullable(),
    priceListId: z.string().nullable(),
    currency: z.string(),
    billing: z
      .object({
        title: z.string(),
        taxId: z.string().nullable(),
        bankName: z.string().nullable(),
        bankAccount: z.string().nullable(),
        address: z.string().nullable(),
        phone: z.string().nullable(),
        fapiaoType: z.enum(fapiaoTypes),
      })
      .nullable(),
    customFields: z.record(z.string(), z.unknown()),
    archivedAt: Timestamp.nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Customer = z.infer<typeof Customer>;

export const ListCustomersQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    /** Any part of the name, its pinyin (full or initials), a contact's name or phone digits, the tax id. */
    q: z.string().trim().min(1).max(120).optional(),
    /** Without q: `newest` (default) or `name`. With q: best match first. */
    sort: z.enum(['newest', 'name']).optional(),
    tier: z.string().trim().min(1).max(30).optional(),
    tag: z.string().trim().min(1).max(30).optional(),
    stage: z.enum(customerStages).optional(),
    ownerId: prefixedId('usr').optional(),
    /** `true`: only the shared pool (公海), the customers nobody owns. */
    pool: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** Filters on the company's filterable own fields: `cf.<key>=<value>`. */
    cf: CustomFieldFilter.optional(),
  }),
);
export type ListCustomersQuery = z.infer<typeof ListCustomersQuery>;

export const CreateNoteBody = lazySchema(() =>
  z.strictObject({
    channel: z.enum(noteChannels),
    body: text(4000),
    at: Timestamp.optional(),
    /** When to follow up (下次跟进): the customer's owner is reminded then. */
    nextFollowUpAt: Timestamp.nullable().optional(),
  }),
);
export const Note = lazySchema(() =>
  z.object({
    id: prefixedId('not'),
    customerId: z.string(),
    channel: z.enum(noteChannels),
    body: z.string(),
    at: Timestamp,
    nextFollowUpAt: Timestamp.nullable(),
    /** Who is reminded when the follow-up is due. */
    followUpUserId: z.string().nullable(),
    followUpRemindedAt: Timestamp.optional(),
    authorId: z.string(),
    createdAt: Timestamp,
  }),
);
export type Note = z.infer<typeof Note>;

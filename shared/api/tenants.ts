import * as z from 'zod';
import { CustomFieldsConfig } from './custom-fields.ts';
import { isTimeZone } from '../domain/dates.ts';
import { CurrencyCode, Locale, Role, Timestamp, prefixedId, roles, text } from './common.ts';
import { invoicingPolicies, userStatuses } from './enums.ts';
import { lazySchema } from './lazy.ts';

export { invoicingPolicies, userStatuses };

export const Password = lazySchema(() =>
  z
    .string()
    .min(8)
    .max(128)
    .regex(/[a-z]/, 'needs a lowercase letter')
    .regex(/[A-Z]/, 'needs an uppercase letter')
    .regex(/[0-9]/, 'needs a digit'),
);
export const Email = lazySchema(() => z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)));

/** An IANA time zone: business days (numbers, reports, due dates, CSV times) are days there. */
export const TimeZone = lazySchema(() =>
  z.string().max(64).refine(isTimeZone, 'an IANA time zone, e.g. Asia/Shanghai'),
);
/** VAT rates in basis points: 1300 = 13 % (general taxpayers), 300 / 100 for small-scale taxpayers. */
export const TaxRate = lazySchema(() => z.number().int().min(0).max(10_000));
/** Where the web app lives, for links in mail and robot messages. */
export const AppUrl = lazySchema(() =>
  z
    .url({ protocol: /^https?$/ })
    .max(300)
    .transform((u) => u.replace(/\/+$/, '')),
);

export const SignupBody = lazySchema(() =>
  z.strictObject({
    companyName: text(120),
    adminEmail: Email,
    adminPassword: Password,
    adminName: text(80).optional(),
    locale: Locale.default('zh-CN'),
    baseCurrency: CurrencyCode.default('CNY'),
    timeZone: TimeZone.default('Asia/Shanghai'),
  }),
);

export const Tenant = lazySchema(() =>
  z.object({
    id: prefixedId('ten'),
    companyName: z.string(),
    locale: Locale,
    baseCurrency: CurrencyCode,
    createdAt: Timestamp,
  }),
);
export type Tenant = z.infer<typeof Tenant>;

export const User = lazySchema(() =>
  z.object({
    id: prefixedId('usr'),
    email: z.string(),
    name: z.string().nullable(),
    role: Role,
    departmentId: z.string().nullable(),
    /** A mobile number: robots @mention it (DingTalk, WeCom). */
    phone: z.string().nullable(),
    status: z.enum(userStatuses),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type User = z.infer<typeof User>;

export const Tokens = lazySchema(() =>
  z.object({
    idToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int(),
  }),
);
export type Tokens = z.infer<typeof Tokens>;

export const SignupResult = lazySchema(() => z.object({ tenant: Tenant, user: User, tokens: Tokens }));

export const LoginBody = lazySchema(() => z.strictObject({ email: Email, password: z.string().min(1).max(256) }));
export const LoginResult = lazySchema(() =>
  z.union([Tokens, z.object({ challenge: z.literal('NEW_PASSWORD_REQUIRED'), session: z.string() })]),
);
export const RefreshBody = lazySchema(() => z.strictObject({ refreshToken: z.string().min(1).max(8192) }));
export const RefreshResult = lazySchema(() => z.object({ idToken: z.string(), expiresIn: z.number().int() }));
export const NewPasswordBody = lazySchema(() =>
  z.strictObject({
    email: Email,
    session: z.string().min(1).max(8192),
    newPassword: Password,
  }),
);

export const ForgotPasswordBody = lazySchema(() => z.strictObject({ email: Email }));
export const ResetPasswordBody = lazySchema(() =>
  z.strictObject({
    email: Email,
    code: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{4,12}$/, 'the code from the mail'),
    newPassword: Password,
  }),
);
export const Accepted = lazySchema(() => z.object({ accepted: z.literal(true) }));

export const Me = lazySchema(() =>
  z.object({
    user: User,
    tenant: Tenant,
    role: Role,
    permissions: z.array(z.string()),
    /** The company's own fields (definitions and removed ones), for the forms; GET /v1/custom-fields is the admins'. */
    customFields: CustomFieldsConfig.pick({ fields: true, removed: true }),
  }),
);

const Phone = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'a phone number, e.g. 13800138000'),
);
export const InviteUserBody = lazySchema(() =>
  z.strictObject({
    email: Email,
    role: Role,
    name: text(80).optional(),
    departmentId: prefixedId('dep').nullable().optional(),
    phone: Phone.nullable().optional(),
  }),
);
export const PatchUserBody = lazySchema(() =>
  z.strictObject({
    role: Role.optional(),
    name: text(80).nullable().optional(),
    departmentId: prefixedId('dep').nullable().optional(),
    phone: Phone.nullable().optional(),
  }),
);

/** A colleague as everyone in the company may see them: who owns a customer, who is an order's rep. */
export const Person = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string(),
    role: Role,
    departmentId: z.string().nullable(),
  }),
);

/** A department (部门): a sales team, a branch; may sit under another and have a manager. */
export const Department = lazySchema(() =>
  z.object({
    id: prefixedId('dep'),
    name: z.string(),
    parentId: z.string().nullable(),
    managerId: z.string().nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type Department = z.infer<typeof Department>;
export const CreateDepartmentBody = lazySchema(() =>
  z.strictObject({
    name: text(60),
    parentId: prefixedId('dep').nullable().default(null),
    managerId: prefixedId('usr').nullable().default(null),
  }),
);
export const PatchDepartmentBody = lazySchema(() =>
  z
    .strictObject({
      name: text(60),
      parentId: prefixedId('dep').nullable(),
      managerId: prefixedId('usr').nullable(),
    })
    .partial()
    .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
);

/** What a role sees: only its own customers and orders, its department's (and sub-departments'), or all. */
export const DataScope = lazySchema(() => z.enum(['own', 'department', 'all']));
export type DataScope = z.infer<typeof DataScope>;
export const DataScopes = lazySchema(() =>
  z.object(Object.fromEntries(roles.map((r) => [r, DataScope])) as Record<(typeof roles)[number], typeof DataScope>),
);
/** New companies: sales reps see their own; every other role sees all. */
export const defaultDataScopes = Object.fromEntries(roles.map((r) => [r, r === 'sales' ? 'own' : 'all'])) as Record<
  (typeof roles)[number],
  DataScope
>;

export const NumberPrefix = lazySchema(() =>
  z.string().regex(/^[A-Z][A-Z0-9]{0,7}$/, '1-8 capital letters or digits, starting with a letter'),
);
/** Minutes to the first reply to the customer and to the resolution, per ticket priority. */
const SlaTimes = lazySchema(() =>
  z.strictObject({
    firstResponseMinutes: z.number().int().min(1).max(43_200),
    resolutionMinutes: z.number().int().min(1).max(129_600),
  }),
);
export const TicketSla = lazySchema(() =>
  z.strictObject({ low: SlaTimes, normal: SlaTimes, high: SlaTimes, urgent: SlaTimes }),
);
export const defaultTicketSla: z.infer<typeof TicketSla> = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 120, resolutionMinutes: 1_440 },
  normal: { firstResponseMinutes: 480, resolutionMinutes: 4_320 },
  low: { firstResponseMinutes: 1_440, resolutionMinutes: 10_080 },
};
export const ticketAssignments = ['round_robin', 'none'] as const;

export const Settings = lazySchema(() =>
  z.object({
    companyName: z.string(),
    legalName: z.string().nullable(),
    taxId: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    /** The seller's bank (开户行 and 账号), printed on the 销售结算单 and in the fapiao request. */
    bankName: z.string().nullable(),
    bankAccount: z.string().nullable(),
    locale: Locale,
    baseCurrency: CurrencyCode,
    numbering: z.object({ order: NumberPrefix, invoice: NumberPrefix }),
    invoicingPolicy: z.enum(invoicingPolicies),
    defaultPaymentTermsDays: z.number().int().min(0).max(365),
    approvalWaitingHours: z.number().int().min(1).max(720),
    timeZone: z.string(),
    /** Whether prices (product, price lists, order lines) are quoted tax-inclusive (含税). Each order snapshots it. */
    pricesIncludeTax: z.boolean(),
    /** A product without its own tax rate takes this one (bps). */
    defaultTaxRate: z.number().int(),
    appUrl: z.string().nullable(),
    /** What each role sees of customers and orders (the owner always sees all). */
    dataScopes: DataScopes,
    /** 售后 SLA per ticket priority; a missed timer opens a `ticket_sla_breached` alert. */
    ticketSla: TicketSla,
    /** New tickets: round robin among the support staff, or left for someone to take. */
    ticketAssignment: z.enum(ticketAssignments),
    /** `refuse`: an order confirms only with all of its stock; `allow`: what is there is reserved, the rest backordered. */
    backorders: z.enum(['refuse', 'allow']),
    version: z.number().int(),
    updatedAt: Timestamp,
  }),
);
export type Settings = z.infer<typeof Settings>;

export const PatchSettingsBody = lazySchema(() =>
  z.strictObject({
    companyName: text(120).optional(),
    legalName: text(200).nullable().optional(),
    taxId: text(40).nullable().optional(),
    phone: text(40).nullable().optional(),
    address: text(300).nullable().optional(),
    bankName: text(100).nullable().optional(),
    bankAccount: text(40).nullable().optional(),
    locale: Locale.optional(),
    baseCurrency: CurrencyCode.optional(),
    numbering: z.strictObject({ order: NumberPrefix.optional(), invoice: NumberPrefix.optional() }).optional(),
    invoicingPolicy: z.enum(invoicingPolicies).optional(),
    defaultPaymentTermsDays: z.number().int().min(0).max(365).optional(),
    approvalWaitingHours: z.number().int().min(1).max(720).optional(),
    timeZone: TimeZone.optional(),
    pricesIncludeTax: z.boolean().optional(),
    defaultTaxRate: TaxRate.optional(),
    appUrl: AppUrl.nullable().optional(),
    dataScopes: DataScopes.partial().optional(),
    ticketSla: TicketSla.partial().optional(),
    ticketAssignment: z.enum(ticketAssignments).optional(),
    backorders: z.enum(['refuse', 'allow']).optional(),
  }),
);

import * as z from 'zod';
import { CurrencyCode, Locale, Role, Timestamp, prefixedId, text } from './common.ts';
import { invoicingPolicies, userStatuses } from './enums.ts';

export { invoicingPolicies, userStatuses };

export const Password = z
  .string()
  .min(8)
  .max(128)
  .regex(/[a-z]/, 'needs a lowercase letter')
  .regex(/[A-Z]/, 'needs an uppercase letter')
  .regex(/[0-9]/, 'needs a digit');
export const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

export const SignupBody = z.strictObject({
  companyName: text(120),
  adminEmail: Email,
  adminPassword: Password,
  adminName: text(80).optional(),
  locale: Locale.default('zh-CN'),
  baseCurrency: CurrencyCode.default('CNY'),
});

export const Tenant = z.object({
  id: prefixedId('ten'),
  companyName: z.string(),
  locale: Locale,
  baseCurrency: CurrencyCode,
  createdAt: Timestamp,
});
export type Tenant = z.infer<typeof Tenant>;

export const User = z.object({
  id: prefixedId('usr'),
  email: z.string(),
  name: z.string().nullable(),
  role: Role,
  status: z.enum(userStatuses),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const Tokens = z.object({
  idToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
});
export type Tokens = z.infer<typeof Tokens>;

export const SignupResult = z.object({ tenant: Tenant, user: User, tokens: Tokens });

export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(256) });
export const LoginResult = z.union([
  Tokens,
  z.object({ challenge: z.literal('NEW_PASSWORD_REQUIRED'), session: z.string() }),
]);
export const RefreshBody = z.strictObject({ refreshToken: z.string().min(1).max(8192) });
export const RefreshResult = z.object({ idToken: z.string(), expiresIn: z.number().int() });
export const NewPasswordBody = z.strictObject({
  email: Email,
  session: z.string().min(1).max(8192),
  newPassword: Password,
});

export const Me = z.object({
  user: User,
  tenant: Tenant,
  role: Role,
  permissions: z.array(z.string()),
});

export const InviteUserBody = z.strictObject({ email: Email, role: Role, name: text(80).optional() });
export const PatchUserBody = z.strictObject({ role: Role.optional(), name: text(80).nullable().optional() });

export const NumberPrefix = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,7}$/, '1-8 capital letters or digits, starting with a letter');
export const Settings = z.object({
  companyName: z.string(),
  legalName: z.string().nullable(),
  taxId: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  locale: Locale,
  baseCurrency: CurrencyCode,
  numbering: z.object({ order: NumberPrefix, invoice: NumberPrefix }),
  invoicingPolicy: z.enum(invoicingPolicies),
  defaultPaymentTermsDays: z.number().int().min(0).max(365),
  approvalWaitingHours: z.number().int().min(1).max(720),
  version: z.number().int(),
  updatedAt: Timestamp,
});
export type Settings = z.infer<typeof Settings>;

export const PatchSettingsBody = z.strictObject({
  companyName: text(120).optional(),
  legalName: text(200).nullable().optional(),
  taxId: text(40).nullable().optional(),
  phone: text(40).nullable().optional(),
  address: text(300).nullable().optional(),
  locale: Locale.optional(),
  baseCurrency: CurrencyCode.optional(),
  numbering: z.strictObject({ order: NumberPrefix.optional(), invoice: NumberPrefix.optional() }).optional(),
  invoicingPolicy: z.enum(invoicingPolicies).optional(),
  defaultPaymentTermsDays: z.number().int().min(0).max(365).optional(),
  approvalWaitingHours: z.number().int().min(1).max(720).optional(),
});

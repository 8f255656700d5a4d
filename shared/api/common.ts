import * as z from 'zod';

import { locales, roles, scopes } from './enums.ts';
import { lazySchema } from './lazy.ts';

export { locales, roles, scopes };
/** Roles of a tenant's staff, from most to least powerful. */
export const Role = lazySchema(() => z.enum(roles));
export type Role = z.infer<typeof Role>;

/** Scopes a partner API key may carry. */
export const Scope = lazySchema(() => z.enum(scopes));
export type Scope = z.infer<typeof Scope>;

export const Locale = lazySchema(() => z.enum(locales));
export type Locale = z.infer<typeof Locale>;

export const CurrencyCode = lazySchema(() => z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. CNY'));

/** Money is integer minor units plus an ISO 4217 code; never a float. */
export const Money = lazySchema(() =>
  z.strictObject({
    amount: z.number().int().min(-1e15).max(1e15),
    currency: CurrencyCode,
  }),
);
export type Money = z.infer<typeof Money>;

export const Timestamp = lazySchema(() => z.string().datetime());

/**
 * The largest amount (minor units) one line, price or payment may carry: 1e13 fen is ¥100 billion.
 * Forty lines of it still add up below 2^53, so every total stays an exact integer.
 */
export const MAX_AMOUNT = 10_000_000_000_000;

/** A number DynamoDB stores exactly and JSON round-trips: finite, |n| within a safe integer, no denormal dust. */
const StorableNumber = lazySchema(() =>
  z
    .number()
    .refine(
      (n) => Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER && (n === 0 || Math.abs(n) >= 1e-9),
      'must be a number between -9007199254740991 and 9007199254740991, and 0 or at least 1e-9 in size',
    ),
);
/** Keys that would shadow an object's own machinery in JavaScript code that reads the bag. */
const reservedKeys = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);
/** A company's own fields on a record: short keys, plain values. */
export const CustomFields = lazySchema(() =>
  z
    .record(
      z
        .string()
        .min(1)
        .max(40)
        .refine((k) => !reservedKeys.has(k) && !k.startsWith('__'), 'is a reserved name'),
      z.union([z.string().max(500), StorableNumber, z.boolean(), z.null(), z.array(z.string().max(60)).max(50)]),
    )
    .refine((fields) => Object.keys(fields).length <= 50, 'at most 50 custom fields'),
);

export function prefixedId(prefix: string) {
  return z.string().regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `a ${prefix}_ id`);
}

export const Limit = lazySchema(() => z.coerce.number().int().min(1).max(100).default(25));
export const Cursor = lazySchema(() => z.string().min(1).max(2048));
export const ListQuery = lazySchema(() => z.strictObject({ limit: Limit, cursor: Cursor.optional() }));

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A trimmed, non-empty line of text a person typed. */
export function text(max: number) {
  return z.string().trim().min(1).max(max);
}

/** RFC 9457 problem details; a code's extension members (problems.ts) may follow, and clients ignore members they do not know. */
export const Problem = lazySchema(() =>
  z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    /** This occurrence: the request's URN (quote it to support, with requestId). */
    instance: z.string().optional(),
    /** A code of the problem catalog (`x-problems` in this document). */
    code: z.string(),
    requestId: z.string().optional(),
    /** Field errors: where, an English message, and the validation code (zod's issue code) for translating it. */
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  }),
);
export type Problem = z.infer<typeof Problem>;

/** Printable documents (invoice, delivery note): in the company's language unless another is asked for. */
export const PrintQuery = lazySchema(() => z.strictObject({ lang: z.enum(['zh-CN', 'en']).optional() }));
export const Html = lazySchema(() => z.string());

export const IdParams = (prefix: string) => z.strictObject({ id: prefixedId(prefix) });

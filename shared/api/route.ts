import type * as z from 'zod';
import type { Role, Scope } from './common.ts';
import type { ProblemCode } from './problems.ts';
import type { AuditEntity } from './audit.ts';

export const modules = [
  'system',
  'tenants',
  'customers',
  'catalog',
  'inventory',
  'orders',
  'imports',
  'finance',
  'purchasing',
  'aftersales',
  'alerts',
  'reports',
  'partners',
] as const;
export type ModuleName = (typeof modules)[number];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: Method;
  path: `/v1/${string}`;
  module: ModuleName;
  operationId: string;
  summary: string;
  tag: string;
  /** `public` routes skip the authorizer; all others need a user token or an API key. */
  auth: 'public' | 'tenant';
  roles: readonly Role[];
  /** API-key scopes that allow the call; empty means staff only. */
  scopes: readonly Scope[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status: 200, 201 (with Location) or 202. 204 answers no body. */
  status: 200 | 201 | 202 | 204;
  /** A document rather than JSON (printable HTML, CSV exports); the response schema is then a string. */
  /** A non-JSON answer; the xlsx one is binary (the handler returns a Buffer, sent base64 through the gateway). */
  contentType?:
    | 'text/html; charset=utf-8'
    | 'text/csv; charset=utf-8'
    | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    | 'application/zip';
  /** Takes `If-Match` and answers 412 when it is stale. */
  versioned?: boolean;
  /** The business problems this route may answer, besides those every route of its shape answers (problems.ts). */
  problems?: readonly ProblemCode[];
  /** The answer carries a `secret` shown once: an idempotent replay answers without it, and it is never stored. */
  secretInResponse?: boolean;
  /** Served to the people of a closed company too (its owner restoring it, or repeating the close); every other route answers 401 `tenant_closed`. */
  whileClosed?: true;
  /** A change the audit log records (who, when, before and after): the kind of record it changes. */
  audit?: AuditEntity;
}

/** Keeps every literal (module, operationId, auth) so handlers and the web client are typed per route. */
export function route<const D extends RouteDef>(def: D): D {
  return def;
}

export const everyone = [
  'owner',
  'admin',
  'sales',
  'warehouse',
  'finance',
  'support',
  'viewer',
] as const satisfies readonly Role[];
export const managers = ['owner', 'admin'] as const satisfies readonly Role[];

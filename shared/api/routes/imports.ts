import { IdParams, ListQuery, page } from '../common.ts';
import { route } from '../route.ts';
import * as imp from '../imports.ts';
import type { importKinds } from '../enums.ts';
import { customerWriters, orderTakers, stockKeepers } from './access.ts';
import { lazySchema } from '../lazy.ts';

/**
 * An import creates what its kind names, so its caller needs the roles or scopes of that create
 * route (createCustomer, createProduct, createOrder: a test holds these equal to the table).
 */
export const importPermissions = {
  customers: { roles: customerWriters, scopes: ['customers:write'], summary: 'Import customers' },
  products: { roles: stockKeepers, scopes: ['inventory:write'], summary: 'Import products' },
  orders: { roles: orderTakers, scopes: ['orders:write'], summary: 'Import orders' },
  stock: { roles: stockKeepers, scopes: ['inventory:write'], summary: 'Import stock receipts' },
} as const satisfies Record<
  (typeof importKinds)[number],
  { roles: readonly string[]; scopes: readonly string[]; summary: string }
>;
const importers = ['owner', 'admin', 'sales', 'warehouse'] as const;
const importScopes = ['orders:write', 'customers:write', 'inventory:write'] as const;

/** The imports module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const importsRoutes = [
  route({
    method: 'POST',
    path: '/v1/imports',
    module: 'imports',
    operationId: 'createImport',
    problems: ['empty_file', 'too_many_rows', 'unreadable_file'],
    tag: 'Imports',
    summary:
      'Import customers, products (with opening stock), orders or stock receipts from CSV (UTF-8, UTF-16 or GBK, detected) or Excel (.xlsx); the same file twice is one job. The caller needs the role or scope that creates the kind',
    auth: 'tenant',
    roles: importers,
    scopes: importScopes,
    body: imp.CreateImportBody,
    response: imp.ImportJob,
    status: 202,
  }),
  route({
    method: 'POST',
    path: '/v1/imports/preview',
    module: 'imports',
    operationId: 'previewImport',
    problems: ['empty_file', 'unreadable_file'],
    tag: 'Imports',
    summary:
      'Read a file as the import would (encoding, header row, the column each header maps to, the first 20 rows, warnings) and write nothing',
    auth: 'tenant',
    roles: importers,
    scopes: importScopes,
    body: imp.PreviewImportBody,
    response: imp.ImportPreview,
    status: 200,
  }),
  route({
    method: 'GET',
    path: '/v1/imports',
    module: 'imports',
    operationId: 'listImports',
    tag: 'Imports',
    summary: 'Recent imports, newest first',
    auth: 'tenant',
    roles: importers,
    scopes: ['orders:read', ...importScopes],
    query: ListQuery,
    response: lazySchema(() => page(imp.ImportJob)),
    status: 200,
  }),
  route({
    method: 'GET',
    path: '/v1/imports/{id}',
    module: 'imports',
    operationId: 'getImport',
    tag: 'Imports',
    summary: "An import's progress, per-row errors and created ids",
    auth: 'tenant',
    roles: importers,
    scopes: ['orders:read', ...importScopes],
    params: lazySchema(() => IdParams('imp')),
    response: imp.ImportJob,
    status: 200,
  }),
] as const;

import { IdParams, ListQuery, page } from '../common.ts';
import { route } from '../route.ts';
import * as imp from '../imports.ts';

/** The imports module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const importsRoutes = [
  route({ method: 'POST', path: '/v1/imports', module: 'imports', operationId: 'createImport', tag: 'Imports',
    summary: 'Import customers, products or orders from CSV or Excel (.xlsx); the same file twice is one job', auth: 'tenant',
    roles: ['owner', 'admin', 'sales'], scopes: ['orders:write', 'customers:write', 'inventory:write'], body: imp.CreateImportBody, response: imp.ImportJob, status: 202 }),
  route({ method: 'GET', path: '/v1/imports', module: 'imports', operationId: 'listImports', tag: 'Imports',
    summary: 'Recent imports, newest first', auth: 'tenant', roles: ['owner', 'admin', 'sales'], scopes: ['orders:read', 'orders:write'],
    query: ListQuery, response: page(imp.ImportJob), status: 200 }),
  route({ method: 'GET', path: '/v1/imports/{id}', module: 'imports', operationId: 'getImport', tag: 'Imports',
    summary: 'An import\'s progress, per-row errors and created ids', auth: 'tenant', roles: ['owner', 'admin', 'sales'], scopes: ['orders:read', 'orders:write'],
    params: IdParams('imp'), response: imp.ImportJob, status: 200 }),
] as const;

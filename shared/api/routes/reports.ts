import { everyone, route } from '../route.ts';
import * as r from '../reports.ts';

/** The reports module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const reportsRoutes = [
  route({
    method: 'GET',
    path: '/v1/reports/dashboard',
    module: 'reports',
    operationId: 'getDashboard',
    tag: 'Reports',
    summary: 'Headline figures kept up to date from events',
    auth: 'tenant',
    roles: everyone,
    scopes: ['reports:read'],
    response: r.Dashboard,
    status: 200,
  }),
  route({
    method: 'GET',
    path: '/v1/reports/sales',
    module: 'reports',
    operationId: 'getSalesReport',
    tag: 'Reports',
    summary: 'Sales by day, week, month, product, customer, region or channel, from daily aggregates',
    auth: 'tenant',
    roles: ['owner', 'admin', 'sales', 'finance', 'viewer'],
    scopes: ['reports:read'],
    query: r.SalesQuery,
    response: r.SalesReport,
    status: 200,
  }),
  route({
    method: 'GET',
    path: '/v1/reports/{name}/export.csv',
    module: 'reports',
    operationId: 'exportReport',
    tag: 'Reports',
    summary: 'A report as CSV (UTF-8 with BOM, opens in Excel)',
    auth: 'tenant',
    roles: ['owner', 'admin', 'sales', 'finance', 'viewer'],
    scopes: ['reports:read'],
    params: r.ExportParams,
    query: r.ExportQuery,
    response: r.Csv,
    status: 200,
    contentType: 'text/csv; charset=utf-8',
  }),
] as const;

import { systemRoutes } from './routes/system.ts';
import { tenantsRoutes } from './routes/tenants.ts';
import { customersRoutes } from './routes/customers.ts';
import { ordersRoutes } from './routes/orders.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { importsRoutes } from './routes/imports.ts';
import { financeRoutes } from './routes/finance.ts';
import { purchasingRoutes } from './routes/purchasing.ts';
import { alertsRoutes } from './routes/alerts.ts';
import { partnersRoutes } from './routes/partners.ts';
import { reportsRoutes } from './routes/reports.ts';
import { afterSalesRoutes } from './routes/aftersales.ts';

/**
 * The route table: the single source of truth for the HTTP API. The CDK creates one route per
 * entry, the local gateway routes by it, the OpenAPI document and the web client's types come
 * from it.
 */
export const routes = [
  ...systemRoutes,
  ...tenantsRoutes,
  ...customersRoutes,
  ...ordersRoutes,
  ...catalogRoutes,
  ...inventoryRoutes,
  ...importsRoutes,
  ...financeRoutes,
  ...purchasingRoutes,
  ...afterSalesRoutes,
  ...alertsRoutes,
  ...partnersRoutes,
  ...reportsRoutes,
] as const;

export type Route = (typeof routes)[number];
export type OperationId = Route['operationId'];
export type RouteOf<O extends OperationId> = Extract<Route, { operationId: O }>;
export type ModuleRoutes<M extends Route['module']> = Extract<Route, { module: M }>;

import { page } from '../common.ts';
import { everyone, route } from '../route.ts';
import { stockKeepers } from './access.ts';
import * as inv from '../inventory.ts';
import { lazySchema } from '../lazy.ts';

/** The inventory module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const inventoryRoutes = [
  route({
    method: 'GET',
    path: '/v1/inventory',
    module: 'inventory',
    operationId: 'listLevels',
    tag: 'Inventory',
    summary: 'Stock levels per product and warehouse',
    auth: 'tenant',
    roles: everyone,
    scopes: ['inventory:read', 'inventory:write'],
    query: inv.ListLevelsQuery,
    response: lazySchema(() => page(inv.Level)),
    status: 200,
  }),
  route({
    method: 'POST',
    path: '/v1/inventory/movements',
    module: 'inventory',
    operationId: 'recordMovement',
    problems: ['unknown_product', 'unknown_warehouse', 'inactive_warehouse', 'insufficient_stock'],
    tag: 'Inventory',
    summary: 'Receive, adjust or transfer stock; each level change writes one ledger row',
    auth: 'tenant',
    roles: stockKeepers,
    scopes: ['inventory:write'],
    body: inv.MovementBody,
    response: inv.Movement,
    status: 201,
  }),
  route({
    method: 'GET',
    path: '/v1/inventory/movements',
    module: 'inventory',
    operationId: 'listMovements',
    tag: 'Inventory',
    summary: 'The stock ledger, newest first',
    auth: 'tenant',
    roles: everyone,
    scopes: ['inventory:read', 'inventory:write'],
    query: inv.ListMovementsQuery,
    response: lazySchema(() => page(inv.LedgerRow)),
    status: 200,
  }),
] as const;

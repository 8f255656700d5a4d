import { inventoryRoutes } from '#shared/api/routes/inventory.ts';
import { httpApi, Reply } from '#functions/platform/http.ts';
import * as inventory from './service.ts';

export const handler = httpApi(inventoryRoutes, {
  listLevels: ({ tenant, query }) => inventory.listLevels(tenant, query),
  // The ledger rows live in the product's ledger: Location names it.
  recordMovement: async ({ tenant, body }) =>
    new Reply(await inventory.recordMovement(tenant, body), {
      location: `/v1/inventory/movements?productId=${body.productId}`,
    }),
  listMovements: ({ tenant, query }) => inventory.listMovements(tenant, query),
});

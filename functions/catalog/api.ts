import { catalogRoutes } from '#shared/api/routes/catalog.ts';
import { httpApi } from '#functions/platform/http.ts';
import * as catalog from './service.ts';

export const handler = httpApi(catalogRoutes, {
  listProducts: ({ tenant, query }) => catalog.listProducts(tenant, query),
  createProduct: ({ tenant, body }) => catalog.createProduct(tenant, body),
  getProduct: ({ tenant, params }) => catalog.getProduct(tenant, params.id),
  updateProduct: ({ tenant, params, body, expectedVersion }) =>
    catalog.updateProduct(tenant, params.id, body, expectedVersion),
  listWarehouses: ({ tenant }) => catalog.listWarehouses(tenant),
  createWarehouse: ({ tenant, body }) => catalog.createWarehouse(tenant, body),
  updateWarehouse: ({ tenant, params, body, expectedVersion }) =>
    catalog.updateWarehouse(tenant, params.id, body, expectedVersion),
  listPriceLists: ({ tenant }) => catalog.listPriceLists(tenant),
  createPriceList: ({ tenant, body }) => catalog.createPriceList(tenant, body),
  getPriceList: ({ tenant, params }) => catalog.getPriceList(tenant, params.id),
  updatePriceList: ({ tenant, params, body, expectedVersion }) =>
    catalog.updatePriceList(tenant, params.id, body, expectedVersion),
  quotePrice: ({ tenant, body }) => catalog.quote(tenant, body),
});

import { IdParams, page } from '../common.ts';
import { everyone, route } from '../route.ts';
import { stockKeepers, pricers, catalogRead, orderRead } from './access.ts';
import * as cat from '../catalog.ts';

/** The catalog module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const catalogRoutes = [
  route({ method: 'GET', path: '/v1/products', module: 'catalog', operationId: 'listProducts', tag: 'Catalog',
    summary: 'List products; q finds by SKU prefix', auth: 'tenant', roles: everyone, scopes: catalogRead,
    query: cat.ListProductsQuery, response: page(cat.Product), status: 200 }),
  route({ method: 'POST', path: '/v1/products', module: 'catalog', operationId: 'createProduct', tag: 'Catalog',
    summary: 'Create a product (SKU unique in the company)', auth: 'tenant', roles: stockKeepers, scopes: ['inventory:write'],
    body: cat.CreateProductBody, response: cat.Product, status: 201 }),
  route({ method: 'GET', path: '/v1/products/{id}', module: 'catalog', operationId: 'getProduct', tag: 'Catalog',
    summary: 'Get a product', auth: 'tenant', roles: everyone, scopes: catalogRead, params: IdParams('prd'), response: cat.Product, status: 200 }),
  route({ method: 'PATCH', path: '/v1/products/{id}', module: 'catalog', operationId: 'updateProduct', tag: 'Catalog',
    summary: 'Change a product', auth: 'tenant', roles: stockKeepers, scopes: ['inventory:write'], params: IdParams('prd'),
    body: cat.PatchProductBody, response: cat.Product, status: 200, versioned: true }),
  route({ method: 'GET', path: '/v1/warehouses', module: 'catalog', operationId: 'listWarehouses', tag: 'Catalog',
    summary: 'List warehouses', auth: 'tenant', roles: everyone, scopes: catalogRead, response: page(cat.Warehouse), status: 200 }),
  route({ method: 'POST', path: '/v1/warehouses', module: 'catalog', operationId: 'createWarehouse', tag: 'Catalog',
    summary: 'Create a warehouse', auth: 'tenant', roles: ['owner', 'admin'], scopes: ['inventory:write'],
    body: cat.CreateWarehouseBody, response: cat.Warehouse, status: 201 }),
  route({ method: 'PATCH', path: '/v1/warehouses/{id}', module: 'catalog', operationId: 'updateWarehouse', tag: 'Catalog',
    summary: 'Change a warehouse', auth: 'tenant', roles: ['owner', 'admin'], scopes: ['inventory:write'], params: IdParams('wh'),
    body: cat.PatchWarehouseBody, response: cat.Warehouse, status: 200, versioned: true }),
  route({ method: 'GET', path: '/v1/price-lists', module: 'catalog', operationId: 'listPriceLists', tag: 'Catalog',
    summary: 'List price lists', auth: 'tenant', roles: pricers, scopes: orderRead, response: page(cat.PriceList), status: 200 }),
  route({ method: 'POST', path: '/v1/price-lists', module: 'catalog', operationId: 'createPriceList', tag: 'Catalog',
    summary: 'Create a price list with quantity breaks, for tiers or named customers', auth: 'tenant', roles: ['owner', 'admin'], scopes: ['orders:write'],
    body: cat.CreatePriceListBody, response: cat.PriceList, status: 201 }),
  route({ method: 'GET', path: '/v1/price-lists/{id}', module: 'catalog', operationId: 'getPriceList', tag: 'Catalog',
    summary: 'Get a price list', auth: 'tenant', roles: pricers, scopes: orderRead, params: IdParams('prl'), response: cat.PriceList, status: 200 }),
  route({ method: 'PATCH', path: '/v1/price-lists/{id}', module: 'catalog', operationId: 'updatePriceList', tag: 'Catalog',
    summary: 'Change a price list (entries are replaced as a list)', auth: 'tenant', roles: ['owner', 'admin'], scopes: ['orders:write'],
    params: IdParams('prl'), body: cat.PatchPriceListBody, response: cat.PriceList, status: 200, versioned: true }),
  route({ method: 'POST', path: '/v1/quotes/price', module: 'catalog', operationId: 'quotePrice', tag: 'Catalog',
    summary: 'Price lines for a customer, with the rule that produced each price', auth: 'tenant', roles: ['owner', 'admin', 'sales', 'finance', 'support'],
    scopes: orderRead, body: cat.QuoteBody, response: cat.Quote, status: 200 }),
] as const;

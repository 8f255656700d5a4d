import { purchasingRoutes } from '#shared/api/routes/purchasing.ts';
import { httpApi } from '#functions/platform/http.ts';
import * as p from './service.ts';
import * as planning from './planning.ts';
import { findWarehouse } from '#functions/catalog/reads.ts';
import { getSettings } from '#functions/tenants/settings.ts';

/** Printing loads the document renderers and print settings when a document is asked for: a few of the module's routes. */
const printing = () => Promise.all([import('./print.ts'), import('#functions/tenants/print-settings.ts')]);

export const handler = httpApi(purchasingRoutes, {
  listSuppliers: ({ tenant, query }) => p.listSuppliers(tenant, query),
  createSupplier: ({ tenant, body }) => p.createSupplier(tenant, body),
  getSupplier: ({ tenant, params }) => p.getSupplier(tenant, params.id),
  updateSupplier: ({ tenant, params, body, expectedVersion }) =>
    p.updateSupplier(tenant, params.id, body, expectedVersion),
  archiveSupplier: ({ tenant, params, expectedVersion }) => p.archiveSupplier(tenant, params.id, expectedVersion),
  listPurchaseOrders: ({ tenant, query }) => p.listPurchaseOrders(tenant, query),
  createPurchaseOrder: ({ tenant, body }) => p.createPurchaseOrder(tenant, body),
  getPurchaseOrder: ({ tenant, params }) => p.getPurchaseOrder(tenant, params.id),
  updatePurchaseOrder: ({ tenant, params, body, expectedVersion }) =>
    p.updatePurchaseOrder(tenant, params.id, body, expectedVersion),
  submitPurchaseOrder: ({ tenant, params, expectedVersion }) =>
    p.submitPurchaseOrder(tenant, params.id, expectedVersion),
  approvePurchaseOrder: ({ tenant, params, body, expectedVersion }) =>
    p.decidePurchaseOrder(tenant, params.id, 'approved', body.comment ?? null, expectedVersion),
  rejectPurchaseOrder: ({ tenant, params, body, expectedVersion }) =>
    p.decidePurchaseOrder(tenant, params.id, 'rejected', body.reason, expectedVersion),
  cancelPurchaseOrder: ({ tenant, params, expectedVersion }) =>
    p.cancelPurchaseOrder(tenant, params.id, expectedVersion),
  receivePurchaseOrder: ({ tenant, params, body, expectedVersion }) =>
    p.receivePurchaseOrder(tenant, params.id, body, expectedVersion),
  printPurchaseOrder: async ({ tenant, params, query }) => {
    const [{ renderPurchaseOrder }, { printExtras }] = await printing();
    const po = await p.getPurchaseOrder(tenant, params.id);
    const [supplier, warehouse, settings] = await Promise.all([
      p.getSupplier(tenant, po.supplierId).catch(() => undefined),
      findWarehouse(tenant, po.warehouseId),
      getSettings(tenant),
    ]);
    const lang = query.lang ?? settings.locale;
    const extras = await printExtras(tenant, null, lang, { baseCurrency: settings.baseCurrency });
    return renderPurchaseOrder(po, supplier, warehouse?.name ?? po.warehouseId, settings, lang, extras);
  },
  closePurchaseOrder: ({ tenant, params, expectedVersion }) => p.closePurchaseOrder(tenant, params.id, expectedVersion),
  listBills: ({ tenant, query }) => p.listBills(tenant, query),
  getBill: ({ tenant, params }) => p.getBill(tenant, params.id),
  payBill: ({ tenant, params, body, expectedVersion }) => p.payBill(tenant, params.id, body, expectedVersion),
  getPayablesAging: ({ tenant, query }) => p.payablesAging(tenant, query.asOf),
  getReorderSuggestions: ({ tenant, query }) => planning.suggestions(tenant, query.warehouseId),
  createPurchaseOrdersFromSuggestions: ({ tenant, body }) => planning.ordersFromSuggestions(tenant, body),
  createStocktake: ({ tenant, body }) => planning.createStocktake(tenant, body),
  listStocktakes: ({ tenant, query }) => planning.listStocktakes(tenant, query),
  getStocktake: ({ tenant, params }) => planning.getStocktake(tenant, params.id),
  postStocktake: ({ tenant, params, expectedVersion }) => planning.postStocktake(tenant, params.id, expectedVersion),
});

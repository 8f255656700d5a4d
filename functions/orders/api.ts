import { ordersRoutes } from '#shared/api/routes/orders.ts';
import { httpApi, Reply } from '#functions/platform/http.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as orders from './service.ts';

/**
 * Printing loads the document renderers and print settings when a document is asked for, the CSV
 * export its writer when a file is asked for: a few of the module's routes, kept out of every start.
 */
const printing = () => Promise.all([import('./print.ts'), import('#functions/tenants/print-settings.ts')]);

export const handler = httpApi(ordersRoutes, {
  listOrders: ({ tenant, query }) => orders.listOrders(tenant, query),
  exportOrders: async ({ tenant, query }) => {
    const { exportOrders } = await import('./export.ts');
    return new Reply(await exportOrders(tenant, query), { 'content-disposition': 'attachment; filename="orders.csv"' });
  },
  createOrder: ({ tenant, body }) => orders.createOrder(tenant, body),
  getOrder: ({ tenant, params }) => orders.getOrder(tenant, params.id),
  updateOrder: ({ tenant, params, body, expectedVersion }) =>
    orders.updateOrder(tenant, params.id, body, expectedVersion),
  submitOrder: ({ tenant, params, expectedVersion }) => orders.submitOrder(tenant, params.id, expectedVersion),
  approveOrder: ({ tenant, params, body, expectedVersion }) =>
    orders.decideOrder(tenant, params.id, 'approved', body.comment ?? null, expectedVersion),
  rejectOrder: ({ tenant, params, body, expectedVersion }) =>
    orders.decideOrder(tenant, params.id, 'rejected', body.reason, expectedVersion),
  reviseOrder: ({ tenant, params, body, expectedVersion }) =>
    orders.reviseOrder(tenant, params.id, body, expectedVersion),
  listOrderRevisions: ({ tenant, params }) => orders.listRevisions(tenant, params.id),
  closeOrder: ({ tenant, params, body, expectedVersion }) =>
    orders.closeOrder(tenant, params.id, body.reason, expectedVersion),
  cancelOrder: ({ tenant, params, body, expectedVersion }) =>
    orders.cancelOrder(tenant, params.id, body.reason, expectedVersion),
  shipOrder: ({ tenant, params, body, expectedVersion }) => orders.shipOrder(tenant, params.id, body, expectedVersion),
  deliverOrder: ({ tenant, params, expectedVersion }) => orders.deliverOrder(tenant, params.id, expectedVersion),
  completeOrder: ({ tenant, params, expectedVersion }) => orders.completeOrder(tenant, params.id, expectedVersion),
  listShipments: async ({ tenant, params }) => ({ items: (await orders.listShipments(tenant, params.id)).items }),
  bulkOrders: ({ tenant, body }) => orders.bulk(tenant, body),
  addTrackingEvent: ({ tenant, params, body }) => orders.addTrackingEvent(tenant, params.id, body),
  printOrder: async ({ tenant, params, query }) => {
    const [{ renderOrderDocument }, { printExtras }] = await printing();
    const [order, settings] = await Promise.all([orders.getOrder(tenant, params.id), getSettings(tenant)]);
    const lang = query.lang ?? settings.locale;
    const extras = await printExtras(tenant, 'quotation', lang, { order, baseCurrency: settings.baseCurrency });
    return renderOrderDocument(order, settings, lang, query.doc, extras);
  },
  printDeliveryNote: async ({ tenant, params, query }) => {
    const [{ renderDeliveryNote }, { printExtras }] = await printing();
    const [{ order, shipment, index }, settings] = await Promise.all([
      orders.shipmentOf(tenant, params.id, params.shipmentId),
      getSettings(tenant),
    ]);
    const lang = query.lang ?? settings.locale;
    const extras = await printExtras(tenant, 'delivery_note', lang, { order, baseCurrency: settings.baseCurrency });
    return renderDeliveryNote(order, shipment, index, settings, lang, extras);
  },
  getOrderTimeline: ({ tenant, params }) => orders.orderTimeline(tenant, params.id),
  listCustomerOrders: ({ tenant, params, query }) => orders.customerOrders(tenant, params.id, query),
  getCustomerSummary: ({ tenant, params }) => orders.customerSummary(tenant, params.id),
  getApprovalWorkflow: ({ tenant }) => orders.getWorkflow(tenant),
  putApprovalWorkflow: ({ tenant, body, expectedVersion }) => orders.putWorkflow(tenant, body, expectedVersion),
});

import * as z from 'zod';
import { Html, IdParams, ListQuery, PrintQuery, page } from '../common.ts';
import { everyone, managers, route } from '../route.ts';
import { stockKeepers, orderTakers, deciders, orderRead } from './access.ts';
import * as ord from '../orders.ts';

/** The order actions share a shape: POST /v1/orders/{id}/<action>, If-Match, answering the updated order. */
const orderAction = <const A extends string, const O extends string, B extends z.ZodType | undefined = undefined>(
  action: A, operationId: O, summary: string, roles: readonly (typeof deciders)[number][], body?: B,
) => ({
  method: 'POST' as const, path: `/v1/orders/{id}/${action}` as const, module: 'orders' as const, operationId, tag: 'Orders', summary,
  auth: 'tenant' as const, roles, scopes: ['orders:write'] as const, params: IdParams('ord'), response: ord.Order, status: 200 as const,
  versioned: true, body: body as B,
});
const CustomerNoteParams = z.strictObject({ id: IdParams('cus').shape.id });

/** The orders module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const ordersRoutes = [
  route({ method: 'GET', path: '/v1/customers/{id}/orders', module: 'orders', operationId: 'listCustomerOrders', tag: 'Customers',
    summary: 'A customer\'s orders, newest first', auth: 'tenant', roles: everyone, scopes: orderRead,
    params: CustomerNoteParams, query: ListQuery, response: page(ord.Order), status: 200 }),
  route({ method: 'GET', path: '/v1/customers/{id}/summary', module: 'orders', operationId: 'getCustomerSummary', tag: 'Customers',
    summary: 'Lifetime value, open orders, receivables and credit exposure of a customer', auth: 'tenant', roles: everyone,
    scopes: ['customers:read', 'customers:write', 'orders:read'], params: CustomerNoteParams, response: ord.CustomerSummary, status: 200 }),
  route({ method: 'GET', path: '/v1/orders', module: 'orders', operationId: 'listOrders', tag: 'Orders',
    summary: 'List orders by status, customer and date', auth: 'tenant', roles: everyone, scopes: orderRead,
    query: ord.ListOrdersQuery, response: page(ord.Order), status: 200 }),
  route({ method: 'GET', path: '/v1/orders/export.csv', module: 'orders', operationId: 'exportOrders', tag: 'Orders',
    summary: 'The filtered orders as CSV for Excel, one row per line (up to 5,000 orders; narrow the dates for more)', auth: 'tenant',
    roles: everyone, scopes: orderRead, query: ord.ExportOrdersQuery, response: ord.Csv, status: 200, contentType: 'text/csv; charset=utf-8' }),
  route({ method: 'POST', path: '/v1/orders', module: 'orders', operationId: 'createOrder', tag: 'Orders',
    summary: 'Create a draft order; lines without a price are priced by the quote rules', auth: 'tenant', roles: orderTakers,
    scopes: ['orders:write'], body: ord.CreateOrderBody, response: ord.Order, status: 201 }),
  route({ method: 'GET', path: '/v1/orders/{id}', module: 'orders', operationId: 'getOrder', tag: 'Orders',
    summary: 'Get an order', auth: 'tenant', roles: everyone, scopes: orderRead, params: IdParams('ord'), response: ord.Order, status: 200 }),
  route({ method: 'PATCH', path: '/v1/orders/{id}', module: 'orders', operationId: 'updateOrder', tag: 'Orders',
    summary: 'Change a draft (a rejected order returns to draft)', auth: 'tenant', roles: orderTakers, scopes: ['orders:write'],
    params: IdParams('ord'), body: ord.PatchOrderBody, response: ord.Order, status: 200, versioned: true }),
  route(orderAction('submit', 'submitOrder', 'Submit: runs the approval rules; no approval needed confirms and reserves stock', orderTakers)),
  route(orderAction('approve', 'approveOrder', 'Approve the current step (its role, or an owner or admin)', deciders, ord.ApproveBody)),
  route(orderAction('reject', 'rejectOrder', 'Reject the current step; the order ends rejected', deciders, ord.ReasonBody)),
  route(orderAction('cancel', 'cancelOrder', 'Cancel; reserved stock is released', orderTakers, ord.ReasonBody)),
  route(orderAction('shipments', 'shipOrder', 'Ship some or all of the reserved lines', stockKeepers, ord.ShipmentBody)),
  route(orderAction('deliver', 'deliverOrder', 'Mark a shipped order delivered', ['owner', 'admin', 'sales', 'warehouse'])),
  route(orderAction('complete', 'completeOrder', 'Complete a delivered order', orderTakers)),
  route({ method: 'GET', path: '/v1/orders/{id}/shipments', module: 'orders', operationId: 'listShipments', tag: 'Orders',
    summary: 'The order\'s shipments, oldest first: lines, warehouse, carrier and tracking number', auth: 'tenant', roles: everyone, scopes: orderRead,
    params: IdParams('ord'), response: z.object({ items: z.array(ord.Shipment) }), status: 200 }),
  route({ method: 'GET', path: '/v1/orders/{id}/shipments/{shipmentId}/print', module: 'orders', operationId: 'printDeliveryNote', tag: 'Orders',
    summary: 'A shipment\'s delivery note (送货单) as a printable HTML page, with lines for the receiver\'s signature', auth: 'tenant',
    roles: everyone, scopes: orderRead, params: ord.ShipmentParams, query: PrintQuery, response: Html, status: 200, contentType: 'text/html; charset=utf-8' }),
  route({ method: 'GET', path: '/v1/orders/{id}/timeline', module: 'orders', operationId: 'getOrderTimeline', tag: 'Orders',
    summary: 'Every event of the order, oldest first', auth: 'tenant', roles: everyone, scopes: orderRead,
    params: IdParams('ord'), response: page(ord.TimelineEntry), status: 200 }),
  route({ method: 'GET', path: '/v1/workflows/approval', module: 'orders', operationId: 'getApprovalWorkflow', tag: 'Orders',
    summary: 'The approval rules', auth: 'tenant', roles: ['owner', 'admin', 'sales', 'finance'], scopes: [], response: ord.ApprovalWorkflow, status: 200 }),
  route({ method: 'PUT', path: '/v1/workflows/approval', module: 'orders', operationId: 'putApprovalWorkflow', tag: 'Orders',
    summary: 'Replace the approval rules (orders keep the chain they were submitted with)', auth: 'tenant', roles: managers, scopes: [],
    body: ord.PutApprovalWorkflowBody, response: ord.ApprovalWorkflow, status: 200, versioned: true }),
] as const;

import * as z from 'zod';
import { IdParams } from './common.ts';
import { everyone, managers, route } from './route.ts';
import * as t from './tenants.ts';
import * as c from './customers.ts';
import * as r from './reports.ts';
import * as s from './system.ts';
import { Html, ListQuery, PrintQuery, page } from './common.ts';
import * as cat from './catalog.ts';
import * as inv from './inventory.ts';
import * as ord from './orders.ts';
import * as imp from './imports.ts';
import * as fin from './finance.ts';
import * as al from './alerts.ts';
import * as pt from './partners.ts';

const customerWriters = ['owner', 'admin', 'sales'] as const;
const stockKeepers = ['owner', 'admin', 'warehouse'] as const;
const pricers = ['owner', 'admin', 'sales', 'finance'] as const;
const orderTakers = ['owner', 'admin', 'sales'] as const;
const deciders = ['owner', 'admin', 'sales', 'warehouse', 'finance', 'support'] as const;
const catalogRead = ['orders:read', 'orders:write', 'inventory:read', 'inventory:write'] as const;
const orderRead = ['orders:read', 'orders:write'] as const;
/** The order actions share a shape: POST /v1/orders/{id}/<action>, If-Match, answering the updated order. */
const orderAction = <const A extends string, const O extends string, B extends z.ZodType | undefined = undefined>(
  action: A, operationId: O, summary: string, roles: readonly (typeof deciders)[number][], body?: B,
) => ({
  method: 'POST' as const, path: `/v1/orders/{id}/${action}` as const, module: 'orders' as const, operationId, tag: 'Orders', summary,
  auth: 'tenant' as const, roles, scopes: ['orders:write'] as const, params: IdParams('ord'), response: ord.Order, status: 200 as const,
  versioned: true, body: body as B,
});
const financeReaders = ['owner', 'admin', 'sales', 'finance', 'support', 'viewer'] as const;
const financeWriters = ['owner', 'admin', 'finance'] as const;
const financeRead = ['finance:read', 'finance:write'] as const;
const alertHandlers = ['owner', 'admin', 'sales', 'warehouse', 'finance', 'support'] as const;
const customerNoteWriters = ['owner', 'admin', 'sales', 'support'] as const;
const CustomerNoteParams = z.strictObject({ id: IdParams('cus').shape.id });

/**
 * The route table: the single source of truth for the HTTP API. The CDK creates one route per
 * entry, the local gateway routes by it, the OpenAPI document and the web client's types come
 * from it.
 */
export const routes = [
  route({ method: 'GET', path: '/v1/health', module: 'system', operationId: 'getHealth', tag: 'System',
    summary: 'Liveness and readiness', auth: 'public', roles: [], scopes: [], response: s.Health, status: 200 }),
  route({ method: 'GET', path: '/v1/openapi.json', module: 'system', operationId: 'getOpenApi', tag: 'System',
    summary: 'This API as an OpenAPI 3.1 document', auth: 'public', roles: [], scopes: [], response: s.OpenApiDocument, status: 200 }),

  route({ method: 'POST', path: '/v1/signup', module: 'tenants', operationId: 'signup', tag: 'Identity',
    summary: 'Sign a company up: tenant, owner, default warehouse and settings', auth: 'public', roles: [], scopes: [],
    body: t.SignupBody, response: t.SignupResult, status: 201 }),
  route({ method: 'POST', path: '/v1/auth/login', module: 'tenants', operationId: 'login', tag: 'Identity',
    summary: 'Log in with email and password', auth: 'public', roles: [], scopes: [], body: t.LoginBody, response: t.LoginResult, status: 200 }),
  route({ method: 'POST', path: '/v1/auth/refresh', module: 'tenants', operationId: 'refresh', tag: 'Identity',
    summary: 'Exchange a refresh token for a new ID token', auth: 'public', roles: [], scopes: [], body: t.RefreshBody, response: t.RefreshResult, status: 200 }),
  route({ method: 'POST', path: '/v1/auth/new-password', module: 'tenants', operationId: 'completeNewPassword', tag: 'Identity',
    summary: 'Set a new password at first login', auth: 'public', roles: [], scopes: [], body: t.NewPasswordBody, response: t.Tokens, status: 200 }),
  route({ method: 'GET', path: '/v1/me', module: 'tenants', operationId: 'getMe', tag: 'Identity',
    summary: 'The caller, their tenant, role and permissions', auth: 'tenant', roles: everyone, scopes: [], response: t.Me, status: 200 }),
  route({ method: 'GET', path: '/v1/users', module: 'tenants', operationId: 'listUsers', tag: 'Users',
    summary: 'List the tenant\'s users', auth: 'tenant', roles: managers, scopes: [],
    query: ListQuery,
    response: page(t.User), status: 200 }),
  route({ method: 'POST', path: '/v1/users', module: 'tenants', operationId: 'inviteUser', tag: 'Users',
    summary: 'Invite a user with a role; a temporary password is sent by email', auth: 'tenant', roles: managers, scopes: [],
    body: t.InviteUserBody, response: t.User, status: 201 }),
  route({ method: 'GET', path: '/v1/users/{id}', module: 'tenants', operationId: 'getUser', tag: 'Users',
    summary: 'Get a user', auth: 'tenant', roles: managers, scopes: [], params: IdParams('usr'), response: t.User, status: 200 }),
  route({ method: 'PATCH', path: '/v1/users/{id}', module: 'tenants', operationId: 'updateUser', tag: 'Users',
    summary: 'Change a user\'s role or name', auth: 'tenant', roles: managers, scopes: [], params: IdParams('usr'),
    body: t.PatchUserBody, response: t.User, status: 200, versioned: true }),
  route({ method: 'DELETE', path: '/v1/users/{id}', module: 'tenants', operationId: 'removeUser', tag: 'Users',
    summary: 'Remove a user; their sessions stop working', auth: 'tenant', roles: managers, scopes: [], params: IdParams('usr'),
    response: t.User, status: 200, versioned: true }),
  route({ method: 'GET', path: '/v1/settings', module: 'tenants', operationId: 'getSettings', tag: 'Settings',
    summary: 'The tenant\'s settings', auth: 'tenant', roles: everyone, scopes: [], response: t.Settings, status: 200 }),
  route({ method: 'PATCH', path: '/v1/settings', module: 'tenants', operationId: 'updateSettings', tag: 'Settings',
    summary: 'Change the tenant\'s settings', auth: 'tenant', roles: managers, scopes: [], body: t.PatchSettingsBody,
    response: t.Settings, status: 200, versioned: true }),

  route({ method: 'GET', path: '/v1/customers', module: 'customers', operationId: 'listCustomers', tag: 'Customers',
    summary: 'List customers; q finds by name prefix', auth: 'tenant', roles: everyone, scopes: ['customers:read', 'customers:write'],
    query: c.ListCustomersQuery, response: page(c.Customer), status: 200 }),
  route({ method: 'POST', path: '/v1/customers', module: 'customers', operationId: 'createCustomer', tag: 'Customers',
    summary: 'Create a customer', auth: 'tenant', roles: customerWriters, scopes: ['customers:write'],
    body: c.CreateCustomerBody, response: c.Customer, status: 201 }),
  route({ method: 'GET', path: '/v1/customers/{id}', module: 'customers', operationId: 'getCustomer', tag: 'Customers',
    summary: 'Get a customer', auth: 'tenant', roles: everyone, scopes: ['customers:read', 'customers:write'],
    params: IdParams('cus'), response: c.Customer, status: 200 }),
  route({ method: 'PATCH', path: '/v1/customers/{id}', module: 'customers', operationId: 'updateCustomer', tag: 'Customers',
    summary: 'Change a customer (contacts and addresses are replaced as lists)', auth: 'tenant', roles: customerWriters,
    scopes: ['customers:write'], params: IdParams('cus'), body: c.PatchCustomerBody, response: c.Customer, status: 200, versioned: true }),
  route({ method: 'DELETE', path: '/v1/customers/{id}', module: 'customers', operationId: 'archiveCustomer', tag: 'Customers',
    summary: 'Archive a customer (kept for history, hidden from lists)', auth: 'tenant', roles: ['owner', 'admin'],
    scopes: ['customers:write'], params: IdParams('cus'), response: c.Customer, status: 200, versioned: true }),
  route({ method: 'GET', path: '/v1/customers/{id}/notes', module: 'customers', operationId: 'listCustomerNotes', tag: 'Customers',
    summary: 'The communication log of a customer, newest first', auth: 'tenant', roles: everyone,
    scopes: ['customers:read', 'customers:write'], params: CustomerNoteParams,
    query: ListQuery,
    response: page(c.Note), status: 200 }),
  route({ method: 'POST', path: '/v1/customers/{id}/notes', module: 'customers', operationId: 'addCustomerNote', tag: 'Customers',
    summary: 'Log a call, visit, WeChat message, email or meeting', auth: 'tenant', roles: customerNoteWriters,
    scopes: ['customers:write'], params: CustomerNoteParams, body: c.CreateNoteBody, response: c.Note, status: 201 }),

  route({ method: 'GET', path: '/v1/customers/{id}/orders', module: 'orders', operationId: 'listCustomerOrders', tag: 'Customers',
    summary: 'A customer\'s orders, newest first', auth: 'tenant', roles: everyone, scopes: orderRead,
    params: CustomerNoteParams, query: ListQuery, response: page(ord.Order), status: 200 }),

  route({ method: 'GET', path: '/v1/customers/{id}/summary', module: 'orders', operationId: 'getCustomerSummary', tag: 'Customers',
    summary: 'Lifetime value, open orders, receivables and credit exposure of a customer', auth: 'tenant', roles: everyone,
    scopes: ['customers:read', 'customers:write', 'orders:read'], params: CustomerNoteParams, response: ord.CustomerSummary, status: 200 }),

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

  route({ method: 'GET', path: '/v1/inventory', module: 'inventory', operationId: 'listLevels', tag: 'Inventory',
    summary: 'Stock levels per product and warehouse', auth: 'tenant', roles: everyone, scopes: ['inventory:read', 'inventory:write'],
    query: inv.ListLevelsQuery, response: page(inv.Level), status: 200 }),
  route({ method: 'POST', path: '/v1/inventory/movements', module: 'inventory', operationId: 'recordMovement', tag: 'Inventory',
    summary: 'Receive, adjust or transfer stock; each level change writes one ledger row', auth: 'tenant', roles: stockKeepers,
    scopes: ['inventory:write'], body: inv.MovementBody, response: inv.Movement, status: 201 }),
  route({ method: 'GET', path: '/v1/inventory/movements', module: 'inventory', operationId: 'listMovements', tag: 'Inventory',
    summary: 'The stock ledger, newest first', auth: 'tenant', roles: everyone, scopes: ['inventory:read', 'inventory:write'],
    query: inv.ListMovementsQuery, response: page(inv.LedgerRow), status: 200 }),

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

  route({ method: 'POST', path: '/v1/imports', module: 'imports', operationId: 'createImport', tag: 'Imports',
    summary: 'Import customers, products or orders from CSV or Excel (.xlsx); the same file twice is one job', auth: 'tenant',
    roles: ['owner', 'admin', 'sales'], scopes: ['orders:write', 'customers:write', 'inventory:write'], body: imp.CreateImportBody, response: imp.ImportJob, status: 202 }),
  route({ method: 'GET', path: '/v1/imports', module: 'imports', operationId: 'listImports', tag: 'Imports',
    summary: 'Recent imports, newest first', auth: 'tenant', roles: ['owner', 'admin', 'sales'], scopes: ['orders:read', 'orders:write'],
    query: ListQuery, response: page(imp.ImportJob), status: 200 }),
  route({ method: 'GET', path: '/v1/imports/{id}', module: 'imports', operationId: 'getImport', tag: 'Imports',
    summary: 'An import\'s progress, per-row errors and created ids', auth: 'tenant', roles: ['owner', 'admin', 'sales'], scopes: ['orders:read', 'orders:write'],
    params: IdParams('imp'), response: imp.ImportJob, status: 200 }),

  route({ method: 'GET', path: '/v1/invoices', module: 'finance', operationId: 'listInvoices', tag: 'Finance',
    summary: 'List invoices by status, customer or order', auth: 'tenant', roles: financeReaders, scopes: financeRead,
    query: fin.ListInvoicesQuery, response: page(fin.Invoice), status: 200 }),
  route({ method: 'GET', path: '/v1/invoices/{id}', module: 'finance', operationId: 'getInvoice', tag: 'Finance',
    summary: 'Get an invoice with its payments', auth: 'tenant', roles: financeReaders, scopes: financeRead,
    params: IdParams('inv'), response: fin.InvoiceDetail, status: 200 }),
  route({ method: 'GET', path: '/v1/invoices/{id}/print', module: 'finance', operationId: 'printInvoice', tag: 'Finance',
    summary: 'The invoice as a printable HTML page (Chinese or English)', auth: 'tenant', roles: financeReaders, scopes: financeRead,
    params: IdParams('inv'), query: PrintQuery, response: Html, status: 200, contentType: 'text/html; charset=utf-8' }),
  route({ method: 'POST', path: '/v1/invoices/{id}/payments', module: 'finance', operationId: 'recordPayment', tag: 'Finance',
    summary: 'Record a (partial) payment; more than is due answers 422', auth: 'tenant', roles: financeWriters, scopes: ['finance:write'],
    params: IdParams('inv'), body: fin.CreatePaymentBody, response: fin.PaymentResult, status: 201, versioned: true }),
  route({ method: 'GET', path: '/v1/customers/{id}/statement', module: 'finance', operationId: 'printCustomerStatement', tag: 'Finance',
    summary: 'The customer\'s statement of account (对账单) for a period as a printable page: opening balance, invoices, payments, closing balance',
    auth: 'tenant', roles: financeReaders, scopes: financeRead, params: IdParams('cus'), query: fin.StatementQuery, response: Html, status: 200,
    contentType: 'text/html; charset=utf-8' }),
  route({ method: 'GET', path: '/v1/receivables/aging', module: 'finance', operationId: 'getReceivablesAging', tag: 'Finance',
    summary: 'Open receivables per customer by days past due', auth: 'tenant', roles: financeReaders, scopes: financeRead,
    query: fin.AgingQuery, response: fin.Aging, status: 200 }),

  route({ method: 'GET', path: '/v1/alerts', module: 'alerts', operationId: 'listAlerts', tag: 'Alerts',
    summary: 'Open or acknowledged alerts, newest first', auth: 'tenant', roles: everyone, scopes: [],
    query: al.ListAlertsQuery, response: page(al.Alert), status: 200 }),
  route({ method: 'POST', path: '/v1/alerts/{id}/ack', module: 'alerts', operationId: 'acknowledgeAlert', tag: 'Alerts',
    summary: 'Acknowledge an alert; the next occurrence opens a new one', auth: 'tenant', roles: alertHandlers, scopes: [],
    params: IdParams('alr'), response: al.Alert, status: 200, versioned: true }),
  route({ method: 'GET', path: '/v1/notification-channels', module: 'alerts', operationId: 'getNotificationChannels', tag: 'Alerts',
    summary: 'Where alerts are sent: email, webhook, DingTalk, WeCom and Feishu robots', auth: 'tenant', roles: managers, scopes: [],
    response: al.NotificationChannels, status: 200 }),
  route({ method: 'PUT', path: '/v1/notification-channels', module: 'alerts', operationId: 'putNotificationChannels', tag: 'Alerts',
    summary: 'Replace the channels (a secret left out is kept)', auth: 'tenant', roles: managers, scopes: [],
    body: al.PutChannelsBody, response: al.NotificationChannels, status: 200, versioned: true }),
  route({ method: 'POST', path: '/v1/notification-channels/{id}/test', module: 'alerts', operationId: 'testNotificationChannel', tag: 'Alerts',
    summary: 'Send a test message to a channel and answer how it went', auth: 'tenant', roles: managers, scopes: [],
    params: IdParams('chn'), response: al.ChannelTestResult, status: 200 }),

  route({ method: 'GET', path: '/v1/api-keys', module: 'partners', operationId: 'listApiKeys', tag: 'Partners',
    summary: 'The company\'s API keys (prefix, scopes, last used; never the secret)', auth: 'tenant', roles: managers, scopes: [],
    query: ListQuery, response: page(pt.ApiKey), status: 200 }),
  route({ method: 'POST', path: '/v1/api-keys', module: 'partners', operationId: 'createApiKey', tag: 'Partners',
    summary: 'Create an API key with scopes; the secret is answered once and stored only as a hash', auth: 'tenant', roles: managers, scopes: [],
    body: pt.CreateApiKeyBody, response: pt.CreatedApiKey, status: 201 }),
  route({ method: 'DELETE', path: '/v1/api-keys/{id}', module: 'partners', operationId: 'revokeApiKey', tag: 'Partners',
    summary: 'Revoke an API key; it stops working within the authorizer cache time', auth: 'tenant', roles: managers, scopes: [],
    params: IdParams('key'), response: pt.ApiKey, status: 200 }),
  route({ method: 'GET', path: '/v1/webhooks', module: 'partners', operationId: 'listWebhooks', tag: 'Webhooks',
    summary: 'The company\'s webhook subscriptions', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'],
    response: page(pt.Webhook), status: 200 }),
  route({ method: 'POST', path: '/v1/webhooks', module: 'partners', operationId: 'createWebhook', tag: 'Webhooks',
    summary: 'Subscribe an https endpoint to event types; the whsec_ secret is answered once', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'],
    body: pt.CreateWebhookBody, response: pt.WebhookWithSecret, status: 201 }),
  route({ method: 'GET', path: '/v1/webhooks/{id}', module: 'partners', operationId: 'getWebhook', tag: 'Webhooks',
    summary: 'Get a webhook subscription', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'], params: IdParams('whk'), response: pt.Webhook, status: 200 }),
  route({ method: 'PATCH', path: '/v1/webhooks/{id}', module: 'partners', operationId: 'updateWebhook', tag: 'Webhooks',
    summary: 'Change a subscription\'s URL, event types, description, or enable it again', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'],
    params: IdParams('whk'), body: pt.PatchWebhookBody, response: pt.Webhook, status: 200, versioned: true }),
  route({ method: 'DELETE', path: '/v1/webhooks/{id}', module: 'partners', operationId: 'deleteWebhook', tag: 'Webhooks',
    summary: 'Delete a subscription', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'], params: IdParams('whk'), response: pt.Webhook, status: 200, versioned: true }),
  route({ method: 'POST', path: '/v1/webhooks/{id}/rotate-secret', module: 'partners', operationId: 'rotateWebhookSecret', tag: 'Webhooks',
    summary: 'A new secret; the old one still signs (both signatures sent) during the overlap', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'],
    params: IdParams('whk'), body: pt.RotateSecretBody, response: pt.WebhookWithSecret, status: 200, versioned: true }),
  route({ method: 'POST', path: '/v1/webhooks/{id}/test', module: 'partners', operationId: 'testWebhook', tag: 'Webhooks',
    summary: 'Send a webhook.test event now and answer the delivery', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'],
    params: IdParams('whk'), response: pt.Delivery, status: 200 }),
  route({ method: 'GET', path: '/v1/webhooks/{id}/deliveries', module: 'partners', operationId: 'listDeliveries', tag: 'Webhooks',
    summary: 'The delivery log, newest first: every attempt\'s status, duration and answer', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'],
    params: IdParams('whk'), query: pt.ListDeliveriesQuery, response: page(pt.Delivery), status: 200 }),
  route({ method: 'POST', path: '/v1/webhooks/{id}/deliveries/{deliveryId}/retry', module: 'partners', operationId: 'retryDelivery', tag: 'Webhooks',
    summary: 'Try one delivery again now', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'],
    params: pt.DeliveryParams, response: pt.Delivery, status: 200 }),
  route({ method: 'POST', path: '/v1/webhooks/{id}/replay', module: 'partners', operationId: 'replayWebhook', tag: 'Webhooks',
    summary: 'Deliver again every event of the subscription\'s types since a time', auth: 'tenant', roles: managers, scopes: ['webhooks:manage'],
    params: IdParams('whk'), body: pt.ReplayBody, response: pt.ReplayResult, status: 202 }),
  route({ method: 'GET', path: '/v1/events', module: 'partners', operationId: 'listEvents', tag: 'Webhooks',
    summary: 'The event log, oldest first after a point: the payloads webhooks deliver, to poll and catch up', auth: 'tenant', roles: managers,
    scopes: ['webhooks:manage'], query: pt.ListEventsQuery, response: page(pt.PublicEvent), status: 200 }),

  route({ method: 'GET', path: '/v1/reports/dashboard', module: 'reports', operationId: 'getDashboard', tag: 'Reports',
    summary: 'Headline figures kept up to date from events', auth: 'tenant', roles: everyone, scopes: ['reports:read'],
    response: r.Dashboard, status: 200 }),
  route({ method: 'GET', path: '/v1/reports/sales', module: 'reports', operationId: 'getSalesReport', tag: 'Reports',
    summary: 'Sales by day, week, month, product, customer, region or channel, from daily aggregates', auth: 'tenant',
    roles: ['owner', 'admin', 'sales', 'finance', 'viewer'], scopes: ['reports:read'], query: r.SalesQuery, response: r.SalesReport, status: 200 }),
  route({ method: 'GET', path: '/v1/reports/{name}/export.csv', module: 'reports', operationId: 'exportReport', tag: 'Reports',
    summary: 'A report as CSV (UTF-8 with BOM, opens in Excel)', auth: 'tenant', roles: ['owner', 'admin', 'sales', 'finance', 'viewer'],
    scopes: ['reports:read'], params: r.ExportParams, query: r.ExportQuery, response: r.Csv, status: 200, contentType: 'text/csv; charset=utf-8' }),
] as const;

export type Route = (typeof routes)[number];
export type OperationId = Route['operationId'];
export type RouteOf<O extends OperationId> = Extract<Route, { operationId: O }>;
export type ModuleRoutes<M extends Route['module']> = Extract<Route, { module: M }>;

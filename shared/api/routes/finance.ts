import { Html, IdParams, PrintQuery, page } from '../common.ts';
import { route } from '../route.ts';
import { financeReaders, financeWriters, financeRead } from './access.ts';
import * as fin from '../finance.ts';

/** The finance module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const financeRoutes = [
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
] as const;

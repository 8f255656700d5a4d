import { financeRoutes } from '#shared/api/routes/finance.ts';
import { httpApi } from '#functions/platform/http.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as finance from './service.ts';
import * as payments from './payments.ts';
import * as fapiao from './fapiao.ts';
import { getExchangeRates, putExchangeRates } from './rates.ts';
import { customerStatement } from './statement.ts';
import { fapiaoRequestWorkbook } from './fapiao-export.ts';

/** Printing loads the document renderers and print settings when a document is asked for: a few of the module's routes. */
const printing = () => Promise.all([import('./print.ts'), import('#functions/tenants/print-settings.ts')]);

export const handler = httpApi(financeRoutes, {
  listInvoices: ({ tenant, query }) => finance.listInvoices(tenant, query),
  getInvoice: ({ tenant, params }) => finance.getInvoice(tenant, params.id),
  printInvoice: async ({ tenant, params, query }) => {
    const [{ renderInvoice }, { printExtras }] = await printing();
    const [{ payments: paid, ...invoice }, settings] = await Promise.all([
      finance.getInvoice(tenant, params.id),
      getSettings(tenant),
    ]);
    const lang = query.lang ?? settings.locale;
    const extras = await printExtras(tenant, 'sales_statement', lang, {
      order: invoice.orderId,
      productIds: invoice.lines.map((l) => l.productId),
      baseCurrency: settings.baseCurrency,
    });
    return renderInvoice(invoice, paid, settings, lang, extras);
  },
  printCustomerStatement: async ({ tenant, params, query }) => {
    const [{ renderStatement }, { printExtras }] = await printing();
    const [statement, settings] = await Promise.all([
      customerStatement(tenant, params.id, query.from, query.to),
      getSettings(tenant),
    ]);
    const lang = query.lang ?? settings.locale;
    const extras = await printExtras(tenant, null, lang, { baseCurrency: settings.baseCurrency });
    return renderStatement(statement, settings, lang, extras);
  },
  recordPayment: ({ tenant, params, body, expectedVersion }) =>
    payments.payInvoice(tenant, params.id, body, expectedVersion),
  getReceivablesAging: ({ tenant, query }) => finance.aging(tenant, query.asOf),
  receiveCustomerPayment: ({ tenant, params, body }) => payments.receivePayment(tenant, params.id, body),
  listCustomerPayments: ({ tenant, params, query }) => payments.listCustomerPayments(tenant, params.id, query),
  getPayment: ({ tenant, params }) => payments.getPayment(tenant, params.id),
  allocatePayment: ({ tenant, params, body, expectedVersion }) =>
    payments.allocatePayment(tenant, params.id, body, expectedVersion),
  reversePayment: ({ tenant, params, body, expectedVersion }) =>
    payments.reversePayment(tenant, params.id, body.reason, expectedVersion),
  getExchangeRates: ({ tenant }) => getExchangeRates(tenant),
  putExchangeRates: ({ tenant, body, expectedVersion }) => putExchangeRates(tenant, body, expectedVersion),
  getFapiao: ({ tenant, params }) => fapiao.getFapiao(tenant, params.id),
  recordFapiao: ({ tenant, params, body, expectedVersion }) =>
    fapiao.recordFapiao(tenant, params.id, body, expectedVersion),
  requestFapiao: ({ tenant, body }) => fapiao.requestFapiao(tenant, body),
  exportFapiaoRequests: ({ tenant, query }) => fapiaoRequestWorkbook(tenant, query.status, query.lang),
});

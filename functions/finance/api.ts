import { financeRoutes } from '#shared/api/routes/finance.ts';
import { httpApi } from '#functions/platform/http.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as finance from './service.ts';
import { renderInvoice, renderStatement } from './print.ts';
import { customerStatement } from './statement.ts';

export const handler = httpApi(financeRoutes, {
  listInvoices: ({ tenant, query }) => finance.listInvoices(tenant, query),
  getInvoice: ({ tenant, params }) => finance.getInvoice(tenant, params.id),
  printInvoice: async ({ tenant, params, query }) => {
    const [{ payments, ...invoice }, settings] = await Promise.all([
      finance.getInvoice(tenant, params.id),
      getSettings(tenant),
    ]);
    return renderInvoice(invoice, payments, settings, query.lang ?? settings.locale);
  },
  printCustomerStatement: async ({ tenant, params, query }) => {
    const [statement, settings] = await Promise.all([
      customerStatement(tenant, params.id, query.from, query.to),
      getSettings(tenant),
    ]);
    return renderStatement(statement, settings, query.lang ?? settings.locale);
  },
  recordPayment: ({ tenant, params, body, expectedVersion }) =>
    finance.recordPayment(tenant, params.id, body, expectedVersion),
  getReceivablesAging: ({ tenant, query }) => finance.aging(tenant, query.asOf),
});

import { reportsRoutes } from '#shared/api/routes/reports.ts';
import { httpApi, Reply } from '#functions/platform/http.ts';
import * as reports from './service.ts';
import { getTargets, putTargets, targetReport } from './targets.ts';

export const handler = httpApi(reportsRoutes, {
  getDashboard: ({ tenant }) => reports.dashboard(tenant),
  getSalesReport: ({ tenant, query }) => reports.sales(tenant, query),
  getStockValue: ({ tenant, query }) => reports.stockValue(tenant, query),
  getSalesTargets: ({ tenant, query }) => getTargets(tenant, query.period),
  putSalesTargets: ({ tenant, query, body, expectedVersion }) =>
    putTargets(tenant, query.period, body, expectedVersion),
  getTargetReport: ({ tenant, query }) => targetReport(tenant, query.period),
  exportReport: async ({ tenant, params, query }) =>
    new Reply(await reports.exportCsv(tenant, params.name, query), {
      'content-disposition': `attachment; filename="${params.name}.csv"`,
    }),
});

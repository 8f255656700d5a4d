import { reportsRoutes } from '#shared/api/routes/reports.ts';
import { httpApi, Reply } from '#functions/platform/http.ts';
import * as reports from './service.ts';

export const handler = httpApi(reportsRoutes, {
  getDashboard: ({ tenant }) => reports.dashboard(tenant),
  getSalesReport: ({ tenant, query }) => reports.sales(tenant, query),
  exportReport: async ({ tenant, params, query }) =>
    new Reply(await reports.exportCsv(tenant, params.name, query), {
      'content-disposition': `attachment; filename="${params.name}.csv"`,
    }),
});

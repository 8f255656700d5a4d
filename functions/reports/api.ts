import { httpApi } from '#functions/platform/http.ts';
import * as reports from './service.ts';

export const handler = httpApi('reports', {
  getDashboard: ({ tenant }) => reports.dashboard(tenant),
});

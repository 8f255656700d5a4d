import { alertsRoutes } from '#shared/api/routes/alerts.ts';
import { httpApi } from '#functions/platform/http.ts';
import * as alerts from './service.ts';

export const handler = httpApi(alertsRoutes, {
  listAlerts: ({ tenant, query }) => alerts.listAlerts(tenant, query),
  acknowledgeAlert: ({ tenant, params, expectedVersion }) => alerts.acknowledge(tenant, params.id, expectedVersion),
  getNotificationChannels: ({ tenant }) => alerts.getChannels(tenant),
  putNotificationChannels: ({ tenant, body, expectedVersion }) => alerts.putChannels(tenant, body, expectedVersion),
  testNotificationChannel: ({ tenant, params }) => alerts.testChannel(tenant, params.id),
});

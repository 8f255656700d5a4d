import { alertsRoutes } from '#shared/api/routes/alerts.ts';
import { httpApi } from '#functions/platform/http.ts';
import * as alerts from './service.ts';
import * as inbox from './inbox.ts';
import { getRules, putRules } from './notification-rules.ts';

export const handler = httpApi(alertsRoutes, {
  listAlerts: ({ tenant, query }) => alerts.listAlerts(tenant, query),
  acknowledgeAlert: ({ tenant, params, expectedVersion }) => alerts.acknowledge(tenant, params.id, expectedVersion),
  getNotificationChannels: ({ tenant }) => alerts.getChannels(tenant),
  putNotificationChannels: ({ tenant, body, expectedVersion }) => alerts.putChannels(tenant, body, expectedVersion),
  testNotificationChannel: ({ tenant, params }) => alerts.testChannel(tenant, params.id),
  getNotificationRules: ({ tenant }) => getRules(tenant),
  putNotificationRules: ({ tenant, body, expectedVersion }) => putRules(tenant, body, expectedVersion),
  listNotifications: ({ tenant, query }) => inbox.listInbox(tenant, query),
  readNotification: ({ tenant, params }) => inbox.markRead(tenant, params.id),
  readAllNotifications: ({ tenant }) => inbox.markAllRead(tenant),
  getNotificationPreferences: ({ tenant }) => inbox.getPreferences(tenant),
  putNotificationPreferences: ({ tenant, body }) => inbox.putPreferences(tenant, body),
});

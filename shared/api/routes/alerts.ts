import { IdParams, page } from '../common.ts';
import { everyone, managers, route } from '../route.ts';
import { alertHandlers } from './access.ts';
import * as al from '../alerts.ts';

/** The alerts module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const alertsRoutes = [
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
] as const;

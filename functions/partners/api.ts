import { partnersRoutes } from '#shared/api/routes/partners.ts';
import { httpApi } from '#functions/platform/http.ts';
import * as partners from './service.ts';

export const handler = httpApi(partnersRoutes, {
  listApiKeys: ({ tenant, query }) => partners.listApiKeys(tenant, query),
  createApiKey: ({ tenant, body }) => partners.createApiKey(tenant, body),
  revokeApiKey: ({ tenant, params }) => partners.revokeApiKey(tenant, params.id),
  listWebhooks: ({ tenant }) => partners.listWebhooks(tenant),
  createWebhook: ({ tenant, body }) => partners.createWebhook(tenant, body),
  getWebhook: ({ tenant, params }) => partners.getWebhook(tenant, params.id),
  updateWebhook: ({ tenant, params, body, expectedVersion }) =>
    partners.updateWebhook(tenant, params.id, body, expectedVersion),
  deleteWebhook: ({ tenant, params, expectedVersion }) => partners.deleteWebhook(tenant, params.id, expectedVersion),
  rotateWebhookSecret: ({ tenant, params, body, expectedVersion }) =>
    partners.rotateSecret(tenant, params.id, body, expectedVersion),
  testWebhook: ({ tenant, params }) => partners.sendTest(tenant, params.id),
  listDeliveries: ({ tenant, params, query }) => partners.listDeliveries(tenant, params.id, query),
  retryDelivery: ({ tenant, params }) => partners.retryDelivery(tenant, params.id, params.deliveryId),
  replayWebhook: ({ tenant, params, body }) => partners.replay(tenant, params.id, body.since, body.until),
  listEvents: ({ tenant, query }) => partners.listEvents(tenant, query),
});

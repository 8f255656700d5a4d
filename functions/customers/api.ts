import { customersRoutes } from '#shared/api/routes/customers.ts';
import { httpApi } from '#functions/platform/http.ts';
import * as customers from './service.ts';

export const handler = httpApi(customersRoutes, {
  listCustomers: ({ tenant, query }) => customers.listCustomers(tenant, query),
  createCustomer: ({ tenant, body }) => customers.createCustomer(tenant, body),
  getCustomer: ({ tenant, params }) => customers.getCustomer(tenant, params.id),
  updateCustomer: ({ tenant, params, body, expectedVersion }) =>
    customers.updateCustomer(tenant, params.id, body, expectedVersion),
  archiveCustomer: ({ tenant, params, expectedVersion }) =>
    customers.archiveCustomer(tenant, params.id, expectedVersion),
  claimCustomer: ({ tenant, params, expectedVersion }) => customers.claimCustomer(tenant, params.id, expectedVersion),
  releaseCustomer: ({ tenant, params, expectedVersion }) =>
    customers.releaseCustomer(tenant, params.id, expectedVersion),
  listCustomerNotes: ({ tenant, params, query }) => customers.listNotes(tenant, params.id, query.limit, query.cursor),
  addCustomerNote: ({ tenant, params, body }) => customers.addNote(tenant, params.id, body),
});

import * as z from 'zod';
import { IdParams, ListQuery, page } from '../common.ts';
import { everyone, route } from '../route.ts';
import { customerWriters, customerNoteWriters } from './access.ts';
import * as c from '../customers.ts';

const CustomerNoteParams = z.strictObject({ id: IdParams('cus').shape.id });

/** The customers module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const customersRoutes = [
  route({ method: 'GET', path: '/v1/customers', module: 'customers', operationId: 'listCustomers', tag: 'Customers',
    summary: 'List customers; q finds by name prefix', auth: 'tenant', roles: everyone, scopes: ['customers:read', 'customers:write'],
    query: c.ListCustomersQuery, response: page(c.Customer), status: 200 }),
  route({ method: 'POST', path: '/v1/customers', module: 'customers', operationId: 'createCustomer', tag: 'Customers',
    summary: 'Create a customer', auth: 'tenant', roles: customerWriters, scopes: ['customers:write'],
    body: c.CreateCustomerBody, response: c.Customer, status: 201 }),
  route({ method: 'GET', path: '/v1/customers/{id}', module: 'customers', operationId: 'getCustomer', tag: 'Customers',
    summary: 'Get a customer', auth: 'tenant', roles: everyone, scopes: ['customers:read', 'customers:write'],
    params: IdParams('cus'), response: c.Customer, status: 200 }),
  route({ method: 'PATCH', path: '/v1/customers/{id}', module: 'customers', operationId: 'updateCustomer', tag: 'Customers',
    summary: 'Change a customer (contacts and addresses are replaced as lists)', auth: 'tenant', roles: customerWriters,
    scopes: ['customers:write'], params: IdParams('cus'), body: c.PatchCustomerBody, response: c.Customer, status: 200, versioned: true }),
  route({ method: 'DELETE', path: '/v1/customers/{id}', module: 'customers', operationId: 'archiveCustomer', tag: 'Customers',
    summary: 'Archive a customer (kept for history, hidden from lists)', auth: 'tenant', roles: ['owner', 'admin'],
    scopes: ['customers:write'], params: IdParams('cus'), response: c.Customer, status: 200, versioned: true }),
  route({ method: 'GET', path: '/v1/customers/{id}/notes', module: 'customers', operationId: 'listCustomerNotes', tag: 'Customers',
    summary: 'The communication log of a customer, newest first', auth: 'tenant', roles: everyone,
    scopes: ['customers:read', 'customers:write'], params: CustomerNoteParams,
    query: ListQuery,
    response: page(c.Note), status: 200 }),
  route({ method: 'POST', path: '/v1/customers/{id}/notes', module: 'customers', operationId: 'addCustomerNote', tag: 'Customers',
    summary: 'Log a call, visit, WeChat message, email or meeting', auth: 'tenant', roles: customerNoteWriters,
    scopes: ['customers:write'], params: CustomerNoteParams, body: c.CreateNoteBody, response: c.Note, status: 201 }),
] as const;

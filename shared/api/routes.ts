import * as z from 'zod';
import { IdParams } from './common.ts';
import { everyone, managers, route } from './route.ts';
import * as t from './tenants.ts';
import * as c from './customers.ts';
import * as r from './reports.ts';
import * as s from './system.ts';
import { page } from './common.ts';

const customerWriters = ['owner', 'admin', 'sales'] as const;
const customerNoteWriters = ['owner', 'admin', 'sales', 'support'] as const;
const CustomerNoteParams = z.strictObject({ id: IdParams('cus').shape.id });

/**
 * The route table: the single source of truth for the HTTP API. The CDK creates one route per
 * entry, the local gateway routes by it, the OpenAPI document and the web client's types come
 * from it.
 */
export const routes = [
  route({ method: 'GET', path: '/v1/health', module: 'system', operationId: 'getHealth', tag: 'System',
    summary: 'Liveness and readiness', auth: 'public', roles: [], scopes: [], response: s.Health, status: 200 }),
  route({ method: 'GET', path: '/v1/openapi.json', module: 'system', operationId: 'getOpenApi', tag: 'System',
    summary: 'This API as an OpenAPI 3.1 document', auth: 'public', roles: [], scopes: [], response: s.OpenApiDocument, status: 200 }),

  route({ method: 'POST', path: '/v1/signup', module: 'tenants', operationId: 'signup', tag: 'Identity',
    summary: 'Sign a company up: tenant, owner, default warehouse and settings', auth: 'public', roles: [], scopes: [],
    body: t.SignupBody, response: t.SignupResult, status: 201 }),
  route({ method: 'POST', path: '/v1/auth/login', module: 'tenants', operationId: 'login', tag: 'Identity',
    summary: 'Log in with email and password', auth: 'public', roles: [], scopes: [], body: t.LoginBody, response: t.LoginResult, status: 200 }),
  route({ method: 'POST', path: '/v1/auth/refresh', module: 'tenants', operationId: 'refresh', tag: 'Identity',
    summary: 'Exchange a refresh token for a new ID token', auth: 'public', roles: [], scopes: [], body: t.RefreshBody, response: t.RefreshResult, status: 200 }),
  route({ method: 'POST', path: '/v1/auth/new-password', module: 'tenants', operationId: 'completeNewPassword', tag: 'Identity',
    summary: 'Set a new password at first login', auth: 'public', roles: [], scopes: [], body: t.NewPasswordBody, response: t.Tokens, status: 200 }),
  route({ method: 'GET', path: '/v1/me', module: 'tenants', operationId: 'getMe', tag: 'Identity',
    summary: 'The caller, their tenant, role and permissions', auth: 'tenant', roles: everyone, scopes: [], response: t.Me, status: 200 }),
  route({ method: 'GET', path: '/v1/users', module: 'tenants', operationId: 'listUsers', tag: 'Users',
    summary: 'List the tenant\'s users', auth: 'tenant', roles: managers, scopes: [],
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(25), cursor: z.string().min(1).max(2048).optional() }),
    response: page(t.User), status: 200 }),
  route({ method: 'POST', path: '/v1/users', module: 'tenants', operationId: 'inviteUser', tag: 'Users',
    summary: 'Invite a user with a role; a temporary password is sent by email', auth: 'tenant', roles: managers, scopes: [],
    body: t.InviteUserBody, response: t.User, status: 201 }),
  route({ method: 'GET', path: '/v1/users/{id}', module: 'tenants', operationId: 'getUser', tag: 'Users',
    summary: 'Get a user', auth: 'tenant', roles: managers, scopes: [], params: IdParams('usr'), response: t.User, status: 200 }),
  route({ method: 'PATCH', path: '/v1/users/{id}', module: 'tenants', operationId: 'updateUser', tag: 'Users',
    summary: 'Change a user\'s role or name', auth: 'tenant', roles: managers, scopes: [], params: IdParams('usr'),
    body: t.PatchUserBody, response: t.User, status: 200, versioned: true }),
  route({ method: 'DELETE', path: '/v1/users/{id}', module: 'tenants', operationId: 'removeUser', tag: 'Users',
    summary: 'Remove a user; their sessions stop working', auth: 'tenant', roles: managers, scopes: [], params: IdParams('usr'),
    response: t.User, status: 200, versioned: true }),
  route({ method: 'GET', path: '/v1/settings', module: 'tenants', operationId: 'getSettings', tag: 'Settings',
    summary: 'The tenant\'s settings', auth: 'tenant', roles: everyone, scopes: [], response: t.Settings, status: 200 }),
  route({ method: 'PATCH', path: '/v1/settings', module: 'tenants', operationId: 'updateSettings', tag: 'Settings',
    summary: 'Change the tenant\'s settings', auth: 'tenant', roles: managers, scopes: [], body: t.PatchSettingsBody,
    response: t.Settings, status: 200, versioned: true }),

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
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(25), cursor: z.string().min(1).max(2048).optional() }),
    response: page(c.Note), status: 200 }),
  route({ method: 'POST', path: '/v1/customers/{id}/notes', module: 'customers', operationId: 'addCustomerNote', tag: 'Customers',
    summary: 'Log a call, visit, WeChat message, email or meeting', auth: 'tenant', roles: customerNoteWriters,
    scopes: ['customers:write'], params: CustomerNoteParams, body: c.CreateNoteBody, response: c.Note, status: 201 }),

  route({ method: 'GET', path: '/v1/reports/dashboard', module: 'reports', operationId: 'getDashboard', tag: 'Reports',
    summary: 'Headline figures kept up to date from events', auth: 'tenant', roles: everyone, scopes: ['reports:read'],
    response: r.Dashboard, status: 200 }),
] as const;

export type Route = (typeof routes)[number];
export type OperationId = Route['operationId'];
export type RouteOf<O extends OperationId> = Extract<Route, { operationId: O }>;
export type ModuleRoutes<M extends Route['module']> = Extract<Route, { module: M }>;

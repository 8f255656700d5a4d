import { IdParams, ListQuery, page } from '../common.ts';
import { everyone, managers, route } from '../route.ts';
import * as t from '../tenants.ts';

/** The tenants module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const tenantsRoutes = [
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
    query: ListQuery,
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
] as const;

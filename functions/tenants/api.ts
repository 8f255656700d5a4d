import { getPrintSettings, putPrintSettings } from './print-settings.ts';
import { getCustomFields, putCustomFields } from './custom-fields.ts';
import { tenantsRoutes } from '#shared/api/routes/tenants.ts';
import { httpApi, Reply } from '#functions/platform/http.ts';
import * as tenants from './service.ts';
import * as departments from './departments.ts';
import * as identity from './identity.ts';
import { listAuditLog } from '#functions/platform/audit.ts';
import * as exports from './exports.ts';
import * as closure from './closure.ts';

export const handler = httpApi(tenantsRoutes, {
  // The new tenant is reached through the caller's credential, so Location names /v1/me.
  signup: async ({ body }) => new Reply(await tenants.signup(body), { location: '/v1/me' }),
  login: ({ body }) => tenants.login(body.email, body.password),
  refresh: ({ body }) => tenants.refresh(body.refreshToken),
  completeNewPassword: ({ body }) => tenants.completeNewPassword(body.email, body.session, body.newPassword),
  getMe: ({ tenant }) => tenants.me(tenant),
  forgotPassword: async ({ body }) => {
    await identity.forgotPassword(body.email);
    return { accepted: true as const };
  },
  resetPassword: async ({ body }) => {
    await identity.resetPassword(body.email, body.code, body.newPassword);
    return { accepted: true as const };
  },
  listUsers: ({ tenant, query }) => tenants.listUsers(tenant, query.limit, query.cursor),
  inviteUser: ({ tenant, body }) => tenants.inviteUser(tenant, body),
  getUser: ({ tenant, params }) => tenants.getUser(tenant, params.id),
  listAuditLog: ({ tenant, query }) => listAuditLog(tenant, query),
  updateUser: ({ tenant, params, body, expectedVersion }) =>
    tenants.updateUser(tenant, params.id, body, expectedVersion),
  removeUser: ({ tenant, params, expectedVersion }) => tenants.removeUser(tenant, params.id, expectedVersion),
  listPeople: async ({ tenant }) => ({
    items: (await tenants.allUsers(tenant)).map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      departmentId: u.departmentId,
    })),
    nextCursor: null,
  }),
  listDepartments: async ({ tenant }) => ({ items: await departments.listDepartments(tenant), nextCursor: null }),
  createDepartment: ({ tenant, body }) => departments.createDepartment(tenant, body),
  updateDepartment: ({ tenant, params, body, expectedVersion }) =>
    departments.updateDepartment(tenant, params.id, body, expectedVersion),
  deleteDepartment: async ({ tenant, params }) =>
    departments.deleteDepartment(tenant, params.id, await tenants.allUsers(tenant)),
  getSettings: ({ tenant }) => tenants.getSettings(tenant),
  getCustomFields: ({ tenant }) => getCustomFields(tenant),
  putCustomFields: ({ tenant, body, expectedVersion }) => putCustomFields(tenant, body, expectedVersion),
  getPrintSettings: ({ tenant }) => getPrintSettings(tenant),
  putPrintSettings: ({ tenant, body, expectedVersion }) => putPrintSettings(tenant, body, expectedVersion),
  updateSettings: ({ tenant, body, expectedVersion }) => tenants.updateSettings(tenant, body, expectedVersion),
  createExport: ({ tenant }) => exports.createExport(tenant),
  listExports: ({ tenant, query }) => exports.listExports(tenant, query),
  getExport: ({ tenant, params }) => exports.getExport(tenant, params.id),
  downloadExport: async ({ tenant, params, query }) =>
    new Reply(await exports.downloadExport(tenant, params.id, query.part), {
      'content-disposition': `attachment; filename="dingo-export-${params.id}${query.part > 1 ? `-${query.part}` : ''}.zip"`,
    }),
  closeTenant: ({ tenant, body }) => closure.closeTenant(tenant, body.confirm),
  restoreTenant: ({ tenant }) => closure.restoreTenant(tenant),
});

import type { TenantContext } from '#functions/platform/tenant.ts';

export const userKey = (t: TenantContext, id: string) => ({ pk: t.key('USER', id), sk: 'USER' });
export const tenantKey = (t: TenantContext) => ({ pk: t.key('TENANT'), sk: 'TENANT' });
export const settingsKey = (t: TenantContext) => ({ pk: t.key('TENANT'), sk: 'SETTINGS' });
export const warehouseKey = (t: TenantContext, id: string) => ({ pk: t.key('WAREHOUSE', id), sk: 'WAREHOUSE' });
/** The authorizer reads a user by raw tenant and user id (it runs before a tenant context exists). */
export const userKeyOf = (tenantId: string, userId: string) => ({ pk: `${tenantId}#USER#${userId}`, sk: 'USER' });

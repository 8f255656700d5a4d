import type { Settings } from '#shared/api/tenants.ts';
import { NotFoundError } from '#functions/platform/errors.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import * as store from './store.ts';

/**
 * The company's settings. Its own module, so the many functions that read settings do not bundle
 * the identity code (the Cognito client) that the tenants service needs for users.
 */
export async function getSettings(t: TenantContext): Promise<Settings> {
  const settings = await store.getSettings(t);
  if (!settings) throw new NotFoundError('settings');
  return settings;
}

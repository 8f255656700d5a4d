import type { TenantContext } from '#functions/platform/tenant.ts';

/** The company's record of an API key (scopes, revocation); the http stack reads it on every request. */
export const apiKeyKey = (t: Pick<TenantContext, 'key'>, id: string) => ({ pk: t.key('APIKEY', id), sk: 'APIKEY' });

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedSchema, schemaFile } from '#infra/generate-client.ts';
import { api, cloud, newCustomer, newTenant } from '#infra/local/testing.ts';
import { createDingoClient } from './index.ts';

describe('typed client', () => {
  it('is generated from the current OpenAPI document (run `npm run client` after changing the API)', async () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(await generatedSchema());
  });

  it('lets a partner with an API key read and write through typed paths, and surfaces problems as typed errors', async () => {
    const t = await newTenant();
    const customer = await newCustomer(t, { name: '客户端客户' });
    const key = (
      await api('/v1/api-keys', { token: t.token, body: { name: 'SDK', scopes: ['customers:read', 'orders:write'] } })
    ).body.secret as string;
    const dingo = createDingoClient({ baseUrl: cloud().url, token: key });
    const listed = await dingo.GET('/v1/customers', { params: { query: { q: '客户端' } } });
    expect(listed.data?.items.map((c) => c.id)).toEqual([customer.id]);
    const got = await dingo.GET('/v1/customers/{id}', { params: { path: { id: customer.id } } });
    expect(got.data?.name).toBe('客户端客户');
    const missing = await dingo.GET('/v1/invoices');
    expect(missing.response.status).toBe(403);
    expect(missing.error).toMatchObject({ code: 'missing_scope' });
    const bad = await dingo.POST('/v1/orders', { body: { customerId: customer.id, lines: [] } as never });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({
      code: 'invalid_request',
      errors: [expect.objectContaining({ path: 'body.lines' })],
    });
  });
});

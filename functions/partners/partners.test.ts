import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { routes } from '#shared/api/routes.ts';
import { scopes, type Scope } from '#shared/api/common.ts';
import type { RouteDef } from '#shared/api/route.ts';
import { addressAllowed, checkDestination, checkUrl, post } from '#functions/platform/egress.ts';
import {
  api,
  eventually,
  expectProblem,
  newCustomer,
  newOrder,
  newTenant,
  settled,
  type TestTenant,
} from '#infra/local/testing.ts';

/** A local receiver (the partner's endpoint); `plan` decides each answer per path. */
interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}
let receiver: Server;
let base: string;
const received: Received[] = [];
const plan = new Map<string, number[]>(); // path -> statuses to answer in turn (then 200)
beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    const path = new URL(req.url!, 'http://x').pathname;
    received.push({ path, headers: req.headers as Record<string, string>, body });
    const statuses = plan.get(path) ?? [];
    const status = statuses.shift() ?? 200;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : `nope ${status}`);
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const address = receiver.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const at = (path: string) => received.filter((r) => r.path === path);
const subscribe = async (t: TestTenant, path: string, eventTypes: string[] = ['customer.created']) => {
  const res = await api('/v1/webhooks', {
    token: t.token,
    body: { url: `${base}${path}`, eventTypes, description: path },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string; version: number };
};
const verifyWith = (secret: string, r: Received) =>
  new StandardWebhook(secret).verify(r.body, {
    'webhook-id': r.headers['webhook-id']!,
    'webhook-timestamp': r.headers['webhook-timestamp']!,
    'webhook-signature': r.headers['webhook-signature']!,
  });

describe('webhooks', () => {
  it('carry the correlation id of the request that started the chain, through a consumer to its own event', async () => {
    const t = await newTenant();
    const patched = await api('/v1/settings', {
      method: 'PATCH',
      token: t.token,
      body: { invoicingPolicy: 'on_confirm' },
    });
    expect(patched.status).toBe(200);
    const hook = await subscribe(t, '/correlated', ['order.confirmed', 'invoice.created']);
    const order = await newOrder(t);
    const submitted = await api(`/v1/orders/${order.id}/submit`, { method: 'POST', token: t.token });
    expect(submitted.body.status).toBe('confirmed');
    const requestId = submitted.headers.get('x-request-id')!;
    expect(requestId).toBeTruthy();
    // order.confirmed comes from the request; invoice.created from the invoicing consumer that handled it.
    const arrivals = await eventually(async () => {
      const got = at('/correlated').map((r) => ({
        type: JSON.parse(r.body).type,
        id: r.headers['x-dingo-correlation-id'],
      }));
      if (got.length < 2) throw new Error(`only ${got.length} deliveries`);
      return got;
    });
    expect(arrivals).toEqual(
      expect.arrayContaining([
        { type: 'order.confirmed', id: requestId },
        { type: 'invoice.created', id: requestId },
      ]),
    );
    // The delivery log shows it too.
    const log = await api(`/v1/webhooks/${hook.id}/deliveries`, { token: t.token });
    expect(log.body.items.map((d: { correlationId: string }) => d.correlationId)).toEqual([requestId, requestId]);
  });

  it('delivers to a receiver that was down for three attempts afterwards, signed so the Standard Webhooks library verifies it', async () => {
    const t = await newTenant();
    const hook = await subscribe(t, '/down-then-up');
    plan.set('/down-then-up', [503, 500, 502]);
    const customer = await newCustomer(t, { name: '断线客户' });
    const delivered = await eventually(async () => {
      const list = (await api(`/v1/webhooks/${hook.id}/deliveries`, { token: t.token })).body.items;
      expect(list[0]?.status).toBe('succeeded');
      return list[0];
    }, 40_000); // four attempts on the compressed schedule; generous, as the sweeper shares the machine with the whole suite
    expect(delivered.attempts.map((a: { status: number }) => a.status)).toEqual([503, 500, 502, 200]);
    expect(delivered.attempts[0]).toMatchObject({ responseExcerpt: 'nope 503', error: 'HTTP 503' });
    const last = at('/down-then-up').at(-1)!;
    const payload = verifyWith(hook.secret, last) as {
      type: string;
      timestamp: string;
      data: { id: string; name: string };
    };
    expect(payload).toMatchObject({ type: 'customer.created', data: { id: customer.id, name: '断线客户' } });
    // The same message id on every attempt, so the receiver can de-duplicate.
    expect(new Set(at('/down-then-up').map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(last.headers['webhook-id']).toMatch(/^evt_/);
  });

  it("signs with both secrets during a rotation's overlap, and with the new one only when there is none", async () => {
    const t = await newTenant();
    const hook = await subscribe(t, '/rotating');
    // No body, as the README shows it: the overlap defaults to 24 h.
    const rotated = await api(`/v1/webhooks/${hook.id}/rotate-secret`, {
      method: 'POST',
      token: t.token,
      headers: { 'if-match': `"${hook.version}"` },
    });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    await newCustomer(t);
    const withBoth = await eventually(async () => {
      const r = at('/rotating')[0];
      expect(r).toBeDefined();
      return r!;
    });
    expect(withBoth.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verifyWith(hook.secret, withBoth)).toBeTruthy();
    expect(verifyWith(rotated.body.secret, withBoth)).toBeTruthy();

    const again = await api(`/v1/webhooks/${hook.id}/rotate-secret`, { token: t.token, body: { overlapHours: 0 } });
    await newCustomer(t);
    const onlyNew = await eventually(async () => {
      const r = at('/rotating')[1];
      expect(r).toBeDefined();
      return r!;
    });
    expect(onlyNew.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verifyWith(again.body.secret, onlyNew)).toBeTruthy();
    expect(() => verifyWith(rotated.body.secret, onlyNew)).toThrow();
  });

  it('disables an endpoint that answers 410 Gone, alerts the company, and delivers nothing more to it', async () => {
    const t = await newTenant();
    const hook = await subscribe(t, '/gone');
    plan.set('/gone', [410]);
    await newCustomer(t);
    await eventually(async () =>
      expect((await api(`/v1/webhooks/${hook.id}`, { token: t.token })).body).toMatchObject({
        enabled: false,
        disabledReason: expect.stringContaining('410'),
      }),
    );
    await eventually(async () =>
      expect((await api('/v1/alerts?kind=webhook_disabled', { token: t.token })).body.items).toHaveLength(1),
    );
    await newCustomer(t);
    await settled();
    expect(at('/gone')).toHaveLength(1);
    // Enabling it again is the user's call.
    const hookNow = (await api(`/v1/webhooks/${hook.id}`, { token: t.token })).body;
    const enabled = await api(`/v1/webhooks/${hook.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { enabled: true },
      headers: { 'if-match': `"${hookNow.version}"` },
    });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('replays every event of the subscribed types since a time, exactly once per request', async () => {
    const t = await newTenant();
    const since = new Date().toISOString();
    // Subscribed to another type while the events happen, so no live delivery can mix with the replays.
    const hook = await subscribe(t, '/replay', ['customer.updated']);
    const customers = [await newCustomer(t), await newCustomer(t), await newCustomer(t)];
    await eventually(async () =>
      expect((await api('/v1/events?type=customer.created', { token: t.token })).body.items).toHaveLength(3),
    );
    await settled();
    await new Promise((r) => setTimeout(r, 300));
    await settled();
    const now = (await api(`/v1/webhooks/${hook.id}`, { token: t.token })).body;
    await api(`/v1/webhooks/${hook.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { eventTypes: ['customer.created'] },
      headers: { 'if-match': `"${now.version}"` },
    });
    const replay = () => api(`/v1/webhooks/${hook.id}/replay`, { token: t.token, body: { since } });
    const first = await replay();
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ enqueued: 3 });
    const ids = async () => at('/replay').map((r) => (JSON.parse(r.body) as { data: { id: string } }).data.id);
    await eventually(async () => expect((await ids()).sort()).toEqual(customers.map((c) => c.id).sort()));
    // A retried request (same Idempotency-Key) is the same replay; a new request replays again.
    const key = `replay-${Date.now()}`;
    expect(
      (
        await api(`/v1/webhooks/${hook.id}/replay`, {
          token: t.token,
          body: { since },
          headers: { 'idempotency-key': key },
        })
      ).body.enqueued,
    ).toBe(3);
    await api(`/v1/webhooks/${hook.id}/replay`, {
      token: t.token,
      body: { since },
      headers: { 'idempotency-key': key },
    });
    await eventually(async () => expect(await ids()).toHaveLength(6));
    await settled();
    await new Promise((r) => setTimeout(r, 500)); // a sweep or two more: nothing else arrives
    expect(await ids()).toHaveLength(6);
  });

  it('retries one delivery by hand and sends a test event, both in the delivery log', async () => {
    const t = await newTenant();
    const hook = await subscribe(t, '/manual');
    const test = await api(`/v1/webhooks/${hook.id}/test`, { method: 'POST', token: t.token });
    expect(test.body).toMatchObject({ eventType: 'webhook.test', status: 'succeeded' });
    const retried = await api(`/v1/webhooks/${hook.id}/deliveries/${test.body.id}/retry`, {
      method: 'POST',
      token: t.token,
    });
    expect(retried.body.attempts).toHaveLength(2);
    expect(at('/manual')).toHaveLength(2);
    expect(JSON.parse(at('/manual')[0]!.body)).toMatchObject({ type: 'webhook.test' });
  });

  it("keeps each tenant's subscriptions, deliveries and events to itself", async () => {
    const [a, b] = await Promise.all([newTenant(), newTenant()]);
    const hook = await subscribe(a, '/isolated');
    await newCustomer(a, { name: '甲方客户' });
    const delivery = await eventually(async () => {
      const d = (await api(`/v1/webhooks/${hook.id}/deliveries`, { token: a.token })).body.items[0];
      expect(d).toBeDefined();
      return d;
    });
    expect((await api('/v1/webhooks', { token: b.token })).body.items).toEqual([]);
    expectProblem(await api(`/v1/webhooks/${hook.id}`, { token: b.token }), 404);
    expectProblem(await api(`/v1/webhooks/${hook.id}/deliveries`, { token: b.token }), 404);
    expectProblem(
      await api(`/v1/webhooks/${hook.id}/deliveries/${delivery.id}/retry`, { method: 'POST', token: b.token }),
      404,
    );
    const events = (await api('/v1/events?limit=100', { token: b.token })).body.items;
    expect(events.every((e: { data: { name?: string } }) => e.data.name !== '甲方客户')).toBe(true);
  });
});

describe('event log', () => {
  it('serves the public payloads in order after a point, filtered by type, with a cursor, and never internal events', async () => {
    const t = await newTenant();
    const first = await newCustomer(t, { name: '日志一' });
    const second = await newCustomer(t, { name: '日志二' });
    await api(`/v1/customers/${first.id}`, { method: 'PATCH', token: t.token, body: { tier: 'A' } });
    const all = (await api('/v1/events?limit=100', { token: t.token })).body.items as {
      id: string;
      type: string;
      timestamp: string;
      data: { id: string };
    }[];
    expect(all.map((e) => e.type)).toEqual(['customer.created', 'customer.created', 'customer.updated']);
    expect(Object.keys(all[0]!).sort()).toEqual(['data', 'id', 'timestamp', 'type']);
    expect(all[0]!.data.id).toBe(first.id);
    const created = (await api('/v1/events?type=customer.created', { token: t.token })).body.items;
    expect(created.map((e: { data: { id: string } }) => e.data.id)).toEqual([first.id, second.id]);
    const after = (await api(`/v1/events?after=${all[0]!.id}`, { token: t.token })).body.items;
    expect(after.map((e: { id: string }) => e.id)).toEqual([all[1]!.id, all[2]!.id]);
    const page1 = (await api('/v1/events?limit=2', { token: t.token })).body;
    const page2 = (await api(`/v1/events?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`, { token: t.token }))
      .body;
    expect([...page1.items, ...page2.items].map((e: { id: string }) => e.id)).toEqual(all.map((e) => e.id));
    const later = (
      await api(`/v1/events?after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, {
        token: t.token,
      })
    ).body.items;
    expect(later).toEqual([]);
  });
});

describe('API keys', () => {
  it('shows the secret once, keeps only its prefix, works with its scopes, records its use, and is refused once revoked', async () => {
    const t = await newTenant();
    const created = await api('/v1/api-keys', { token: t.token, body: { name: 'ERP', scopes: ['customers:read'] } });
    expect(created.status).toBe(201);
    const { secret } = created.body;
    expect(secret).toMatch(/^dk_live_/);
    const listed = (await api('/v1/api-keys', { token: t.token })).body.items[0];
    expect(listed).toMatchObject({
      id: created.body.id,
      prefix: secret.slice(0, 12),
      scopes: ['customers:read'],
      createdBy: t.userId,
    });
    expect(JSON.stringify(listed)).not.toContain(secret.slice(12));

    expect((await api('/v1/customers', { token: secret })).status).toBe(200);
    const denied = await api('/v1/orders', { token: secret });
    expectProblem(denied, 403, 'missing_scope');
    expect(denied.body.detail).toContain('orders:read');
    expectProblem(await api('/v1/api-keys', { token: secret }), 403, 'forbidden_for_api_keys');
    await eventually(async () =>
      expect((await api('/v1/api-keys', { token: t.token })).body.items[0].lastUsedAt).not.toBeNull(),
    );

    const revoked = await api(`/v1/api-keys/${created.body.id}`, { method: 'DELETE', token: t.token });
    expect(revoked.body.revokedAt).not.toBeNull();
    // Refused from the very next request, although the authorizer's answer is still cached.
    expectProblem(await api('/v1/customers', { token: secret }), 401);
  });

  // Every scope against every route: allowed exactly where the route table lists the scope.
  it('lets each scope call exactly the routes that list it', async () => {
    const t = await newTenant();
    const keys = Object.fromEntries(
      await Promise.all(
        scopes.map(async (s) => [
          s,
          (await api('/v1/api-keys', { token: t.token, body: { name: s, scopes: [s] } })).body.secret as string,
        ]),
      ),
    );
    const tenantRoutes = (routes as readonly RouteDef[]).filter((r) => r.auth === 'tenant');
    for (const scope of scopes as readonly Scope[]) {
      for (const r of tenantRoutes) {
        // Ids that do not parse: an allowed call stops at validation (400) and changes nothing.
        const path = r.path.replace(/\{(\w+)\}/g, 'x');
        const res = await api(path, {
          method: r.method,
          token: keys[scope],
          body: ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined,
        });
        if (r.scopes.includes(scope)) expect(res.status, `${scope} ${r.method} ${r.path}`).not.toBe(403);
        else expectProblem(res, 403, r.scopes.length ? 'missing_scope' : 'forbidden_for_api_keys');
      }
    }
  }, 180_000); // 1,800 requests one after another: a loaded CI machine needs more than the default minute
});

describe('egress safety (SSRF)', () => {
  const production = { allowLoopbackHttp: false };
  const development = { allowLoopbackHttp: true };

  it('refuses loopback, private, link-local and metadata addresses outside the development setting, also by name', async () => {
    for (const url of [
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/x',
      'https://192.168.1.1/',
      'https://[::ffff:10.0.0.1]/',
    ]) {
      await expect(checkDestination(url, production), url).rejects.toThrow(/private or reserved/);
    }
    await expect(checkDestination('https://localhost/hook', production)).rejects.toThrow(
      /resolves to a private or reserved address/,
    );
    await expect(checkDestination('http://127.0.0.1:8080/hook', production)).rejects.toThrow(/only https/);
    expect(() => checkUrl('http://example.com/hook', development)).toThrow(/only https/);
    expect(addressAllowed('93.184.216.34', production)).toBe(true);
  });

  // Guarantees: IPv4 hidden inside IPv6 (compatible ::/96, 6to4, Teredo, NAT64) and every other special range is refused, not only the private ones.
  it('refuses IPv6 forms that carry an inner IPv4 address, and documentation, CGNAT and broadcast ranges', () => {
    for (const ip of [
      '::a00:1',
      '::7f00:1',
      '2002:a00:1::',
      '2001::1',
      '64:ff9b::a9fe:a9fe',
      '::ffff:169.254.169.254',
      '::',
      '100.64.0.1',
      '192.0.2.1',
      '255.255.255.255',
      'fe80::1',
      'fd00::1',
    ]) {
      expect(addressAllowed(ip, production), ip).toBe(false);
    }
    expect(addressAllowed('2606:4700:4700::1111', production)).toBe(true);
    expect(addressAllowed('::1', development)).toBe(true);
  });

  it('checks the address when connecting, so a name that resolves inward is refused at delivery time (DNS rebinding)', async () => {
    // "localhost" passes the URL check (https) but dials 127.0.0.1: refused before any byte is sent.
    await expect(post('https://localhost:1/hook', {}, '{}', { timeoutMs: 1000, policy: production })).rejects.toThrow(
      /private or reserved/,
    );
    await expect(post(`${base}/never`, {}, '{}', { timeoutMs: 1000, policy: production })).rejects.toThrow(
      /only https/,
    );
    expect(at('/never')).toHaveLength(0);
  });

  it('refuses private and metadata webhook URLs when saved, even in the development setting, which allows only loopback http', async () => {
    const t = await newTenant();
    for (const url of [
      'http://10.0.0.5/hook',
      'https://169.254.169.254/latest',
      'http://192.168.0.10/',
      'ftp://127.0.0.1/',
    ]) {
      const res = await api('/v1/webhooks', { token: t.token, body: { url, eventTypes: ['order.created'] } });
      expect([400, 422], `${url}: ${JSON.stringify(res.body)}`).toContain(res.status);
    }
    expect(
      (await api('/v1/webhooks', { token: t.token, body: { url: `${base}/dev-ok`, eventTypes: ['order.created'] } }))
        .status,
    ).toBe(201);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Context } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { api, directDb, expectProblem, newTenant, TABLE, type TestTenant } from '#infra/local/testing.ts';
import { systemRoutes } from '#shared/api/routes/system.ts';
import { httpApi, type HttpEvent } from './http.ts';

let owner: TestTenant;
beforeAll(async () => {
  owner = await newTenant();
});

describe('idempotency', () => {
  // Guarantees: a client retrying a create (timeouts, double clicks) never makes two customers.
  it('creates one resource when the same Idempotency-Key is sent 20 times concurrently', async () => {
    const key = `k-${Date.now()}`;
    const name = `幂等客户 ${key}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api('/v1/customers', { token: owner.token, body: { name }, headers: { 'idempotency-key': key } }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const inFlight = results.filter((r) => r.status === 409);
    expect(created.length + inFlight.length).toBe(20);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of inFlight) expectProblem(r, 409, 'idempotency_in_progress');
    const list = await api(`/v1/customers?q=${encodeURIComponent(name)}`, { token: owner.token });
    expect(list.body.items).toHaveLength(1);
  });

  it('replays the first answer for the same key and body, and refuses a different body with 422', async () => {
    const key = `replay-${Date.now()}`;
    const first = await api('/v1/customers', {
      token: owner.token,
      body: { name: '重放客户' },
      headers: { 'idempotency-key': key },
    });
    const again = await api('/v1/customers', {
      token: owner.token,
      body: { name: '重放客户' },
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expectProblem(
      await api('/v1/customers', {
        token: owner.token,
        body: { name: '别的客户' },
        headers: { 'idempotency-key': key },
      }),
      422,
      'idempotency_key_reused',
    );
  });

  it('does not keep a failed attempt, so a corrected retry with the same key goes through', async () => {
    const key = `fix-${Date.now()}`;
    expectProblem(
      await api('/v1/customers/cus_01JD0000000000000000000000/notes', {
        token: owner.token,
        body: { channel: 'call', body: 'x' },
        headers: { 'idempotency-key': key },
      }),
      404,
    );
    const customer = await api('/v1/customers', { token: owner.token, body: { name: '修正客户' } });
    const retry = await api(`/v1/customers/${customer.body.id}/notes`, {
      token: owner.token,
      body: { channel: 'call', body: 'x' },
      headers: { 'idempotency-key': key },
    });
    // Different route = different request fingerprint: the key was released, not poisoned.
    expect(retry.status).toBe(201);
  });

  // Guarantees: a retry that spans the deploy moving the records (within their 24 h) is still answered by the first attempt.
  it('honours a record kept where records were kept before (its own partition)', async () => {
    const key = `legacy-${Date.now()}`;
    const first = await api('/v1/customers', {
      token: owner.token,
      body: { name: '旧记录客户' },
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const hash = createHash('sha256').update(`${owner.userId}\n${key}`).digest('base64url');
    const db = await directDb();
    const now = { pk: `${owner.tenantId}#IDEMPOTENCY`, sk: hash };
    const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: now }));
    expect(Item?.state).toBe('done');
    // As the layout before kept it: its own partition, listed in the inventory.
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...Item, pk: `${owner.tenantId}#IDEMPOTENCY#${hash}`, sk: 'IDEMPOTENCY' },
      }),
    );
    await db.send(new DeleteCommand({ TableName: TABLE, Key: now }));
    const again = await api('/v1/customers', {
      token: owner.token,
      body: { name: '旧记录客户' },
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expectProblem(
      await api('/v1/customers', { token: owner.token, body: { name: '别的' }, headers: { 'idempotency-key': key } }),
      422,
      'idempotency_key_reused',
    );
    // The claim the retry made in the new partition was given back: nothing half-written there.
    expect((await db.send(new GetCommand({ TableName: TABLE, Key: now }))).Item).toBeUndefined();
    const list = await api(`/v1/customers?q=${encodeURIComponent('旧记录客户')}`, { token: owner.token });
    expect(list.body.items).toHaveLength(1);
  });

  it('rejects an empty or over-long key with 400', async () => {
    expectProblem(
      await api('/v1/customers', {
        token: owner.token,
        body: { name: 'x' },
        headers: { 'idempotency-key': 'k'.repeat(256) },
      }),
      400,
    );
  });
});

describe('optimistic concurrency', () => {
  // Guarantees: two people editing the same customer cannot silently overwrite each other.
  it('answers 412 to a stale If-Match and carries the version in the ETag', async () => {
    const created = await api('/v1/customers', { token: owner.token, body: { name: '并发客户' } });
    expect(created.headers.get('etag')).toBe('"1"');
    const first = await api(`/v1/customers/${created.body.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { tier: 'A' },
      headers: { 'if-match': '"1"' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await api(`/v1/customers/${created.body.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { tier: 'B' },
      headers: { 'if-match': '"1"' },
    });
    expectProblem(stale, 412, 'stale_version');
    const now = await api(`/v1/customers/${created.body.id}`, { token: owner.token });
    expect(now.body.tier).toBe('A');
  });

  it('rejects a malformed If-Match with 400', async () => {
    const created = await api('/v1/customers', { token: owner.token, body: { name: '并发客户2' } });
    expectProblem(
      await api(`/v1/customers/${created.body.id}`, {
        method: 'PATCH',
        token: owner.token,
        body: { tier: 'A' },
        headers: { 'if-match': 'yesterday' },
      }),
      400,
    );
  });
});

describe('the http stack', () => {
  it('answers 413 to a body over 1 MiB', async () => {
    const res = await api('/v1/customers', {
      token: owner.token,
      rawBody: JSON.stringify({ name: 'x'.repeat(1024 * 1024) }),
    });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('answers 400 to malformed JSON and to unknown fields, 415 to a non-JSON body', async () => {
    expectProblem(await api('/v1/customers', { token: owner.token, rawBody: '{"name":' }), 400);
    const unknown = await api('/v1/customers', { token: owner.token, body: { name: 'x', hacker: true } });
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'body', code: 'unrecognized_keys' })]);
    // Each field error carries zod's code, which the web app translates.
    const tooLong = await api('/v1/customers', { token: owner.token, body: { name: 'x'.repeat(1_000) } });
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'body.name', code: 'too_big' })]);
    expectProblem(
      await api('/v1/customers', {
        token: owner.token,
        rawBody: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
  });

  it('answers unknown routes with 404 and wrong methods with 405, as problem+json', async () => {
    expectProblem(await api('/v1/nothing-here', { token: owner.token }), 404, 'route_not_found');
    expectProblem(await api('/v1/customers', { method: 'PUT', token: owner.token, body: {} }), 405);
  });

  it('tags every answer with a request id that error bodies quote', async () => {
    const res = await api('/v1/customers/cus_01JD0000000000000000000000', { token: owner.token });
    expectProblem(res, 404);
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('round-trips Chinese text unchanged', async () => {
    const name = '广州市天河区𠮷野家餐饮有限公司（分店）';
    const created = await api('/v1/customers', { token: owner.token, body: { name, tags: ['粤菜', '连锁'] } });
    const read = await api(`/v1/customers/${created.body.id}`, { token: owner.token });
    expect(read.body.name).toBe(name);
    expect(read.body.tags).toEqual(['粤菜', '连锁']);
  });
});

describe('the response contract', () => {
  // A module whose health check answers outside the route's response schema (`time` must be a string).
  const drifted = httpApi(systemRoutes, {
    getHealth: async () => ({ status: 'ok', time: 1_700_000_000 }) as never,
    getOpenApi: async () => ({}),
  });
  const health = () =>
    drifted(
      {
        routeKey: 'GET /v1/health',
        rawPath: '/v1/health',
        headers: {},
        requestContext: { requestId: `req-${Date.now()}`, http: { sourceIp: '127.0.0.1' } },
      } as unknown as HttpEvent,
      { awsRequestId: 'aws-req', getRemainingTimeInMillis: () => 29_000 } as unknown as Context,
    );

  // Guarantees: tests and the local cloud fail an answer that drifted from its route's schema, so contract drift is caught before it ships.
  it('fails an answer outside its schema with a 500 everywhere but in AWS', async () => {
    const previous = process.env.STAGE;
    delete process.env.STAGE;
    try {
      const res = await health();
      expect(res.statusCode).toBe(500);
      expect(JSON.parse(res.body as string)).toMatchObject({ code: 'internal_error' });
    } finally {
      if (previous !== undefined) process.env.STAGE = previous;
    }
  });

  it('skips the check in AWS, where the CDK sets STAGE=prod', async () => {
    const previous = process.env.STAGE;
    process.env.STAGE = 'prod';
    try {
      const res = await health();
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body as string)).toEqual({ status: 'ok', time: 1_700_000_000 });
    } finally {
      if (previous === undefined) delete process.env.STAGE;
      else process.env.STAGE = previous;
    }
  });
});

describe('bad input, property-based', () => {
  // Guarantees: no body, however strange, gets a 5xx or changes data.
  it('never answers 5xx to arbitrary JSON on write routes, always problem+json, and writes nothing', async () => {
    const customer = await api('/v1/customers', { token: owner.token, body: { name: '属性测试客户' } });
    const before = await api(`/v1/customers/${customer.body.id}`, { token: owner.token });
    const targets = [
      { method: 'POST', path: '/v1/customers' },
      { method: 'PATCH', path: `/v1/customers/${customer.body.id}` },
      { method: 'POST', path: `/v1/customers/${customer.body.id}/notes` },
      { method: 'PATCH', path: '/v1/settings' },
      { method: 'POST', path: '/v1/users' },
      { method: 'PATCH', path: `/v1/users/${owner.userId}` },
    ];
    const notes = await api(`/v1/customers/${customer.body.id}/notes`, { token: owner.token });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.oneof(
          fc.anything(),
          fc.record(
            { name: fc.anything(), tags: fc.anything(), creditLimit: fc.anything(), stage: fc.string() },
            { requiredKeys: [] },
          ),
          fc.record(
            { channel: fc.string(), body: fc.oneof(fc.string(), fc.integer()), role: fc.string(), email: fc.string() },
            { requiredKeys: [] },
          ),
        ),
        async (target, body) => {
          let raw: string;
          try {
            raw = JSON.stringify(body) ?? 'null';
          } catch {
            raw = '"unserializable"';
          }
          const res = await api(target.path, {
            method: target.method,
            token: owner.token,
            rawBody: raw,
            headers: { 'if-match': '"999"' },
          });
          expect(res.status, `${target.method} ${target.path} ${raw}`).toBeLessThan(500);
          if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 150 },
    );
    const after = await api(`/v1/customers/${customer.body.id}`, { token: owner.token });
    expect(after.body).toEqual(before.body);
    expect((await api(`/v1/customers/${customer.body.id}/notes`, { token: owner.token })).body.items.length).toBe(
      notes.body.items.length,
    );
  });

  it('never answers 5xx to arbitrary query strings on lists', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('limit', 'cursor', 'q', 'tier', 'tag', 'stage', 'ownerId', 'x'), fc.string()),
        async (query) => {
          const res = await api(`/v1/customers?${new URLSearchParams(query)}`, { token: owner.token });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { api, cloud, directDb, expectProblem, newTenant, TABLE } from '#infra/local/testing.ts';
import { TenantContext, systemPrincipal } from './tenant.ts';
import { WINDOW_SECONDS, takeBudget } from './rate-limit.ts';

/**
 * Request budgets (API.md, "rate limits"): every answer carries RateLimit-*; over budget is 429
 * problem+json `rate_limited` with Retry-After; the count is shared (one DynamoDB counter per
 * budget and window), so it holds across every Lambda instance.
 */
beforeAll(() => {
  process.env.TABLE_NAME = 'dingo';
  process.env.DYNAMODB_ENDPOINT = cloud().endpoints.dynamodb;
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
});

describe('request budgets', () => {
  it('a budget seen spent is refused from memory for the rest of its window: the counter is not written again', async () => {
    const owner = await newTenant();
    const created = await api('/v1/api-keys', {
      token: owner.token,
      body: { name: 'hammer', scopes: ['orders:read'], rateLimit: 1 },
    });
    const keyId = created.body.id as string;
    const db = await directDb();
    const windowMs = WINDOW_SECONDS * 1000;
    // Within one window (tried again if the clock crosses into the next one meanwhile): 3 requests spend
    // the burst of 2 and the third is refused by the counter; 10 more are refused without counting.
    for (let attempt = 0; ; attempt += 1) {
      await new Promise((r) => setTimeout(r, windowMs - (Date.now() % windowMs) + 20));
      const window = Math.floor(Date.now() / windowMs);
      for (let i = 0; i < 3; i += 1) await api('/v1/orders?limit=1', { token: created.body.secret });
      const counted = async () =>
        (
          await db.send(
            new GetCommand({
              TableName: TABLE,
              Key: { pk: `${owner.tenantId}#RATE#KEY#${keyId}`, sk: String(window) },
            }),
          )
        ).Item?.used;
      const before = await counted();
      const more = await Promise.all(
        Array.from({ length: 10 }, () => api('/v1/orders?limit=1', { token: created.body.secret })),
      );
      const sameWindow = Math.floor(Date.now() / windowMs) === window;
      if (!sameWindow && attempt < 5) continue;
      expect(before).toBe(3);
      for (const r of more) {
        expectProblem(r, 429, 'rate_limited');
        expect(r.headers.get('ratelimit-remaining')).toBe('0');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect(await counted()).toBe(3);
      break;
    }
  }, 60_000);

  it('an API key given 1 request/s is refused past its burst with 429 and Retry-After, while the company goes on', async () => {
    const owner = await newTenant();
    const created = await api('/v1/api-keys', {
      token: owner.token,
      body: { name: 'sync loop', scopes: ['orders:read'], rateLimit: 1 },
    });
    expect(created.status).toBe(201);
    expect(created.body.rateLimit).toBe(1);
    const listed = await api('/v1/api-keys', { token: owner.token });
    expect(listed.body.items.find((k: { id: string }) => k.id === created.body.id).rateLimit).toBe(1);

    // 20 requests at once: whatever windows they fall into, each window lets 2 through.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api('/v1/orders?limit=1', { token: created.body.secret })),
    );
    const ok = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status === 429);
    expect(ok.length + refused.length).toBe(20);
    expect(refused.length).toBeGreaterThan(0);
    expect(ok.length).toBeGreaterThan(0);
    for (const r of ok) {
      expect(r.headers.get('ratelimit-limit')).toBe(String(1 * WINDOW_SECONDS));
      expect(Number(r.headers.get('ratelimit-remaining'))).toBeLessThan(WINDOW_SECONDS);
    }
    for (const r of refused) {
      expectProblem(r, 429, 'rate_limited');
      const retryAfter = Number(r.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
      expect(r.headers.get('ratelimit-reset')).toBe(String(retryAfter));
    }

    // The key's budget is its own: the owner, in the same company and the same seconds, is served,
    // and sees the company's budget in its headers.
    const mine = await api('/v1/orders?limit=1', { token: owner.token });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('ratelimit-limit')).toBe(String(cloud().rateLimitPerSecond * WINDOW_SECONDS));
    expect(Number(mine.headers.get('ratelimit-remaining'))).toBeGreaterThan(0);

    // In a window none of the 20 reached (windows start at even seconds of the same clock), the key is served again.
    const windowMs = WINDOW_SECONDS * 1000;
    await new Promise((r) => setTimeout(r, windowMs - (Date.now() % windowMs) + 50));
    expect((await api('/v1/orders?limit=1', { token: created.body.secret })).status).toBe(200);
  });

  it('a key cannot be given more than the company has, and problems carry the budget headers too', async () => {
    const owner = await newTenant();
    const tooMuch = await api('/v1/api-keys', {
      token: owner.token,
      body: { name: 'greedy', scopes: ['orders:read'], rateLimit: cloud().rateLimitPerSecond + 1 },
    });
    expectProblem(tooMuch, 400, 'invalid_request');
    expect(tooMuch.body.errors[0].path).toBe('body.rateLimit');
    expect(tooMuch.headers.get('ratelimit-limit')).toBe(String(cloud().rateLimitPerSecond * WINDOW_SECONDS));
    const keys = await api('/v1/api-keys', { token: owner.token });
    expect(keys.body.items).toHaveLength(0);
  });

  it("a company's budget is one count for all its callers at once, per window, and never another company's", async () => {
    process.env.RATE_LIMIT_PER_SECOND = '3'; // this worker's own setting: 6 requests per window
    const a = await TenantContext.of(`ten_01JRATE${Date.now().toString().padStart(19, '0')}`, systemPrincipal);
    const b = await TenantContext.of(`ten_01JRATF${Date.now().toString().padStart(19, '0')}`, systemPrincipal);
    const windowStart = (Math.floor(Date.now() / 1000 / WINDOW_SECONDS) + 10) * WINDOW_SECONDS * 1000;

    // 20 callers at the same instant, as 20 Lambda instances would be: exactly the burst gets through.
    const results = await Promise.all(Array.from({ length: 20 }, () => takeBudget(a, undefined, windowStart)));
    expect(results.filter((r) => !r.exceeded)).toHaveLength(6);
    expect(results.filter((r) => r.exceeded).every((r) => r.budget.remaining === 0)).toBe(true);
    expect(results.every((r) => r.budget.limit === 6 && r.budget.reset === WINDOW_SECONDS)).toBe(true);

    // Another company in the same window is untouched; the next window starts afresh.
    const other = await takeBudget(b, undefined, windowStart + 500);
    expect(other).toEqual({ exceeded: false, budget: { limit: 6, remaining: 5, reset: 2 } });
    const next = await takeBudget(a, undefined, windowStart + WINDOW_SECONDS * 1000);
    expect(next.exceeded).toBe(false);
    expect(next.budget.remaining).toBe(5);
  });
});

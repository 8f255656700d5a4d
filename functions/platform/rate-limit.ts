import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';
import { Problem } from './errors.ts';
import type { TenantContext } from './tenant.ts';

/**
 * Request budgets, shared by every Lambda instance through one counter item per budget and
 * window in the tenant's own keys: a fixed window of `WINDOW_SECONDS` holds the burst (twice the
 * sustained rate), so a budget of 50/s allows 100 requests per two seconds. One atomic ADD per
 * budget and request (1 write unit), never a read-modify-write that could race. A tenant has one
 * budget; an API key given its own (lower) rate has a second one. Counting happens before the
 * work: a request over budget costs the counter and nothing else.
 */
export const WINDOW_SECONDS = 2;

export interface Budget {
  /** Requests a window allows (the burst). */
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
}

/** The tenant's sustained rate (requests per second); the platform's default is 50. */
export const tenantRate = () => Number(process.env.RATE_LIMIT_PER_SECOND ?? 50) || 50;

async function count(
  t: TenantContext,
  scope: string,
  limit: number,
  nowMs: number,
): Promise<Budget & { over: boolean }> {
  const window = Math.floor(nowMs / 1000 / WINDOW_SECONDS);
  const endsAt = (window + 1) * WINDOW_SECONDS;
  const { Attributes } = await t.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: { pk: t.key('RATE', scope), sk: String(window) },
      UpdateExpression: 'ADD used :one SET expiresAt = if_not_exists(expiresAt, :expires)',
      ExpressionAttributeValues: { ':one': 1, ':expires': endsAt + 60 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const used = Number(Attributes?.used ?? 1);
  // Requests over budget still count, so a client that keeps hammering stays refused until the window ends.
  const reset = Math.max(1, Math.ceil(endsAt - nowMs / 1000));
  return { limit, remaining: Math.max(0, limit - used), reset, over: used > limit };
}

/**
 * Budgets this container already saw spent, until their window ends: a client hammering past its
 * budget is refused from memory, with no DynamoDB call and before anything else is read. Each
 * container learns it from its own first refusal (the counter stays the authority); a window that
 * ends forgets it. Bounded: the oldest entries go first.
 */
const spent = new Map<string, { window: number; limit: number }>();
const MAX_SPENT = 10_000;

function remember(key: string, window: number, limit: number) {
  spent.delete(key);
  spent.set(key, { window, limit });
  if (spent.size > MAX_SPENT) spent.delete(spent.keys().next().value!);
}

/** The budget that refuses this request at once, when this container knows it is spent for the current window. */
export function knownSpent(t: TenantContext, keyRate: number | undefined, nowMs = Date.now()): Budget | undefined {
  const window = Math.floor(nowMs / 1000 / WINDOW_SECONDS);
  const scopes = [`${t.tenantId}|TENANT`, ...(keyRate ? [`${t.tenantId}|KEY#${t.principal.id}`] : [])];
  const limits = [tenantRate() * WINDOW_SECONDS, ...(keyRate ? [keyRate * WINDOW_SECONDS] : [])];
  for (const [i, scope] of scopes.entries()) {
    const known = spent.get(scope);
    // Only while the budget is the one that was spent (a key's rate changed, a deployment's default changed).
    if (known?.window === window && known.limit === limits[i]) {
      const reset = Math.max(1, Math.ceil((window + 1) * WINDOW_SECONDS - nowMs / 1000));
      return { limit: known.limit, remaining: 0, reset };
    }
    if (known) spent.delete(scope);
  }
  return undefined;
}

/** Counts the request against the tenant's budget and, when the API key has its own rate, the key's. */
export async function takeBudget(
  t: TenantContext,
  keyRate: number | undefined,
  nowMs = Date.now(),
): Promise<{ budget: Budget; exceeded: boolean }> {
  const scopes = ['TENANT', ...(keyRate ? [`KEY#${t.principal.id}`] : [])];
  const limits = [tenantRate() * WINDOW_SECONDS, ...(keyRate ? [keyRate * WINDOW_SECONDS] : [])];
  const budgets = await Promise.all(scopes.map((scope, i) => count(t, scope, limits[i]!, nowMs)));
  const window = Math.floor(nowMs / 1000 / WINDOW_SECONDS);
  budgets.forEach((b, i) => {
    if (b.over) remember(`${t.tenantId}|${scopes[i]}`, window, b.limit);
  });
  // The answer shows the budget closest to running out (the one that refused, when one did).
  const { over: _, ...budget } = budgets.reduce((a, b) => (b.over || (!a.over && b.remaining < a.remaining) ? b : a));
  return { budget, exceeded: budgets.some((b) => b.over) };
}

export function rateLimitHeaders(b: Budget): Record<string, string> {
  return {
    'ratelimit-limit': String(b.limit),
    'ratelimit-remaining': String(b.remaining),
    'ratelimit-reset': String(b.reset),
    'ratelimit-policy': `${b.limit};w=${WINDOW_SECONDS}`,
  };
}

export class RateLimited extends Problem {
  constructor(b: Budget) {
    super(
      'rate_limited',
      `Over the request budget (${b.limit} per ${WINDOW_SECONDS} s); retry after ${b.reset} s.`,
      undefined,
      { ...rateLimitHeaders(b), 'retry-after': String(b.reset) },
    );
  }
}

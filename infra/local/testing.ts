import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Role } from '#shared/api/common.ts';

/** Helpers for tests that talk to the local cloud over real HTTP (started once per run by test-setup.ts). */
export const cloud = () => inject('cloud');

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

let pinnedNow: string | undefined;
/**
 * Pins "now" for every request this test file sends (the server's clock, per request: see
 * functions/platform/clock.ts), so tests about "today" hold at any hour, Beijing midnight included.
 */
export function pinClock(at: string | undefined) {
  pinnedNow = at;
}

export async function api<T = any>(
  path: string,
  options: {
    method?: string;
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(pinnedNow ? { 'x-dingo-now': pinnedNow } : {}), ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${cloud().url}${path}`, {
    method: options.method ?? (options.body !== undefined || options.rawBody !== undefined ? 'POST' : 'GET'),
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export const uniqueEmail = (prefix = 'user') => `${prefix}.${randomUUID().slice(0, 12)}@example.com`;
export const PASSWORD = 'Passw0rdDingo';

export interface TestTenant {
  tenantId: string;
  userId: string;
  email: string;
  token: string;
  refreshToken: string;
}

/** A fresh company signed up through the API, with its owner's token. */
/**
 * A new company. New companies quote prices tax-inclusive (含税); the tests written around
 * tax-exclusive arithmetic get such a company unless they ask for `{ pricesIncludeTax: true }`.
 */
export async function newTenant(
  companyName = `测试公司 ${randomUUID().slice(0, 6)}`,
  options: { pricesIncludeTax?: boolean; baseCurrency?: string } = {},
): Promise<TestTenant> {
  const email = uniqueEmail('owner');
  const res = await api('/v1/signup', {
    body: {
      companyName,
      adminEmail: email,
      adminPassword: PASSWORD,
      adminName: '老板',
      ...(options.baseCurrency ? { baseCurrency: options.baseCurrency } : {}),
    },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (!options.pricesIncludeTax) {
    const patched = await api('/v1/settings', {
      method: 'PATCH',
      token: res.body.tokens.idToken,
      body: { pricesIncludeTax: false },
    });
    if (patched.status !== 200) throw new Error(`settings: ${patched.status} ${JSON.stringify(patched.body)}`);
  }
  return {
    tenantId: res.body.tenant.id,
    userId: res.body.user.id,
    email,
    token: res.body.tokens.idToken,
    refreshToken: res.body.tokens.refreshToken,
  };
}

/** Reads the invitation the local cloud "sent" and returns the temporary password in it. */
export async function temporaryPasswordFor(email: string): Promise<string> {
  const mail = await eventually(async () => {
    const res = await api<{ items: { text: string }[] }>('/_local/mail');
    const found = res.body.items.find((m) => m.text.includes(`To: ${email}`));
    if (!found) throw new Error(`no mail to ${email}`);
    return found.text;
  });
  return /Temporary password: (\S+)/.exec(mail)![1]!;
}

/** Invites a user with `role` and walks them through first login; answers their token. */
export async function userWithRole(owner: TestTenant, role: Role) {
  const email = uniqueEmail(role);
  const invited = await api('/v1/users', { token: owner.token, body: { email, role, name: `${role} 同事` } });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const login = await api('/v1/auth/login', { body: { email, password: await temporaryPasswordFor(email) } });
  const done = await api('/v1/auth/new-password', {
    body: { email, session: login.body.session, newPassword: PASSWORD },
  });
  if (done.status !== 200) throw new Error(`new password failed: ${done.status} ${JSON.stringify(done.body)}`);
  return { userId: invited.body.id as string, email, token: done.body.idToken as string };
}

/** Retries `check` until it stops throwing: for effects that travel through the stream and the bus. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function expectProblem(res: ApiResponse, status: number, code?: string) {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  if (!res.headers.get('content-type')?.startsWith('application/problem+json'))
    throw new Error(`not problem+json: ${res.headers.get('content-type')}`);
  if (res.body.status !== status || typeof res.body.title !== 'string' || typeof res.body.type !== 'string')
    throw new Error(`malformed problem: ${JSON.stringify(res.body)}`);
  if (code && res.body.code !== code)
    throw new Error(`expected code ${code}, got ${res.body.code}: ${res.body.detail}`);
}

/** Direct access to DynamoDB Local, for asserting what the API wrote (never used by the product's tests of behaviour alone). */
export async function directDb() {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: cloud().endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
}
export const TABLE = 'dingo';

/** Builders for catalog, stock and orders, through the API like any client. */
export async function defaultWarehouse(t: { token: string }): Promise<string> {
  const res = await api('/v1/warehouses', { token: t.token });
  return res.body.items.find((w: { isDefault: boolean }) => w.isDefault).id;
}

export async function newProduct(t: { token: string }, overrides: Record<string, unknown> = {}) {
  const res = await api('/v1/products', {
    token: t.token,
    body: {
      sku: `SKU-${randomUUID().slice(0, 8)}`,
      name: '测试商品',
      unit: '箱',
      price: { amount: 10_000, currency: 'CNY' },
      taxRate: 1300,
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`product: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; sku: string; version: number };
}

export async function receive(t: { token: string }, productId: string, warehouseId: string, quantity: number) {
  const res = await api('/v1/inventory/movements', {
    token: t.token,
    body: { kind: 'receipt', productId, warehouseId, quantity },
  });
  if (res.status !== 201) throw new Error(`receipt: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function newCustomer(t: { token: string }, overrides: Record<string, unknown> = {}) {
  const res = await api('/v1/customers', {
    token: t.token,
    body: { name: `订单客户 ${randomUUID().slice(0, 6)}`, ...overrides },
  });
  if (res.status !== 201) throw new Error(`customer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; currency: string };
}

/** A draft order of `quantity` units of a fresh, stocked product for a fresh customer. */
export async function newOrder(
  t: { token: string },
  options: { quantity?: number; stock?: number; customerId?: string; productId?: string } = {},
) {
  const warehouseId = await defaultWarehouse(t);
  const productId = options.productId ?? (await newProduct(t)).id;
  if (!options.productId) await receive(t, productId, warehouseId, options.stock ?? 100);
  const customerId = options.customerId ?? (await newCustomer(t)).id;
  const res = await api('/v1/orders', {
    token: t.token,
    body: { customerId, lines: [{ productId, quantity: options.quantity ?? 2 }] },
  });
  if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as {
    id: string;
    version: number;
    lines: { lineId: string; quantity: number }[];
    status: string;
    customerId: string;
  };
}

/** Moves a new order through the lifecycle to `state` (no approval rules configured). */
export async function orderIn(
  t: { token: string },
  state: 'draft' | 'confirmed' | 'partially_shipped' | 'shipped' | 'delivered',
) {
  const order = await newOrder(t);
  if (state === 'draft') return order;
  let res = await api(`/v1/orders/${order.id}/submit`, { method: 'POST', token: t.token });
  if (state === 'confirmed') return res.body;
  if (state === 'partially_shipped') {
    res = await api(`/v1/orders/${order.id}/shipments`, {
      token: t.token,
      body: { lines: [{ lineId: order.lines[0]!.lineId, quantity: 1 }] },
    });
    return res.body;
  }
  res = await api(`/v1/orders/${order.id}/shipments`, {
    token: t.token,
    body: { lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) },
  });
  if (state === 'shipped') return res.body;
  res = await api(`/v1/orders/${order.id}/deliver`, { method: 'POST', token: t.token });
  return res.body;
}

/** The invoices of an order, once the invoicing consumer has made `count` of them. */
export async function invoicesOf(t: { token: string }, orderId: string, count = 1) {
  return eventually(async () => {
    const res = await api(`/v1/invoices?orderId=${orderId}`, { token: t.token });
    if (res.status !== 200 || res.body.items.length < count)
      throw new Error(`waiting for ${count} invoice(s) of ${orderId}: ${JSON.stringify(res.body)}`);
    return res.body.items as {
      id: string;
      number: string;
      status: string;
      customerId: string;
      orderId: string;
      fxRate: string;
      subtotal: number;
      tax: number;
      total: number;
      amountDue: number;
      amountPaid: number;
      currency: string;
      dueDate: string;
      issueDate: string;
      version: number;
      lines: { lineId: string; quantity: number; total: number }[];
    }[];
  });
}

/** A shipped order's invoice (the default policy invoices each shipment). */
export async function shippedInvoice(t: { token: string }) {
  const order = await orderIn(t, 'shipped');
  const [invoice] = await invoicesOf(t, order.id);
  return invoice!;
}

/** Runs a scheduled job now, for one company, as if its schedule ticked at `time`. */
export async function runJob(name: string, tenantId: string, time = new Date().toISOString()) {
  const res = await api(`/_local/jobs/${name}`, { body: { time, tenantId } });
  if (res.status !== 200) throw new Error(`job ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result as { tenants: number; failed: number; results: Record<string, any> };
}

/** An open approval-waiting alert: an order pending approval, reminded two days later. */
export async function openApprovalAlert(t: TestTenant) {
  await api('/v1/workflows/approval', {
    method: 'PUT',
    token: t.token,
    body: { rules: [{ name: '全部审批', when: {}, steps: ['finance'] }] },
  });
  const order = await newOrder(t);
  await api(`/v1/orders/${order.id}/submit`, { method: 'POST', token: t.token });
  await api('/v1/workflows/approval', { method: 'PUT', token: t.token, body: { rules: [] } });
  await runJob('approval-reminders', t.tenantId, new Date(Date.now() + 48 * 3_600_000).toISOString());
  const alerts = await api('/v1/alerts?kind=approval_waiting', { token: t.token });
  const alert = alerts.body.items.find((a: { subject: { id: string } }) => a.subject.id === order.id);
  if (!alert) throw new Error(`no approval alert: ${JSON.stringify(alerts.body)}`);
  return alert as { id: string; version: number; kind: string; status: string };
}

/**
 * Waits until the stream and the bus have nothing in flight, as seen by a round of the stream poller
 * that began after this call (what was committed just before it is then read from the stream).
 */
export const settled = async () => {
  const since = (await api('/_local/status')).body.stream.rounds as number;
  await eventually(async () => {
    const s = (await api('/_local/status')).body;
    if (s.stream.rounds < since + 2 || s.bus.inflight !== 0 || !s.stream.idle) throw new Error('still moving');
  });
};

import { describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { envelopeOf } from '#functions/platform/outbox.ts';
import {
  api,
  cloud,
  defaultWarehouse,
  directDb,
  eventually,
  expectProblem,
  newCustomer,
  newProduct,
  newTenant,
  settled,
  receive,
  TABLE,
  userWithRole,
} from '#infra/local/testing.ts';
import { holds } from './notification-rules.ts';

/** The company's own notification rules (issue 19): any public event, a simple condition, roles, people, channels. */

const bus = () =>
  new EventBridgeClient({
    endpoint: cloud().endpoints.eventbridge,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
const big = {
  name: '大额订单确认',
  event: 'order.confirmed',
  when: { path: 'total', op: 'gte', value: 5_000_000 },
  notify: { roles: ['owner'] },
};
const inbox = async (token: string) =>
  ((await api('/v1/notifications', { token })).body.items as { kind: string; text: string; link: string }[]).filter(
    (n) => n.kind === 'rule_matched',
  );

describe('notification rules', () => {
  it('conditions: eq, gte, lte, in, on the data or the order it wraps', () => {
    const order = { total: 6_000_000, channel: 'api', customerName: '大客户' };
    expect(holds(null, order)).toBe(true);
    expect(holds({ path: 'total', op: 'gte', value: 5_000_000 }, order)).toBe(true);
    expect(holds({ path: 'total', op: 'lte', value: 5_000_000 }, order)).toBe(false);
    expect(holds({ path: 'channel', op: 'in', value: ['api', 'webshop'] }, { order })).toBe(true);
    expect(holds({ path: 'customerName', op: 'eq', value: '小客户' }, order)).toBe(false);
    expect(holds({ path: 'total', op: 'gte', value: 1 }, { total: '6000000' })).toBe(false);
    expect(holds({ path: 'constructor.name', op: 'eq', value: 'Object' }, order)).toBe(false);
  });

  it("compares money in the company's base currency at the record's own rate, and nothing else", () => {
    const CNY = { baseCurrency: 'CNY' };
    // A USD order of $1,000.00 at 7.1 is ¥7,100.00: over a ¥5,000 threshold, though 100,000 < 500,000.
    const usd = { total: 100_000, currency: 'USD', fxRate: '7.1', revision: 2 };
    expect(holds({ path: 'total', op: 'gte', value: 500_000 }, usd, CNY)).toBe(true);
    expect(holds({ path: 'total', op: 'lte', value: 500_000 }, { order: usd }, CNY)).toBe(false);
    // ¥1,000,000 (yen, no minor unit) at 0.047 is ¥47,000.00.
    const jpy = { total: 1_000_000, currency: 'JPY', fxRate: '0.047' };
    expect(holds({ path: 'total', op: 'gte', value: 2_000_000 }, jpy, CNY)).toBe(true);
    expect(holds({ path: 'total', op: 'gte', value: 5_000_000 }, jpy, CNY)).toBe(false);
    // A payment's amount lies in its own money object; its rate is the payment's.
    const payment = { payment: { amount: { amount: 100_000, currency: 'USD' }, fxRate: '7.1' } };
    expect(holds({ path: 'payment.amount.amount', op: 'gte', value: 700_000 }, payment, CNY)).toBe(true);
    // Counts are not money; an amount in the base currency, or with no rate, is compared as it is.
    expect(holds({ path: 'revision', op: 'eq', value: 2 }, usd, CNY)).toBe(true);
    expect(holds({ path: 'total', op: 'eq', value: 100_000 }, { ...usd, currency: 'CNY' }, CNY)).toBe(true);
    expect(holds({ path: 'total', op: 'eq', value: 100_000 }, { total: 100_000, currency: 'USD' }, CNY)).toBe(true);
    // A refund's amount is in its credit note's currency, at the credit note's rate.
    const refund = {
      creditNote: { total: 100_000, currency: 'USD', fxRate: '7.1' },
      refund: { amount: 100_000, method: 'bank_transfer' },
    };
    expect(holds({ path: 'refund.amount', op: 'gte', value: 700_000 }, refund, CNY)).toBe(true);
    // A return carries its currency, not a rate: its order's rate is used.
    const usdReturn = { total: 100_000, currency: 'USD', orderId: 'ord_1' };
    expect(holds({ path: 'total', op: 'gte', value: 700_000 }, usdReturn, { ...CNY, rate: '7.1' })).toBe(true);
    expect(holds({ path: 'total', op: 'gte', value: 700_000 }, usdReturn, CNY)).toBe(false);
  });

  it("compares a USD return's total with a threshold in yuan at its order's rate", async () => {
    const t = await newTenant();
    const support = await userWithRole(t, 'support');
    await api('/v1/exchange-rates', {
      method: 'PUT',
      token: t.token,
      body: { rates: [{ currency: 'USD', rate: '7', validFrom: '2026-01-01' }] },
    });
    // ¥5,000 and ¥8,000 thresholds: a $1,000.00 return is ¥7,000, over the first only.
    const rule = (name: string, value: number) => ({
      name,
      event: 'return.requested',
      when: { path: 'total', op: 'gte', value },
      notify: { roles: ['owner'] },
    });
    const saved = await api('/v1/notification-rules', {
      method: 'PUT',
      token: t.token,
      body: { rules: [rule('大额退货', 500_000), rule('特大退货', 800_000)] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const customer = await newCustomer(t, { currency: 'USD' });
    const product = await newProduct(t, { price: { amount: 10_000, currency: 'CNY' }, taxRate: 0 });
    await receive(t, product.id, await defaultWarehouse(t), 5);
    const order = await api('/v1/orders', {
      token: t.token,
      body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 1, unitPrice: 100_000 }] },
    });
    expect(order.body).toMatchObject({ currency: 'USD', fxRate: '7', total: 100_000 });
    await api(`/v1/orders/${order.body.id}/submit`, { method: 'POST', token: t.token });
    await api(`/v1/orders/${order.body.id}/shipments`, {
      token: t.token,
      body: { lines: [{ lineId: 'L1', quantity: 1 }] },
    });
    const requested = await api(`/v1/orders/${order.body.id}/returns`, {
      token: support.token,
      body: { lines: [{ lineId: 'L1', quantity: 1, reason: 'damaged' }], resolution: 'refund' },
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    expect(requested.body).toMatchObject({ currency: 'USD', total: 100_000 });
    const told = await eventually(async () => {
      const items = await inbox(t.token);
      expect(items).toHaveLength(1);
      return items[0]!;
    });
    expect(told.text).toContain('「大额退货」');
    await settled();
    expect(await inbox(t.token)).toHaveLength(1);
  });

  it('tells the owner of a large confirmed order, once, even when the event is delivered twice', async () => {
    const t = await newTenant();
    const sales = await userWithRole(t, 'sales');
    const saved = await api('/v1/notification-rules', { method: 'PUT', token: t.token, body: { rules: [big] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.rules[0]).toMatchObject({ id: expect.stringMatching(/^nr_/), enabled: true });
    // Sent back with its id, a rule keeps it.
    const again = await api('/v1/notification-rules', {
      method: 'PUT',
      token: t.token,
      headers: { 'if-match': '"1"' },
      body: { rules: saved.body.rules },
    });
    expect(again.body.rules[0].id).toBe(saved.body.rules[0].id);

    const customer = await newCustomer(t, { name: '西湖茶庄' });
    const product = await newProduct(t, { price: { amount: 3_000_000, currency: 'CNY' } });
    await receive(t, product.id, await defaultWarehouse(t), 10);
    const order = async (quantity: number) => {
      const made = await api('/v1/orders', {
        token: sales.token,
        body: { customerId: customer.id, lines: [{ productId: product.id, quantity }] },
      });
      const submitted = await api(`/v1/orders/${made.body.id}/submit`, { method: 'POST', token: sales.token });
      expect(submitted.body.status, JSON.stringify(submitted.body)).toBe('confirmed');
      return made.body as { id: string; number: string };
    };
    const small = await order(1);
    const large = await order(2);
    const told = await eventually(async () => {
      const items = await inbox(t.token);
      expect(items).toHaveLength(1);
      return items[0]!;
    });
    expect(told.link).toBe(`/orders/${large.id}`);
    expect(told.text).toContain('「大额订单确认」');
    expect(told.text).toContain(large.number);
    expect(told.text).not.toContain(small.number);
    // The rep (not named by the rule) is told nothing.
    expect(await inbox(sales.token)).toHaveLength(0);

    // The same confirmation delivered twice more: still one notification.
    const db = await directDb();
    const events = await db.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: { ':pk': `${t.tenantId}#ORDER#${large.id}`, ':e': 'EVENT#' },
      }),
    );
    const confirmed = (events.Items ?? []).find((e) => envelopeOf(e).type === 'order.confirmed');
    expect(confirmed).toBeDefined();
    const entry = {
      Source: 'dingo.orders',
      DetailType: 'order.confirmed',
      Detail: JSON.stringify(envelopeOf(confirmed!)),
      EventBusName: 'dingo',
    };
    await bus().send(new PutEventsCommand({ Entries: [entry, entry] }));
    await settled();
    expect(await inbox(t.token)).toHaveLength(1);
  });

  it('refuses unknown events, conditions that do not fit, unknown people and channels, and non-admins', async () => {
    const t = await newTenant();
    const put = (rules: unknown[], token = t.token) =>
      api('/v1/notification-rules', { method: 'PUT', token, body: { rules } });
    expectProblem(await put([{ ...big, event: 'order.exploded' }]), 400, 'invalid_request');
    expectProblem(await put([{ ...big, when: { path: 'total', op: 'gte', value: '5万' } }]), 400, 'invalid_request');
    expectProblem(await put([{ ...big, when: { path: 'channel', op: 'in', value: 'api' } }]), 400, 'invalid_request');
    expectProblem(await put([{ ...big, notify: {} }]), 400, 'invalid_request');
    const unknown = await put([
      {
        ...big,
        notify: { userIds: ['usr_01JD0000000000000000000000'], channelIds: ['chn_01JD0000000000000000000000'] },
      },
    ]);
    expectProblem(unknown, 400, 'invalid_request');
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'rules.0.notify.userIds.0',
      'rules.0.notify.channelIds.0',
    ]);
    expectProblem(
      await put([{ ...big, when: { path: `a${'b'.repeat(200)}`, op: 'eq', value: 1 } }]),
      400,
      'invalid_request',
    );
    const id = 'nr_01JD0000000000000000000000';
    expectProblem(
      await put([
        { ...big, id },
        { ...big, id },
      ]),
      400,
      'invalid_request',
    );
    const sales = await userWithRole(t, 'sales');
    expectProblem(await put([big], sales.token), 403);
    expect((await api('/v1/notification-rules', { token: t.token })).body).toEqual({
      rules: [],
      version: 0,
      updatedAt: null,
    });
  });

  it('a rule to a role tells only those whose data scope shows the record, never the one who did it', async () => {
    const t = await newTenant();
    const [repA, repB] = [await userWithRole(t, 'sales'), await userWithRole(t, 'sales')];
    await api('/v1/notification-rules', {
      method: 'PUT',
      token: t.token,
      body: { rules: [{ name: '新订单', event: 'order.confirmed', notify: { roles: ['sales', 'owner'] } }] },
    });
    const customer = await newCustomer(t);
    const product = await newProduct(t);
    await receive(t, product.id, await defaultWarehouse(t), 10);
    const made = await api('/v1/orders', {
      token: repA.token,
      body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] },
    });
    await api(`/v1/orders/${made.body.id}/submit`, { method: 'POST', token: repA.token });
    // The owner sees everything and is told; rep B (scope: own) does not see rep A's order; rep A did it.
    await eventually(async () => expect(await inbox(t.token)).toHaveLength(1));
    await settled();
    expect(await inbox(repB.token)).toHaveLength(0);
    expect(await inbox(repA.token)).toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import {
  api,
  defaultWarehouse,
  eventually,
  expectProblem,
  newCustomer,
  newProduct,
  newTenant,
  openApprovalAlert,
  receive,
  runJob,
  settled,
  type TestTenant,
} from '#infra/local/testing.ts';

/** A local HTTP receiver standing in for the robots' servers (the internet is not reachable here). */
interface Received {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  raw: string;
}
let receiver: Server;
let base: string;
const received: Received[] = [];
const failing = new Set<string>();
beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    const url = new URL(req.url!, 'http://x');
    received.push({
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: raw ? JSON.parse(raw) : null,
      raw,
    });
    if (failing.has(url.pathname)) {
      res.writeHead(500).end('down');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    // Each robot's success answer.
    res.end(
      JSON.stringify(url.pathname.startsWith('/feishu') ? { code: 0, msg: 'success' } : { errcode: 0, errmsg: 'ok' }),
    );
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const address = receiver.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const at = (path: string) => received.filter((r) => r.path === path);

/** A product with a safety stock of 10 and 12 on hand: every order of 1 takes available lower. */
async function lowStockSetup(t: TestTenant) {
  const warehouseId = await defaultWarehouse(t);
  const product = await newProduct(t, { safetyStock: 10, name: '龙井' });
  await receive(t, product.id, warehouseId, 12);
  const customer = await newCustomer(t);
  const sell = async (quantity: number) => {
    const o = await api('/v1/orders', {
      token: t.token,
      body: { customerId: customer.id, lines: [{ productId: product.id, quantity }] },
    });
    const s = await api(`/v1/orders/${o.body.id}/submit`, { method: 'POST', token: t.token });
    expect(s.body.status).toBe('confirmed');
  };
  return { product, warehouseId, sell };
}

const openAlerts = async (t: TestTenant, kind: string) =>
  (await api(`/v1/alerts?kind=${kind}`, { token: t.token })).body.items as any[];

describe('alerts', () => {
  it('opens one low-stock alert per product and warehouse, not one per movement; after acknowledging, the next fall opens a new one', async () => {
    const t = await newTenant();
    const { product, warehouseId, sell } = await lowStockSetup(t);
    await sell(3); // 9 available < 10
    await sell(1);
    await sell(1);
    await settled();
    const open = await eventually(async () => {
      const items = await openAlerts(t, 'low_stock');
      expect(items).toHaveLength(1);
      return items;
    });
    expect(open[0]).toMatchObject({
      kind: 'low_stock',
      status: 'open',
      subject: { type: 'inventory_level', id: `${product.id}:${warehouseId}` },
      params: { sku: product.sku, safetyStock: 10 },
    });
    expect(open[0].message).toContain(product.sku);

    const ack = await api(`/v1/alerts/${open[0].id}/ack`, {
      method: 'POST',
      token: t.token,
      headers: { 'if-match': `"${open[0].version}"` },
    });
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: t.userId });
    expect(await openAlerts(t, 'low_stock')).toHaveLength(0);
    expectProblem(
      await api(`/v1/alerts/${open[0].id}/ack`, {
        method: 'POST',
        token: t.token,
        headers: { 'if-match': `"${open[0].version}"` },
      }),
      412,
    );

    await sell(1);
    await settled();
    await eventually(async () => expect(await openAlerts(t, 'low_stock')).toHaveLength(1));
    expect((await openAlerts(t, 'low_stock'))[0].id).not.toBe(open[0].id);
  });

  it("opens an approval-waiting alert once the company's threshold has passed, once per order", async () => {
    const t = await newTenant();
    const alert = await openApprovalAlert(t);
    expect(alert).toMatchObject({ kind: 'approval_waiting', status: 'open' });
    await runJob('approval-reminders', t.tenantId, new Date(Date.now() + 72 * 3_600_000).toISOString());
    expect(await openAlerts(t, 'approval_waiting')).toHaveLength(1);
    // Not yet past the threshold: nothing.
    const fresh = await newTenant();
    await api('/v1/workflows/approval', {
      method: 'PUT',
      token: fresh.token,
      body: { rules: [{ name: '全部', when: {}, steps: ['admin'] }] },
    });
    await runJob('approval-reminders', fresh.tenantId);
    expect(await openAlerts(fresh, 'approval_waiting')).toHaveLength(0);
  });

  it("flags an order over its customer's credit limit as an order exception", async () => {
    const t = await newTenant();
    const warehouseId = await defaultWarehouse(t);
    const product = await newProduct(t);
    await receive(t, product.id, warehouseId, 10);
    const customer = await newCustomer(t, { creditLimit: { amount: 100, currency: 'CNY' } });
    const o = await api('/v1/orders', {
      token: t.token,
      body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] },
    });
    await api(`/v1/orders/${o.body.id}/submit`, { method: 'POST', token: t.token });
    await eventually(async () =>
      expect((await openAlerts(t, 'order_exception'))[0]).toMatchObject({
        subject: { id: o.body.id },
        params: { reason: 'credit_exceeded' },
      }),
    );
  });
});

describe('notification channels', () => {
  it("sends an alert to every channel in each one's documented format, DingTalk and Feishu signed; a failing channel is retried, recorded and blocks nobody", async () => {
    const t = await newTenant();
    const dingSecret = 'SECdingtalk-secret-0123456789';
    const feishuSecret = 'feishu-secret-abcdef';
    const put = await api('/v1/notification-channels', {
      method: 'PUT',
      token: t.token,
      body: {
        channels: [
          {
            kind: 'dingtalk',
            name: '钉钉群',
            url: `${base}/dingtalk/robot/send?access_token=abc`,
            secret: dingSecret,
            alertKinds: ['low_stock'],
          },
          {
            kind: 'wecom',
            name: '企业微信群',
            url: `${base}/wecom/cgi-bin/webhook/send?key=k1`,
            alertKinds: ['low_stock'],
          },
          {
            kind: 'feishu',
            name: '飞书群',
            url: `${base}/feishu/open-apis/bot/v2/hook/h1`,
            secret: feishuSecret,
            alertKinds: ['low_stock'],
          },
          {
            kind: 'webhook',
            name: 'ERP',
            url: `${base}/webhook`,
            secret: 'webhook-secret-1',
            alertKinds: ['low_stock'],
          },
          { kind: 'webhook', name: '坏掉的接收端', url: `${base}/broken`, alertKinds: ['low_stock'] },
          { kind: 'email', name: '仓库主管', to: ['warehouse.lead@example.com'], alertKinds: ['low_stock'] },
          { kind: 'wecom', name: '只收逾期', url: `${base}/wecom-overdue`, alertKinds: ['invoice_overdue'] },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.channels.every((c: { hasSecret: boolean; secret?: string }) => c.secret === undefined)).toBe(true);
    expect(put.body.channels.filter((c: { hasSecret: boolean }) => c.hasSecret)).toHaveLength(3);
    failing.add('/broken');
    // With the company's app address set, the robot message leads to what to buy (补货建议) for that product.
    await api('/v1/settings', { method: 'PATCH', token: t.token, body: { appUrl: 'https://dingo.example.com' } });

    const { sell, product, warehouseId } = await lowStockSetup(t);
    await sell(5);
    const alert = await eventually(async () => {
      const [a] = await openAlerts(t, 'low_stock');
      expect(a?.notifications).toHaveLength(6);
      return a;
    }, 30_000);

    // DingTalk: text message, timestamp and sign on the URL; sign = base64(HMAC-SHA256(secret, "timestamp\nsecret")).
    const [ding] = at('/dingtalk/robot/send');
    expect(ding!.body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining(product.sku) } });
    expect(ding!.body.text.content).toContain(
      `https://dingo.example.com/purchasing/suggestions?warehouseId=${warehouseId}&productId=${product.id}`,
    );
    const timestamp = ding!.query.get('timestamp')!;
    expect(ding!.query.get('access_token')).toBe('abc');
    expect(ding!.query.get('sign')).toBe(
      createHmac('sha256', dingSecret).update(`${timestamp}\n${dingSecret}`).digest('base64'),
    );
    expect(Math.abs(Date.now() - Number(timestamp))).toBeLessThan(3_600_000);
    // WeCom: text message to the key URL.
    expect(at('/wecom/cgi-bin/webhook/send')[0]!.body).toMatchObject({
      msgtype: 'text',
      text: { content: expect.stringContaining('库存不足') },
    });
    // Feishu: msg_type text, timestamp (seconds) and sign in the body; sign = base64(HMAC-SHA256 keyed "timestamp\nsecret" over "").
    const feishu = at('/feishu/open-apis/bot/v2/hook/h1')[0]!.body;
    expect(feishu).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining(product.sku) } });
    expect(feishu.sign).toBe(createHmac('sha256', `${feishu.timestamp}\n${feishuSecret}`).update('').digest('base64'));
    // Generic webhook: JSON with the alert, HMAC of the exact body.
    const hook = at('/webhook')[0]!;
    expect(hook.body).toMatchObject({ type: 'alert', alert: { id: alert.id, kind: 'low_stock' } });
    expect(hook.headers['x-dingo-signature']).toBe(
      `sha256=${createHmac('sha256', 'webhook-secret-1').update(hook.raw).digest('hex')}`,
    );
    // Email: written to the local mail folder.
    const mail = (await api('/_local/mail')).body.items.find(
      (m: { text: string }) => m.text.includes('warehouse.lead@example.com') && m.text.includes(product.sku),
    );
    expect(mail).toBeDefined();
    // A channel for another kind got nothing.
    expect(at('/wecom-overdue')).toHaveLength(0);

    // The broken receiver was tried three times; its failure is on the alert and the channel; the others were sent.
    expect(at('/broken')).toHaveLength(3);
    const byName = Object.fromEntries(
      alert.notifications.map((n: { channelId: string }) => [
        put.body.channels.find((c: { id: string }) => c.id === n.channelId).name,
        n,
      ]),
    );
    expect(byName.坏掉的接收端).toMatchObject({ ok: false, attempts: 3, status: 500 });
    expect(Object.values(byName).filter((n: any) => n.ok)).toHaveLength(5);
    const channels = (await api('/v1/notification-channels', { token: t.token })).body.channels;
    expect(channels.find((c: { name: string }) => c.name === '坏掉的接收端').lastDelivery).toMatchObject({
      ok: false,
      error: expect.stringContaining('500'),
    });
    expect(channels.find((c: { name: string }) => c.name === '钉钉群').lastDelivery).toMatchObject({ ok: true });

    // "Send test" answers how it went, and a robot's error code in a 200 answer is a failure.
    const test = await api(`/v1/notification-channels/${channels[0].id}/test`, { method: 'POST', token: t.token });
    expect(test.body).toMatchObject({ ok: true, attempts: 1 });
    expect(at('/dingtalk/robot/send').at(-1)!.body.text.content).toContain('测试');
  });

  it('keeps a secret that a PUT leaves out, and refuses plain http outside loopback when saved', async () => {
    const t = await newTenant();
    const first = await api('/v1/notification-channels', {
      method: 'PUT',
      token: t.token,
      body: {
        channels: [{ kind: 'dingtalk', name: '钉钉', url: `${base}/dingtalk/keep`, secret: 'SECkeep-me-please' }],
      },
    });
    const id = first.body.channels[0].id;
    const second = await api('/v1/notification-channels', {
      method: 'PUT',
      token: t.token,
      headers: { 'if-match': `"${first.body.version}"` },
      body: { channels: [{ id, kind: 'dingtalk', name: '钉钉改名', url: `${base}/dingtalk/keep` }] },
    });
    expect(second.body.channels[0]).toMatchObject({ id, name: '钉钉改名', hasSecret: true });
    await api(`/v1/notification-channels/${id}/test`, { method: 'POST', token: t.token });
    expect(at('/dingtalk/keep').at(-1)!.query.get('sign')).toBeTruthy();
    expectProblem(
      await api('/v1/notification-channels', {
        method: 'PUT',
        token: t.token,
        headers: { 'if-match': `"${first.body.version}"` },
        body: { channels: [] },
      }),
      412,
    );

    const plain = await api('/v1/notification-channels', {
      method: 'PUT',
      token: t.token,
      body: { channels: [{ kind: 'webhook', name: '外网明文', url: 'http://example.com/hook' }] },
    });
    expectProblem(plain, 422, 'url_not_allowed');
    expect(plain.body.detail).toContain('only https URLs are allowed');
    expect(
      (await api('/v1/notification-channels', { token: t.token })).body.channels.map((c: { id: string }) => c.id),
    ).toEqual([id]);
  });

  it('shows a tenant only its own alerts and channels', async () => {
    const [a, b] = await Promise.all([newTenant(), newTenant()]);
    const alert = await openApprovalAlert(a);
    await api('/v1/notification-channels', {
      method: 'PUT',
      token: a.token,
      body: { channels: [{ kind: 'email', name: 'A', to: ['a@example.com'] }] },
    });
    expect((await api('/v1/alerts', { token: b.token })).body.items).toEqual([]);
    expect((await api('/v1/notification-channels', { token: b.token })).body.channels).toEqual([]);
    expectProblem(await api(`/v1/alerts/${alert.id}/ack`, { method: 'POST', token: b.token }), 404);
    await settled();
  });
});

import { describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  api,
  defaultWarehouse,
  directDb,
  eventually,
  expectProblem,
  newCustomer,
  newProduct,
  newTenant,
  receive,
  runJob,
  TABLE,
  type TestTenant,
} from '#infra/local/testing.ts';

/** Orders as customers change them (issue 16): close short, delivery dates, quotations, channel references, bulk, carriers. */

const post = (t: { token: string }, path: string, body?: unknown) =>
  api(path, { method: 'POST', token: t.token, body });

async function setup(stock = 100) {
  const t = await newTenant();
  const warehouse = await defaultWarehouse(t);
  const product = (await newProduct(t, { price: { amount: 10_000, currency: 'CNY' }, taxRate: 0 })).id;
  await receive(t, product, warehouse, stock);
  const customer = (await newCustomer(t)).id;
  return { t, warehouse, product, customer };
}
const level = async (t: TestTenant, product: string) =>
  (await api(`/v1/inventory?productId=${product}`, { token: t.token })).body.items[0];

describe('order lifecycle', () => {
  it('the same shop order twice is refused with the first one’s id, even at the same instant; a draft can take a free reference', async () => {
    const { t, product, customer } = await setup();
    const body = {
      customerId: customer,
      channel: 'webshop',
      externalRef: 'TB-20261201-0001',
      lines: [{ productId: product, quantity: 1 }],
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(t, '/v1/orders', body)));
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expectProblem(a, 409, 'duplicate_external_ref');
      expect(a.body.orderId).toBe(created[0]!.body.id);
    }
    expect((await api('/v1/orders?limit=10', { token: t.token })).body.items).toHaveLength(1);
    // The same reference in another channel is another order.
    expect((await post(t, '/v1/orders', { ...body, channel: 'api' })).status).toBe(201);
    // A draft changed to the taken reference is refused; to a free one it moves its claim.
    const other = await post(t, '/v1/orders', {
      customerId: customer,
      channel: 'webshop',
      externalRef: 'TB-2',
      lines: body.lines,
    });
    const patch = (externalRef: string) =>
      api(`/v1/orders/${other.body.id}`, { method: 'PATCH', token: t.token, body: { externalRef } });
    expectProblem(await patch('TB-20261201-0001'), 409, 'duplicate_external_ref');
    expect((await patch('TB-3')).status).toBe(200);
    expect((await post(t, '/v1/orders', { ...body, externalRef: 'TB-2' })).status).toBe(201);
  });

  it('closes a partly shipped order short: the rest is released, the order is shipped, each line shows what was closed', async () => {
    const { t, product, customer } = await setup();
    const order = await post(t, '/v1/orders', { customerId: customer, lines: [{ productId: product, quantity: 10 }] });
    expectProblem(await post(t, `/v1/orders/${order.body.id}/close`, { reason: '不要了' }), 409, 'invalid_transition');
    await post(t, `/v1/orders/${order.body.id}/submit`);
    await post(t, `/v1/orders/${order.body.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 4 }] });
    expect(await level(t, product)).toMatchObject({ onHand: 96, reserved: 6 });
    expectProblem(await post(t, `/v1/orders/${order.body.id}/close`, { reason: '' }), 400, 'invalid_request');
    const closed = await post(t, `/v1/orders/${order.body.id}/close`, { reason: '客户来电：剩下的不要了' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'shipped', lines: [{ shipped: 4, reserved: 0, closedQuantity: 6 }] });
    expect(closed.body.notes).toContain('剩下的不要了');
    expect(await level(t, product)).toMatchObject({ onHand: 96, reserved: 0, available: 96 });
    expectProblem(
      await post(t, `/v1/orders/${order.body.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 1 }] }),
      409,
      'invalid_transition',
    );
    // Delivered like any shipped order.
    expect((await post(t, `/v1/orders/${order.body.id}/deliver`)).body.status).toBe('delivered');
  });

  it('a quotation prints as 报价单 with its validity; a requested delivery date missed opens order_late once', async () => {
    const { t, product, customer } = await setup();
    const quote = await post(t, '/v1/orders', {
      customerId: customer,
      lines: [{ productId: product, quantity: 3 }],
      validUntil: '2026-12-31',
      requestedDeliveryDate: '2026-12-04',
    });
    expect(quote.body).toMatchObject({
      status: 'draft',
      validUntil: '2026-12-31',
      requestedDeliveryDate: '2026-12-04',
    });
    const html = String((await api(`/v1/orders/${quote.body.id}/print?doc=quotation`, { token: t.token })).body);
    expect(html).toContain('报价单');
    expect(html).toContain('2026-12-31');
    expect(html).toContain('叁佰元整');
    expect(
      String((await api(`/v1/orders/${quote.body.id}/print?doc=confirmation&lang=en`, { token: t.token })).body),
    ).toContain('Order confirmation');
    await post(t, `/v1/orders/${quote.body.id}/submit`);
    // The day before it is due nothing happens; after it, one alert however often the job runs.
    expect((await runJob('late-orders', t.tenantId, '2026-12-03T17:00:00.000Z')).results[t.tenantId]).toEqual({
      opened: 0,
    });
    expect((await runJob('late-orders', t.tenantId, '2026-12-04T17:00:00.000Z')).results[t.tenantId]).toEqual({
      opened: 1,
    });
    expect((await runJob('late-orders', t.tenantId, '2026-12-05T17:00:00.000Z')).results[t.tenantId]).toEqual({
      opened: 0,
    });
    // The dashboard counts what is late today: an order due yesterday and not shipped.
    const today = (await api('/v1/reports/dashboard', { token: t.token })).body.today as string;
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const due = await post(t, '/v1/orders', {
      customerId: customer,
      lines: [{ productId: product, quantity: 1 }],
      requestedDeliveryDate: yesterday,
    });
    await post(t, `/v1/orders/${due.body.id}/submit`);
    expect((await api('/v1/reports/dashboard', { token: t.token })).body.lateOrders).toBe(
      1 + (quote.body.requestedDeliveryDate < today ? 1 : 0),
    );
    const alerts = (await api('/v1/alerts?kind=order_late', { token: t.token })).body.items;
    expect(alerts).toEqual([
      expect.objectContaining({
        subject: { type: 'order', id: quote.body.id },
        params: expect.objectContaining({ date: '2026-12-04' }),
      }),
    ]);
  });

  it('a known carrier gets a tracking link; a logistics partner’s events make the tracking, and delivery of every shipment delivers the order', async () => {
    const { t, product, customer } = await setup();
    const order = await post(t, '/v1/orders', { customerId: customer, lines: [{ productId: product, quantity: 2 }] });
    await post(t, `/v1/orders/${order.body.id}/submit`);
    for (const n of [1, 2])
      await post(t, `/v1/orders/${order.body.id}/shipments`, {
        lines: [{ lineId: 'L1', quantity: 1 }],
        carrierCode: 'SF',
        trackingNumber: `SF100${n}`,
      });
    const shipments = (await api(`/v1/orders/${order.body.id}/shipments`, { token: t.token })).body.items;
    expect(shipments[0]).toMatchObject({
      carrierCode: 'SF',
      carrier: '顺丰速运',
      trackingUrl: 'https://www.kuaidi100.com/chaxun?com=shunfeng&nu=SF1001',
      tracking: [],
      deliveredAt: null,
    });
    // A partner with an orders:write key posts what the carrier reported.
    const key = await post(t, '/v1/api-keys', { name: '顺丰对接', scopes: ['orders:write'] });
    const partner = { token: key.body.secret as string };
    const event = (id: string, status: string, at: string) =>
      post(partner, `/v1/shipments/${id}/tracking-events`, { status, at, location: '上海' });
    const first = await event(shipments[0].id, 'in_transit', '2026-12-01T08:00:00.000Z');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await event(shipments[0].id, 'delivered', '2026-12-02T08:00:00.000Z');
    expect((await api(`/v1/orders/${order.body.id}`, { token: t.token })).body.status).toBe('shipped');
    // A shipment made before shipments' orders shared one partition kept its own: still found.
    const db = await directDb();
    const ref = { pk: `${t.tenantId}#SHIPMENTS`, sk: shipments[1].id };
    const kept = (await db.send(new GetCommand({ TableName: TABLE, Key: ref }))).Item;
    expect(kept?.orderId).toBe(order.body.id);
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...kept, pk: `${t.tenantId}#SHIPMENT#${shipments[1].id}`, sk: 'SHIPMENT' },
      }),
    );
    await db.send(new DeleteCommand({ TableName: TABLE, Key: ref }));
    const last = await event(shipments[1].id, 'delivered', '2026-12-02T09:00:00.000Z');
    expect(last.body).toMatchObject({ deliveredAt: '2026-12-02T09:00:00.000Z', tracking: [{ status: 'delivered' }] });
    expect((await api(`/v1/orders/${order.body.id}`, { token: t.token })).body.status).toBe('delivered');
    const again = (await api(`/v1/orders/${order.body.id}/shipments`, { token: t.token })).body.items[0];
    expect(again.tracking.map((e: { status: string }) => e.status)).toEqual(['in_transit', 'delivered']);
    expectProblem(
      await event('shp_01JD0000000000000000000000', 'delivered', '2026-12-02T09:00:00.000Z'),
      404,
      'not_found',
    );
  });

  it('bulk: twenty orders from a partner submitted in one call, each with its own result; one that cannot move does not stop the rest', async () => {
    const { t, product, customer } = await setup(30);
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1)
      ids.push(
        (
          await post(t, '/v1/orders', {
            customerId: customer,
            channel: 'api',
            lines: [{ productId: product, quantity: 1 }],
          })
        ).body.id,
      );
    const big = (await post(t, '/v1/orders', { customerId: customer, lines: [{ productId: product, quantity: 500 }] }))
      .body.id;
    const submitted = await post(t, '/v1/orders/bulk', { action: 'submit', ids: [...ids, big] });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ action: 'submit', succeeded: 20, failed: 1 });
    expect(submitted.body.results.at(-1)).toMatchObject({
      id: big,
      ok: false,
      problem: { code: 'insufficient_stock' },
    });
    expect(submitted.body.results.slice(0, 20).every((r: { status: string }) => r.status === 'confirmed')).toBe(true);
    const shipped = await post(t, '/v1/orders/bulk', { action: 'ship', ids: ids.slice(0, 5) });
    expect(shipped.body).toMatchObject({ succeeded: 5, failed: 0 });
    expect(await level(t, product)).toMatchObject({ onHand: 25, reserved: 15 });
    expectProblem(await post(t, '/v1/orders/bulk', { action: 'cancel', ids: ids.slice(5) }), 400, 'invalid_request');
    const cancelled = await post(t, '/v1/orders/bulk', { action: 'cancel', ids: ids.slice(0, 6), reason: '客户撤单' });
    expect(cancelled.body).toMatchObject({ succeeded: 1, failed: 5 });
    expect(cancelled.body.results[0].problem.code).toBe('invalid_transition');
  });

  it('a revision after confirmation re-prices, re-reserves the difference and keeps its diff; below what shipped is 422; short stock is 409 and changes nothing', async () => {
    const { t, warehouse, product, customer } = await setup(20);
    const other = (await newProduct(t, { price: { amount: 5_000, currency: 'CNY' }, taxRate: 0 })).id;
    await receive(t, other, warehouse, 3);
    const order = await post(t, '/v1/orders', { customerId: customer, lines: [{ productId: product, quantity: 5 }] });
    await post(t, `/v1/orders/${order.body.id}/submit`);
    await post(t, `/v1/orders/${order.body.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 2 }] });
    expect(await level(t, product)).toMatchObject({ onHand: 18, reserved: 3 });
    const revise = (body: unknown) => post(t, `/v1/orders/${order.body.id}/revisions`, body);

    expectProblem(await revise({ lines: [{ lineId: 'L1', quantity: 1 }], reason: '减少' }), 422, 'below_shipped');
    const before = (await api(`/v1/orders/${order.body.id}`, { token: t.token })).body;
    const short = await revise({
      lines: [
        { lineId: 'L1', quantity: 7 },
        { productId: other, quantity: 4 },
      ],
      reason: '加单',
    });
    expectProblem(short, 409, 'insufficient_stock');
    expect((await api(`/v1/orders/${order.body.id}`, { token: t.token })).body.version).toBe(before.version);
    expect(await level(t, product)).toMatchObject({ reserved: 3 });
    expect((await api(`/v1/orders/${order.body.id}/revisions`, { token: t.token })).body.items).toEqual([]);

    const revised = await revise({
      lines: [
        { lineId: 'L1', quantity: 7, unitPrice: 9_000 },
        { productId: other, quantity: 3 },
      ],
      requestedDeliveryDate: '2026-12-11',
      reason: '客户微信：加两箱，再要三盒白茶',
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({
      status: 'partially_shipped',
      revision: 1,
      total: 7 * 9_000 + 3 * 5_000,
      requestedDeliveryDate: '2026-12-11',
      lines: [
        { lineId: 'L1', quantity: 7, shipped: 2, reserved: 5, unitPrice: 9_000 },
        { lineId: 'L2', productId: other, quantity: 3, reserved: 3 },
      ],
    });
    expect(await level(t, product)).toMatchObject({ onHand: 18, reserved: 5 });
    expect(await level(t, other)).toMatchObject({ reserved: 3 });
    const [revision] = (await api(`/v1/orders/${order.body.id}/revisions`, { token: t.token })).body.items;
    expect(revision).toMatchObject({
      n: 1,
      reason: '客户微信：加两箱，再要三盒白茶',
      totalBefore: 50_000,
      totalAfter: 78_000,
      lines: [
        { lineId: 'L1', change: 'changed', quantity: { from: 5, to: 7 }, unitPrice: { from: 10_000, to: 9_000 } },
        { lineId: 'L2', change: 'added', quantity: { from: 0, to: 3 } },
      ],
      fields: [{ field: 'requestedDeliveryDate', from: null, to: '2026-12-11' }],
    });
    // Fewer again: the decrease is released.
    await revise({
      lines: [
        { lineId: 'L1', quantity: 4 },
        { lineId: 'L2', quantity: 1 },
      ],
      reason: '客户减量',
    });
    expect(await level(t, product)).toMatchObject({ reserved: 2 });
    expect(await level(t, other)).toMatchObject({ reserved: 1 });
    const timeline = (await api(`/v1/orders/${order.body.id}/timeline`, { token: t.token })).body.items;
    expect(timeline.filter((e: { type: string }) => e.type === 'order.revised')).toHaveLength(2);
    // The day's sales follow the revisions: 4 × ¥90 + 1 × ¥50.
    await eventually(async () =>
      expect((await api('/v1/reports/dashboard', { token: t.token })).body.sales.today).toBe(41_000),
    );
  });

  it('a revision that matches the approval rules waits for approval again, keeping its reservations; approving reserves only the rest', async () => {
    const { t, product, customer } = await setup(50);
    await api('/v1/workflows/approval', {
      method: 'PUT',
      token: t.token,
      body: {
        rules: [{ name: '大单', when: { orderTotalGte: { amount: 100_000, currency: 'CNY' } }, steps: ['admin'] }],
      },
    });
    const order = await post(t, '/v1/orders', { customerId: customer, lines: [{ productId: product, quantity: 5 }] });
    expect((await post(t, `/v1/orders/${order.body.id}/submit`)).body.status).toBe('confirmed');
    const revised = await post(t, `/v1/orders/${order.body.id}/revisions`, {
      lines: [{ lineId: 'L1', quantity: 12 }],
      reason: '客户追加',
    });
    expect(revised.body).toMatchObject({ status: 'pending_approval', lines: [{ reserved: 12 }] });
    expect(await level(t, product)).toMatchObject({ reserved: 12 });
    expectProblem(
      await post(t, `/v1/orders/${order.body.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 1 }] }),
      409,
      'invalid_transition',
    );
    const approved = await post(t, `/v1/orders/${order.body.id}/approve`, { comment: '同意' });
    expect(approved.body).toMatchObject({ status: 'confirmed', lines: [{ reserved: 12 }] });
    expect(await level(t, product)).toMatchObject({ onHand: 50, reserved: 12 });
  });

  // Guarantees: 20 concurrent revisions and shipments of one order never ship or reserve more than ordered.
  it('twenty concurrent revisions and shipments of one order never ship or reserve more than it orders', async () => {
    const { t, product, customer } = await setup(100);
    const order = await post(t, '/v1/orders', { customerId: customer, lines: [{ productId: product, quantity: 10 }] });
    await post(t, `/v1/orders/${order.body.id}/submit`);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? post(t, `/v1/orders/${order.body.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 2 }] })
          : post(t, `/v1/orders/${order.body.id}/revisions`, {
              lines: [{ lineId: 'L1', quantity: 4 + (i % 7) }],
              reason: `第 ${i} 次改单`,
            }),
      ),
    );
    for (const a of answers) expect([200, 409, 422]).toContain(a.status);
    const final = (await api(`/v1/orders/${order.body.id}`, { token: t.token })).body;
    const line = final.lines[0];
    expect(line.shipped).toBeLessThanOrEqual(line.quantity);
    expect(line.reserved).toBe(line.quantity - line.shipped);
    const stock = await level(t, product);
    expect(stock).toMatchObject({ onHand: 100 - line.shipped, reserved: line.reserved });
    const shipments = (await api(`/v1/orders/${order.body.id}/shipments`, { token: t.token })).body.items;
    expect(shipments.reduce((s: number, x: { lines: { quantity: number }[] }) => s + x.lines[0]!.quantity, 0)).toBe(
      line.shipped,
    );
  });

  it('approvers see at submit what cannot ship from stock: the order is flagged stock_short with its shortages', async () => {
    const { t, product, customer } = await setup(20);
    await api('/v1/workflows/approval', {
      method: 'PUT',
      token: t.token,
      body: { rules: [{ name: '全部', when: {}, steps: ['admin'] }] },
    });
    const order = await post(t, '/v1/orders', { customerId: customer, lines: [{ productId: product, quantity: 500 }] });
    const submitted = await post(t, `/v1/orders/${order.body.id}/submit`);
    expect(submitted.body).toMatchObject({
      status: 'pending_approval',
      flags: expect.arrayContaining(['stock_short']),
      shortages: [{ lineId: 'L1', productId: product, requested: 500, available: 20 }],
    });
  });

  // Guarantees: backorders are filled in order of confirmation, each exactly once, under concurrent receipts.
  it('with backorders allowed, confirmation reserves what there is; concurrent receipts fill the backorders oldest first, each exactly once', async () => {
    const { t, warehouse, product, customer } = await setup(3);
    await api('/v1/settings', { method: 'PATCH', token: t.token, body: { backorders: 'allow' } });
    const confirm = async (quantity: number) => {
      const o = await post(t, '/v1/orders', { customerId: customer, lines: [{ productId: product, quantity }] });
      return (await post(t, `/v1/orders/${o.body.id}/submit`)).body;
    };
    const first = await confirm(5);
    expect(first).toMatchObject({ status: 'confirmed', lines: [{ reserved: 3, backordered: 2 }] });
    const others: { id: string; lines: { reserved: number; backordered: number }[] }[] = [];
    for (let i = 0; i < 4; i += 1) others.push(await confirm(2));
    expect(others.every((o) => o.lines[0].reserved === 0 && o.lines[0].backordered === 2)).toBe(true);
    const cancelled = others.pop()!;
    await post(t, `/v1/orders/${cancelled.id}/cancel`, { reason: '客户不要了' });
    const lineOf = async (id: string) => (await api(`/v1/orders/${id}`, { token: t.token })).body.lines[0];

    // Four units arrive at once, one by one: the oldest backorder (2) and then the next (2).
    await Promise.all(Array.from({ length: 4 }, () => receive(t, product, warehouse, 1)));
    await eventually(async () => {
      expect(await lineOf(first.id)).toMatchObject({ reserved: 5, backordered: 0 });
      expect(await lineOf(others[0].id)).toMatchObject({ reserved: 2, backordered: 0 });
    });
    expect(await lineOf(others[1].id)).toMatchObject({ reserved: 0, backordered: 2 });
    // Then plenty: every backorder filled exactly, the cancelled order takes nothing.
    await Promise.all(Array.from({ length: 6 }, () => receive(t, product, warehouse, 1)));
    await eventually(async () => {
      for (const o of others) expect(await lineOf(o.id)).toMatchObject({ reserved: 2, backordered: 0 });
    });
    expect(await lineOf(cancelled.id)).toMatchObject({ reserved: 0, backordered: 0 });
    expect(await level(t, product)).toMatchObject({ onHand: 13, reserved: 11, available: 2 });
    const events = (await api(`/v1/orders/${first.id}/timeline`, { token: t.token })).body.items;
    expect(events.filter((e: { type: string }) => e.type === 'order.backorder_filled').length).toBeGreaterThanOrEqual(
      1,
    );
  });
});

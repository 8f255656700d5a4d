import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  api,
  cloud,
  defaultWarehouse,
  directDb,
  expectProblem,
  newCustomer,
  newProduct,
  newTenant,
  receive,
  userWithRole,
  TABLE,
  type TestTenant,
} from '#infra/local/testing.ts';

let t: TestTenant;
let warehouse: string;
beforeAll(async () => {
  t = await newTenant('订单测试公司');
  warehouse = await defaultWarehouse(t);
});

const post = (path: string, body?: unknown, token = t.token) => api(path, { method: 'POST', token, body });
const level = async (productId: string, wh = warehouse) =>
  (await api(`/v1/inventory?productId=${productId}`, { token: t.token })).body.items.find(
    (l: { warehouseId: string }) => l.warehouseId === wh,
  );

async function stockedProduct(stock: number, overrides: Record<string, unknown> = {}) {
  const product = await newProduct(t, overrides);
  if (stock) await receive(t, product.id, warehouse, stock);
  return product.id;
}

async function draft(
  lines: { productId: string; quantity: number; unitPrice?: number; discountBps?: number }[],
  customerId?: string,
) {
  const customer = customerId ?? (await newCustomer(t)).id;
  const res = await post('/v1/orders', { customerId: customer, lines });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Sums of the ledger per level, to compare with the levels themselves. */
async function ledgerSums(productId: string) {
  const db = await directDb();
  const out = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
      ExpressionAttributeValues: { ':pk': `${t.tenantId}#PRODUCT#${productId}`, ':m': 'MOVE#' },
    }),
  );
  const sums = new Map<string, { onHand: number; reserved: number }>();
  for (const row of out.Items ?? []) {
    const s = sums.get(row.warehouseId) ?? { onHand: 0, reserved: 0 };
    s.onHand += row.onHandDelta;
    s.reserved += row.reservedDelta;
    sums.set(row.warehouseId, s);
  }
  return sums;
}

describe('no overselling', () => {
  // Guarantees: whatever the concurrency, confirmed orders never reserve more than is on hand.
  it('confirms exactly as many concurrent orders as the stock allows, and the ledger adds up', async () => {
    const productId = await stockedProduct(10);
    const orders = await Promise.all(Array.from({ length: 25 }, () => draft([{ productId, quantity: 1 }])));
    const results = await Promise.all(orders.map((o) => post(`/v1/orders/${o.id}/submit`)));
    const confirmed = results.filter((r) => r.status === 200 && r.body.status === 'confirmed');
    const refused = results.filter((r) => r.status === 409);
    expect(confirmed).toHaveLength(10);
    expect(refused).toHaveLength(15);
    for (const r of refused) {
      expectProblem(r, 409, 'insufficient_stock');
      expect(r.body.shortages[0]).toMatchObject({
        productId,
        warehouseId: warehouse,
        requested: 1,
        available: 0,
        lineIds: ['L1'],
      });
    }
    expect(await level(productId)).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
    const sums = (await ledgerSums(productId)).get(warehouse)!;
    expect(sums).toEqual({ onHand: 10, reserved: 10 });
  });

  it('sums two lines of the same product, and reserves all lines or none', async () => {
    const scarce = await stockedProduct(5);
    const plenty = await stockedProduct(100);
    const order = await draft([
      { productId: plenty, quantity: 10 },
      { productId: scarce, quantity: 3 },
      { productId: scarce, quantity: 3 },
    ]);
    const res = await post(`/v1/orders/${order.id}/submit`);
    expectProblem(res, 409, 'insufficient_stock');
    expect(res.body.shortages).toEqual([
      { productId: scarce, warehouseId: warehouse, requested: 6, available: 5, lineIds: ['L2', 'L3'] },
    ]);
    expect(await level(plenty)).toMatchObject({ reserved: 0, available: 100 });
    expect((await api(`/v1/orders/${order.id}`, { token: t.token })).body.status).toBe('draft');
  });

  // Guarantees: the ledger explains every unit: sums of deltas equal the levels, onHand never < 0,
  // and reserved equals what open orders hold.
  it('keeps the ledger invariants through receipts, adjustments, transfers, reservations, shipments and cancellations', async () => {
    const second = (await post('/v1/warehouses', { code: `W${Date.now().toString(36).toUpperCase()}`, name: '二号仓' }))
      .body.id;
    const productId = await stockedProduct(50);
    expectProblem(
      await post('/v1/inventory/movements', { kind: 'adjustment', productId, warehouseId: warehouse, quantity: -51 }),
      409,
      'insufficient_stock',
    );
    await post('/v1/inventory/movements', {
      kind: 'adjustment',
      productId,
      warehouseId: warehouse,
      quantity: -2,
      reason: '盘亏',
    });
    await post('/v1/inventory/movements', {
      kind: 'transfer',
      productId,
      warehouseId: warehouse,
      toWarehouseId: second,
      quantity: 8,
    });
    const a = await draft([{ productId, quantity: 10 }]);
    const b = await draft([{ productId, quantity: 15 }]);
    const c = await draft([{ productId, quantity: 5 }]);
    for (const o of [a, b, c]) expect((await post(`/v1/orders/${o.id}/submit`)).body.status).toBe('confirmed');
    await post(`/v1/orders/${a.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 4 }] });
    await post(`/v1/orders/${b.id}/cancel`, { reason: '客户取消' });
    expectProblem(
      await post('/v1/inventory/movements', {
        kind: 'transfer',
        productId,
        warehouseId: warehouse,
        toWarehouseId: second,
        quantity: 31,
      }),
      409,
      'insufficient_stock',
    );

    const main = await level(productId);
    // 50 - 2 - 8 = 40 on hand, less 4 shipped = 36; reserved: a 6 left + c 5 = 11.
    expect(main).toMatchObject({ onHand: 36, reserved: 11, available: 25 });
    expect(await level(productId, second)).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
    const sums = await ledgerSums(productId);
    expect(sums.get(warehouse)).toEqual({ onHand: 36, reserved: 11 });
    expect(sums.get(second)).toEqual({ onHand: 8, reserved: 0 });
    const open = await Promise.all(
      [a, b, c].map(
        async (o) => (await api(`/v1/orders/${o.id}`, { token: t.token })).body.lines[0].reserved as number,
      ),
    );
    expect(open.reduce((s, x) => s + x, 0)).toBe(main.reserved);
  });
});

describe('order lifecycle', () => {
  it('numbers orders per tenant without gaps or repeats, even when created at once', async () => {
    const tenant = await newTenant();
    const productId = (await newProduct(tenant)).id;
    const customerId = (await newCustomer(tenant)).id;
    const created = await Promise.all(
      Array.from({ length: 8 }, () =>
        api('/v1/orders', { token: tenant.token, body: { customerId, lines: [{ productId, quantity: 1 }] } }),
      ),
    );
    const year = new Date().getUTCFullYear();
    expect(created.map((r) => r.body.number).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `SO-${year}-${String(i + 1).padStart(6, '0')}`),
    );
  });

  it('keeps an order packed but for its keys, reads it back whole, lists it by status and customer, and reads one stored before', async () => {
    const tenant = await newTenant();
    const productId = (await newProduct(tenant)).id;
    const [mine, theirs] = [(await newCustomer(tenant)).id, (await newCustomer(tenant)).id];
    const create = (customerId: string) =>
      api('/v1/orders', {
        token: tenant.token,
        body: { customerId, lines: [{ productId, quantity: 2 }], notes: '周五前送到' },
      });
    const order = (await create(mine)).body;
    await create(theirs);
    const db = await directDb();
    const { Items } = await db.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': `${tenant.tenantId}#ORDER#${order.id}`, ':sk': 'ORDER' },
      }),
    );
    const stored = Items![0]!;
    // What filters and conditions read stays plain; what the keys hold is not repeated.
    expect(
      Object.keys(stored)
        .filter((k) => !/^(pk|sk|gsi\dpk|gsi\dsk|entity)$/.test(k))
        .sort(),
    ).toEqual(['bodyGz', 'salesRepId', 'version']);
    expect((await api(`/v1/orders/${order.id}`, { token: tenant.token })).body).toEqual(order);
    const drafts = await api(`/v1/orders?status=draft&customerId=${mine}`, { token: tenant.token });
    expect(drafts.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect(drafts.body.items[0]).toEqual(order);
    // A customer's orders of one sales rep (GSI3 keeps keys only: the rep is checked on the orders read).
    const ofRep = await api(`/v1/orders?customerId=${mine}&salesRepId=${order.salesRepId}`, { token: tenant.token });
    expect(ofRep.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);

    // An order stored before bodies were packed (every member plain, the lines alone packed) reads as it was.
    const { bodyGz: _, ...keys } = stored;
    const { pack } = await import('#functions/platform/compact.ts');
    const { lines, ...members } = order;
    await db.send(
      new PutCommand({ TableName: TABLE, Item: { ...keys, ...members, linesGz: pack(lines), notes: '旧的' } }),
    );
    expect((await api(`/v1/orders/${order.id}`, { token: tenant.token })).body).toEqual({ ...order, notes: '旧的' });
  });

  it('takes the next number when another container numbered in between (the counter it remembered is stale)', async () => {
    const tenant = await newTenant();
    const productId = (await newProduct(tenant)).id;
    const customerId = (await newCustomer(tenant)).id;
    const create = () =>
      api('/v1/orders', { token: tenant.token, body: { customerId, lines: [{ productId, quantity: 1 }] } });
    const year = new Date().getUTCFullYear();
    const number = (n: number) => `SO-${year}-${String(n).padStart(6, '0')}`;
    expect((await create()).body.number).toBe(number(1)); // the container now remembers 1
    // Another container (another Lambda instance) takes numbers 2 and 3 meanwhile.
    const db = await directDb();
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: `${tenant.tenantId}#COUNTER`, sk: `ORDER#${year}` },
        UpdateExpression: 'SET #v = :v',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':v': 3 },
      }),
    );
    // Its remembered 1 fails the condition, which hands back 3: the order is 4, not a repeat of 2.
    expect((await create()).body.number).toBe(number(4));
    expect((await create()).body.number).toBe(number(5));
  });

  it('computes per-line tax (half up) and totals in integer minor units', async () => {
    const productId = await stockedProduct(0, { price: { amount: 333, currency: 'CNY' }, taxRate: 1300 });
    const order = await draft([
      { productId, quantity: 3 },
      { productId, quantity: 1, unitPrice: 5, discountBps: 5000 },
    ]);
    expect(order.lines[0]).toMatchObject({
      subtotal: 999,
      tax: 130,
      total: 1129,
      priceRule: { kind: 'product_default' },
      priceOverride: false,
    });
    expect(order.lines[1]).toMatchObject({
      subtotal: 3,
      tax: 0,
      total: 3,
      priceRule: { kind: 'manual' },
      priceOverride: true,
    });
    expect(order).toMatchObject({ subtotal: 1002, tax: 130, total: 1132, currency: 'CNY', status: 'draft' });
  });

  it('ships in parts, then delivers and completes; over-shipping is refused', async () => {
    const productId = await stockedProduct(20);
    const order = await draft([{ productId, quantity: 5 }]);
    await post(`/v1/orders/${order.id}/submit`);
    const first = await post(`/v1/orders/${order.id}/shipments`, {
      lines: [{ lineId: 'L1', quantity: 2 }],
      carrier: '顺丰速运',
      trackingNumber: 'SF1001',
    });
    expect(first.body).toMatchObject({ status: 'partially_shipped', lines: [{ reserved: 3, shipped: 2 }] });
    expectProblem(
      await post(`/v1/orders/${order.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 4 }] }),
      422,
      'over_shipment',
    );
    const second = await post(`/v1/orders/${order.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 3 }] });
    expect(second.body).toMatchObject({ status: 'shipped', lines: [{ reserved: 0, shipped: 5 }] });
    expect(await level(productId)).toMatchObject({ onHand: 15, reserved: 0, available: 15 });
    expect((await post(`/v1/orders/${order.id}/deliver`)).body.status).toBe('delivered');
    expect((await post(`/v1/orders/${order.id}/complete`)).body.status).toBe('completed');
    const timeline = await api(`/v1/orders/${order.id}/timeline`, { token: t.token });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual([
      'order.created',
      'order.submitted',
      'order.confirmed',
      'order.shipped',
      'order.shipped',
      'order.delivered',
      'order.completed',
    ]);
    expect(timeline.body.items[3].data.shipment).toMatchObject({ carrier: '顺丰速运', trackingNumber: 'SF1001' });
    expect(timeline.body.items[0].actor).toEqual({ kind: 'user', id: t.userId, name: '老板' }); // who, by name
  });

  it("lists the shipments and prints each one's delivery note to the customer's default address: numbered per order, what was sent, no prices, escaped", async () => {
    const productId = await stockedProduct(10, { name: '<b>龙井</b> & 礼盒', unit: '盒' });
    const customer = await newCustomer(t, {
      name: '宁波<script>港口</script>物流',
      contacts: [
        { name: '陈工', phone: '13800001111' },
        { name: '李总', phone: '13900002222', isPrimary: true },
      ],
      addresses: [
        { city: '杭州市', line1: '西湖区文三路 1 号' },
        { province: '浙江省', city: '宁波市', line1: '北仑区港口路 8 号', isDefault: true },
      ],
    });
    const order = await draft([{ productId, quantity: 4 }], customer.id);
    // No address on the order: it ships to the customer's default address, to the primary contact.
    expect(order.shippingAddress).toEqual({
      name: '李总',
      phone: '13900002222',
      province: '浙江省',
      city: '宁波市',
      line1: '北仑区港口路 8 号',
    });
    await post(`/v1/orders/${order.id}/submit`);
    await post(`/v1/orders/${order.id}/shipments`, {
      lines: [{ lineId: 'L1', quantity: 1 }],
      carrier: '顺丰速运',
      trackingNumber: 'SF2001',
    });
    await post(`/v1/orders/${order.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 3 }] });
    const list = await api(`/v1/orders/${order.id}/shipments`, { token: t.token });
    expect(list.body.items).toMatchObject([
      {
        orderId: order.id,
        warehouseId: warehouse,
        lines: [{ lineId: 'L1', productId, name: '<b>龙井</b> & 礼盒', unit: '盒', quantity: 1 }],
        carrier: '顺丰速运',
        trackingNumber: 'SF2001',
      },
      { lines: [{ quantity: 3 }], carrier: null, trackingNumber: null },
    ]);
    expect(list.body.items[0].warehouseName).toBeTruthy();

    const note = await api(`/v1/orders/${order.id}/shipments/${list.body.items[1].id}/print`, { token: t.token });
    expect(note.status).toBe(200);
    expect(note.headers.get('content-type')).toContain('text/html');
    const html = note.body as string;
    expect(html).toContain('送货单');
    expect(html).toContain(`<dd data-field="number">${order.number}-2</dd>`);
    expect(html).toContain('<td class="n" data-field="units">3</td>');
    expect(html).toContain('&#60;b&#62;龙井&#60;/b&#62; &#38; 礼盒');
    expect(html).not.toContain('<script>');
    expect(html).toContain('浙江省 宁波市 北仑区港口路 8 号');
    expect(html).toContain('李总 13900002222');
    expect(html).not.toContain('¥'); // a delivery note shows no prices
    const english = (
      await api(`/v1/orders/${order.id}/shipments/${list.body.items[0].id}/print?lang=en`, { token: t.token })
    ).body as string;
    expect(english).toContain('Delivery note');
    expect(english).toContain('<dd data-field="tracking">SF2001</dd>');
    expectProblem(
      await api(`/v1/orders/${order.id}/shipments/shp_01JD0000000000000000000000/print`, { token: t.token }),
      404,
    );
  });

  it("exports the filtered orders as CSV for Excel, one row per line, in either language, and only the company's own", async () => {
    const company = await newTenant('导出公司');
    const other = await newTenant('别家公司');
    const wh = await defaultWarehouse(company);
    const tea = await newProduct(company, {
      sku: `EX-TEA-${Date.now()}`,
      name: '龙井, "特级"',
      price: { amount: 12_345, currency: 'CNY' },
      taxRate: 1300,
    });
    const cup = await newProduct(company, {
      sku: `EX-CUP-${Date.now()}`,
      name: '茶杯',
      price: { amount: 1_000, currency: 'CNY' },
      taxRate: 0,
    });
    await receive(company, tea.id, wh, 10);
    await receive(company, cup.id, wh, 10);
    const customer = await newCustomer(company, { name: '导出客户' });
    const make = async () =>
      (
        await api('/v1/orders', {
          token: company.token,
          body: {
            customerId: customer.id,
            lines: [
              { productId: tea.id, quantity: 2 },
              { productId: cup.id, quantity: 3, discountBps: 1000 },
            ],
          },
        })
      ).body;
    const draftOrder = await make();
    const confirmed = await make();
    await api(`/v1/orders/${confirmed.id}/submit`, { method: 'POST', token: company.token });
    await api('/v1/orders', {
      token: other.token,
      body: {
        customerId: (await newCustomer(other, { name: '别家客户' })).id,
        lines: [{ productId: (await newProduct(other)).id, quantity: 1 }],
      },
    });

    const all = await api('/v1/orders/export.csv', { token: company.token });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toContain('text/csv');
    expect(all.headers.get('content-disposition')).toBe('attachment; filename="orders.csv"');
    // fetch's text() drops a BOM: look at the bytes.
    const raw = Buffer.from(
      await (
        await fetch(`${cloud().url}/v1/orders/export.csv`, { headers: { authorization: `Bearer ${company.token}` } })
      ).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (all.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '订单号,下单时间,客户,状态,渠道,外部单号,商品编码,品名,单位,数量,单价,单价含税,折扣%,税率%,金额(不含税),税额,价税合计,已发货,已开票,币种',
    );
    expect(lines).toHaveLength(5); // two orders of two lines each; nothing of the other company
    expect(lines.filter((l) => l.startsWith(`${confirmed.number},`))).toHaveLength(2);
    const draftTea = lines.find((l) => l.startsWith(`${draftOrder.number},`) && l.includes('EX-TEA'))!;
    expect(draftTea).toContain(',导出客户,草稿,手工录入,,');
    expect(draftTea).toContain(',"龙井, ""特级""",');
    expect(draftTea).toMatch(/,2,123\.45,否,0,13,246\.90,32\.10,279\.00,0,0,CNY$/);
    expect(lines.find((l) => l.startsWith(`${draftOrder.number},`) && l.includes('EX-CUP'))).toMatch(
      /,3,10\.00,否,10,0,27\.00,0\.00,27\.00,0,0,CNY$/,
    );

    const confirmedOnly = await api('/v1/orders/export.csv?status=confirmed&lang=en', { token: company.token });
    const en = (confirmedOnly.body as string).trimEnd().split('\r\n');
    expect(en[0]).toMatch(/^Order no\.,Ordered at,Customer,Status,/);
    expect(en).toHaveLength(3);
    expect(en.slice(1).every((l) => l.startsWith(`${confirmed.number},`) && l.includes(',Confirmed,'))).toBe(true);
  });

  it('cancelling a confirmed order releases its reservation', async () => {
    const productId = await stockedProduct(4);
    const order = await draft([{ productId, quantity: 4 }]);
    await post(`/v1/orders/${order.id}/submit`);
    expect(await level(productId)).toMatchObject({ reserved: 4, available: 0 });
    expect((await post(`/v1/orders/${order.id}/cancel`, { reason: '客户改期' })).body.status).toBe('cancelled');
    expect(await level(productId)).toMatchObject({ reserved: 0, available: 4 });
  });

  // Guarantees: the state machine cannot be bypassed through the API.
  it('answers 409 invalid_transition to every move the state machine does not allow', async () => {
    const productId = await stockedProduct(100);
    const inState = async (state: string) => {
      const o = await draft([{ productId, quantity: 1 }]);
      if (state === 'draft') return o.id;
      if (state === 'cancelled') {
        await post(`/v1/orders/${o.id}/cancel`, { reason: 'x' });
        return o.id;
      }
      await post(`/v1/orders/${o.id}/submit`);
      if (state === 'confirmed') return o.id;
      await post(`/v1/orders/${o.id}/shipments`, { lines: [{ lineId: 'L1', quantity: 1 }] });
      if (state === 'shipped') return o.id;
      await post(`/v1/orders/${o.id}/deliver`);
      if (state === 'delivered') return o.id;
      await post(`/v1/orders/${o.id}/complete`);
      return o.id;
    };
    const actions: Record<
      string,
      { call: (id: string) => Promise<{ status: number; headers: Headers; body: any }>; from: string[] }
    > = {
      edit: {
        call: (id) => api(`/v1/orders/${id}`, { method: 'PATCH', token: t.token, body: { notes: 'x' } }),
        from: ['draft'],
      },
      submit: { call: (id) => post(`/v1/orders/${id}/submit`), from: ['draft'] },
      approve: { call: (id) => post(`/v1/orders/${id}/approve`, {}), from: [] },
      reject: { call: (id) => post(`/v1/orders/${id}/reject`, { reason: 'x' }), from: [] },
      cancel: { call: (id) => post(`/v1/orders/${id}/cancel`, { reason: 'x' }), from: ['draft', 'confirmed'] },
      deliver: { call: (id) => post(`/v1/orders/${id}/deliver`), from: ['shipped'] },
      complete: { call: (id) => post(`/v1/orders/${id}/complete`), from: ['delivered'] },
      ship: {
        call: (id) => post(`/v1/orders/${id}/shipments`, { lines: [{ lineId: 'L1', quantity: 1 }] }),
        from: ['confirmed'],
      },
    };
    const states = ['draft', 'confirmed', 'shipped', 'delivered', 'completed', 'cancelled'];
    for (const state of states) {
      for (const [name, action] of Object.entries(actions)) {
        if (action.from.includes(state)) continue;
        const res = await action.call(await inState(state));
        expect(res.status, `${name} from ${state}: ${JSON.stringify(res.body)}`).toBe(409);
        expectProblem(res, 409, 'invalid_transition');
      }
    }
  }, 180_000);
});

describe('customer summary', () => {
  it("adds up lifetime value, open orders and credit exposure from the customer's orders", async () => {
    const productId = await stockedProduct(50, { price: { amount: 10_000, currency: 'CNY' }, taxRate: 0 });
    const customer = await newCustomer(t, { creditLimit: { amount: 1_000_000, currency: 'CNY' } });
    const confirmed = await draft([{ productId, quantity: 3 }], customer.id);
    await post(`/v1/orders/${confirmed.id}/submit`);
    const cancelled = await draft([{ productId, quantity: 5 }], customer.id);
    await post(`/v1/orders/${cancelled.id}/submit`);
    await post(`/v1/orders/${cancelled.id}/cancel`, { reason: '取消' });
    await draft([{ productId, quantity: 1 }], customer.id);
    const summary = (await api(`/v1/customers/${customer.id}/summary`, { token: t.token })).body;
    expect(summary).toMatchObject({
      currency: 'CNY',
      lifetimeValue: { amount: 30_000 },
      orderCount: 3,
      openOrders: 1,
      outstandingReceivables: { amount: 0 },
      creditExposure: { amount: 30_000 },
      creditLimit: { amount: 1_000_000 },
    });
    expect(summary.lastOrderAt).toBeTruthy();
  });
});

describe('pricing', () => {
  it("prices by the customer's list, then the tier's, then the product, with quantity breaks, and says which rule", async () => {
    const productId = await stockedProduct(0, { price: { amount: 10_000, currency: 'CNY' } });
    const tierList = (
      await post('/v1/price-lists', {
        name: 'A 类价',
        tiers: ['A'],
        entries: [
          { productId, price: { amount: 9_000, currency: 'CNY' } },
          { productId, price: { amount: 8_500, currency: 'CNY' }, minQuantity: 10 },
        ],
      })
    ).body;
    const ownList = (
      await post('/v1/price-lists', {
        name: '大客户专价',
        entries: [{ productId, price: { amount: 8_000, currency: 'CNY' } }],
      })
    ).body;
    const plain = await newCustomer(t);
    const tierA = await newCustomer(t, { tier: 'A' });
    const vip = await newCustomer(t, { tier: 'A', priceListId: ownList.id });
    const quote = async (customerId: string, quantity: number) =>
      (await post('/v1/quotes/price', { customerId, lines: [{ productId, quantity }] })).body.lines[0];
    expect(await quote(plain.id, 1)).toMatchObject({
      unitPrice: { amount: 10_000 },
      rule: { kind: 'product_default', priceListId: null },
    });
    expect(await quote(tierA.id, 1)).toMatchObject({
      unitPrice: { amount: 9_000 },
      rule: { kind: 'tier_list', priceListId: tierList.id, minQuantity: 1 },
    });
    expect(await quote(tierA.id, 12)).toMatchObject({
      unitPrice: { amount: 8_500 },
      rule: { kind: 'tier_list', minQuantity: 10 },
    });
    expect(await quote(vip.id, 12)).toMatchObject({
      unitPrice: { amount: 8_000 },
      rule: { kind: 'customer_list', priceListId: ownList.id },
    });
    const order = await draft([{ productId, quantity: 12 }], tierA.id);
    expect(order.lines[0]).toMatchObject({ unitPrice: 8_500, listPrice: 8_500, priceRule: { kind: 'tier_list' } });
  });
});

describe('approvals', () => {
  // Guarantees: an order needing approval reaches confirmed only through its chain, in order, by the right roles.
  it('routes a big order through a two-step chain decided in order by the named roles, and keeps its chain when rules change', async () => {
    const tenant = await newTenant();
    const wh = await defaultWarehouse(tenant);
    const [warehouseUser, financeUser, salesUser] = await Promise.all([
      userWithRole(tenant, 'warehouse'),
      userWithRole(tenant, 'finance'),
      userWithRole(tenant, 'sales'),
    ]);
    const rules = await api('/v1/workflows/approval', {
      method: 'PUT',
      token: tenant.token,
      body: {
        rules: [
          {
            name: '大单',
            when: { orderTotalGte: { amount: 100_000, currency: 'CNY' } },
            steps: ['warehouse', 'finance'],
          },
          { name: '改价', when: { priceOverride: true }, steps: ['finance'] },
        ],
      },
    });
    expect(rules.body.version).toBe(1);
    const product = await newProduct(tenant, { price: { amount: 50_000, currency: 'CNY' } });
    await receive(tenant, product.id, wh, 10);
    const customer = await newCustomer(tenant);
    const order = (
      await api('/v1/orders', {
        token: salesUser.token,
        body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 3, unitPrice: 40_000 }] },
      })
    ).body;
    const submitted = await api(`/v1/orders/${order.id}/submit`, { method: 'POST', token: salesUser.token });
    expect(submitted.body).toMatchObject({
      status: 'pending_approval',
      approval: { required: true, rulesVersion: 1, matchedRules: ['大单', '改价'] },
    });
    expect(submitted.body.approval.steps.map((s: { role: string }) => s.role)).toEqual(['warehouse', 'finance']);

    await api('/v1/workflows/approval', { method: 'PUT', token: tenant.token, body: { rules: [] } });
    expectProblem(
      await api(`/v1/orders/${order.id}/approve`, { token: financeUser.token, body: {} }),
      403,
      'not_your_step',
    );
    const first = await api(`/v1/orders/${order.id}/approve`, {
      token: warehouseUser.token,
      body: { comment: '库存够' },
    });
    expect(first.body.status).toBe('pending_approval');
    const level = async () =>
      (await api(`/v1/inventory?productId=${product.id}`, { token: tenant.token })).body.items[0];
    expect((await level()).reserved).toBe(0);
    const second = await api(`/v1/orders/${order.id}/approve`, {
      token: financeUser.token,
      body: { comment: '价格可以' },
    });
    expect(second.body.status).toBe('confirmed');
    expect(
      second.body.approval.steps.map((s: { decidedBy: string; decision: string }) => [s.decidedBy, s.decision]),
    ).toEqual([
      [warehouseUser.userId, 'approved'],
      [financeUser.userId, 'approved'],
    ]);
    expect((await level()).reserved).toBe(3);
    const timeline = (await api(`/v1/orders/${order.id}/timeline`, { token: tenant.token })).body.items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual([
      'order.created',
      'order.submitted',
      'order.approval_requested',
      'order.approved',
      'order.approval_requested',
      'order.approved',
      'order.confirmed',
    ]);
    expect(timeline[3]).toMatchObject({ actor: { id: warehouseUser.userId }, comment: '库存够' });
  });

  it("flags credit_exceeded and adds a finance step when the order would pass the customer's credit limit; a rejection ends it", async () => {
    const productId = await stockedProduct(10, { price: { amount: 60_000, currency: 'CNY' } });
    const customer = await newCustomer(t, { creditLimit: { amount: 100_000, currency: 'CNY' } });
    const small = await draft([{ productId, quantity: 1 }], customer.id);
    expect((await post(`/v1/orders/${small.id}/submit`)).body.status).toBe('confirmed'); // 678.00 of 1,000.00
    const big = await draft([{ productId, quantity: 1 }], customer.id);
    const submitted = await post(`/v1/orders/${big.id}/submit`);
    expect(submitted.body).toMatchObject({ status: 'pending_approval', flags: ['credit_exceeded'] });
    expect(submitted.body.approval.steps.map((s: { role: string }) => s.role)).toEqual(['finance']);
    const rejected = await post(`/v1/orders/${big.id}/reject`, { reason: '超出信用额度' });
    expect(rejected.body.status).toBe('rejected');
    const edited = await api(`/v1/orders/${big.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { notes: '改为预付款' },
    });
    expect(edited.body.status).toBe('draft');
  });
});

import { describe, expect, it } from 'vitest';
import {
  api,
  defaultWarehouse,
  eventually,
  newCustomer,
  newProduct,
  newTenant,
  type TestTenant,
} from '#infra/local/testing.ts';

/**
 * Stock value (issue 14's first part): moving-average cost per product and warehouse, cost of goods
 * on every shipment, the order's gross margin, the stock-value report.
 */

const receipt = (t: TestTenant, productId: string, warehouseId: string, quantity: number, unitCost: number) =>
  api('/v1/inventory/movements', {
    token: t.token,
    body: { kind: 'receipt', productId, warehouseId, quantity, unitCost },
  });

async function shipOrder(t: TestTenant, customerId: string, productId: string, quantity: number) {
  const order = await api('/v1/orders', {
    token: t.token,
    body: { customerId, lines: [{ productId, quantity }] },
  });
  await api(`/v1/orders/${order.body.id}/submit`, { method: 'POST', token: t.token });
  const shipped = await api(`/v1/orders/${order.body.id}/shipments`, {
    method: 'POST',
    token: t.token,
    body: { lines: [{ lineId: 'L1', quantity }] },
  });
  expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
  return shipped.body as { id: string; cost: number; grossMargin: number; lines: { cost: number }[] };
}

describe('moving-average cost', () => {
  it('is exact to the fen against a hand-computed table: three receipts at different costs, shipments between', async () => {
    const t = await newTenant();
    const warehouse = await defaultWarehouse(t);
    const product = (await newProduct(t, { price: { amount: 2_000, currency: 'CNY' }, taxRate: 0 })).id;
    const customer = (await newCustomer(t)).id;
    const level = async () => (await api(`/v1/inventory?productId=${product}`, { token: t.token })).body.items[0];

    // 10 @ 10.00 → value 100.00, average 10.00
    expect((await receipt(t, product, warehouse, 10, 1_000)).status).toBe(201);
    expect(await level()).toMatchObject({ onHand: 10, value: 10_000, unitCost: 1_000 });
    // ship 4 → cost 40.00; 6 left worth 60.00; the order earns 80.00 − 40.00
    const first = await shipOrder(t, customer, product, 4);
    expect(first).toMatchObject({ cost: 4_000, grossMargin: 4_000, lines: [{ cost: 4_000 }] });
    expect(await level()).toMatchObject({ onHand: 6, value: 6_000, unitCost: 1_000 });
    // 6 @ 12.50 → 135.00 for 12, average 11.25
    await receipt(t, product, warehouse, 6, 1_250);
    expect(await level()).toMatchObject({ onHand: 12, value: 13_500, unitCost: 1_125 });
    // ship 5 → 135.00 × 5/12 = 56.25; 7 left worth 78.75
    expect((await shipOrder(t, customer, product, 5)).cost).toBe(5_625);
    expect(await level()).toMatchObject({ onHand: 7, value: 7_875, unitCost: 1_125 });
    // 3 @ 13.33 → 118.74 for 10, average 11.874 → 11.87
    await receipt(t, product, warehouse, 3, 1_333);
    expect(await level()).toMatchObject({ onHand: 10, value: 11_874, unitCost: 1_187 });
    // the last 10 leave with all of the value: nothing is left over from rounding
    expect((await shipOrder(t, customer, product, 10)).cost).toBe(11_874);
    expect(await level()).toMatchObject({ onHand: 0, value: 0, unitCost: null });

    // The ledger adds up to the level, in quantity and in value.
    const ledger = (await api(`/v1/inventory/movements?productId=${product}&limit=100`, { token: t.token })).body
      .items as {
      onHandDelta: number;
      valueDelta: number;
      kind: string;
      unitCost: number | null;
    }[];
    expect(ledger.reduce((s, r) => s + r.onHandDelta, 0)).toBe(0);
    expect(ledger.reduce((s, r) => s + r.valueDelta, 0)).toBe(0);
    expect(
      ledger
        .filter((r) => r.kind === 'shipment')
        .map((r) => r.valueDelta)
        .sort((a, b) => a - b),
    ).toEqual([-11_874, -5_625, -4_000]);

    // The sales report shows the cost and the margin of the period.
    const today = (await api('/v1/reports/dashboard', { token: t.token })).body.today;
    const report = await eventually(async () => {
      const r = (await api(`/v1/reports/sales?from=${today}&to=${today}`, { token: t.token })).body;
      // revenue and cost reach the report from different events (confirmation, shipment): wait for both
      expect(r.totals.cost).toBe(21_499);
      expect(r.totals.grossMargin).toBe(19 * 2_000 - 21_499);
      return r;
    });
    expect(report.totals.cost).toBe(21_499);
    const dashboard = await eventually(async () => {
      const d = (await api('/v1/reports/dashboard', { token: t.token })).body;
      expect(d.grossMargin.today).toBe(19 * 2_000 - 21_499);
      return d;
    });
    expect(dashboard.grossMargin.today).toBe(19 * 2_000 - 21_499);
  });

  it('values the stock as of a day: today’s value, and before any receipt nothing', async () => {
    const t = await newTenant();
    const warehouse = await defaultWarehouse(t);
    const product = (await newProduct(t, { sku: 'SV-1' })).id;
    await receipt(t, product, warehouse, 8, 2_500);
    const now = (await api('/v1/reports/stock-value', { token: t.token })).body;
    expect(now).toMatchObject({ currency: 'CNY', totalValue: 20_000 });
    expect(now.rows).toEqual([
      expect.objectContaining({
        productId: product,
        sku: 'SV-1',
        warehouseId: warehouse,
        onHand: 8,
        unitCost: 2_500,
        value: 20_000,
      }),
    ]);
    const before = (await api('/v1/reports/stock-value?asOf=2020-01-01', { token: t.token })).body;
    expect(before).toMatchObject({ asOf: '2020-01-01', totalValue: 0, rows: [] });
    // A decrease takes value at the average, a transfer carries it along.
    const second = (await api('/v1/warehouses', { token: t.token, body: { code: 'WH9', name: '二号仓' } })).body.id;
    await api('/v1/inventory/movements', {
      token: t.token,
      body: { kind: 'transfer', productId: product, warehouseId: warehouse, toWarehouseId: second, quantity: 2 },
    });
    await api('/v1/inventory/movements', {
      token: t.token,
      body: { kind: 'adjustment', productId: product, warehouseId: warehouse, quantity: -1, reason: '破损' },
    });
    const levels = (await api(`/v1/inventory?productId=${product}`, { token: t.token })).body.items;
    expect(levels.find((l: { warehouseId: string }) => l.warehouseId === warehouse)).toMatchObject({
      onHand: 5,
      value: 12_500,
    });
    expect(levels.find((l: { warehouseId: string }) => l.warehouseId === second)).toMatchObject({
      onHand: 2,
      value: 5_000,
    });
  });

  // Guarantees: ledger sums equal levels after any mix of receipts, shipments, returns and stocktakes.
  it('the ledger adds up to every level, in quantity and value, after purchase receipts, shipments, a return and a stocktake', async () => {
    const t = await newTenant();
    const warehouse = await defaultWarehouse(t);
    const [a, b] = [
      (await newProduct(t, { price: { amount: 3_000, currency: 'CNY' }, taxRate: 0 })).id,
      (await newProduct(t, { price: { amount: 5_000, currency: 'CNY' }, taxRate: 0 })).id,
    ];
    const customer = (await newCustomer(t)).id;
    const supplier = await api('/v1/suppliers', {
      token: t.token,
      body: {
        name: '混合供应商',
        products: [
          { productId: a, cost: 1_000 },
          { productId: b, cost: 2_000 },
        ],
      },
    });
    const po = await api('/v1/purchase-orders', {
      token: t.token,
      body: {
        supplierId: supplier.body.id,
        lines: [
          { productId: a, quantity: 20 },
          { productId: b, quantity: 10 },
        ],
      },
    });
    await api(`/v1/purchase-orders/${po.body.id}/submit`, { method: 'POST', token: t.token });
    const receive = (lines: unknown[]) =>
      api(`/v1/purchase-orders/${po.body.id}/receipts`, { token: t.token, body: { lines } });
    expect((await receive([{ lineId: 'L1', quantity: 12 }])).status).toBe(200);
    await shipOrder(t, customer, a, 5);
    expect(
      (
        await receive([
          { lineId: 'L1', quantity: 8, unitCost: 1_300 },
          { lineId: 'L2', quantity: 10 },
        ])
      ).status,
    ).toBe(200);
    const sold = await shipOrder(t, customer, a, 7);
    await shipOrder(t, customer, b, 3);
    // Two of the seven come back and are restocked at the cost they left with.
    const orders = (await api(`/v1/orders?customerId=${customer}&limit=10`, { token: t.token })).body.items;
    const orderOfSold = orders.find((o: { lines: { productId: string; quantity: number }[] }) =>
      o.lines.some((l) => l.productId === a && l.quantity === 7),
    );
    const ret = await api(`/v1/orders/${orderOfSold.id}/returns`, {
      token: t.token,
      body: { lines: [{ lineId: 'L1', quantity: 2, reason: 'quality' }], resolution: 'credit' },
    });
    await api(`/v1/returns/${ret.body.id}/approve`, { method: 'POST', token: t.token });
    const back = await api(`/v1/returns/${ret.body.id}/receive`, {
      token: t.token,
      body: { warehouseId: warehouse, lines: [{ lineId: 'L1', quantity: 2, disposition: 'restock' }] },
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(sold.cost).toBeGreaterThan(0);
    // The count finds one of A missing and one of B too many.
    const levelOf = async (p: string) => (await api(`/v1/inventory?productId=${p}`, { token: t.token })).body.items[0];
    const sheet = await api('/v1/stocktakes', {
      token: t.token,
      body: {
        warehouseId: warehouse,
        lines: [
          { productId: a, counted: (await levelOf(a)).onHand - 1 },
          { productId: b, counted: (await levelOf(b)).onHand + 1 },
        ],
      },
    });
    await api(`/v1/stocktakes/${sheet.body.id}/post`, { method: 'POST', token: t.token });

    for (const product of [a, b]) {
      const level = await levelOf(product);
      const ledger = (await api(`/v1/inventory/movements?productId=${product}&limit=100`, { token: t.token })).body
        .items as { onHandDelta: number; valueDelta: number; kind: string }[];
      expect(ledger.reduce((s, r) => s + r.onHandDelta, 0)).toBe(level.onHand);
      expect(ledger.reduce((s, r) => s + r.valueDelta, 0)).toBe(level.value);
    }
    expect((await levelOf(a)).onHand).toBe(20 - 5 - 7 + 2 - 1);
    expect((await levelOf(b)).onHand).toBe(10 - 3 + 1);
    const kinds = (await api(`/v1/inventory/movements?productId=${a}&limit=100`, { token: t.token })).body.items.map(
      (r: { kind: string }) => r.kind,
    );
    expect(new Set(kinds)).toEqual(new Set(['receipt', 'shipment', 'reservation', 'return', 'adjustment']));
  });
});

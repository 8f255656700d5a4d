import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  api,
  defaultWarehouse,
  eventually,
  expectProblem,
  newProduct,
  newTenant,
  userWithRole,
  type TestTenant,
} from '#infra/local/testing.ts';

/** Purchasing (issue 14): suppliers, purchase orders with approval, receipts at cost with their bills, payables. */

const post = (t: { token: string }, path: string, body?: unknown) =>
  api(path, { method: 'POST', token: t.token, body });

async function setup() {
  const t = await newTenant();
  const tea = (await newProduct(t, { sku: 'PO-TEA', name: '西湖龙井' })).id;
  const cup = (await newProduct(t, { sku: 'PO-CUP', name: '玻璃杯' })).id;
  const supplier = await post(t, '/v1/suppliers', {
    name: '杭州龙井茶厂',
    contacts: [{ name: '陈厂长', phone: '13700137000', isPrimary: true }],
    paymentTermsDays: 45,
    products: [
      { productId: tea, cost: 20_000, leadTimeDays: 5 },
      { productId: cup, cost: 1_000 },
    ],
  });
  expect(supplier.status, JSON.stringify(supplier.body)).toBe(201);
  return { t, tea, cup, supplierId: supplier.body.id as string };
}

async function approvedPo(t: TestTenant, supplierId: string, lines: unknown[]) {
  const po = await post(t, '/v1/purchase-orders', { supplierId, lines });
  expect(po.status, JSON.stringify(po.body)).toBe(201);
  const submitted = await post(t, `/v1/purchase-orders/${po.body.id}/submit`);
  expect(submitted.body.status).toBe('approved');
  return submitted.body as { id: string; number: string; lines: { lineId: string }[] };
}

describe('purchasing', () => {
  it('a buyer’s order: approval by the purchase rules, two partial receipts at cost with their bills, payment, close', async () => {
    const { t, tea, cup, supplierId } = await setup();
    expect(
      (await api('/v1/suppliers?q=longjing', { token: t.token })).body.items.map((s: { id: string }) => s.id),
    ).toEqual([supplierId]);
    // Purchases of ¥1,000 or more need finance; sales orders are not touched by the rule.
    await api('/v1/workflows/approval', {
      method: 'PUT',
      token: t.token,
      body: {
        rules: [
          {
            name: '大额采购',
            kind: 'purchase',
            when: { orderTotalGte: { amount: 100_000, currency: 'CNY' } },
            steps: ['finance'],
          },
        ],
      },
    });
    const po = await post(t, '/v1/purchase-orders', {
      supplierId,
      lines: [
        { productId: tea, quantity: 10 },
        { productId: cup, quantity: 50, unitCost: 900 },
      ],
      expectedAt: '2026-12-10',
    });
    expect(po.body).toMatchObject({
      number: expect.stringMatching(/^PO-\d{4}-000001$/),
      status: 'draft',
      total: 10 * 20_000 + 50 * 900,
      lines: [{ unitCost: 20_000, received: 0 }, { unitCost: 900 }],
    });
    const submitted = await post(t, `/v1/purchase-orders/${po.body.id}/submit`);
    expect(submitted.body).toMatchObject({ status: 'pending_approval', approval: { steps: [{ role: 'finance' }] } });
    expectProblem(
      await post(t, `/v1/purchase-orders/${po.body.id}/receipts`, { lines: [{ lineId: 'L1', quantity: 1 }] }),
      409,
      'invalid_transition',
    );
    const finance = await userWithRole(t, 'finance');
    expect((await post(finance, `/v1/purchase-orders/${po.body.id}/approve`, {})).body.status).toBe('approved');

    // The first delivery: 6 teas at the order's cost, 50 cups.
    const first = await post(t, `/v1/purchase-orders/${po.body.id}/receipts`, {
      lines: [
        { lineId: 'L1', quantity: 6 },
        { lineId: 'L2', quantity: 50 },
      ],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      status: 'partially_received',
      lines: [{ received: 6 }, { received: 50 }],
      bill: { number: expect.stringMatching(/^BILL-\d{4}-000001$/), total: 6 * 20_000 + 50 * 900, status: 'open' },
    });
    const warehouse = await defaultWarehouse(t);
    const level = async (p: string) =>
      (await api(`/v1/inventory?productId=${p}`, { token: t.token })).body.items.find(
        (l: { warehouseId: string }) => l.warehouseId === warehouse,
      );
    expect(await level(tea)).toMatchObject({ onHand: 6, value: 120_000, unitCost: 20_000 });
    // The second: the last 4 teas came dearer. The average moves: (1,200 + 4 × 215) ÷ 10 = 206.
    expectProblem(
      await post(t, `/v1/purchase-orders/${po.body.id}/receipts`, { lines: [{ lineId: 'L1', quantity: 5 }] }),
      422,
      'over_receipt',
    );
    const second = await post(t, `/v1/purchase-orders/${po.body.id}/receipts`, {
      lines: [{ lineId: 'L1', quantity: 4, unitCost: 21_500 }],
    });
    expect(second.body).toMatchObject({ status: 'received', bill: { total: 86_000 } });
    expect(await level(tea)).toMatchObject({ onHand: 10, value: 206_000, unitCost: 20_600 });
    const ledger = (await api(`/v1/inventory/movements?productId=${tea}`, { token: t.token })).body.items;
    expect(ledger.map((r: { unitCost: number }) => r.unitCost)).toEqual([21_500, 20_000]);

    // Bills: due by the supplier's terms; paid in part, then in full.
    const bills = (await api(`/v1/bills?supplierId=${supplierId}`, { token: t.token })).body.items;
    expect(bills).toHaveLength(2);
    const bill = bills.find((b: { total: number }) => b.total === 86_000);
    expect(bill.dueDate > bill.issueDate).toBe(true);
    const aging = (await api('/v1/payables/aging', { token: t.token })).body;
    expect(aging.totals.total).toBe(165_000 + 86_000);
    expectProblem(
      await post(t, `/v1/bills/${bill.id}/payments`, {
        amount: { amount: 86_001, currency: 'CNY' },
        method: 'bank_transfer',
        paidAt: new Date().toISOString(),
      }),
      422,
      'overpayment',
    );
    const paid = await post(t, `/v1/bills/${bill.id}/payments`, {
      amount: { amount: 86_000, currency: 'CNY' },
      method: 'bank_transfer',
      paidAt: new Date().toISOString(),
    });
    expect(paid.body).toMatchObject({ status: 'paid', amountDue: 0 });
    expect((await api('/v1/payables/aging', { token: t.token })).body.totals.total).toBe(165_000);
    const events = await eventually(async () => {
      const types = (await api('/v1/events?limit=100', { token: t.token })).body.items.map(
        (e: { type: string }) => e.type,
      );
      expect(types).toContain('bill.paid');
      return types as string[];
    });
    for (const type of [
      'purchase_order.submitted',
      'purchase_order.approved',
      'purchase_order.received',
      'bill.created',
    ])
      expect(events).toContain(type);
  });

  it('concurrent receipts never over-receive a line', async () => {
    const { t, tea, supplierId } = await setup();
    const po = await approvedPo(t, supplierId, [{ productId: tea, quantity: 10 }]);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        post(t, `/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: 'L1', quantity: 3 }] }),
      ),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok, JSON.stringify(answers.map((a) => [a.status, a.body.code]))).toHaveLength(3);
    for (const a of answers.filter((x) => x.status !== 200)) expectProblem(a, 422, 'over_receipt');
    const after = (await api(`/v1/purchase-orders/${po.id}`, { token: t.token })).body;
    expect(after.lines[0].received).toBe(9);
    const level = (await api(`/v1/inventory?productId=${tea}`, { token: t.token })).body.items[0];
    expect(level).toMatchObject({ onHand: 9, value: 9 * 20_000 });
    expect((await api(`/v1/bills?supplierId=${supplierId}`, { token: t.token })).body.items).toHaveLength(3);
  });

  it('closes short, cancels only what received nothing, and refuses an unknown supplier', async () => {
    const { t, tea, supplierId } = await setup();
    const po = await approvedPo(t, supplierId, [{ productId: tea, quantity: 10 }]);
    await post(t, `/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: 'L1', quantity: 4 }] });
    expectProblem(await post(t, `/v1/purchase-orders/${po.id}/cancel`), 409, 'invalid_transition');
    expect((await post(t, `/v1/purchase-orders/${po.id}/close`)).body.status).toBe('closed');
    expectProblem(
      await post(t, `/v1/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: 'L1', quantity: 1 }] }),
      409,
      'invalid_transition',
    );
    expectProblem(
      await post(t, '/v1/purchase-orders', {
        supplierId: 'sup_01JD0000000000000000000000',
        lines: [{ productId: tea, quantity: 1 }],
      }),
      422,
      'unknown_supplier',
    );
    const other = await approvedPo(t, supplierId, [{ productId: tea, quantity: 1 }]);
    expect((await post(t, `/v1/purchase-orders/${other.id}/cancel`)).body.status).toBe('cancelled');
  });

  it('a rejected order says why and can be neither received nor submitted again; an archived supplier leaves the list and takes no new order', async () => {
    const { t, tea, supplierId } = await setup();
    await api('/v1/workflows/approval', {
      method: 'PUT',
      token: t.token,
      body: { rules: [{ name: '所有采购', kind: 'purchase', when: {}, steps: ['owner'] }] },
    });
    const po = await post(t, '/v1/purchase-orders', { supplierId, lines: [{ productId: tea, quantity: 2 }] });
    const edited = await api(`/v1/purchase-orders/${po.body.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { notes: '周五前到货', expectedAt: '2026-12-11' },
    });
    expect(edited.body).toMatchObject({ notes: '周五前到货', expectedAt: '2026-12-11', version: 2 });
    expect((await post(t, `/v1/purchase-orders/${po.body.id}/submit`)).body.status).toBe('pending_approval');
    expectProblem(await post(t, `/v1/purchase-orders/${po.body.id}/reject`, {}), 400, 'invalid_request');
    const rejected = await post(t, `/v1/purchase-orders/${po.body.id}/reject`, { reason: '价格太高，先比价' });
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify(rejected.body.approval)).toContain('价格太高，先比价');
    expectProblem(
      await post(t, `/v1/purchase-orders/${po.body.id}/receipts`, { lines: [{ lineId: 'L1', quantity: 1 }] }),
      409,
      'invalid_transition',
    );
    expectProblem(await post(t, `/v1/purchase-orders/${po.body.id}/submit`), 409, 'invalid_transition');
    expect(
      (await api(`/v1/purchase-orders?status=rejected&supplierId=${supplierId}`, { token: t.token })).body.items,
    ).toEqual([expect.objectContaining({ id: po.body.id })]);

    expect((await api(`/v1/suppliers/${supplierId}`, { method: 'DELETE', token: t.token })).status).toBe(200);
    expect((await api('/v1/suppliers', { token: t.token })).body.items).toEqual([]);
    expect((await api(`/v1/suppliers/${supplierId}`, { token: t.token })).body.archivedAt).not.toBeNull();
    expectProblem(
      await post(t, '/v1/purchase-orders', { supplierId, lines: [{ productId: tea, quantity: 1 }] }),
      422,
      'unknown_supplier',
    );
  });

  it('suggests what to buy from the cheapest supplier, turns it into drafts per supplier, and counts what is on order', async () => {
    const { t, tea, cup, supplierId } = await setup();
    const warehouse = await defaultWarehouse(t);
    await api(`/v1/products/${tea}`, { method: 'PATCH', token: t.token, body: { safetyStock: 30 } });
    await api(`/v1/products/${cup}`, { method: 'PATCH', token: t.token, body: { safetyStock: 10 } });
    // A dearer supplier for tea and the only one with a minimum of 12 for cups.
    const cheap = (
      await post(t, '/v1/suppliers', {
        name: '便宜杯厂',
        products: [{ productId: cup, cost: 800, minOrderQuantity: 12, leadTimeDays: 3 }],
      })
    ).body.id;
    await api('/v1/inventory/movements', {
      token: t.token,
      body: { kind: 'receipt', productId: tea, warehouseId: warehouse, quantity: 5, unitCost: 20_000 },
    });
    await api('/v1/inventory/movements', {
      token: t.token,
      body: { kind: 'receipt', productId: cup, warehouseId: warehouse, quantity: 2, unitCost: 1_000 },
    });
    await approvedPo(t, supplierId, [{ productId: tea, quantity: 10 }]);
    const list = (await api(`/v1/purchasing/suggestions?warehouseId=${warehouse}`, { token: t.token })).body.items;
    // Tea: 30 safety − 5 available − 10 on order = 15; cups: 10 − 2 = 8, rounded up to the minimum of 12.
    expect(list.find((s: { productId: string }) => s.productId === tea)).toMatchObject({
      available: 5,
      safetyStock: 30,
      onOrder: 10,
      suggestedQuantity: 15,
      supplierId,
      leadTimeDays: 5,
    });
    expect(list.find((s: { productId: string }) => s.productId === cup)).toMatchObject({
      suggestedQuantity: 12,
      supplierId: cheap,
      unitCost: 800,
    });
    const drafts = await post(t, '/v1/purchase-orders/from-suggestions', {
      lines: list.map((s: { productId: string; suggestedQuantity: number; supplierId: string }) => ({
        productId: s.productId,
        warehouseId: warehouse,
        quantity: s.suggestedQuantity,
        supplierId: s.supplierId,
      })),
    });
    expect(drafts.status, JSON.stringify(drafts.body)).toBe(200);
    expect(
      drafts.body.items.map((p: { supplierId: string; status: string }) => [p.supplierId, p.status]).sort(),
    ).toEqual(
      [
        [cheap, 'draft'],
        [supplierId, 'draft'],
      ].sort(),
    );
  });

  it('a stocktake shows its differences before posting, then books them as adjustments once', async () => {
    const { t, tea, cup } = await setup();
    const warehouse = await defaultWarehouse(t);
    for (const [productId, quantity] of [
      [tea, 10],
      [cup, 20],
    ] as const)
      await api('/v1/inventory/movements', {
        token: t.token,
        body: { kind: 'receipt', productId, warehouseId: warehouse, quantity, unitCost: 1_000 },
      });
    const sheet = await post(t, '/v1/stocktakes', {
      warehouseId: warehouse,
      lines: [
        { productId: tea, counted: 8 },
        { productId: cup, counted: 21 },
      ],
    });
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(201);
    expect(
      sheet.body.lines.map((l: { expected: number; counted: number; difference: number }) => [
        l.expected,
        l.counted,
        l.difference,
      ]),
    ).toEqual([
      [10, 8, -2],
      [20, 21, 1],
    ]);
    const onHand = async (p: string) => (await api(`/v1/inventory?productId=${p}`, { token: t.token })).body.items[0];
    expect((await onHand(tea)).onHand).toBe(10);
    const posted = await post(t, `/v1/stocktakes/${sheet.body.id}/post`);
    expect(posted.body).toMatchObject({ status: 'posted' });
    expect(await onHand(tea)).toMatchObject({ onHand: 8, value: 8_000 });
    expect(await onHand(cup)).toMatchObject({ onHand: 21, value: 21_000 });
    expectProblem(await post(t, `/v1/stocktakes/${sheet.body.id}/post`), 409, 'invalid_transition');
    const ledger = (await api(`/v1/inventory/movements?productId=${tea}`, { token: t.token })).body.items;
    expect(ledger[0]).toMatchObject({ kind: 'adjustment', onHandDelta: -2, valueDelta: -2_000 });
    // The ledger still adds up to the level.
    expect(ledger.reduce((s: number, r: { onHandDelta: number }) => s + r.onHandDelta, 0)).toBe(8);
    expect(ledger.reduce((s: number, r: { valueDelta: number }) => s + r.valueDelta, 0)).toBe(8_000);
  });

  it('a count sheet comes from the file the clerk filled in (the stock import’s reader): a bad row names its row and changes nothing', async () => {
    const { t, tea, cup } = await setup();
    const warehouse = await defaultWarehouse(t);
    await api('/v1/inventory/movements', {
      token: t.token,
      body: { kind: 'receipt', productId: tea, warehouseId: warehouse, quantity: 12, unitCost: 2_000 },
    });
    const sheetFile = async (rows: (string | number)[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('盘点表');
      sheet.addRow(['2026 年 11 月 月末盘点']); // a title row above the headers
      sheet.mergeCells('A1:C1');
      sheet.addRow(['商品编码', '品名', '实盘数量']);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    };
    const bad = await post(t, '/v1/stocktakes', {
      warehouseId: warehouse,
      format: 'xlsx',
      file: await sheetFile([
        ['po-tea', '西湖龙井', 11],
        ['NO-SUCH', '?', 3],
        ['PO-CUP', '玻璃杯', -1],
      ]),
    });
    expectProblem(bad, 400, 'invalid_request');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['file.row4.商品编码', 'file.row5.实盘数量']);
    expect((await api(`/v1/stocktakes?warehouseId=${warehouse}`, { token: t.token })).body.items).toEqual([]);

    const sheet = await post(t, '/v1/stocktakes', {
      warehouseId: warehouse,
      format: 'xlsx',
      file: await sheetFile([
        ['po-tea', '西湖龙井', 11],
        ['PO-CUP', '玻璃杯', 4],
      ]),
    });
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(201);
    expect(sheet.body.lines).toEqual([
      expect.objectContaining({ productId: tea, sku: 'PO-TEA', expected: 12, counted: 11, difference: -1 }),
      expect.objectContaining({ productId: cup, sku: 'PO-CUP', expected: 0, counted: 4, difference: 4 }),
    ]);
    const drafts = (await api(`/v1/stocktakes?status=draft&warehouseId=${warehouse}`, { token: t.token })).body.items;
    expect(drafts.map((d: { id: string }) => d.id)).toEqual([sheet.body.id]);
    const posted = await post(t, `/v1/stocktakes/${sheet.body.id}/post`);
    expect(posted.body.status).toBe('posted');
    expect((await api(`/v1/stocktakes?status=draft`, { token: t.token })).body.items).toEqual([]);
    const level = (await api(`/v1/inventory?productId=${tea}`, { token: t.token })).body.items[0];
    expect(level).toMatchObject({ onHand: 11, value: 22_000 });
  });

  it('a whole warehouse’s count (120 differences) posts in transactions of 45, and the ledger adds up to every level', async () => {
    const t = await newTenant();
    const warehouse = await defaultWarehouse(t);
    const products: string[] = [];
    for (let i = 0; i < 120; i += 6)
      products.push(
        ...(
          await Promise.all(
            Array.from({ length: 6 }, (_, j) => newProduct(t, { sku: `STK-${String(i + j).padStart(3, '0')}` })),
          )
        ).map((p) => p.id),
      );
    // Half of them are in stock at a cost; the count finds each one more or less than the books.
    for (const productId of products.slice(0, 60))
      await api('/v1/inventory/movements', {
        token: t.token,
        body: { kind: 'receipt', productId, warehouseId: warehouse, quantity: 10, unitCost: 500 },
      });
    const counted = products.map((productId, i) => ({ productId, counted: i < 60 ? 10 + (i % 2 ? 2 : -3) : 5 }));
    const sheet = await post(t, '/v1/stocktakes', { warehouseId: warehouse, lines: counted });
    expect(sheet.status, JSON.stringify(sheet.body).slice(0, 300)).toBe(201);
    expect(sheet.body.lines.filter((l: { difference: number }) => l.difference !== 0)).toHaveLength(120);
    const posted = await post(t, `/v1/stocktakes/${sheet.body.id}/post`);
    expect(posted.status, JSON.stringify(posted.body).slice(0, 300)).toBe(200);
    expect(posted.body).toMatchObject({ status: 'posted', version: 4 });
    const levels: { productId: string; onHand: number; value: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: typeof levels; nextCursor: string | null } } = await api(
        `/v1/inventory?warehouseId=${warehouse}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { token: t.token },
      );
      levels.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(levels).toHaveLength(120);
    for (const [i, productId] of products.entries()) {
      const level = levels.find((l) => l.productId === productId)!;
      expect(level.onHand).toBe(counted[i]!.counted);
      // Stock that arrives with no cost is worth nothing until a receipt says otherwise.
      expect(level.value).toBe(i < 60 ? counted[i]!.counted * 500 : 0);
    }
    const sample = products[1]!;
    const ledger = (await api(`/v1/inventory/movements?productId=${sample}`, { token: t.token })).body.items;
    expect(ledger.reduce((s: number, r: { onHandDelta: number }) => s + r.onHandDelta, 0)).toBe(12);
    expect(ledger.reduce((s: number, r: { valueDelta: number }) => s + r.valueDelta, 0)).toBe(6_000);
    expectProblem(await post(t, `/v1/stocktakes/${sheet.body.id}/post`), 409, 'invalid_transition');
  }, 120_000);

  it('prints the purchase order for the supplier: both parties, supplier codes, the total and 大写', async () => {
    const { t, tea, supplierId } = await setup();
    await api(`/v1/suppliers/${supplierId}`, {
      method: 'PATCH',
      token: t.token,
      body: { products: [{ productId: tea, supplierSku: 'LJ-A-250', cost: 20_000 }] },
    });
    const po = await approvedPo(t, supplierId, [{ productId: tea, quantity: 3 }]);
    const page = await api(`/v1/purchase-orders/${po.id}/print`, { token: t.token });
    expect(page.status).toBe(200);
    const html = String(page.body);
    expect(html).toContain('采购订单');
    expect(html).toContain(po.number);
    expect(html).toContain('杭州龙井茶厂');
    expect(html).toContain('LJ-A-250');
    expect(html).toContain('陆佰元整');
    expect(html).toContain('45 天');
    const english = await api(`/v1/purchase-orders/${po.id}/print?lang=en`, { token: t.token });
    expect(String(english.body)).toContain('Purchase order');
  });
});

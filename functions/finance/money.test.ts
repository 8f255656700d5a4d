import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  api,
  cloud,
  defaultWarehouse,
  eventually,
  expectProblem,
  invoicesOf,
  newCustomer,
  newProduct,
  newTenant,
  receive,
  type TestTenant,
} from '#infra/local/testing.ts';

/**
 * Money as Chinese companies keep it (issue 11): 含税 prices, currencies with stored rates,
 * deposits, allocation (核销) and reversal, fapiao records, business days in the company's zone.
 */

const post = (t: TestTenant, path: string, body?: unknown, headers?: Record<string, string>) =>
  api(path, { method: 'POST', token: t.token, body, headers });

async function stocked(t: TestTenant, overrides: Record<string, unknown> = {}, quantity = 1000) {
  const product = await newProduct(t, overrides);
  await receive(t, product.id, await defaultWarehouse(t), quantity);
  return product.id;
}

async function confirmed(t: TestTenant, customerId: string, lines: Record<string, unknown>[], extra = {}) {
  const created = await post(t, '/v1/orders', { customerId, lines, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await post(t, `/v1/orders/${created.body.id}/submit`);
  expect(submitted.body.status, JSON.stringify(submitted.body)).toBe('confirmed');
  return submitted.body;
}

async function shipAll(t: TestTenant, order: { id: string; lines: { lineId: string; quantity: number }[] }) {
  const res = await post(t, `/v1/orders/${order.id}/shipments`, {
    lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (await invoicesOf(t, order.id, 1))[0]!;
}

const pay = (
  t: TestTenant,
  customerId: string,
  amount: number,
  extra: Record<string, unknown> = {},
  currency = 'CNY',
) =>
  post(t, `/v1/customers/${customerId}/payments`, {
    amount: { amount, currency },
    method: 'bank_transfer',
    receivedAt: new Date().toISOString(),
    ...extra,
  });

describe('含税 prices', () => {
  it('a new company quotes tax-inclusive, and the rounding table holds to the fen on the order, the invoice and the print', async () => {
    const t = await newTenant(undefined, { pricesIncludeTax: true });
    const settings = (await api('/v1/settings', { token: t.token })).body;
    expect(settings).toMatchObject({
      pricesIncludeTax: true,
      defaultTaxRate: 1300,
      timeZone: 'Asia/Shanghai',
      appUrl: null,
    });
    const customer = await newCustomer(t);
    const tea = await stocked(t, { price: { amount: 38_800, currency: 'CNY' }, taxRate: undefined });
    const cups = await stocked(t, { price: { amount: 8_900, currency: 'CNY' } });
    const sample = await stocked(t, { price: { amount: 1, currency: 'CNY' } });
    // A product without its own rate takes the company's.
    expect((await api(`/v1/products/${tea}`, { token: t.token })).body.taxRate).toBe(1300);
    const order = await confirmed(t, customer.id, [
      { productId: tea, quantity: 10 },
      { productId: cups, quantity: 20 },
      { productId: sample, quantity: 1 },
    ]);
    expect(order.pricesIncludeTax).toBe(true);
    const lines = order.lines.map((l: { total: number; tax: number; subtotal: number }) => [
      l.total,
      l.tax,
      l.subtotal,
    ]);
    expect(lines).toEqual([
      [388_000, 44_637, 343_363],
      [178_000, 20_478, 157_522],
      [1, 0, 1],
    ]);
    expect(order).toMatchObject({ total: 566_001, tax: 65_115, subtotal: 500_886 });

    const invoice = await shipAll(t, order);
    expect(invoice).toMatchObject({ total: 566_001, tax: 65_115, subtotal: 500_886 });
    const print = await api(`/v1/invoices/${invoice.id}/print`, { token: t.token });
    expect(print.body).toContain('单价含税');
    expect(print.body).toContain('伍仟陆佰陆拾元零壹分');
  });

  it('an exclusive company keeps net prices; the default rate is the company’s (small-scale 3 %)', async () => {
    const t = await newTenant();
    expect((await api('/v1/settings', { method: 'PATCH', token: t.token, body: { defaultTaxRate: 300 } })).status).toBe(
      200,
    );
    const product = await stocked(t, { price: { amount: 10_000, currency: 'CNY' }, taxRate: undefined });
    expect((await api(`/v1/products/${product}`, { token: t.token })).body.taxRate).toBe(300);
    const order = await confirmed(t, (await newCustomer(t)).id, [{ productId: product, quantity: 3 }]);
    expect(order).toMatchObject({ pricesIncludeTax: false, subtotal: 30_000, tax: 900, total: 30_900 });
    // Changing the setting later never re-prices an order already made: each order keeps its own.
    await api('/v1/settings', { method: 'PATCH', token: t.token, body: { pricesIncludeTax: true } });
    expect((await api(`/v1/orders/${order.id}`, { token: t.token })).body).toMatchObject({
      pricesIncludeTax: false,
      total: 30_900,
    });
  });

  it('refuses a time zone that does not exist and an app URL that is not one, changing nothing', async () => {
    const t = await newTenant();
    for (const body of [{ timeZone: 'Mars/Olympus' }, { appUrl: 'javascript:alert(1)' }, { defaultTaxRate: 10_001 }])
      expectProblem(await api('/v1/settings', { method: 'PATCH', token: t.token, body }), 400, 'invalid_request');
    const ok = await api('/v1/settings', {
      method: 'PATCH',
      token: t.token,
      body: { appUrl: 'https://dingo.example.com/', timeZone: 'Asia/Hong_Kong' },
    });
    expect(ok.body).toMatchObject({ appUrl: 'https://dingo.example.com', timeZone: 'Asia/Hong_Kong' });
    // The app URL leads an invited colleague to the login page.
    const email = `invitee.${Date.now()}@example.com`;
    expect((await post(t, '/v1/users', { email, role: 'sales' })).status).toBe(201);
    const mail = await eventually(async () => {
      const found = (await api('/_local/mail')).body.items.find((m: { text: string }) =>
        m.text.includes(`To: ${email}`),
      );
      if (!found) throw new Error('no invitation yet');
      return found.text as string;
    });
    expect(mail).toContain('Log in at: https://dingo.example.com/login');
  });
});

describe('currencies', () => {
  it('a company in HKD sells in HKD: customers default to it and orders take it (the web form no longer sends CNY)', async () => {
    const t = await newTenant(undefined, { baseCurrency: 'HKD' });
    const customer = await newCustomer(t);
    expect(customer).toMatchObject({ currency: 'HKD' });
    const product = await stocked(t, { price: { amount: 12_345, currency: 'HKD' } });
    const order = await confirmed(t, customer.id, [{ productId: product, quantity: 1 }]);
    expect(order).toMatchObject({ currency: 'HKD', fxRate: '1', subtotal: 12_345 });
  });

  it('the base currency is locked once there is an order', async () => {
    const t = await newTenant();
    const early = await api('/v1/settings', { method: 'PATCH', token: t.token, body: { baseCurrency: 'HKD' } });
    expect(early.body.baseCurrency).toBe('HKD');
    await api('/v1/settings', { method: 'PATCH', token: t.token, body: { baseCurrency: 'CNY' } });
    await post(t, '/v1/orders', {
      customerId: (await newCustomer(t)).id,
      lines: [{ productId: (await newProduct(t)).id, quantity: 1 }],
    });
    expectProblem(
      await api('/v1/settings', { method: 'PATCH', token: t.token, body: { baseCurrency: 'USD' } }),
      422,
      'base_currency_locked',
    );
    expect((await api('/v1/settings', { token: t.token })).body.baseCurrency).toBe('CNY');
  });

  it('a USD customer: no rate is a clear 422, a quoted CNY price is refused, an explicit USD price is taken, the rate is stored', async () => {
    const t = await newTenant();
    const product = await stocked(t, { price: { amount: 10_000, currency: 'CNY' } });
    const usd = await newCustomer(t, { name: 'Pacific Tea Imports', currency: 'USD' });
    expect(usd.currency).toBe('USD');
    const noRate = await post(t, '/v1/orders', {
      customerId: usd.id,
      lines: [{ productId: product, quantity: 2, unitPrice: 1_500 }],
    });
    expectProblem(noRate, 422, 'exchange_rate_missing');
    expect(noRate.body.currency).toBe('USD');

    const rates = await api('/v1/exchange-rates', {
      method: 'PUT',
      token: t.token,
      body: {
        rates: [
          { currency: 'USD', rate: '7.1234', validFrom: '2026-01-01' },
          { currency: 'USD', rate: '9.9999', validFrom: '2099-01-01' },
        ],
      },
    });
    expect(rates.status, JSON.stringify(rates.body)).toBe(200);
    expectProblem(
      await api('/v1/exchange-rates', {
        method: 'PUT',
        token: t.token,
        body: { rates: [{ currency: 'CNY', rate: '1', validFrom: '2026-01-01' }] },
      }),
      422,
      'currency_mismatch',
    );

    const quoted = await post(t, '/v1/orders', { customerId: usd.id, lines: [{ productId: product, quantity: 2 }] });
    expectProblem(quoted, 422, 'currency_mismatch');
    expect(quoted.body.detail).toContain('USD');
    const order = await confirmed(t, usd.id, [{ productId: product, quantity: 2, unitPrice: 1_500 }]);
    expect(order).toMatchObject({ currency: 'USD', fxRate: '7.1234', subtotal: 3_000, tax: 390, total: 3_390 });
    const invoice = await shipAll(t, order);
    expect(invoice).toMatchObject({ currency: 'USD', fxRate: '7.1234', total: 3_390 });
    // Its credit is kept in dollars: yuan left unapplied are refused, dollars are stored at the day's rate.
    expectProblem(await pay(t, usd.id, 10_000), 422, 'currency_mismatch');
    const dollars = await pay(t, usd.id, 3_390, { allocations: [{ invoiceId: invoice.id, amount: 3_390 }] }, 'USD');
    expect(dollars.body).toMatchObject({ fxRate: '7.1234', unallocated: 0, invoices: [{ status: 'paid' }] });
  });

  it('aging and the dashboard count every currency in the base one at the stored rates, with the foreign part shown', async () => {
    const t = await newTenant();
    await api('/v1/exchange-rates', {
      method: 'PUT',
      token: t.token,
      body: { rates: [{ currency: 'USD', rate: '7', validFrom: '2026-01-01' }] },
    });
    const product = await stocked(t, { price: { amount: 10_000, currency: 'CNY' }, taxRate: 0 });
    const cny = await confirmed(t, (await newCustomer(t)).id, [{ productId: product, quantity: 1 }]);
    const usdCustomer = await newCustomer(t, { currency: 'USD' });
    const usd = await confirmed(t, usdCustomer.id, [{ productId: product, quantity: 1, unitPrice: 2_000 }]);
    await shipAll(t, cny);
    await shipAll(t, usd);

    const aging = (await api('/v1/receivables/aging', { token: t.token })).body;
    expect(aging.currency).toBe('CNY');
    expect(aging.totals.total).toBe(10_000 + 14_000);
    expect(aging.byCurrency).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ currency: 'USD', total: 2_000, baseTotal: 14_000 }),
        expect.objectContaining({ currency: 'CNY', total: 10_000, baseTotal: 10_000 }),
      ]),
    );
    expect(aging.customers.find((c: { customerId: string }) => c.customerId === usdCustomer.id)).toMatchObject({
      currency: 'USD',
      total: 2_000,
      baseTotal: 14_000,
    });

    const dashboard = await eventually(async () => {
      const d = (await api('/v1/reports/dashboard', { token: t.token })).body;
      expect(d.sales.today).toBe(24_000);
      return d;
    });
    expect(dashboard.receivables.open).toEqual({ amount: 24_000, currency: 'CNY' });
    expect(dashboard.byCurrency).toEqual(
      expect.arrayContaining([
        { currency: 'USD', salesThisMonth: 2_000, openReceivables: 2_000, overdueReceivables: 0 },
        { currency: 'CNY', salesThisMonth: 10_000, openReceivables: 10_000, overdueReceivables: 0 },
      ]),
    );
    const report = (
      await api(`/v1/reports/sales?from=${dashboard.today}&to=${dashboard.today}&groupBy=customer`, {
        token: t.token,
      })
    ).body;
    expect(report.totals.sales).toBe(24_000);
    expect(report.byCurrency).toEqual([
      { currency: 'CNY', sales: 10_000 },
      { currency: 'USD', sales: 2_000 },
    ]);
  });
});

describe('customer payments: deposits, allocation (核销), reversal', () => {
  it('款到发货: a deposit on a confirmed order settles its invoice when the shipment is invoiced', async () => {
    const t = await newTenant();
    const customer = await newCustomer(t, {
      billing: { title: '上海静安茶室有限公司', taxId: '91310106MA1FL0XX1X', fapiaoType: 'vat_special' },
    });
    const product = await stocked(t, { price: { amount: 10_000, currency: 'CNY' } });
    const order = await confirmed(t, customer.id, [{ productId: product, quantity: 2 }]);
    const deposit = await pay(t, customer.id, order.total, { orderId: order.id, reference: '网银 8891' });
    expect(deposit.status, JSON.stringify(deposit.body)).toBe(201);
    expect(deposit.body).toMatchObject({ orderId: order.id, unallocated: order.total, allocated: 0, invoices: [] });
    const credit = (await api(`/v1/customers/${customer.id}/summary`, { token: t.token })).body;
    expect(credit.credit).toEqual({ amount: order.total, currency: 'CNY' });

    const invoice = await shipAll(t, order);
    expect(invoice).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: order.total });
    const detail = (await api(`/v1/invoices/${invoice.id}`, { token: t.token })).body;
    expect(detail.buyer).toMatchObject({ title: '上海静安茶室有限公司', taxId: '91310106MA1FL0XX1X' });
    expect(detail.payments).toEqual([
      expect.objectContaining({ id: deposit.body.id, amount: { amount: order.total, currency: 'CNY' } }),
    ]);
    const after = (await api(`/v1/payments/${deposit.body.id}`, { token: t.token })).body;
    expect(after).toMatchObject({ allocated: order.total, unallocated: 0 });
    expect(after.allocations).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: order.total })]);
    const summary = (await api(`/v1/customers/${customer.id}/summary`, { token: t.token })).body;
    expect(summary.credit.amount).toBe(0);
    expect(summary.outstandingReceivables.amount).toBe(0);
  });

  it('one transfer is spread over two invoices; too much for the rest or an invoice answers 422 and changes nothing', async () => {
    const t = await newTenant();
    const customer = await newCustomer(t);
    const product = await stocked(t, { price: { amount: 10_000, currency: 'CNY' }, taxRate: 0 });
    const one = await shipAll(t, await confirmed(t, customer.id, [{ productId: product, quantity: 1 }]));
    const two = await shipAll(t, await confirmed(t, customer.id, [{ productId: product, quantity: 2 }]));
    const transfer = await pay(t, customer.id, 25_000);
    expect(transfer.body).toMatchObject({ unallocated: 25_000 });

    expectProblem(
      await post(t, `/v1/payments/${transfer.body.id}/allocations`, {
        allocations: [
          { invoiceId: one.id, amount: 10_000 },
          { invoiceId: two.id, amount: 20_001 },
        ],
      }),
      422,
      'over_allocation',
    );
    const tooMuchForOne = await post(t, `/v1/payments/${transfer.body.id}/allocations`, {
      allocations: [{ invoiceId: one.id, amount: 10_001 }],
    });
    expectProblem(tooMuchForOne, 422, 'over_allocation');
    expect(tooMuchForOne.body).toMatchObject({ invoiceId: one.id, amountDue: { amount: 10_000, currency: 'CNY' } });
    expect((await api(`/v1/payments/${transfer.body.id}`, { token: t.token })).body).toMatchObject({
      version: 1,
      unallocated: 25_000,
    });

    const applied = await post(t, `/v1/payments/${transfer.body.id}/allocations`, {
      allocations: [
        { invoiceId: one.id, amount: 10_000 },
        { invoiceId: two.id, amount: 15_000 },
      ],
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ allocated: 25_000, unallocated: 0, version: 2 });
    expect(applied.body.invoices.map((i: { status: string; amountDue: number }) => [i.status, i.amountDue])).toEqual([
      ['paid', 0],
      ['partially_paid', 5_000],
    ]);
    // Another customer's invoice is never this payment's to settle.
    const stranger = await shipAll(
      t,
      await confirmed(t, (await newCustomer(t)).id, [{ productId: product, quantity: 1 }]),
    );
    const extra = await pay(t, customer.id, 100);
    expectProblem(
      await post(t, `/v1/payments/${extra.body.id}/allocations`, {
        allocations: [{ invoiceId: stranger.id, amount: 1 }],
      }),
      422,
      'wrong_customer',
    );
  });

  it('a payment recorded by mistake is reversed with a reason: balances, statuses and credit return, once', async () => {
    const t = await newTenant();
    const customer = await newCustomer(t);
    const product = await stocked(t, { price: { amount: 10_000, currency: 'CNY' }, taxRate: 0 });
    const invoice = await shipAll(t, await confirmed(t, customer.id, [{ productId: product, quantity: 1 }]));
    const wrong = await pay(t, customer.id, 15_000, { allocations: [{ invoiceId: invoice.id, amount: 10_000 }] });
    expect(wrong.body.invoices[0]).toMatchObject({ status: 'paid' });
    expect((await api(`/v1/customers/${customer.id}/summary`, { token: t.token })).body.credit.amount).toBe(5_000);

    const reversed = await post(t, `/v1/payments/${wrong.body.id}/reverse`, { reason: '客户转账退回' });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(200);
    expect(reversed.body).toMatchObject({ status: 'reversed', reversal: { reason: '客户转账退回' } });
    const back = (await api(`/v1/invoices/${invoice.id}`, { token: t.token })).body;
    expect(back).toMatchObject({ status: 'open', amountPaid: 0, amountDue: 10_000, paidAt: null });
    expect(back.payments[0].reversedAt).not.toBeNull();
    const summary = (await api(`/v1/customers/${customer.id}/summary`, { token: t.token })).body;
    expect(summary.credit.amount).toBe(0);
    expect(summary.outstandingReceivables.amount).toBe(10_000);
    expectProblem(
      await post(t, `/v1/payments/${wrong.body.id}/reverse`, { reason: '再来一次' }),
      409,
      'payment_reversed',
    );
    expectProblem(
      await post(t, `/v1/payments/${wrong.body.id}/allocations`, {
        allocations: [{ invoiceId: invoice.id, amount: 1 }],
      }),
      409,
      'payment_reversed',
    );
    const event = await eventually(async () => {
      const log = await api('/v1/events?type=payment.reversed', { token: t.token });
      expect(log.body.items).toHaveLength(1);
      return log.body.items[0];
    });
    expect(event.data.invoices[0]).toMatchObject({ id: invoice.id, amountDue: 10_000 });
  });

  it('20 concurrent allocations of one payment never take it beyond its amount nor an invoice below zero', async () => {
    const t = await newTenant();
    const customer = await newCustomer(t);
    const product = await stocked(t, { price: { amount: 1_000, currency: 'CNY' }, taxRate: 0 });
    const order = await confirmed(t, customer.id, [{ productId: product, quantity: 20 }]);
    // Twenty shipments of one: twenty invoices of 1,000 each.
    for (let i = 0; i < 20; i += 1)
      await post(t, `/v1/orders/${order.id}/shipments`, { lines: [{ lineId: order.lines[0].lineId, quantity: 1 }] });
    const invoices = await invoicesOf(t, order.id, 20);
    const payment = await pay(t, customer.id, 10_000);
    const answers = await Promise.all(
      invoices.map((invoice) =>
        post(t, `/v1/payments/${payment.body.id}/allocations`, {
          allocations: [{ invoiceId: invoice.id, amount: 1_000 }],
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(10);
    for (const a of answers.filter((x) => x.status !== 200)) expectProblem(a, 422, 'over_allocation');
    const after = (await api(`/v1/payments/${payment.body.id}`, { token: t.token })).body;
    expect(after).toMatchObject({ allocated: 10_000, unallocated: 0 });
    expect(after.allocations).toHaveLength(10);
    const now = await Promise.all(
      invoices.map(async (i) => (await api(`/v1/invoices/${i.id}`, { token: t.token })).body),
    );
    expect(now.filter((i) => i.status === 'paid')).toHaveLength(10);
    expect(now.every((i) => i.amountDue >= 0 && i.amountPaid + i.amountDue === i.total)).toBe(true);
    expect(now.reduce((s, i) => s + i.amountPaid, 0)).toBe(10_000);
    const summary = (await api(`/v1/customers/${customer.id}/summary`, { token: t.token })).body;
    expect(summary).toMatchObject({ credit: { amount: 0 }, outstandingReceivables: { amount: 10_000 } });
  });
});

describe('payments racing their reversal', () => {
  it('an allocation and a reversal of one payment at once: the invoice never keeps money from a reversed payment', async () => {
    const t = await newTenant();
    const customer = await newCustomer(t);
    const product = await stocked(t, { price: { amount: 1_000, currency: 'CNY' }, taxRate: 0 });
    for (let round = 0; round < 5; round += 1) {
      const invoice = await shipAll(t, await confirmed(t, customer.id, [{ productId: product, quantity: 1 }]));
      const payment = await pay(t, customer.id, 1_000);
      const [allocated, reversed] = await Promise.all([
        post(t, `/v1/payments/${payment.body.id}/allocations`, {
          allocations: [{ invoiceId: invoice.id, amount: 1_000 }],
        }),
        post(t, `/v1/payments/${payment.body.id}/reverse`, { reason: '同时冲销' }),
      ]);
      expect(reversed.status, JSON.stringify(reversed.body)).toBe(200);
      expect([200, 409]).toContain(allocated.status);
      const now = (await api(`/v1/invoices/${invoice.id}`, { token: t.token })).body;
      // Whatever the order, the reversed payment pays nothing.
      expect(now).toMatchObject({ amountPaid: 0, amountDue: 1_000 });
      expect(['open', 'overdue']).toContain(now.status);
    }
    const summary = (await api(`/v1/customers/${customer.id}/summary`, { token: t.token })).body;
    expect(summary).toMatchObject({ credit: { amount: 0 }, outstandingReceivables: { amount: 5_000 } });
  });
});

describe('fapiao', () => {
  it('requested, exported for the tax system, recorded, and red-flushed; a number once per company', async () => {
    const t = await newTenant(undefined, { pricesIncludeTax: true });
    const customer = await newCustomer(t, {
      name: '=HYPERLINK("http://evil.example","点我")',
      billing: { title: '杭州西湖茶业有限公司', taxId: '91330106MA2B0XXX0Y', fapiaoType: 'e_special' },
    });
    const product = await stocked(t, {
      name: '西湖龙井',
      sku: 'LJ-250',
      unit: '盒',
      price: { amount: 38_800, currency: 'CNY' },
    });
    const invoice = await shipAll(t, await confirmed(t, customer.id, [{ productId: product, quantity: 10 }]));
    const waiting = await api('/v1/invoices?fapiaoStatus=not_requested', { token: t.token });
    expect(waiting.body.items.map((i: { id: string }) => i.id)).toContain(invoice.id);

    const requested = await post(t, '/v1/fapiao-requests', { invoiceIds: [invoice.id] });
    expect(requested.body.invoices[0].fapiao).toMatchObject({ status: 'requested' });
    expect((await api('/v1/invoices?fapiaoStatus=not_requested', { token: t.token })).body.items).toHaveLength(0);

    const sheet = await fetch(`${cloud().url}/v1/fapiao-requests/export.xlsx?status=requested`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(sheet.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await sheet.arrayBuffer());
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 16)).toEqual([
      '结算单号',
      '购买方名称',
      '购买方纳税人识别号',
      '购买方地址电话',
      '购买方开户行及账号',
      '发票类型',
      '项目名称',
      '规格型号',
      '单位',
      '数量',
      '单价',
      '金额',
      '税率',
      '税额',
      '价税合计',
    ]);
    expect(rows[1]!.slice(1, 16)).toEqual([
      invoice.number,
      '杭州西湖茶业有限公司',
      '91330106MA2B0XXX0Y',
      '',
      '',
      '电子专票',
      '西湖龙井',
      'LJ-250',
      '盒',
      10,
      343.363,
      3433.63,
      0.13,
      446.37,
      3880,
    ]);

    const record = (number: string, amount: number) =>
      post(t, `/v1/invoices/${invoice.id}/fapiao`, { type: 'e_special', number, issuedAt: '2026-11-20', amount });
    expectProblem(await record('26112000000000000001', 388_001), 422, 'fapiao_over_amount');
    const issued = await record('26112000000000000001', 388_000);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.fapiao).toMatchObject({ status: 'issued', issuedAmount: 388_000 });
    expect((await api('/v1/invoices?fapiaoStatus=requested', { token: t.token })).body.items).toHaveLength(0);
    expectProblem(await record('26112000000000000001', -1), 409, 'fapiao_number_taken');
    const red = await record('26112000000000000002', -388_000);
    expect(red.body.fapiao).toMatchObject({ status: 'red_flushed', issuedAmount: 0 });
    expect((await api(`/v1/invoices/${invoice.id}/fapiao`, { token: t.token })).body.records).toHaveLength(2);
  });
});

describe('business days in the company’s time zone', () => {
  it('an order at 01:30 on 1 January in Beijing is numbered in the new year; the CSV shows Beijing time', async () => {
    const t = await newTenant();
    const product = await newProduct(t);
    const customer = await newCustomer(t);
    const at = { 'x-dingo-now': '2026-12-31T17:30:00.000Z' };
    const order = await post(
      t,
      '/v1/orders',
      { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] },
      at,
    );
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body.number).toMatch(/^SO-2027-/);
    const csv = await api('/v1/orders/export.csv', { token: t.token });
    expect(csv.body).toContain(`${order.body.number},2027-01-01 01:30:00,`);

    const london = await newTenant();
    await api('/v1/settings', { method: 'PATCH', token: london.token, body: { timeZone: 'Europe/London' } });
    const there = await post(
      london,
      '/v1/orders',
      {
        customerId: (await newCustomer(london)).id,
        lines: [{ productId: (await newProduct(london)).id, quantity: 1 }],
      },
      at,
    );
    expect(there.body.number).toMatch(/^SO-2026-/);
  });
});

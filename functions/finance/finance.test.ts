import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { envelopeOf } from '#functions/platform/outbox.ts';
import { addDays } from '#shared/domain/dates.ts';
import { formatMinor } from '#shared/domain/money.ts';
import {
  api,
  cloud,
  defaultWarehouse,
  directDb,
  eventually,
  expectProblem,
  invoicesOf,
  orderIn,
  newCustomer,
  newProduct,
  newTenant,
  receive,
  runJob,
  settled,
  TABLE,
  userWithRole,
  type TestTenant,
} from '#infra/local/testing.ts';

let t: TestTenant;
let warehouseId: string;
beforeAll(async () => {
  t = await newTenant();
  warehouseId = await defaultWarehouse(t);
});

/** A confirmed order of two lines (3 × 99.99 at 13 %, 2 × 10.00 at 6 % less 5 %) for a customer on 45-day terms. */
async function confirmedOrder(tenant = t, customer?: { id: string }) {
  const [a, b] = await Promise.all([
    newProduct(tenant, { price: { amount: 9_999, currency: 'CNY' }, taxRate: 1300 }),
    newProduct(tenant, { price: { amount: 1_000, currency: 'CNY' }, taxRate: 600 }),
  ]);
  const wh = tenant === t ? warehouseId : await defaultWarehouse(tenant);
  await Promise.all([receive(tenant, a.id, wh, 50), receive(tenant, b.id, wh, 50)]);
  const buyer = customer ?? (await newCustomer(tenant, { paymentTermsDays: 45 }));
  const created = await api('/v1/orders', {
    token: tenant.token,
    body: {
      customerId: buyer.id,
      lines: [
        { productId: a.id, quantity: 3 },
        { productId: b.id, quantity: 2, discountBps: 500 },
      ],
    },
  });
  const submitted = await api(`/v1/orders/${created.body.id}/submit`, { method: 'POST', token: tenant.token });
  expect(submitted.body.status).toBe('confirmed');
  return submitted.body as {
    id: string;
    number: string;
    total: number;
    customerId: string;
    lines: { lineId: string; quantity: number; subtotal: number; tax: number; total: number }[];
  };
}

const ship = (orderId: string, lines: { lineId: string; quantity: number }[], tenant = t) =>
  api(`/v1/orders/${orderId}/shipments`, { token: tenant.token, body: { lines } });
const pay = (invoiceId: string, amount: number, extra: Record<string, unknown> = {}, tenant = t) =>
  api(`/v1/invoices/${invoiceId}/payments`, {
    token: tenant.token,
    body: { amount: { amount, currency: 'CNY' }, method: 'wechat_pay', receivedAt: new Date().toISOString(), ...extra },
  });
const numberOf = (n: string) => Number(n.split('-')[2]);

describe('invoicing consumer', () => {
  // Guarantees: invoicing keeps its quantities in their own item, so the ETag a client got from a shipment stays valid (issue 10).
  it('lists invoices by status and customer, each whole (its id, customer and date read from its keys)', async () => {
    const [a, b] = [await confirmedOrder(), await confirmedOrder()];
    for (const o of [a, b])
      await ship(
        o.id,
        o.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      );
    const [invoice] = await invoicesOf(t, a.id);
    await invoicesOf(t, b.id);
    const listed = await api(`/v1/invoices?status=${invoice!.status}&customerId=${a.customerId}`, { token: t.token });
    expect(listed.body.items).toEqual([invoice]);
    expect((await api(`/v1/invoices/${invoice!.id}`, { token: t.token })).body).toEqual({ ...invoice, payments: [] });
  });

  it('never changes the order version: an If-Match taken before the invoice still works after it', async () => {
    const order = await orderIn(t, 'confirmed');
    const shipped = await api(`/v1/orders/${order.id}/shipments`, {
      token: t.token,
      body: {
        lines: order.lines.map((l: { lineId: string; quantity: number }) => ({
          lineId: l.lineId,
          quantity: l.quantity,
        })),
      },
    });
    const etag = shipped.headers.get('etag')!;
    await invoicesOf(t, order.id);
    const read = await api(`/v1/orders/${order.id}`, { token: t.token });
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.body.lines.every((l: { invoiced: number; quantity: number }) => l.invoiced === l.quantity)).toBe(true);
    const listed = await api(`/v1/orders?customerId=${order.customerId}`, { token: t.token });
    expect(listed.body.items[0].lines[0].invoiced).toBe(order.lines[0].quantity);
    const delivered = await api(`/v1/orders/${order.id}/deliver`, {
      method: 'POST',
      token: t.token,
      headers: { 'if-match': etag },
    });
    expect(delivered.status).toBe(200);
  });

  it("invoices each shipment for what it shipped (the default policy), numbered INV-YYYY-NNNNNN without gaps, due after the customer's terms", async () => {
    const order = await confirmedOrder();
    const [l1, l2] = order.lines;
    await ship(order.id, [{ lineId: l1!.lineId, quantity: 1 }]);
    const [first] = await invoicesOf(t, order.id, 1);
    await ship(order.id, [
      { lineId: l1!.lineId, quantity: 2 },
      { lineId: l2!.lineId, quantity: 2 },
    ]);
    const invoices = await invoicesOf(t, order.id, 2);
    const second = invoices.find((i) => i.id !== first!.id)!;

    expect(first!.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(numberOf(second.number)).toBe(numberOf(first!.number) + 1);
    // 1 × 99.99 = 99.99, tax 13 % = 13.00 (12.9987 half up)
    expect(first!.lines).toEqual([
      expect.objectContaining({ lineId: l1!.lineId, quantity: 1, subtotal: 9_999, tax: 1_300, total: 11_299 }),
    ]);
    expect(first!.dueDate).toBe(addDays(first!.issueDate, 45));
    // Everything shipped is invoiced once: the two invoices add up to the order.
    expect(invoices.reduce((s, i) => s + i.total, 0)).toBe(order.total);
    const after = (await api(`/v1/orders/${order.id}`, { token: t.token })).body;
    expect(after.lines.map((l: { invoiced: number }) => l.invoiced)).toEqual([3, 2]);
    // The order's invoices are kept on its invoiced item; an order invoiced before that kept a pointer
    // item per invoice (`INVOICE#<id>`), and its invoices are still listed.
    const db = await directDb();
    const pk = `${t.tenantId}#ORDER#${order.id}`;
    await db.send(
      new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'INVOICED' }, UpdateExpression: 'REMOVE invoiceIds' }),
    );
    expect((await api(`/v1/invoices?orderId=${order.id}`, { token: t.token })).body.items).toEqual([]);
    for (const i of invoices)
      await db.send(
        new PutCommand({
          TableName: TABLE,
          Item: { pk, sk: `INVOICE#${i.id}`, entity: 'order_invoice', invoiceId: i.id },
        }),
      );
    const listed = (await api(`/v1/invoices?orderId=${order.id}`, { token: t.token })).body.items;
    expect(listed.map((i: { id: string }) => i.id).sort()).toEqual(invoices.map((i) => i.id).sort());
  });

  it('invoices the whole order once at confirmation under on_confirm, and a later shipment invoices nothing more', async () => {
    const own = await newTenant();
    const settings = (await api('/v1/settings', { token: own.token })).body;
    await api('/v1/settings', {
      method: 'PATCH',
      token: own.token,
      body: { invoicingPolicy: 'on_confirm', defaultPaymentTermsDays: 10 },
      headers: { 'if-match': `"${settings.version}"` },
    });
    const order = await confirmedOrder(own, await newCustomer(own));
    const [invoice] = await invoicesOf(own, order.id, 1);
    expect(invoice).toMatchObject({ total: order.total, shipmentId: null, dueDate: addDays(invoice!.issueDate, 10) });
    await ship(
      order.id,
      order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      own,
    );
    await settled();
    expect(await invoicesOf(own, order.id, 1)).toHaveLength(1);
  });

  it('voids the unpaid invoice of an order cancelled after on_confirm invoicing, and receivables return to zero', async () => {
    const own = await newTenant();
    await api('/v1/settings', { method: 'PATCH', token: own.token, body: { invoicingPolicy: 'on_confirm' } });
    const customer = await newCustomer(own);
    const order = await confirmedOrder(own, customer);
    await invoicesOf(own, order.id, 1);
    await api(`/v1/orders/${order.id}/cancel`, { token: own.token, body: { reason: '客户取消' } });
    await eventually(async () => expect((await invoicesOf(own, order.id, 1))[0]!.status).toBe('void'));
    const summary = (await api(`/v1/customers/${customer.id}/summary`, { token: own.token })).body;
    expect(summary.outstandingReceivables.amount).toBe(0);
    expect(summary.creditExposure.amount).toBe(0);
  });

  it('gives the same order.shipped delivered twice one invoice', async () => {
    const own = await newTenant();
    const order = await confirmedOrder(own);
    await ship(order.id, [{ lineId: order.lines[0]!.lineId, quantity: 1 }], own);
    await invoicesOf(own, order.id, 1);
    const db = await directDb();
    const events = (
      await db.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
          ExpressionAttributeValues: { ':pk': `${own.tenantId}#ORDER#${order.id}`, ':e': 'EVENT#' },
        }),
      )
    ).Items!.filter((i) => i.eventType === 'order.shipped');
    const entry = {
      Source: 'dingo.orders',
      DetailType: 'order.shipped',
      Detail: JSON.stringify(envelopeOf(events[0]!)),
      EventBusName: 'dingo',
    };
    const bus = new EventBridgeClient({
      endpoint: cloud().endpoints.eventbridge,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    await bus.send(new PutEventsCommand({ Entries: [entry, entry] }));
    await settled();
    expect(await invoicesOf(own, order.id, 1)).toHaveLength(1);
    expect((await api(`/v1/orders/${order.id}`, { token: own.token })).body.lines[0].invoiced).toBe(1);
  });

  it('retries an invoicing consumer that throws twice, and the invoice is made once', async () => {
    const own = await newTenant();
    const order = await confirmedOrder(own);
    await settled();
    await api('/_local/faults', { body: { rule: 'invoicing', times: 2 } });
    await ship(order.id, [{ lineId: order.lines[0]!.lineId, quantity: 3 }], own);
    await invoicesOf(own, order.id, 1);
    await settled();
    expect(await invoicesOf(own, order.id, 1)).toHaveLength(1);
  });
});

describe('payments', () => {
  it('takes partial payments, refuses an overpayment with 422 and changes nothing, and settles with invoice.paid', async () => {
    const order = await confirmedOrder();
    await ship(
      order.id,
      order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
    );
    const [invoice] = await invoicesOf(t, order.id, 1);
    const partial = await pay(invoice!.id, 10_000, { method: 'alipay', reference: '2026112222001' });
    expect(partial.status).toBe(201);
    expect(partial.headers.get('location')).toBe(`/v1/invoices/${invoice!.id}/payments/${partial.body.id}`);
    expect(partial.body.invoice).toMatchObject({
      status: 'partially_paid',
      amountPaid: 10_000,
      amountDue: invoice!.total - 10_000,
    });

    const over = await pay(invoice!.id, invoice!.total);
    expectProblem(over, 422, 'overpayment');
    expect(over.body.amountDue).toEqual({ amount: invoice!.total - 10_000, currency: 'CNY' });
    expectProblem(await pay(invoice!.id, 1, { amount: { amount: 1, currency: 'USD' } }), 422, 'currency_mismatch');
    const unchanged = (await api(`/v1/invoices/${invoice!.id}`, { token: t.token })).body;
    expect(unchanged).toMatchObject({ amountPaid: 10_000, version: 2 });
    expect(unchanged.payments).toHaveLength(1);

    const final = await pay(invoice!.id, invoice!.total - 10_000, { method: 'bank_transfer' });
    expect(final.body.invoice).toMatchObject({ status: 'paid', amountDue: 0 });
    expectProblem(await pay(invoice!.id, 1), 422, 'overpayment');
    const events = await eventually(async () => {
      const db = await directDb();
      const items = (
        await db.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
            ExpressionAttributeValues: { ':pk': `${t.tenantId}#INVOICE#${invoice!.id}`, ':e': 'EVENT#' },
          }),
        )
      ).Items!.map((i) => i.eventType);
      expect(items).toContain('invoice.paid');
      return items;
    });
    expect(events).toEqual(['invoice.created', 'invoice.paid']);
    // Each payment announces itself with the invoices it paid, as they then stood.
    const received = await eventually(async () => {
      const log = await api('/v1/events?type=payment.received&limit=100', { token: t.token });
      const mine = log.body.items.filter((e: { data: { invoices: { id: string }[] } }) =>
        e.data.invoices.some((i) => i.id === invoice!.id),
      );
      expect(mine).toHaveLength(2);
      return mine as { data: { payment: { id: string }; invoices: { amountPaid: number }[] } }[];
    });
    expect(received.every((e) => e.data.payment.id.startsWith('pay_'))).toBe(true);
    expect(received.map((e) => e.data.invoices[0]!.amountPaid).sort((a, b) => a - b)).toEqual([10_000, invoice!.total]);
    const summary = (await api(`/v1/customers/${order.customerId}/summary`, { token: t.token })).body;
    expect(summary.outstandingReceivables.amount).toBe(0);
  });

  it('lets finance record payments and not sales or warehouse staff', async () => {
    const order = await confirmedOrder();
    await ship(order.id, [{ lineId: order.lines[0]!.lineId, quantity: 1 }]);
    const [invoice] = await invoicesOf(t, order.id, 1);
    const finance = await userWithRole(t, 'finance');
    const sales = await userWithRole(t, 'sales');
    expect((await pay(invoice!.id, 100, {}, { ...t, token: finance.token })).status).toBe(201);
    expectProblem(await pay(invoice!.id, 100, {}, { ...t, token: sales.token }), 403);
  });
});

describe('overdue marking and aging', () => {
  it('marks an invoice overdue from the first moment after its due day in Beijing time, once', async () => {
    const own = await newTenant();
    const order = await confirmedOrder(own, await newCustomer(own, { paymentTermsDays: 30 }));
    await ship(order.id, [{ lineId: order.lines[0]!.lineId, quantity: 1 }], own);
    const [invoice] = await invoicesOf(own, order.id, 1);
    // The due day ends at 16:00 UTC (00:00 the next day in Shanghai).
    const lastMinute = new Date(`${invoice!.dueDate}T15:59:59.000Z`).toISOString();
    const firstMoment = new Date(`${invoice!.dueDate}T16:00:00.000Z`).toISOString();
    expect((await runJob('invoices-overdue', own.tenantId, lastMinute)).results[own.tenantId]).toEqual({ marked: 0 });
    expect((await api(`/v1/invoices/${invoice!.id}`, { token: own.token })).body.status).toBe('open');
    expect((await runJob('invoices-overdue', own.tenantId, firstMoment)).results[own.tenantId]).toEqual({ marked: 1 });
    expect((await api(`/v1/invoices/${invoice!.id}`, { token: own.token })).body.status).toBe('overdue');
    expect((await runJob('invoices-overdue', own.tenantId, firstMoment)).results[own.tenantId]).toEqual({ marked: 0 });

    // invoice.overdue opens one alert for the invoice.
    const alerts = await eventually(async () => {
      const res = await api('/v1/alerts?kind=invoice_overdue', { token: own.token });
      expect(res.body.items).toHaveLength(1);
      return res.body.items;
    });
    expect(alerts[0]).toMatchObject({
      subject: { type: 'invoice', id: invoice!.id },
      params: { number: invoice!.number },
    });

    // A partial payment keeps it overdue; the rest settles it.
    expect((await pay(invoice!.id, 100, {}, own)).body.invoice.status).toBe('overdue');
    expect((await pay(invoice!.id, invoice!.total - 100, {}, own)).body.invoice.status).toBe('paid');
  });

  it('ages open receivables per customer in buckets of days past due', async () => {
    const own = await newTenant();
    const customer = await newCustomer(own, { name: '账龄客户', paymentTermsDays: 0 });
    const order = await confirmedOrder(own, customer);
    await ship(order.id, [{ lineId: order.lines[0]!.lineId, quantity: 1 }], own);
    const [invoice] = await invoicesOf(own, order.id, 1);
    const at = async (asOf: string) => (await api(`/v1/receivables/aging?asOf=${asOf}`, { token: own.token })).body;
    expect((await at(invoice!.dueDate)).customers[0]).toMatchObject({
      customerId: customer.id,
      current: invoice!.total,
      total: invoice!.total,
      invoices: 1,
    });
    expect((await at(addDays(invoice!.dueDate, 1))).customers[0]).toMatchObject({ current: 0, d1_30: invoice!.total });
    expect((await at(addDays(invoice!.dueDate, 45))).customers[0]).toMatchObject({ d31_60: invoice!.total });
    expect((await at(addDays(invoice!.dueDate, 91))).totals).toMatchObject({
      d90_plus: invoice!.total,
      total: invoice!.total,
    });
    await pay(invoice!.id, invoice!.total, {}, own);
    expect((await at(addDays(invoice!.dueDate, 91))).customers).toEqual([]);
  });
});

describe('statement of account (对账单)', () => {
  it("shows the opening balance, the period's invoices and payments with a running balance, and the closing balance; the customer's own only", async () => {
    const customer = await newCustomer(t, { name: '对账<客户>', paymentTermsDays: 30 });
    const first = await confirmedOrder(t, customer);
    await ship(
      first.id,
      first.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
    );
    const second = await confirmedOrder(t, customer);
    await ship(
      second.id,
      second.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
    );
    const [a] = await invoicesOf(t, first.id, 1);
    const [b] = await invoicesOf(t, second.id, 1);
    await pay(a!.id, 5_000, { method: 'alipay', reference: 'ALI-778' });
    const other = await confirmedOrder(); // another customer's invoice stays off this statement
    await ship(
      other.id,
      other.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
    );
    await invoicesOf(t, other.id, 1);
    const today = a!.issueDate as string;
    const cell = (html: string, field: string) =>
      html.match(new RegExp(`data-field="${field}">(?:<strong>)?([^<]*)<`))![1];
    const money = (minor: number, lang: 'zh-CN' | 'en' = 'zh-CN') => formatMinor(minor, 'CNY', lang);

    const period = await api(`/v1/customers/${customer.id}/statement?from=${today}&to=${today}`, { token: t.token });
    expect(period.status).toBe(200);
    const html = period.body as string;
    expect(html).toContain('对账单');
    expect(html).toContain('对账&#60;客户&#62;');
    expect(cell(html, 'opening')).toBe(money(0));
    expect(cell(html, 'debits')).toBe(money(a!.total + b!.total));
    expect(cell(html, 'credits')).toBe(money(5_000));
    expect(cell(html, 'closing')).toBe(money(a!.total + b!.total - 5_000));
    expect(html).toContain(a!.number);
    expect(html).toContain(`支付宝 · ${a!.number}`);
    expect(html).not.toContain(other.number);

    // The next period opens with what was owed at the end of this one, and has no activity.
    const next = addDays(today, 1);
    const after = (
      await api(`/v1/customers/${customer.id}/statement?from=${next}&to=${addDays(next, 30)}&lang=en`, {
        token: t.token,
      })
    ).body as string;
    expect(after).toContain('Statement of account');
    expect(cell(after, 'opening')).toBe(money(a!.total + b!.total - 5_000, 'en'));
    expect(cell(after, 'closing')).toBe(money(a!.total + b!.total - 5_000, 'en'));
    expect(after).toContain('No activity in the period');

    expectProblem(
      await api(`/v1/customers/${customer.id}/statement?from=${next}&to=${today}`, { token: t.token }),
      400,
    );
  });
});

describe('printable invoice', () => {
  it("renders HTML with print CSS, in the company's language by default and in English on request, escaping what people typed", async () => {
    const own = await newTenant();
    const order = await confirmedOrder(own, await newCustomer(own, { name: '<script>alert(1)</script> 商行' }));
    await ship(order.id, [{ lineId: order.lines[0]!.lineId, quantity: 1 }], own);
    const [invoice] = await invoicesOf(own, order.id, 1);
    const zh = await api(`/v1/invoices/${invoice!.id}/print`, { token: own.token });
    expect(zh.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(zh.body).toContain('销售结算单');
    expect(zh.body).not.toContain('销售发票');
    expect(zh.body).toContain('本单据不是增值税发票');
    expect(zh.body).toContain('单价不含税');
    // 112.99 in capitals, the way a 结算单 writes it.
    expect(zh.body).toContain('壹佰壹拾贰元玖角玖分');
    expect(zh.body).toContain(invoice!.number);
    expect(zh.body).toContain('@media print');
    expect(zh.body).not.toContain('<script>alert(1)</script>');
    expect(zh.body).toContain('&#60;script&#62;');
    const en = await api(`/v1/invoices/${invoice!.id}/print?lang=en`, { token: own.token });
    expect(en.body).toContain('Amount due');
    expect(en.body).toContain('This document is not a VAT fapiao');
    expect(en.body).toMatch(/CN¥112\.99|¥112\.99/);
  });
});

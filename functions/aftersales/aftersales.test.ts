import { describe, expect, it } from 'vitest';
import {
  api,
  defaultWarehouse,
  eventually,
  expectProblem,
  invoicesOf,
  newCustomer,
  newProduct,
  newTenant,
  runJob,
  userWithRole,
  type TestTenant,
} from '#infra/local/testing.ts';

/** After-sales (issue 15): returns with restock and credit notes, refunds, exchanges, tickets with SLA, ratings. */

const post = (t: { token: string }, path: string, body?: unknown) =>
  api(path, { method: 'POST', token: t.token, body });

/** A shipped, invoiced order: 10 × ¥100.00 + 13 % tax (the test company quotes prices before tax) of a product received at ¥40.00. */
async function shippedOrder(t: TestTenant, quantity = 10) {
  const warehouse = await defaultWarehouse(t);
  const product = await newProduct(t, { price: { amount: 10_000, currency: 'CNY' }, taxRate: 1300 });
  await api('/v1/inventory/movements', {
    token: t.token,
    body: { kind: 'receipt', productId: product.id, warehouseId: warehouse, quantity: 100, unitCost: 4_000 },
  });
  const customer = await newCustomer(t, { name: '静安茶室' });
  const order = await post(t, '/v1/orders', { customerId: customer.id, lines: [{ productId: product.id, quantity }] });
  expect((await post(t, `/v1/orders/${order.body.id}/submit`)).body.status).toBe('confirmed');
  const shipped = await post(t, `/v1/orders/${order.body.id}/shipments`, { lines: [{ lineId: 'L1', quantity }] });
  expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
  return { warehouse, product: product.id, customer: customer.id, orderId: order.body.id as string };
}

const level = async (t: TestTenant, productId: string) =>
  (await api(`/v1/inventory?productId=${productId}`, { token: t.token })).body.items[0];

describe('returns', () => {
  it('a refund return: approved, received and restocked at the cost it left with; its credit note settles the invoice in the same transaction as the order line', async () => {
    const t = await newTenant();
    const support = await userWithRole(t, 'support');
    const { warehouse, product, orderId } = await shippedOrder(t);
    const [invoice] = await invoicesOf(t, orderId);
    expect(invoice).toMatchObject({ total: 113_000, amountDue: 113_000 });
    expect(await level(t, product)).toMatchObject({ onHand: 90, value: 360_000 });

    expectProblem(
      await post(t, `/v1/orders/${orderId}/returns`, {
        lines: [{ lineId: 'L1', quantity: 11, reason: 'damaged' }],
        resolution: 'refund',
      }),
      422,
      'over_return',
    );
    expectProblem(
      await post(t, `/v1/orders/${orderId}/returns`, {
        lines: [{ lineId: 'L9', quantity: 1, reason: 'damaged' }],
        resolution: 'refund',
      }),
      422,
      'unknown_line',
    );
    const requested = await post(t, `/v1/orders/${orderId}/returns`, {
      lines: [{ lineId: 'L1', quantity: 3, reason: 'damaged' }],
      resolution: 'refund',
      notes: '外箱破损',
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    expect(requested.body).toMatchObject({
      number: expect.stringMatching(/^RMA-\d{4}-000001$/),
      status: 'requested',
      total: 33_900,
      lines: [{ lineId: 'L1', quantity: 3, reason: 'damaged', total: 33_900, tax: 3_900, received: 0 }],
    });
    const id = requested.body.id as string;
    // Who decides returns hears of it at once.
    await eventually(async () => {
      const inbox = (await api('/v1/notifications', { token: support.token })).body.items;
      expect(inbox.map((n: { kind: string; link: string }) => `${n.kind} ${n.link}`)).toContain(
        `return_requested /returns/${id}`,
      );
    });
    expectProblem(
      await post(t, `/v1/returns/${id}/receive`, {
        warehouseId: warehouse,
        lines: [{ lineId: 'L1', quantity: 3, disposition: 'restock' }],
      }),
      409,
      'invalid_transition',
    );
    expect((await post(t, `/v1/returns/${id}/approve`)).body.status).toBe('approved');
    const received = await post(t, `/v1/returns/${id}/receive`, {
      warehouseId: warehouse,
      lines: [{ lineId: 'L1', quantity: 3, disposition: 'restock' }],
    });
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    expect(received.body).toMatchObject({
      status: 'received',
      creditNoteNumber: expect.stringMatching(/^CN-\d{4}-000001$/),
    });

    // Stock back at ¥40.00 a box, with its ledger row; the order line knows what came back.
    expect(await level(t, product)).toMatchObject({ onHand: 93, value: 372_000 });
    const ledger = (await api(`/v1/inventory/movements?productId=${product}`, { token: t.token })).body.items;
    expect(ledger[0]).toMatchObject({ kind: 'return', onHandDelta: 3, valueDelta: 12_000, unitCost: 4_000 });
    expect(ledger.reduce((s: number, r: { onHandDelta: number }) => s + r.onHandDelta, 0)).toBe(93);
    expect(ledger.reduce((s: number, r: { valueDelta: number }) => s + r.valueDelta, 0)).toBe(372_000);
    const order = (await api(`/v1/orders/${orderId}`, { token: t.token })).body;
    expect(order.lines[0]).toMatchObject({ shipped: 10, returned: 3 });

    // The credit note (红字) settles the open invoice: ¥339.00 off, nothing left as credit.
    const note = (await api(`/v1/credit-notes/${received.body.creditNoteId}`, { token: t.token })).body;
    expect(note).toMatchObject({
      total: 33_900,
      tax: 3_900,
      subtotal: 30_000,
      applied: [{ invoiceId: invoice.id, amount: 33_900 }],
      credited: 0,
      status: 'settled',
    });
    const after = (await api(`/v1/invoices/${invoice.id}`, { token: t.token })).body;
    expect(after).toMatchObject({ amountPaid: 33_900, amountDue: 79_100, status: 'partially_paid' });
    expectProblem(
      await post(t, `/v1/credit-notes/${note.id}/refunds`, {
        amount: { amount: 1, currency: 'CNY' },
        method: 'bank_transfer',
        paidAt: new Date().toISOString(),
      }),
      422,
      'over_refund',
    );
    const printed = await api(`/v1/credit-notes/${note.id}/print`, { token: t.token });
    expect(String(printed.body)).toContain('红字销售结算单');
    expect(String(printed.body)).toContain('叁佰叁拾玖元整');

    // Closing makes the customer's rating link.
    const closed = await post(t, `/v1/returns/${id}/close`);
    expect(closed.body).toMatchObject({
      status: 'closed',
      ratingUrl: expect.stringMatching(/^\/rate\/[A-Za-z0-9_-]{40,}$/),
    });
    const listed = (await api(`/v1/returns?status=closed`, { token: t.token })).body.items;
    expect(listed.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('a paid invoice: the credit becomes the customer’s credit, which can be refunded once', async () => {
    const t = await newTenant();
    const { warehouse, orderId, customer } = await shippedOrder(t, 2);
    const [invoice] = await invoicesOf(t, orderId);
    await post(t, `/v1/invoices/${invoice.id}/payments`, {
      amount: { amount: 22_600, currency: 'CNY' },
      method: 'bank_transfer',
      receivedAt: new Date().toISOString(),
    });
    const ret = await post(t, `/v1/orders/${orderId}/returns`, {
      lines: [{ lineId: 'L1', quantity: 1, reason: 'quality' }],
      resolution: 'credit',
    });
    await post(t, `/v1/returns/${ret.body.id}/approve`);
    const received = await post(t, `/v1/returns/${ret.body.id}/receive`, {
      warehouseId: warehouse,
      lines: [{ lineId: 'L1', quantity: 1, disposition: 'scrap' }],
    });
    const note = (await api(`/v1/credit-notes/${received.body.creditNoteId}`, { token: t.token })).body;
    expect(note).toMatchObject({ total: 11_300, applied: [], credited: 11_300, status: 'open' });
    // Scrapped goods do not come back into stock.
    const payments = (await api(`/v1/customers/${customer}/payments`, { token: t.token })).body.items;
    expect(payments.find((p: { method: string }) => p.method === 'credit_note')).toMatchObject({
      reference: note.number,
      unallocated: 11_300,
    });
    expectProblem(
      await post(t, `/v1/payments/${note.paymentId}/reverse`, { reason: '错了' }),
      409,
      'invalid_transition',
    );
    const refund = {
      amount: { amount: 11_300, currency: 'CNY' },
      method: 'wechat_pay',
      paidAt: new Date().toISOString(),
    };
    const answers = await Promise.all([
      post(t, `/v1/credit-notes/${note.id}/refunds`, refund),
      post(t, `/v1/credit-notes/${note.id}/refunds`, refund),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    const done = (await api(`/v1/credit-notes/${note.id}`, { token: t.token })).body;
    expect(done).toMatchObject({
      refunded: 11_300,
      status: 'settled',
      refunds: [{ amount: 11_300, method: 'wechat_pay' }],
    });
    expect((await api(`/v1/credit-notes?customerId=${customer}`, { token: t.token })).body.items).toHaveLength(1);
  });

  // Guarantees: returned ≤ shipped per line under 10 concurrent returns.
  it('ten concurrent returns of one line never claim or take back more than was shipped', async () => {
    const t = await newTenant();
    const { warehouse, orderId } = await shippedOrder(t, 5);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        post(t, `/v1/orders/${orderId}/returns`, {
          lines: [{ lineId: 'L1', quantity: 1, reason: 'not_needed' }],
          resolution: 'credit',
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    for (const a of answers.filter((x) => x.status !== 201)) expectProblem(a, 422, 'over_return');
    const ids = answers.filter((a) => a.status === 201).map((a) => a.body.id as string);
    await Promise.all(ids.map((id) => post(t, `/v1/returns/${id}/approve`)));
    const received = await Promise.all(
      ids.map((id) =>
        post(t, `/v1/returns/${id}/receive`, {
          warehouseId: warehouse,
          lines: [{ lineId: 'L1', quantity: 1, disposition: 'restock' }],
        }),
      ),
    );
    expect(received.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await api(`/v1/orders/${orderId}`, { token: t.token })).body.lines[0]).toMatchObject({
      shipped: 5,
      returned: 5,
    });
    // A rejected return gives its claim back.
    const again = await post(t, `/v1/orders/${orderId}/returns`, {
      lines: [{ lineId: 'L1', quantity: 1, reason: 'other' }],
      resolution: 'credit',
    });
    expectProblem(again, 422, 'over_return');
  });

  it('a rejected or cancelled return frees its quantity; an exchange makes a replacement order at no charge', async () => {
    const t = await newTenant();
    const { warehouse, orderId, product } = await shippedOrder(t, 4);
    const first = await post(t, `/v1/orders/${orderId}/returns`, {
      lines: [{ lineId: 'L1', quantity: 4, reason: 'wrong_item' }],
      resolution: 'exchange',
    });
    expectProblem(await post(t, `/v1/returns/${first.body.id}/reject`, {}), 400, 'invalid_request');
    const rejected = await post(t, `/v1/returns/${first.body.id}/reject`, { reason: '已超过退换期' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '已超过退换期' });
    const second = await post(t, `/v1/orders/${orderId}/returns`, {
      lines: [{ lineId: 'L1', quantity: 4, reason: 'wrong_item' }],
      resolution: 'exchange',
    });
    expect(second.status).toBe(201);
    expect((await post(t, `/v1/returns/${second.body.id}/cancel`)).body.status).toBe('cancelled');
    const third = await post(t, `/v1/orders/${orderId}/returns`, {
      lines: [{ lineId: 'L1', quantity: 2, reason: 'wrong_item' }],
      resolution: 'exchange',
    });
    await post(t, `/v1/returns/${third.body.id}/approve`);
    const received = await post(t, `/v1/returns/${third.body.id}/receive`, {
      warehouseId: warehouse,
      lines: [{ lineId: 'L1', quantity: 2, disposition: 'restock' }],
    });
    expect(received.body).toMatchObject({ creditNoteId: null, replacementOrderNumber: expect.stringMatching(/^SO-/) });
    const replacement = (await api(`/v1/orders/${received.body.replacementOrderId}`, { token: t.token })).body;
    expect(replacement).toMatchObject({
      status: 'draft',
      total: 0,
      lines: [{ productId: product, quantity: 2, unitPrice: 0 }],
    });
    expect(replacement.notes).toContain(third.body.number);
    expect((await api(`/v1/orders/${orderId}/returns`, { token: t.token })).body.items).toHaveLength(3);
  });
});

describe('tickets', () => {
  it('round robin to support, SLA timers, comments, resolve with a one-use rating link, reopen', async () => {
    const t = await newTenant();
    const [alice, bob] = [await userWithRole(t, 'support'), await userWithRole(t, 'support')];
    const email = `jingan.${Date.now()}@example.com`;
    const customer = await newCustomer(t, {
      name: '上海静安茶室',
      contacts: [{ name: '王经理', phone: '13800138000', email, isPrimary: true }],
    });
    const make = (priority: string) =>
      post(t, '/v1/tickets', {
        customerId: customer.id,
        kind: 'complaint',
        priority,
        subject: '茶叶受潮',
        description: '客户来电：收到的龙井有受潮',
        channel: 'phone',
      });
    const [a, b, c] = [await make('urgent'), await make('normal'), await make('low')];
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const assignees = [a, b, c].map((x) => x.body.assigneeId);
    const support = [alice.userId, bob.userId].sort();
    expect(assignees).toEqual([support[0], support[1], support[0]]);
    expect(Date.parse(a.body.firstResponseDue) - Date.parse(a.body.createdAt)).toBe(30 * 60_000);
    expect(Date.parse(a.body.resolutionDue) - Date.parse(a.body.createdAt)).toBe(240 * 60_000);
    expect(a.body.number).toMatch(/^TK-\d{4}-000001$/);
    // The assignee is told at once (their inbox), and their dashboard counts what is theirs.
    const assigneeOfA = a.body.assigneeId === alice.userId ? alice : bob;
    await eventually(async () => {
      const inbox = (await api('/v1/notifications', { token: assigneeOfA.token })).body.items;
      expect(inbox.map((n: { kind: string; link: string }) => `${n.kind} ${n.link}`)).toContain(
        `ticket_assigned /tickets/${a.body.id}`,
      );
    });
    const board = (await api('/v1/reports/dashboard', { token: assigneeOfA.token })).body.afterSales;
    expect(board).toMatchObject({ openTickets: 3, myOpenTickets: 2, returnsWaiting: 0 });

    // Alice sees her own tickets; an internal note does not answer the customer, a reply does.
    const supportOf = (id: string) => (id === alice.userId ? alice : bob);
    const mine = (await api('/v1/tickets?assigneeId=me', { token: supportOf(a.body.assigneeId).token })).body.items;
    expect(mine.map((k: { id: string }) => k.id)).toContain(a.body.id);
    const owner = supportOf(a.body.assigneeId);
    await post(owner, `/v1/tickets/${a.body.id}/comments`, { body: '先查批次', internal: true });
    expect((await api(`/v1/tickets/${a.body.id}`, { token: t.token })).body.firstRespondedAt).toBeNull();
    await post(owner, `/v1/tickets/${a.body.id}/comments`, { body: '已安排换货', internal: false });
    const answered = (await api(`/v1/tickets/${a.body.id}`, { token: t.token })).body;
    expect(answered).toMatchObject({ status: 'in_progress', comments: 2 });
    expect(answered.firstRespondedAt).not.toBeNull();
    expect(
      (await api(`/v1/tickets/${a.body.id}/comments`, { token: t.token })).body.items.map(
        (x: { internal: boolean }) => x.internal,
      ),
    ).toEqual([true, false]);

    const later = new Date(Date.now() + 9 * 3_600_000).toISOString();
    const run = await runJob('ticket-sla', t.tenantId, later);
    // After 9 hours: the urgent one (answered) missed its 4 h resolution, the normal one its 8 h first response; the low one is within 24 h.
    expect(run.results[t.tenantId]).toEqual({ breached: 2 });
    const alerts = (await api('/v1/alerts?kind=ticket_sla_breached', { token: t.token })).body.items;
    expect(alerts.map((x: { subject: { id: string } }) => x.subject.id).sort()).toEqual([a.body.id, b.body.id].sort());
    expect((await api(`/v1/tickets/${b.body.id}`, { token: t.token })).body.breached).toEqual(['first_response']);
    expect((await runJob('ticket-sla', t.tenantId, later)).results[t.tenantId]).toEqual({ breached: 0 });

    expectProblem(
      await api(`/v1/tickets/${b.body.id}`, { method: 'PATCH', token: t.token, body: { status: 'closed' } }),
      409,
      'invalid_transition',
    );
    expectProblem(
      await api(`/v1/tickets/${b.body.id}`, {
        method: 'PATCH',
        token: t.token,
        body: { assigneeId: 'usr_01JD0000000000000000000000' },
      }),
      422,
      'unknown_user',
    );
    const resolved = await api(`/v1/tickets/${a.body.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { status: 'resolved' },
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', ratingUrl: expect.stringMatching(/^\/rate\//) });
    const token = resolved.body.ratingUrl.slice('/rate/'.length);
    // The customer's primary contact gets the link by mail.
    await eventually(async () => {
      const mail = (await api('/_local/mail')).body.items.find(
        (m: { text: string }) => m.text.includes(email) && m.text.includes(token),
      );
      expect(mail).toBeDefined();
    });

    // The rating link: no login, works once, for that ticket only.
    const view = await api(`/v1/public/ratings/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ subject: { type: 'ticket', number: a.body.number, title: '茶叶受潮' } });
    expectProblem(
      await api(`/v1/public/ratings/${token}`, { method: 'POST', body: { score: 6 } }),
      400,
      'invalid_request',
    );
    const rated = await api(`/v1/public/ratings/${token}`, { method: 'POST', body: { score: 5, comment: '处理很快' } });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect((await api(`/v1/tickets/${a.body.id}`, { token: t.token })).body.rating).toMatchObject({
      score: 5,
      comment: '处理很快',
    });
    // Used, tampered with, or another tenant's shape: the same 404.
    expectProblem(await api(`/v1/public/ratings/${token}`, { method: 'POST', body: { score: 1 } }), 404, 'not_found');
    expectProblem(await api(`/v1/public/ratings/${token}`), 404, 'not_found');
    const tampered = `${token.slice(0, -4)}AAAA`;
    expectProblem(await api(`/v1/public/ratings/${tampered}`), 404, 'not_found');
    const other = await newTenant();
    expectProblem(await api(`/v1/public/ratings/${other.tenantId.slice(4)}${token.slice(26)}`), 404, 'not_found');

    // Reopened: back in progress with a new resolution deadline.
    const reopened = await api(`/v1/tickets/${a.body.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { status: 'in_progress' },
    });
    expect(reopened.body).toMatchObject({ status: 'in_progress', reopened: 1, resolvedAt: null });

    // The after-sales report: the tickets by kind, the rating.
    const today = (await api('/v1/reports/dashboard', { token: t.token })).body.today;
    const report = (await api(`/v1/reports/after-sales?from=${today}&to=${today}`, { token: t.token })).body;
    expect(report.tickets).toMatchObject({ count: 3, byKind: [{ kind: 'complaint', count: 3 }] });
    expect(report.ratings).toEqual({ count: 1, average: 5 });
    expect((await api('/v1/reports/dashboard', { token: t.token })).body.afterSales).toMatchObject({
      ratings: 1,
      averageRating: 5,
    });

    // The customer's page: one timeline with its tickets (and notes, orders, payments, returns).
    await post(t, `/v1/customers/${customer.id}/notes`, { body: '客户对受潮问题很在意', channel: 'call' });
    const timeline = (await api(`/v1/customers/${customer.id}/timeline`, { token: t.token })).body.items;
    expect(timeline.map((i: { kind: string }) => i.kind)).toEqual(['note', 'ticket', 'ticket', 'ticket']);
    expect(timeline[1]).toMatchObject({
      kind: 'ticket',
      link: expect.stringMatching(/^\/tickets\//),
      title: '茶叶受潮',
    });
  });
});

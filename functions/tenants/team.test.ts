import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  defaultWarehouse,
  eventually,
  expectProblem,
  newProduct,
  newTenant,
  receive,
  runJob,
  uniqueEmail,
  userWithRole,
  PASSWORD,
  type TestTenant,
} from '#infra/local/testing.ts';

/**
 * A sales team (issue 13): departments, data scopes (a rep sees their own, a manager their
 * department), the shared pool, targets, notifications to people, follow-ups, password reset.
 */

interface Person {
  userId: string;
  token: string;
  email: string;
}
let boss: TestTenant;
let east: string;
let west: string;
let repA: Person;
let repB: Person;
let manager: Person;
let finance: Person;
let product: string;

const as = (p: { token: string }) => ({
  get: (path: string) => api(path, { token: p.token }),
  post: (path: string, body?: unknown) => api(path, { method: 'POST', token: p.token, body }),
  patch: (path: string, body: unknown) => api(path, { method: 'PATCH', token: p.token, body }),
});

beforeAll(async () => {
  boss = await newTenant('销售团队公司');
  const b = as(boss);
  east = (await b.post('/v1/departments', { name: '华东销售部' })).body.id;
  west = (await b.post('/v1/departments', { name: '华西销售部' })).body.id;
  repA = await userWithRole(boss, 'sales');
  repB = await userWithRole(boss, 'sales');
  manager = await userWithRole(boss, 'admin');
  finance = await userWithRole(boss, 'finance');
  await b.patch(`/v1/users/${repA.userId}`, { departmentId: east, name: '小王' });
  await b.patch(`/v1/users/${manager.userId}`, { departmentId: east, name: '华东经理' });
  await b.patch(`/v1/users/${repB.userId}`, { departmentId: west, name: '小李' });
  // The company's choice: admins are department managers here and see their department only.
  expect((await b.patch('/v1/settings', { dataScopes: { admin: 'department' } })).body.dataScopes).toMatchObject({
    sales: 'own',
    admin: 'department',
    owner: 'all',
  });
  product = (await newProduct(boss, { price: { amount: 10_000, currency: 'CNY' }, taxRate: 0 })).id;
  await receive(boss, product, await defaultWarehouse(boss), 1000);
});

async function customerOf(p: Person, name: string) {
  const res = await as(p).post('/v1/customers', { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; ownerId: string | null };
}
async function confirmedOrder(p: Person, customerId: string, quantity = 1) {
  const created = await as(p).post('/v1/orders', { customerId, lines: [{ productId: product, quantity }] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await as(p).post(`/v1/orders/${created.body.id}/submit`);
  return submitted.body as { id: string; number: string; status: string; salesRepId: string; total: number };
}

describe('data scopes', () => {
  it('a rep cannot read, list, search, export or report another rep’s customer or order; a manager sees their department', async () => {
    const mine = await customerOf(repA, '小王的茶室');
    expect(mine.ownerId).toBe(repA.userId);
    const order = await confirmedOrder(repA, mine.id);
    expect(order.salesRepId).toBe(repA.userId);
    const theirs = await customerOf(repB, '小李的茶庄');
    const b = as(repB);
    // Every path answers as for an id that does not exist.
    for (const path of [
      `/v1/customers/${mine.id}`,
      `/v1/customers/${mine.id}/notes`,
      `/v1/customers/${mine.id}/orders`,
      `/v1/customers/${mine.id}/summary`,
      `/v1/customers/${mine.id}/payments`,
      `/v1/customers/${mine.id}/statement?from=2026-01-01&to=2026-12-31`,
      `/v1/orders/${order.id}`,
      `/v1/orders/${order.id}/timeline`,
      `/v1/orders/${order.id}/shipments`,
    ]) {
      const res = await b.get(path);
      expect(res.status, path).toBe(404);
      expectProblem(res, 404, 'not_found');
    }
    expectProblem(await b.post(`/v1/orders/${order.id}/cancel`, { reason: '越权' }), 404, 'not_found');
    expectProblem(await b.patch(`/v1/customers/${mine.id}`, { tier: 'A' }), 404, 'not_found');
    expectProblem(await b.post(`/v1/customers/${mine.id}/notes`, { channel: 'call', body: '越权' }), 404, 'not_found');
    expectProblem(
      await b.post('/v1/orders', { customerId: mine.id, lines: [{ productId: product, quantity: 1 }] }),
      422,
      'unknown_customer',
    );
    const names = async (p: Person, path: string) =>
      (await as(p).get(path)).body.items.map((c: { name: string }) => c.name);
    expect(await names(repB, '/v1/customers?limit=100')).toEqual(['小李的茶庄']);
    expect(await names(repB, `/v1/customers?q=${encodeURIComponent('茶室')}`)).toEqual([]);
    expect((await b.get('/v1/orders?limit=100')).body.items).toEqual([]);
    expect((await b.get(`/v1/orders?q=${order.number}`)).body.items).toEqual([]);
    const csv = (await b.get('/v1/orders/export.csv')).body as string;
    expect(csv).not.toContain(order.number);

    // The manager of 华东 sees 小王's, not 小李's; the boss sees both.
    expect(await names(manager, '/v1/customers?limit=100')).toContain('小王的茶室');
    expect(await names(manager, '/v1/customers?limit=100')).not.toContain('小李的茶庄');
    expectProblem(await as(manager).get(`/v1/customers/${theirs.id}`), 404, 'not_found');
    expect((await as(manager).get(`/v1/orders/${order.id}`)).status).toBe(200);
    expect(await names(boss as Person, '/v1/customers?limit=100')).toEqual(
      expect.arrayContaining(['小王的茶室', '小李的茶庄']),
    );

    // Reports: the rep's own sales only; a company-wide breakdown is not theirs to see.
    const today = (await as(repA).get('/v1/reports/dashboard')).body.today as string;
    const report = (p: Person, groupBy: string) =>
      as(p).get(`/v1/reports/sales?from=${today}&to=${today}&groupBy=${groupBy}`);
    await eventually(async () =>
      expect((await report(repA, 'day')).body.totals.sales).toBeGreaterThanOrEqual(order.total),
    );
    expect((await report(repB, 'day')).body.totals.sales).toBe(0);
    expectProblem(await report(repB, 'product'), 403, 'forbidden');
    const byRep = (await report(manager, 'rep')).body.rows.map((r: { label: string }) => r.label);
    expect(byRep).toContain('小王');
    expect(byRep).not.toContain('小李');
    const dashA = (await as(repA).get('/v1/reports/dashboard')).body;
    const dashB = (await as(repB).get('/v1/reports/dashboard')).body;
    expect(dashA).toMatchObject({ scope: 'own' });
    expect(dashA.sales.today).toBeGreaterThanOrEqual(order.total);
    expect(dashB.sales.today).toBe(0);
    expect(dashB.topCustomers).toEqual([]);
  });

  it('the shared pool (公海): an unowned customer is everyone’s to claim; claiming and releasing move it', async () => {
    const pooled = (await as(boss).post('/v1/customers', { name: '公海客户甲' })).body;
    expect(pooled.ownerId).toBeNull();
    expect((await as(repB).get(`/v1/customers/${pooled.id}`)).status).toBe(200);
    const poolNames = async (p: Person, filter = '') =>
      (await as(p).get(`/v1/customers?limit=100${filter}`)).body.items.map((c: { name: string }) => c.name);
    expect(await poolNames(repA)).toContain('公海客户甲');
    expect(await poolNames(repB)).toContain('公海客户甲');
    // The pool alone: nobody's customers, and only those.
    expect(await poolNames(repB, '&pool=true')).toContain('公海客户甲');
    expect(await poolNames(repB, '&pool=true')).not.toContain('小李的茶庄');
    // Every colleague may see who is who (names for owners and reps), not the users' admin page.
    const people = (await as(repB).get('/v1/people')).body.items;
    expect(people.find((x: { id: string }) => x.id === repA.userId)).toMatchObject({
      name: '小王',
      departmentId: east,
    });
    const claimed = await as(repB).post(`/v1/customers/${pooled.id}/claim`);
    expect(claimed.body.ownerId).toBe(repB.userId);
    // The boss sees it still, but it is 小李's now: nobody else claims it from under him.
    expectProblem(await as(boss).post(`/v1/customers/${pooled.id}/claim`), 409, 'already_owned');
    expectProblem(await as(repA).get(`/v1/customers/${pooled.id}`), 404, 'not_found');
    expectProblem(await as(manager).post(`/v1/customers/${pooled.id}/claim`), 404, 'not_found');
    const released = await as(repB).post(`/v1/customers/${pooled.id}/release`);
    expect(released.body.ownerId).toBeNull();
    expect((await as(repA).post(`/v1/customers/${pooled.id}/claim`)).body.ownerId).toBe(repA.userId);
  });

  it('the route matrix: a rep gets 404 for every route with another rep’s customer, order, invoice or payment', async () => {
    const customer = await customerOf(repA, '矩阵客户');
    const order = await confirmedOrder(repA, customer.id, 2);
    const shipped = await as(boss).post(`/v1/orders/${order.id}/shipments`, {
      lines: [{ lineId: 'L1', quantity: 2 }],
    });
    expect(shipped.status).toBe(200);
    const invoice = await eventually(async () => {
      const list = await as(boss).get(`/v1/invoices?orderId=${order.id}`);
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0] as { id: string };
    });
    const payment = (
      await as(boss).post(`/v1/customers/${customer.id}/payments`, {
        amount: { amount: 100, currency: 'CNY' },
        method: 'cash',
        receivedAt: new Date().toISOString(),
      })
    ).body as { id: string };
    // The money counts as the owner's collection on their own dashboard.
    await eventually(async () =>
      expect((await as(repA).get('/v1/reports/dashboard')).body.payments.today).toBeGreaterThanOrEqual(100),
    );
    const b = as(repB);
    expectProblem(await b.get(`/v1/invoices/${invoice.id}`), 404, 'not_found');
    expectProblem(await b.get(`/v1/invoices/${invoice.id}/print`), 404, 'not_found');
    expectProblem(await b.get(`/v1/invoices/${invoice.id}/fapiao`), 404, 'not_found');
    expectProblem(await b.get(`/v1/payments/${payment.id}`), 404, 'not_found');
    expect((await b.get('/v1/invoices?limit=100')).body.items.map((i: { id: string }) => i.id)).not.toContain(
      invoice.id,
    );
    const aging = (await b.get('/v1/receivables/aging')).body;
    expect(aging.customers.map((c: { customerId: string }) => c.customerId)).not.toContain(customer.id);
    expect((await as(repA).get(`/v1/invoices/${invoice.id}`)).status).toBe(200);

    // Alerts about an order belong to its rep's scope too.
    const risky = (
      await as(repA).post('/v1/customers', { name: '超额客户', creditLimit: { amount: 1, currency: 'CNY' } })
    ).body.id;
    const over = await confirmedOrder(repA, risky);
    expect(over.status).toBe('pending_approval');
    const alertOf = async (p: Person) =>
      (await as(p).get('/v1/alerts?limit=100')).body.items.find(
        (a: { subject: { id: string } }) => a.subject.id === over.id,
      );
    await eventually(async () => expect(await alertOf(repA)).toBeTruthy());
    expect(await alertOf(repB)).toBeUndefined();
  });
});

describe('handing an order to another rep', () => {
  it('the rep of a draft changes with PATCH, and with it who may see the order', async () => {
    const customer = (await as(boss).post('/v1/customers', { name: '转单客户' })).body.id;
    const draft = await as(repA).post('/v1/orders', {
      customerId: customer,
      lines: [{ productId: product, quantity: 1 }],
    });
    expect(draft.body.salesRepId).toBe(repA.userId);
    const moved = await as(boss).patch(`/v1/orders/${draft.body.id}`, { salesRepId: repB.userId });
    expect(moved.body.salesRepId).toBe(repB.userId);
    expect((await as(repB).get(`/v1/orders/${draft.body.id}`)).status).toBe(200);
    expectProblem(await as(repA).get(`/v1/orders/${draft.body.id}`), 404, 'not_found');
    expectProblem(
      await as(boss).patch(`/v1/orders/${draft.body.id}`, { salesRepId: 'usr_01JD0000000000000000000000' }),
      422,
      'unknown_owner',
    );
  });
});

describe('targets', () => {
  it('a month’s targets per rep and department, with attainment from confirmed sales', async () => {
    const today = (await as(boss).get('/v1/reports/dashboard')).body.today as string;
    const period = today.slice(0, 7);
    const put = await api(`/v1/sales-targets?period=${period}`, {
      method: 'PUT',
      token: boss.token,
      body: {
        targets: [
          { userId: repA.userId, amount: 1_000_000 },
          { departmentId: east, amount: 3_000_000 },
        ],
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expectProblem(
      await api(`/v1/sales-targets?period=${period}`, {
        method: 'PUT',
        token: repA.token,
        body: { targets: [] },
      }),
      403,
      'forbidden',
    );
    const customer = await customerOf(repA, '目标客户');
    const order = await confirmedOrder(repA, customer.id, 5);
    const rows = await eventually(async () => {
      const report = (await as(boss).get(`/v1/reports/targets?period=${period}`)).body.rows;
      const a = report.find((r: { id: string }) => r.id === repA.userId);
      expect(a.achieved).toBeGreaterThanOrEqual(order.total);
      return report as { kind: string; id: string; target: number; achieved: number; rate: number }[];
    });
    const a = rows.find((r) => r.id === repA.userId)!;
    expect(a).toMatchObject({ kind: 'rep', target: 1_000_000 });
    expect(a.rate).toBeCloseTo(a.achieved / 1_000_000);
    expect(rows.find((r) => r.id === east)).toMatchObject({ kind: 'department', target: 3_000_000 });
    // A rep sees their own row only; their dashboard shows their target.
    const own = (await as(repA).get(`/v1/reports/targets?period=${period}`)).body.rows;
    expect(own.map((r: { id: string }) => r.id)).toEqual([repA.userId]);
    expect((await as(repA).get('/v1/reports/dashboard')).body.target).toMatchObject({ target: 1_000_000 });
  });
});

describe('notifications to people', () => {
  it('the approver hears of an order waiting for her at once, the rep hears of the decision; read and read-all', async () => {
    await api('/v1/workflows/approval', {
      method: 'PUT',
      token: boss.token,
      body: { rules: [{ name: '财务审批', when: {}, steps: ['finance'] }] },
    });
    const customer = await customerOf(repA, '审批通知客户');
    const created = await as(repA).post('/v1/orders', {
      customerId: customer.id,
      lines: [{ productId: product, quantity: 1 }],
    });
    const submitted = await as(repA).post(`/v1/orders/${created.body.id}/submit`);
    expect(submitted.body.status).toBe('pending_approval');
    const waiting = await eventually(async () => {
      const inbox = (await as(finance).get('/v1/notifications?unread=true')).body;
      const item = inbox.items.find((n: { subject: { id: string } }) => n.subject.id === created.body.id);
      expect(item).toBeTruthy();
      return { inbox, item };
    });
    expect(waiting.item).toMatchObject({
      kind: 'approval_requested',
      link: `/orders/${created.body.id}`,
      text: expect.stringContaining(created.body.number),
    });
    expect(waiting.inbox.unreadCount).toBeGreaterThanOrEqual(1);
    // Not the submitter, not someone whose role cannot decide.
    expect(
      (await as(repB).get('/v1/notifications')).body.items.some(
        (n: { subject: { id: string } }) => n.subject.id === created.body.id,
      ),
    ).toBe(false);
    const read = await as(finance).post(`/v1/notifications/${waiting.item.id}/read`);
    expect(read.body.readAt).not.toBeNull();
    expectProblem(await as(repA).post(`/v1/notifications/${waiting.item.id}/read`), 404, 'not_found');

    expect((await as(finance).post(`/v1/orders/${created.body.id}/approve`, { comment: '同意' })).body.status).toBe(
      'confirmed',
    );
    const decided = await eventually(async () => {
      const inbox = (await as(repA).get('/v1/notifications?unread=true')).body;
      const item = inbox.items.find(
        (n: { kind: string; subject: { id: string } }) =>
          n.kind === 'order_approved' && n.subject.id === created.body.id,
      );
      expect(item).toBeTruthy();
      return inbox;
    });
    expect(decided.unreadCount).toBeGreaterThanOrEqual(1);
    expect((await as(repA).post('/v1/notifications/read-all')).body.marked).toBeGreaterThanOrEqual(1);
    expect((await as(repA).get('/v1/notifications?unread=true')).body).toMatchObject({ items: [], unreadCount: 0 });
    await api('/v1/workflows/approval', { method: 'PUT', token: boss.token, body: { rules: [] } });
  });

  it('a note’s follow-up date reminds the customer’s owner once', async () => {
    const customer = await customerOf(repA, '跟进客户');
    const due = new Date(Date.now() - 60_000).toISOString();
    const note = await as(repA).post(`/v1/customers/${customer.id}/notes`, {
      channel: 'wechat',
      body: '客户说下周再谈价格',
      nextFollowUpAt: due,
    });
    expect(note.body).toMatchObject({ nextFollowUpAt: due, followUpUserId: repA.userId });
    for (let run = 0; run < 2; run += 1) await runJob('follow-up-reminders', boss.tenantId);
    const reminders = (await as(repA).get('/v1/notifications?limit=100')).body.items.filter(
      (n: { kind: string; subject: { id: string } }) => n.kind === 'follow_up_due' && n.subject.id === customer.id,
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text).toContain('跟进客户');
  });
});

describe('departments and password reset', () => {
  it('nests departments, refuses a loop and deleting one with people in it', async () => {
    const b = as(boss);
    const child = (await b.post('/v1/departments', { name: '上海组', parentId: east, managerId: manager.userId })).body;
    expect(child).toMatchObject({ parentId: east, managerId: manager.userId });
    expectProblem(await b.patch(`/v1/departments/${east}`, { parentId: child.id }), 422, 'unknown_department');
    expectProblem(
      await api(`/v1/departments/${east}`, { method: 'DELETE', token: boss.token }),
      409,
      'department_in_use',
    );
    expect((await api(`/v1/departments/${child.id}`, { method: 'DELETE', token: boss.token })).status).toBe(200);
    expect((await b.get('/v1/departments')).body.items.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['华东销售部', '华西销售部']),
    );
  });

  it('forgot password mails a code; the code sets a new password; a wrong code changes nothing', async () => {
    const t = await newTenant('忘记密码公司');
    const me = (await api('/v1/me', { token: t.token })).body.user.email as string;
    expect((await api('/v1/auth/forgot-password', { body: { email: uniqueEmail('nobody') } })).status).toBe(202);
    expect((await api('/v1/auth/forgot-password', { body: { email: me } })).status).toBe(202);
    const code = await eventually(async () => {
      const mail = (await api('/_local/mail')).body.items.find(
        (m: { text: string }) => m.text.includes(`To: ${me}`) && m.text.includes('Your code'),
      );
      if (!mail) throw new Error('no reset mail yet');
      return /Your code: (\S+)/.exec(mail.text)![1]!;
    });
    expectProblem(
      await api('/v1/auth/reset-password', { body: { email: me, code: '000000', newPassword: 'N3wPassword' } }),
      422,
      'invalid_code',
    );
    expect((await api('/v1/auth/login', { body: { email: me, password: PASSWORD } })).status).toBe(200);
    const reset = await api('/v1/auth/reset-password', { body: { email: me, code, newPassword: 'N3wPassword' } });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect((await api('/v1/auth/login', { body: { email: me, password: 'N3wPassword' } })).status).toBe(200);
    expectProblem(await api('/v1/auth/login', { body: { email: me, password: PASSWORD } }), 401, 'invalid_credentials');
  });
});

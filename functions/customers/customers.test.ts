import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { api, directDb, expectProblem, newTenant, TABLE, type TestTenant } from '#infra/local/testing.ts';

let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  [a, b] = await Promise.all([newTenant('甲公司'), newTenant('乙公司')]);
});

const create = (t: TestTenant, body: Record<string, unknown>) => api('/v1/customers', { token: t.token, body });

describe('customers', () => {
  it('creates a customer with contacts and addresses, normalising primary and default', async () => {
    const res = await create(a, {
      name: '深圳市南山区创新科技有限公司',
      tier: 'A',
      tags: ['科技', '科技', '华南'],
      contacts: [
        { name: '赵总', phone: '13800000000' },
        { name: '钱会计', email: 'qian@example.com', isPrimary: true },
      ],
      addresses: [{ city: '深圳市', line1: '科技园南区 1 栋' }],
      creditLimit: { amount: 100_000_00, currency: 'CNY' },
      paymentTermsDays: 45,
      customFields: { 微信群: '南山客户群' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'company',
      stage: 'customer',
      tags: ['科技', '华南'],
      version: 1,
      archivedAt: null,
    });
    expect(res.body.id).toMatch(/^cus_[0-9A-Z]{26}$/);
    expect(res.body.contacts.map((c: { isPrimary: boolean }) => c.isPrimary)).toEqual([false, true]);
    expect(res.body.addresses[0]).toMatchObject({ isDefault: true, country: 'CN', province: null });
  });

  it('finds customers by a prefix of the name, Chinese and full-width included, without a Scan', async () => {
    await create(a, { name: '北京朝阳食品有限公司' });
    await create(a, { name: '北京海淀软件有限公司' });
    await create(a, { name: 'ＡＢＣ Trading' });
    const beijing = await api(`/v1/customers?q=${encodeURIComponent('北京')}`, { token: a.token });
    expect(beijing.body.items.map((c: { name: string }) => c.name).sort()).toEqual([
      '北京朝阳食品有限公司',
      '北京海淀软件有限公司',
    ]);
    const chaoyang = await api(`/v1/customers?q=${encodeURIComponent('北京朝阳')}`, { token: a.token });
    expect(chaoyang.body.items).toHaveLength(1);
    const abc = await api('/v1/customers?q=abc', { token: a.token });
    expect(abc.body.items.map((c: { name: string }) => c.name)).toEqual(['ＡＢＣ Trading']);
    const otherTenant = await api(`/v1/customers?q=${encodeURIComponent('北京')}`, { token: b.token });
    expect(otherTenant.body.items).toHaveLength(0);
  });

  it('filters by tier, tag and stage, and pages with a cursor without repeats', async () => {
    const t = await newTenant();
    for (let i = 0; i < 7; i += 1) {
      await create(t, {
        name: `客户${i}`,
        tier: i % 2 ? 'A' : 'B',
        tags: i < 3 ? ['重点'] : [],
        stage: i === 6 ? 'lead' : 'customer',
      });
    }
    const tierA = await api('/v1/customers?tier=A', { token: t.token });
    expect(tierA.body.items).toHaveLength(3);
    expect((await api(`/v1/customers?tag=${encodeURIComponent('重点')}`, { token: t.token })).body.items).toHaveLength(
      3,
    );
    expect(
      (await api('/v1/customers?stage=lead', { token: t.token })).body.items.map((c: { name: string }) => c.name),
    ).toEqual(['客户6']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api(
        `/v1/customers?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { token: t.token },
      );
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const filteredPage = await api('/v1/customers?tier=B&limit=2', { token: t.token });
    expect(filteredPage.body.items).toHaveLength(2);
    const rest = await api(`/v1/customers?tier=B&limit=2&cursor=${filteredPage.body.nextCursor}`, { token: t.token });
    expect(rest.body.items.every((c: { tier: string }) => c.tier === 'B')).toBe(true);
    expect(filteredPage.body.items.length + rest.body.items.length).toBe(4);
  });

  // Guarantees: a cursor cannot be used to read another tenant's list, nor be edited to do so.
  it("answers 400 to another tenant's cursor and to a tampered one", async () => {
    for (let i = 0; i < 3; i += 1) await create(b, { name: `乙客户${i}` });
    const page = await api('/v1/customers?limit=1', { token: b.token });
    expect(page.body.nextCursor).toBeTruthy();
    expectProblem(await api(`/v1/customers?cursor=${page.body.nextCursor}`, { token: a.token }), 400);
    const [payload, mac] = page.body.nextCursor.split('.');
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(b.tenantId, a.tenantId)).toString(
      'base64url',
    );
    expectProblem(await api(`/v1/customers?cursor=${forged}.${mac}`, { token: a.token }), 400);
  });

  it('patches replace named fields (lists whole) and keep the rest; events record who changed it', async () => {
    const created = await create(a, { name: '待改客户', tags: ['旧'], contacts: [{ name: '甲' }] });
    const patched = await api(`/v1/customers/${created.body.id}`, {
      method: 'PATCH',
      token: a.token,
      body: { tags: ['新'], contacts: [{ name: '乙' }, { name: '丙', isPrimary: true }] },
    });
    expect(patched.body).toMatchObject({ name: '待改客户', tags: ['新'], version: 2 });
    expect(patched.body.contacts.map((c: { name: string; isPrimary: boolean }) => [c.name, c.isPrimary])).toEqual([
      ['乙', false],
      ['丙', true],
    ]);
    expectProblem(await api(`/v1/customers/${created.body.id}`, { method: 'PATCH', token: a.token, body: {} }), 400);
  });

  it('refuses an owner who is not a user of the company (422) and accepts one who is', async () => {
    const foreign = await api(`/v1/customers`, { token: a.token, body: { name: '有负责人的客户', ownerId: b.userId } });
    expectProblem(foreign, 422, 'unknown_owner');
    const own = await create(a, { name: '有负责人的客户', ownerId: a.userId });
    expect(own.body.ownerId).toBe(a.userId);
    const byOwner = await api(`/v1/customers?ownerId=${a.userId}`, { token: a.token });
    expect(byOwner.body.items.map((c: { id: string }) => c.id)).toContain(own.body.id);
  });

  it('archives: kept and readable, gone from lists and search', async () => {
    const created = await create(a, { name: '归档测试客户' });
    const archived = await api(`/v1/customers/${created.body.id}`, { method: 'DELETE', token: a.token });
    expect(archived.body).toMatchObject({ stage: 'inactive' });
    expect(archived.body.archivedAt).toBeTruthy();
    expect((await api(`/v1/customers/${created.body.id}`, { token: a.token })).status).toBe(200);
    expect(
      (await api(`/v1/customers?q=${encodeURIComponent('归档测试')}`, { token: a.token })).body.items,
    ).toHaveLength(0);
  });

  it('keeps a communication log, newest first, with the author', async () => {
    const created = await create(a, { name: '沟通记录客户' });
    await api(`/v1/customers/${created.body.id}/notes`, {
      token: a.token,
      body: { channel: 'visit', body: '上门拜访', at: '2026-11-01T02:00:00.000Z' },
    });
    await api(`/v1/customers/${created.body.id}/notes`, {
      token: a.token,
      body: { channel: 'wechat', body: '微信确认报价', at: '2026-11-02T02:00:00.000Z' },
    });
    const notes = await api(`/v1/customers/${created.body.id}/notes`, { token: a.token });
    expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual(['微信确认报价', '上门拜访']);
    expect(notes.body.items[0].authorId).toBe(a.userId);
  });
});

describe('tenant isolation invariant', () => {
  // Guarantees: every key the product writes begins with a tenant id (or a platform prefix only the authorizer reads).
  it('writes no item whose partition keys do not begin with the tenant id', async () => {
    const db = await directDb();
    // A Scan here is the test inspecting the emulator, not product code: the product never scans.
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      for (const key of ['pk', 'gsi1pk', 'gsi2pk', 'gsi3pk'] as const) {
        const value = item[key];
        if (value === undefined) continue;
        expect(String(value), JSON.stringify(item).slice(0, 200)).toMatch(
          // Platform partitions hold tenant ids only: the list of companies, those with webhook retries due, and
          // those a scheduled job has work for. A sign-in challenge pending (a first sign-in's new password, in
          // another test file running beside this one) is keyed by its session before anyone is signed in.
          /^(ten_[0-9A-Z]{26}#|APIKEY#|AUTHCHALLENGE#[\w-]{43}$|PLATFORM#(TENANTS|CLOSED|WEBHOOK_PENDING|DUE#[a-z-]+)$)/,
        );
      }
      const tenantOfKey = String(item.pk).split('#')[0];
      if (item.entity === 'customer') expect(tenantOfKey).toMatch(/^ten_/);
    }
  });
});

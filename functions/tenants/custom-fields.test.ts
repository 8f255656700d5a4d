import { describe, expect, it } from 'vitest';
import {
  api,
  eventually,
  expectProblem,
  newCustomer,
  newProduct,
  newTenant,
  userWithRole,
} from '#infra/local/testing.ts';

/** The company's own fields (issue 19, first part): definitions and the same checks on every write. */

const put = (t: { token: string }, fields: unknown[]) =>
  api('/v1/custom-fields', { method: 'PUT', token: t.token, body: { fields } });
const spec = { entity: 'product', key: 'spec', label: { 'zh-CN': '规格', en: 'Spec' }, type: 'text', showInList: true };
const origin = {
  entity: 'product',
  key: 'origin',
  label: { 'zh-CN': '产地', en: 'Origin' },
  type: 'select',
  options: [
    { value: 'hangzhou', label: { 'zh-CN': '杭州', en: 'Hangzhou' } },
    { value: 'fujian', label: { 'zh-CN': '福建', en: 'Fujian' } },
  ],
};
const weight = { entity: 'product', key: 'weight', label: { 'zh-CN': '净重', en: 'Net weight' }, type: 'number' };

describe('custom fields', () => {
  it('checks values against the definitions: type, options, unknown keys, each with its path', async () => {
    const t = await newTenant();
    expect((await put(t, [spec, origin, weight])).body).toMatchObject({
      version: 1,
      fields: [{ key: 'spec' }, {}, {}],
    });
    expectProblem(await put(t, [{ ...origin, options: [] }]), 400, 'invalid_request');
    const ok = await newProduct(t, { customFields: { spec: '250g×2', origin: 'hangzhou', weight: 0.5 } });
    expect((await api(`/v1/products/${ok.id}`, { token: t.token })).body.customFields).toEqual({
      spec: '250g×2',
      origin: 'hangzhou',
      weight: 0.5,
    });
    const bad = await api('/v1/products', {
      token: t.token,
      body: {
        sku: 'CF-BAD',
        name: '坏字段',
        price: { amount: 100, currency: 'CNY' },
        customFields: { spec: 5, origin: 'mars', color: 'red' },
      },
    });
    expectProblem(bad, 400, 'invalid_request');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'customFields.color',
      'customFields.origin',
      'customFields.spec',
    ]);
    // Other entities without definitions keep their free bag.
    expect((await newCustomer(t, { customFields: { anything: 'goes' } })).id).toBeDefined();
  });

  it('a definition change never rewrites or loses stored values; a required field added later is asked for on the next edit', async () => {
    const t = await newTenant();
    await put(t, [spec, origin]);
    const before = await newProduct(t, { customFields: { spec: '250g', origin: 'hangzhou' } });
    const old = await newProduct(t, { customFields: { spec: '100g' } });
    const none = await newProduct(t, {});
    // 产地 removed, 规格 made required.
    const second = await put(t, [{ ...spec, required: true }]);
    expect(second.body.removed).toEqual([{ entity: 'product', key: 'origin', label: origin.label, type: 'select' }]);
    const read = (id: string) => api(`/v1/products/${id}`, { token: t.token });
    expect((await read(before.id)).body.customFields).toEqual({ spec: '250g', origin: 'hangzhou' });
    // An edit keeps the removed value (read-only) and refuses to change it.
    const patch = (id: string, body: unknown) => api(`/v1/products/${id}`, { method: 'PATCH', token: t.token, body });
    expect((await patch(before.id, { customFields: { spec: '500g' } })).body.customFields).toEqual({
      spec: '500g',
      origin: 'hangzhou',
    });
    const changed = await patch(before.id, { customFields: { spec: '500g', origin: 'fujian' } });
    expectProblem(changed, 400, 'invalid_request');
    expect(changed.body.errors[0].path).toBe('customFields.origin');
    // A product from before the field was required is still read, and asked for it when edited.
    expect((await read(none.id)).status).toBe(200);
    const asked = await patch(none.id, { name: '改名' });
    expectProblem(asked, 400, 'invalid_request');
    expect(asked.body.errors[0]).toMatchObject({ path: 'customFields.spec' });
    expect((await patch(none.id, { name: '改名', customFields: { spec: '50g' } })).status).toBe(200);
    expect((await read(old.id)).body.customFields).toEqual({ spec: '100g' });
    // A used field's type cannot change; an unused one's can.
    expectProblem(await put(t, [{ ...spec, type: 'number' }]), 422, 'custom_field_in_use');
    expect((await put(t, [spec, { ...weight, type: 'money' }])).status).toBe(200);
  });

  it('orders and customers are checked the same way', async () => {
    const t = await newTenant();
    await put(t, [
      { entity: 'order', key: 'plate', label: { 'zh-CN': '车牌号', en: 'Plate' }, type: 'text', required: true },
      {
        entity: 'customer',
        key: 'industry',
        label: { 'zh-CN': '行业', en: 'Industry' },
        type: 'multiselect',
        options: [
          { value: 'tea', label: { 'zh-CN': '茶', en: 'Tea' } },
          { value: 'food', label: { 'zh-CN': '食品', en: 'Food' } },
        ],
      },
    ]);
    const customer = await api('/v1/customers', {
      token: t.token,
      body: { name: '行业客户', customFields: { industry: ['tea', 'food'] } },
    });
    expect(customer.status, JSON.stringify(customer.body)).toBe(201);
    expectProblem(
      await api('/v1/customers', { token: t.token, body: { name: '错', customFields: { industry: 'tea' } } }),
      400,
      'invalid_request',
    );
    const product = await newProduct(t);
    const order = (body: unknown) => api('/v1/orders', { token: t.token, body });
    const missing = await order({ customerId: customer.body.id, lines: [{ productId: product.id, quantity: 1 }] });
    expectProblem(missing, 400, 'invalid_request');
    expect(missing.body.errors[0].path).toBe('customFields.plate');
    expect(
      (
        await order({
          customerId: customer.body.id,
          lines: [{ productId: product.id, quantity: 1 }],
          customFields: { plate: '沪A12345' },
        })
      ).status,
    ).toBe(201);
  });

  it('an import fills fields by their column labels, read as their type, and refuses a bad value by the same rules, naming its column', async () => {
    const t = await newTenant();
    await put(t, [
      spec,
      origin,
      { ...weight, key: 'organic', label: { 'zh-CN': '有机', en: 'Organic' }, type: 'boolean' },
    ]);
    const csv =
      '\uFEFF商品编码,商品名称,单价,规格,产地,有机\nCF-1,西湖龙井,100,250g,杭州,是\nCF-2,白毫银针,80,100g,火星,否\n';
    const job = await api('/v1/imports', {
      token: t.token,
      body: { kind: 'products', format: 'csv', file: Buffer.from(csv).toString('base64'), fileName: 'products.csv' },
    });
    expect(job.status, JSON.stringify(job.body)).toBe(202);
    const done = await eventually(async () => {
      const j = (await api(`/v1/imports/${job.body.id}`, { token: t.token })).body;
      expect(j.status).toBe('completed');
      return j;
    }, 30_000);
    expect(done.created).toHaveLength(1);
    expect(done.errors).toEqual([expect.objectContaining({ row: 3, column: '产地', code: 'invalid_custom_field' })]);
    const product = (await api(`/v1/products/${done.created[0].id}`, { token: t.token })).body;
    expect(product.customFields).toEqual({ spec: '250g', origin: 'hangzhou', organic: true });
  });

  it('suppliers and tickets carry their own fields, checked the same way', async () => {
    const t = await newTenant();
    await put(t, [
      {
        entity: 'supplier',
        key: 'license',
        label: { 'zh-CN': '许可证号', en: 'Licence' },
        type: 'text',
        required: true,
      },
      { entity: 'ticket', key: 'due', label: { 'zh-CN': '上门日期', en: 'Visit day' }, type: 'date' },
    ]);
    const supplier = (body: unknown) => api('/v1/suppliers', { token: t.token, body });
    const missing = await supplier({ name: '无证茶厂' });
    expectProblem(missing, 400, 'invalid_request');
    expect(missing.body.errors[0].path).toBe('customFields.license');
    const made = await supplier({ name: '有证茶厂', customFields: { license: 'SC123' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.customFields).toEqual({ license: 'SC123' });
    const patched = await api(`/v1/suppliers/${made.body.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { customFields: { license: 'SC456' } },
    });
    expect(patched.body.customFields).toEqual({ license: 'SC456' });
    const customer = await newCustomer(t);
    const ticket = (body: Record<string, unknown>) =>
      api('/v1/tickets', {
        token: t.token,
        body: { customerId: customer.id, kind: 'repair', subject: '茶具破损', ...body },
      });
    const wrong = await ticket({ customFields: { due: '下周二' } });
    expectProblem(wrong, 400, 'invalid_request');
    expect(wrong.body.errors[0].path).toBe('customFields.due');
    const ok = await ticket({ customFields: { due: '2026-12-08' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await api(`/v1/tickets/${ok.body.id}`, { token: t.token })).body.customFields).toEqual({
      due: '2026-12-08',
    });
  });

  it('lists filter on filterable fields (cf.<key> or cf[<key>]) to full pages, and refuse a field that is not filterable', async () => {
    const t = await newTenant();
    await put(t, [{ ...origin, filterable: true }, spec]);
    for (let i = 0; i < 7; i++)
      await newProduct(t, { customFields: { origin: i % 3 === 0 ? 'fujian' : 'hangzhou', spec: `${i}g` } });
    const list = (query: string) => api(`/v1/products?${query}`, { token: t.token });
    const first = await list('limit=2&cf.origin=fujian');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.items.map((p: { customFields: { spec: string } }) => p.customFields.spec)).toEqual(['6g', '3g']);
    const rest = await list(`limit=2&cf[origin]=fujian&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(rest.body.items.map((p: { customFields: { spec: string } }) => p.customFields.spec)).toEqual(['0g']);
    const notAnOption = await list('cf.origin=mars');
    expectProblem(notAnOption, 400, 'invalid_request');
    expect(notAnOption.body.errors[0].path).toBe('query.cf.origin');
    const notFilterable = await list('cf.spec=1g');
    expectProblem(notFilterable, 400, 'invalid_request');
    expect(notFilterable.body.errors[0].path).toBe('query.cf.spec');
  });

  it('the orders CSV has a column per order field, headed by its label, values as people read them', async () => {
    const t = await newTenant();
    await put(t, [
      { entity: 'order', key: 'plate', label: { 'zh-CN': '车牌号', en: 'Plate' }, type: 'text', filterable: true },
      {
        entity: 'order',
        key: 'route',
        label: { 'zh-CN': '线路', en: 'Route' },
        type: 'select',
        options: [{ value: 'east', label: { 'zh-CN': '华东线', en: 'East' } }],
      },
    ]);
    const customer = await newCustomer(t);
    const product = await newProduct(t);
    for (const customFields of [{ plate: '沪A12345', route: 'east' }, { plate: '浙B99999' }])
      await api('/v1/orders', {
        token: t.token,
        body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }], customFields },
      });
    const csv = await api(`/v1/orders/export.csv?cf.plate=${encodeURIComponent('沪A')}`, { token: t.token });
    expect(csv.status).toBe(200);
    const rows = String(csv.body).trim().split(/\r?\n/);
    expect(rows[0]!.endsWith(',车牌号,线路')).toBe(true);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.endsWith(',沪A12345,华东线')).toBe(true);
  });

  it('values stored before any definition stay, read-only; a restored field comes back with its type; everyone reads the definitions from /v1/me', async () => {
    const t = await newTenant();
    const early = await newProduct(t, { customFields: { batch: 'B-2026-11' } });
    await put(t, [spec]);
    const patch = (body: unknown) => api(`/v1/products/${early.id}`, { method: 'PATCH', token: t.token, body });
    expect((await patch({ customFields: { spec: '250g' } })).body.customFields).toEqual({
      spec: '250g',
      batch: 'B-2026-11',
    });
    const changed = await patch({ customFields: { spec: '250g', batch: 'B-2026-12' } });
    expectProblem(changed, 400, 'invalid_request');
    expect(changed.body.errors[0].path).toBe('customFields.batch');
    // 规格 removed (it holds values), then restored as a number: refused; restored as text: fine.
    const removed = await put(t, []);
    expect(removed.body.removed).toEqual([expect.objectContaining({ key: 'spec', type: 'text' })]);
    expectProblem(await put(t, [{ ...spec, type: 'number' }]), 422, 'custom_field_in_use');
    expect((await put(t, [spec])).body.removed).toEqual([]);
    // The definitions are the admins' to read and change; everyone's forms get them with /v1/me.
    const sales = await userWithRole(t, 'sales');
    expectProblem(await api('/v1/custom-fields', { token: sales.token }), 403);
    const me = (await api('/v1/me', { token: sales.token })).body;
    expect(me.customFields.fields).toEqual([expect.objectContaining({ key: 'spec', label: spec.label })]);
  });

  it("an orders import fills the order fields from the order's first row, and names the column of a bad value", async () => {
    const t = await newTenant();
    await put(t, [
      { entity: 'order', key: 'plate', label: { 'zh-CN': '车牌号', en: 'Plate' }, type: 'text', required: true },
    ]);
    await newCustomer(t, { name: '导入茶行' });
    await newProduct(t, { sku: 'IMP-CF-1' });
    const csv =
      '订单号,客户名称,商品编码,数量,车牌号\nWX-1,导入茶行,IMP-CF-1,2,沪A12345\nWX-1,导入茶行,IMP-CF-1,1,沪A12345\nWX-2,导入茶行,IMP-CF-1,1,\n';
    const job = await api('/v1/imports', {
      token: t.token,
      body: { kind: 'orders', format: 'csv', file: Buffer.from(csv).toString('base64'), fileName: 'orders.csv' },
    });
    expect(job.status, JSON.stringify(job.body)).toBe(202);
    const done = await eventually(async () => {
      const j = (await api(`/v1/imports/${job.body.id}`, { token: t.token })).body;
      expect(j.status).toBe('completed');
      return j;
    }, 30_000);
    expect(done.created).toHaveLength(1);
    expect(done.errors).toEqual([expect.objectContaining({ row: 4, column: '车牌号', code: 'invalid_custom_field' })]);
    const order = (await api(`/v1/orders/${done.created[0].id}`, { token: t.token })).body;
    expect(order.customFields).toEqual({ plate: '沪A12345' });
    expect(order.lines).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import {
  api,
  expectProblem,
  newCustomer,
  newProduct,
  newTenant,
  type ApiResponse,
  type TestTenant,
} from '#infra/local/testing.ts';

/** Search the Chinese way (issue 12): any part of a name, pinyin in full and by initials, codes, phone digits. */

const names = (res: { body: { items: { name?: string; number?: string }[] } }) =>
  res.body.items.map((i) => i.name ?? i.number);
const find = (t: TestTenant, path: string, q: string) =>
  api(`${path}${path.includes('?') ? '&' : '?'}q=${encodeURIComponent(q)}`, { token: t.token });

describe('search', () => {
  it('finds customers by any part of the name, pinyin, initials, a contact and phone digits, in any width or case', async () => {
    const t = await newTenant();
    const other = await newTenant();
    await newCustomer(t, {
      name: '上海静安茶室有限公司',
      contacts: [{ name: '王静', phone: '138-0013-8000', isPrimary: true }],
    });
    await newCustomer(t, { name: '杭州西湖茶业有限公司' });
    await newCustomer(t, { name: 'Golden Bridge Imports Ltd' });
    await newCustomer(other, { name: '上海静安另一家公司' });
    for (const q of [
      '静安',
      '静安茶室',
      'jingan',
      'JingAn',
      'ＪＩＮＧＡＮ',
      'shjacs',
      'ja',
      '王静',
      '0013 8000',
      '13800138000',
    ])
      expect(names(await find(t, '/v1/customers', q)), q).toEqual(['上海静安茶室有限公司']);
    expect(names(await find(t, '/v1/customers', 'xihu'))).toEqual(['杭州西湖茶业有限公司']);
    expect(names(await find(t, '/v1/customers', 'bridge imp'))).toEqual(['Golden Bridge Imports Ltd']);
    expect(names(await find(t, '/v1/customers', 'gbi'))).toEqual(['Golden Bridge Imports Ltd']);
    // Both tea companies have 茶 in their names: the one whose name begins with the query comes first.
    expect(names(await find(t, '/v1/customers', '有限公司'))).toHaveLength(2);
    expect(names(await find(t, '/v1/customers', '北京'))).toEqual([]);
  });

  it('follows renames and archiving, and pages through many matches with a tenant-bound cursor', async () => {
    const t = await newTenant();
    const renamed = await newCustomer(t, { name: '旧名字商行' });
    const patched = await api(`/v1/customers/${renamed.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { name: '新名字茶庄' },
    });
    expect(patched.status).toBe(200);
    expect(names(await find(t, '/v1/customers', '旧名字'))).toEqual([]);
    expect(names(await find(t, '/v1/customers', 'xinmingzi'))).toEqual(['新名字茶庄']);
    await api(`/v1/customers/${renamed.id}`, { method: 'DELETE', token: t.token });
    expect(names(await find(t, '/v1/customers', '新名字'))).toEqual([]);

    for (let i = 0; i < 23; i += 1) await newCustomer(t, { name: `批量茶行 ${String(i).padStart(2, '0')}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: ApiResponse = await api(
        `/v1/customers?q=${encodeURIComponent('plch')}&limit=10${cursor ? `&cursor=${cursor}` : ''}`,
        { token: t.token },
      );
      expect(res.status).toBe(200);
      seen.push(...names(res).map(String));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(23);
    const first = await api(`/v1/customers?q=plch&limit=10`, { token: t.token });
    const stranger = await newTenant();
    expectProblem(
      await api(`/v1/customers?q=plch&limit=10&cursor=${first.body.nextCursor}`, { token: stranger.token }),
      400,
      'invalid_request',
    );
  });

  it('finds products by 「龙井」, longjing, lj and part of the SKU; lists sort by SKU on request', async () => {
    const t = await newTenant();
    await newProduct(t, { sku: 'TEA-LJ-250', name: '西湖龙井 250g 礼盒' });
    await newProduct(t, { sku: 'TEA-BLC-500', name: '碧螺春 500g' });
    await newProduct(t, { sku: 'CUP-GLS-6', name: '玻璃茶杯 6 只装' });
    for (const q of ['龙井', '西湖龙井', 'longjing', 'lj', 'xhlj', 'lj-250', 'tea-lj'])
      expect(names(await find(t, '/v1/products', q)), q).toEqual(['西湖龙井 250g 礼盒']);
    expect(names(await find(t, '/v1/products', '500g'))).toEqual(['碧螺春 500g']);
    const bySku = await api('/v1/products?sort=sku', { token: t.token });
    expect(bySku.body.items.map((p: { sku: string }) => p.sku)).toEqual(['CUP-GLS-6', 'TEA-BLC-500', 'TEA-LJ-250']);
  });

  it('finds orders by number, its last digits, the external reference and the customer', async () => {
    const t = await newTenant();
    const customer = await newCustomer(t, { name: '上海静安茶室' });
    const product = await newProduct(t);
    const created = [];
    for (const ref of ['WX-20261122-01', 'TB-889911'])
      created.push(
        (
          await api('/v1/orders', {
            token: t.token,
            body: { customerId: customer.id, externalRef: ref, lines: [{ productId: product.id, quantity: 1 }] },
          })
        ).body,
      );
    const [first, second] = created;
    expect(names(await find(t, '/v1/orders', first.number))).toEqual([first.number]);
    expect(names(await find(t, '/v1/orders', first.number.slice(-6)))).toEqual([first.number]);
    expect(names(await find(t, '/v1/orders', '889911'))).toEqual([second.number]);
    expect(names(await find(t, '/v1/orders', 'wx20261122'))).toEqual([first.number]);
    expect(new Set(names(await find(t, '/v1/orders', '静安')))).toEqual(new Set([first.number, second.number]));
    expect(names(await find(t, '/v1/orders?status=confirmed', '静安'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  api,
  defaultWarehouse,
  expectProblem,
  newCustomer,
  newProduct,
  newTenant,
  receive,
} from '#infra/local/testing.ts';

/** Print settings (issue 19): what every printed document carries, chosen by the company's admin. */

/** A 1×1 PNG. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const put = (t: { token: string }, body: unknown, version?: number) =>
  api('/v1/print-settings', {
    method: 'PUT',
    token: t.token,
    body,
    ...(version ? { headers: { 'if-match': `"${version}"` } } : {}),
  });

describe('print settings', () => {
  it('start empty, keep logo and seal beside the settings, and refuse what is not a small PNG', async () => {
    const t = await newTenant();
    const empty = await api('/v1/print-settings', { token: t.token });
    expect(empty.body).toMatchObject({
      logo: null,
      seal: null,
      version: 0,
      documents: { delivery_note: { fields: [] } },
    });
    const saved = await put(t, {
      logo: PNG,
      seal: PNG,
      bankDetails: '工行西湖支行 1202 0000 1234',
      footer: '签收请核对',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const read = (await api('/v1/print-settings', { token: t.token })).body;
    expect(read).toMatchObject({ logo: PNG, seal: PNG, footer: '签收请核对', version: 1 });
    const jpeg = await put(t, { logo: 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==' });
    expectProblem(jpeg, 400, 'invalid_request');
    expect(jpeg.body.errors[0].path).toBe('body.logo');
    const notPng = await put(t, {
      seal: `data:image/png;base64,${Buffer.from('GIF89a not a png').toString('base64')}`,
    });
    expectProblem(notPng, 400, 'invalid_request');
    const big = `data:image/png;base64,${Buffer.concat([Buffer.from(PNG.slice(22), 'base64'), Buffer.alloc(205 * 1024)]).toString('base64')}`;
    expectProblem(await put(t, { logo: big }), 400, 'invalid_request');
    // Stale If-Match is refused; removing the logo removes it.
    expectProblem(await put(t, { logo: null }, 7), 412, 'stale_version');
    expect((await put(t, { seal: PNG }, 1)).body).toMatchObject({ logo: null, seal: PNG, version: 2 });
    expect((await api('/v1/print-settings', { token: t.token })).body).toMatchObject({ logo: null, seal: PNG });
  });

  it('a delivery note carries the chosen product and order fields, prices when asked, the logo, seal and footer', async () => {
    const t = await newTenant();
    await api('/v1/custom-fields', {
      method: 'PUT',
      token: t.token,
      body: {
        fields: [
          { entity: 'product', key: 'spec', label: { 'zh-CN': '规格', en: 'Spec' }, type: 'text' },
          { entity: 'order', key: 'plate', label: { 'zh-CN': '车牌号', en: 'Plate' }, type: 'text' },
          { entity: 'order', key: 'secret', label: { 'zh-CN': '内部备注', en: 'Internal' }, type: 'text' },
        ],
      },
    });
    const product = await newProduct(t, { name: '西湖龙井', customFields: { spec: '250g×2 <礼盒>' } });
    await receive(t, product.id, await defaultWarehouse(t), 10);
    const customer = await newCustomer(t);
    const order = (
      await api('/v1/orders', {
        token: t.token,
        body: {
          customerId: customer.id,
          lines: [{ productId: product.id, quantity: 2 }],
          customFields: { plate: '沪A12345', secret: '不打印' },
        },
      })
    ).body;
    await api(`/v1/orders/${order.id}/submit`, { method: 'POST', token: t.token });
    const shipped = await api(`/v1/orders/${order.id}/shipments`, {
      token: t.token,
      body: { lines: [{ lineId: order.lines[0].lineId, quantity: 2 }] },
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBeLessThan(300);
    const print = async () => {
      const list = await api(`/v1/orders/${order.id}/shipments`, { token: t.token });
      return String(
        (await api(`/v1/orders/${order.id}/shipments/${list.body.items[0].id}/print`, { token: t.token })).body,
      );
    };
    const before = await print();
    expect(before).not.toContain('规格');
    expect(before).not.toContain('<img');

    await put(t, {
      logo: PNG,
      seal: PNG,
      footer: '货物签收后请当场核对',
      documents: { delivery_note: { fields: ['spec', 'plate'], showPrices: true } },
    });
    const html = await print();
    expect(html).toContain('<th>规格</th>');
    expect(html).toContain('<td data-field="cf-spec">250g×2 &#60;礼盒&#62;</td>');
    expect(html).toContain('<dt>车牌号</dt><dd data-field="cf">沪A12345</dd>');
    expect(html).not.toContain('不打印');
    expect(html).toContain('<th class="n">单价</th>');
    expect(html).toContain('¥');
    expect(html).toContain(`<img class="logo" src="${PNG}"`);
    expect(html).toContain(`<div class="sealed"><img class="seal" src="${PNG}"`);
    expect(html).toContain('<p class="footer" data-field="footer">货物签收后请当场核对</p>');
    // The quotation has its own choice (none here), but the same logo and footer.
    const quote = String((await api(`/v1/orders/${order.id}/print?doc=quotation`, { token: t.token })).body);
    expect(quote).not.toContain('规格');
    expect(quote).toContain('货物签收后请当场核对');
  });
});

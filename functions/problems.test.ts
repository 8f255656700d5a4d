import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  defaultWarehouse,
  eventually,
  expectProblem,
  invoicesOf,
  newCustomer,
  newProduct,
  newTenant,
  orderIn,
  userWithRole,
  type TestTenant,
} from '#infra/local/testing.ts';

/**
 * Each business refusal of the problem catalog (shared/api/problems.ts) provoked as a client would
 * meet it, with its status and code; the other codes are provoked beside the features they guard.
 */
let t: TestTenant;
beforeAll(async () => {
  t = await newTenant();
});
const missing = (prefix: string) => `${prefix}_01JD${'Z'.repeat(22)}`;

describe('refusals of the http layer', () => {
  it('answers unauthorized, forbidden, route_not_found, method_not_allowed, malformed_path and unsupported_media_type', async () => {
    expectProblem(await api('/v1/me'), 401, 'unauthorized');
    const viewer = await userWithRole(t, 'viewer');
    expectProblem(
      await api('/v1/settings', { method: 'PATCH', token: viewer.token, body: { phone: '1' } }),
      403,
      'forbidden',
    );
    expectProblem(await api('/v1/nothing-here', { token: t.token }), 404, 'route_not_found');
    expectProblem(await api('/v1/orders', { method: 'DELETE', token: t.token }), 405, 'method_not_allowed');
    expectProblem(await api('/v1/customers/%', { token: t.token }), 400, 'malformed_path');
    const plain = await api('/v1/customers', {
      token: t.token,
      rawBody: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(plain, 415, 'unsupported_media_type');
    expect(plain.body.instance).toMatch(/^urn:dingo:request:/);
  });
});

describe('catalog and stock refusals', () => {
  it('answers sku_taken, code_taken, default_warehouse, unknown_product, unknown_warehouse and inactive_warehouse', async () => {
    const product = await newProduct(t);
    expectProblem(
      await api('/v1/products', {
        token: t.token,
        body: { sku: product.sku, name: '重复', unit: '箱', price: { amount: 1, currency: 'CNY' } },
      }),
      409,
      'sku_taken',
    );
    const code = `W${randomUUID().slice(0, 6).toUpperCase()}`;
    expect((await api('/v1/warehouses', { token: t.token, body: { code, name: '二号仓' } })).status).toBe(201);
    const second = await api('/v1/warehouses', { token: t.token, body: { code, name: '重复仓' } });
    expectProblem(second, 409, 'code_taken');
    const main = await defaultWarehouse(t);
    expectProblem(
      await api(`/v1/warehouses/${main}`, { method: 'PATCH', token: t.token, body: { active: false } }),
      422,
      'default_warehouse',
    );
    const move = (body: Record<string, unknown>) =>
      api('/v1/inventory/movements', { token: t.token, body: { kind: 'receipt', quantity: 1, ...body } });
    expectProblem(await move({ productId: missing('prd'), warehouseId: main }), 422, 'unknown_product');
    expectProblem(await move({ productId: product.id, warehouseId: missing('wh') }), 422, 'unknown_warehouse');
    const other = (await api('/v1/warehouses', { token: t.token })).body.items.find(
      (w: { code: string }) => w.code === code,
    );
    await api(`/v1/warehouses/${other.id}`, { method: 'PATCH', token: t.token, body: { active: false } });
    expectProblem(await move({ productId: product.id, warehouseId: other.id }), 422, 'inactive_warehouse');
  });
});

describe('order refusals', () => {
  it('answers unknown_customer, archived_customer, inactive_product and amount_too_large, creating nothing', async () => {
    const product = await newProduct(t);
    const customer = await newCustomer(t);
    const create = (customerId: string, line: Record<string, unknown> = {}) =>
      api('/v1/orders', {
        token: t.token,
        body: { customerId, lines: [{ productId: product.id, quantity: 1, ...line }] },
      });
    expectProblem(await create(missing('cus')), 422, 'unknown_customer');
    const tooLarge = await create(customer.id, { quantity: 1e9, unitPrice: 1e7 });
    expectProblem(tooLarge, 422, 'amount_too_large');
    expect(tooLarge.body.lineIndex).toBe(0);
    await api(`/v1/products/${product.id}`, { method: 'PATCH', token: t.token, body: { active: false } });
    expectProblem(await create(customer.id), 422, 'inactive_product');
    const archived = await newCustomer(t);
    await api(`/v1/customers/${archived.id}`, { method: 'DELETE', token: t.token });
    expectProblem(await create(archived.id), 422, 'archived_customer');
    expect((await api(`/v1/orders?customerId=${customer.id}`, { token: t.token })).body.items).toEqual([]);
  });

  it('answers unknown_line, over_shipment and warehouse_mismatch to a wrong shipment', async () => {
    const order = await orderIn(t, 'confirmed');
    const ship = (body: Record<string, unknown>) => api(`/v1/orders/${order.id}/shipments`, { token: t.token, body });
    expectProblem(await ship({ lines: [{ lineId: 'L9', quantity: 1 }] }), 422, 'unknown_line');
    const over = await ship({ lines: [{ lineId: 'L1', quantity: 99 }] });
    expectProblem(over, 422, 'over_shipment');
    expect(over.body).toMatchObject({ lineId: 'L1', requested: 99 });
    const elsewhere = await api('/v1/warehouses', {
      token: t.token,
      body: { code: `X${randomUUID().slice(0, 6).toUpperCase()}`, name: '别处' },
    });
    expectProblem(
      await ship({ warehouseId: elsewhere.body.id, lines: [{ lineId: 'L1', quantity: 1 }] }),
      422,
      'warehouse_mismatch',
    );
    expect((await api(`/v1/orders/${order.id}`, { token: t.token })).body.status).toBe('confirmed');
  });
});

describe('customer and finance refusals', () => {
  it('answers unknown_price_list to a customer with a price list that does not exist', async () => {
    expectProblem(
      await api('/v1/customers', { token: t.token, body: { name: '价目表客户', priceListId: missing('prl') } }),
      422,
      'unknown_price_list',
    );
  });

  it('answers received_in_future and invoice_void to payments', async () => {
    const company = await newTenant();
    await api('/v1/settings', { method: 'PATCH', token: company.token, body: { invoicingPolicy: 'on_confirm' } });
    const order = await orderIn(company, 'confirmed');
    const [invoice] = await invoicesOf(company, order.id);
    const pay = (receivedAt: string) =>
      api(`/v1/invoices/${invoice!.id}/payments`, {
        token: company.token,
        body: { amount: { amount: 100, currency: 'CNY' }, method: 'bank_transfer', receivedAt },
      });
    expectProblem(await pay(new Date(Date.now() + 3 * 86_400_000).toISOString()), 422, 'received_in_future');
    await api(`/v1/orders/${order.id}/cancel`, { token: company.token, body: { reason: '客户取消' } });
    await eventually(async () => {
      const read = await api(`/v1/invoices/${invoice!.id}`, { token: company.token });
      expect(read.body.status).toBe('void');
    });
    expectProblem(await pay(new Date().toISOString()), 409, 'invoice_void');
  });
});

describe('partner and import refusals', () => {
  it('answers invalid_range to a replay that ends before it starts', async () => {
    const hook = await api('/v1/webhooks', {
      token: t.token,
      body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['order.created'] },
    });
    const since = new Date().toISOString();
    const until = new Date(Date.now() - 3_600_000).toISOString();
    expectProblem(
      await api(`/v1/webhooks/${hook.body.id}/replay`, { token: t.token, body: { since, until } }),
      422,
      'invalid_range',
    );
  });

  it('answers too_many_rows and unreadable_file to files it cannot take', async () => {
    const rows = Array.from({ length: 5_001 }, (_, i) => `客户${i}`).join('\n');
    const big = Buffer.from(`客户名称\n${rows}\n`).toString('base64');
    expectProblem(
      await api('/v1/imports', { token: t.token, body: { kind: 'customers', format: 'csv', file: big } }),
      422,
      'too_many_rows',
    );
    const garbage = Buffer.from('this is not a spreadsheet').toString('base64');
    expectProblem(
      await api('/v1/imports', { token: t.token, body: { kind: 'customers', format: 'xlsx', file: garbage } }),
      422,
      'unreadable_file',
    );
  });
});

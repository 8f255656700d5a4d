import { beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { templateCsv } from '#shared/domain/import-columns.ts';
import {
  api,
  eventually,
  expectProblem,
  newCustomer,
  newProduct,
  newTenant,
  type TestTenant,
} from '#infra/local/testing.ts';

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant('导入测试公司');
});

const upload = (kind: string, format: string, file: Buffer, token = t.token) =>
  api('/v1/imports', { token, body: { kind, format, file: file.toString('base64'), fileName: `data.${format}` } });
const finished = (id: string) =>
  eventually(async () => {
    const job = (await api(`/v1/imports/${id}`, { token: t.token })).body;
    expect(job.status).toBe('completed');
    return job;
  }, 30_000);

describe('bulk import', () => {
  it('imports customers from a CSV with Chinese headers; a bad row reports its row and column and the rest are imported', async () => {
    const csv =
      '\uFEFF客户名称,等级,标签,阶段,联系人,电话,账期,信用额度\n' +
      '成都天府贸易有限公司,A,西南、老客户,成交客户,周经理,13900000001,30,"50,000.00"\n' +
      '重庆山城火锅连锁,B,餐饮,意向,吴店长,13900000002,15,\n' +
      ',C,,,,,,\n' +
      '昆明花卉批发市场,B,云南,线索,,,abc,\n';
    const accepted = await upload('customers', 'csv', Buffer.from(csv));
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toBe(`/v1/imports/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ kind: 'customers', status: 'queued', totalRows: 4 });
    const job = await finished(accepted.body.id);
    expect(job.created.map((c: { row: number }) => c.row)).toEqual([2, 3]);
    expect(job.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 4, column: '客户名称', code: 'required' }),
        expect.objectContaining({ row: 5, column: '账期', code: 'invalid_type' }),
      ]),
    );
    const chengdu = await api(`/v1/customers/${job.created[0].id}`, { token: t.token });
    expect(chengdu.body).toMatchObject({
      name: '成都天府贸易有限公司',
      tier: 'A',
      tags: ['西南', '老客户'],
      stage: 'customer',
      paymentTermsDays: 30,
      creditLimit: { amount: 5_000_000 },
    });
    expect((await api(`/v1/customers?q=${encodeURIComponent('昆明')}`, { token: t.token })).body.items).toHaveLength(0);
  });

  // Guarantees: uploading the same file again does not duplicate anything.
  it('answers the same job for the same file, and creates nothing twice', async () => {
    const csv = Buffer.from('商品编码,商品名称,单价,税率,安全库存\nDUP-1,重复上传商品,12.50,13%,5\n');
    const first = await upload('products', 'csv', csv);
    await finished(first.body.id);
    const again = await upload('products', 'csv', csv);
    expect(again.body.id).toBe(first.body.id);
    const products = await api('/v1/products?q=DUP-1', { token: t.token });
    expect(products.body.items).toHaveLength(1);
    expect(products.body.items[0]).toMatchObject({ price: { amount: 1250 }, taxRate: 1300, safetyStock: 5 });
  });

  it('imports orders from Excel (.xlsx), one order per 订单号, a bad row failing only its own order', async () => {
    const customer = await newCustomer(t, { name: '贵阳黔货商行' });
    const tea = await newProduct(t, { sku: 'XL-TEA', price: { amount: 10_000, currency: 'CNY' } });
    await newProduct(t, { sku: 'XL-CUP', price: { amount: 2_000, currency: 'CNY' } });
    const header = ['订单号', '客户名称', '商品编码', '数量', '单价'].map((value) => ({ value }));
    const row = (...values: (string | number | null)[]) => values.map((value) => ({ value }));
    const file = await writeXlsxFile([
      header,
      row('WX-001', '贵阳黔货商行', 'XL-TEA', 3, null),
      row('WX-001', '贵阳黔货商行', 'XL-CUP', 6, 18),
      row('WX-002', '贵阳黔货商行', 'NO-SUCH-SKU', 1, null),
      row('WX-003', '贵阳黔货商行', 'XL-TEA', 1, null),
    ] as never).toBuffer();
    const accepted = await upload('orders', 'xlsx', file);
    const job = await finished(accepted.body.id);
    expect(job.errors).toEqual([
      {
        row: 4,
        column: '商品编码',
        message: 'no product with SKU NO-SUCH-SKU',
        code: 'product_not_found',
        params: { sku: 'NO-SUCH-SKU' },
      },
    ]);
    expect(job.created).toHaveLength(2);
    const order = (await api(`/v1/orders/${job.created[0].id}`, { token: t.token })).body;
    expect(order).toMatchObject({ customerId: customer.id, channel: 'import', externalRef: 'WX-001', status: 'draft' });
    expect(
      order.lines.map((l: { productId: string; quantity: number; unitPrice: number }) => [l.quantity, l.unitPrice]),
    ).toEqual([
      [3, 10_000],
      [6, 1_800],
    ]);
    expect(order.lines[0].productId).toBe(tea.id);
  });

  it("imports the web app's downloadable templates as they are, in Chinese and in English", async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const company = await newTenant(`模板公司 ${lang}`);
      // Products and customers first: the order template's example refers to the other two examples.
      for (const kind of ['products', 'customers', 'orders'] as const) {
        const accepted = await upload(kind, 'csv', Buffer.from(templateCsv(kind, lang)), company.token);
        const job = await eventually(async () => {
          const current = (await api(`/v1/imports/${accepted.body.id}`, { token: company.token })).body;
          expect(current.status).toBe('completed');
          return current;
        }, 30_000);
        expect({ lang, kind, errors: job.errors, created: job.created.length }).toEqual({
          lang,
          kind,
          errors: [],
          created: 1,
        });
      }
      const order = (await api('/v1/orders', { token: company.token })).body.items[0];
      expect(order).toMatchObject({
        customerName: '杭州西湖茶业有限公司',
        externalRef: 'WX-20261122-01',
        status: 'draft',
      });
    }
  });

  it('refuses a file that is not what it says with 422, and writes nothing', async () => {
    expectProblem(await upload('orders', 'xlsx', Buffer.from('not a spreadsheet')), 422, 'unreadable_file');
    expectProblem(await upload('customers', 'csv', Buffer.from('客户名称\n')), 422, 'empty_file');
  });
});

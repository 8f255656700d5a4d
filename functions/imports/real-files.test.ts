import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import {
  api,
  defaultWarehouse,
  eventually,
  newCustomer,
  newProduct,
  newTenant,
  type TestTenant,
} from '#infra/local/testing.ts';

/**
 * The files Chinese SMEs really keep (issue 12): a CSV saved by Chinese Excel (GBK), UTF-16, an
 * .xlsx with a merged title and a two-row header, merged 订单号 cells, dates, formulas with and
 * without a saved value. Every row lands or is refused in words.
 */

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant('真实文件导入公司', { pricesIncludeTax: true });
});

const body = (kind: string, format: string, file: Buffer) => ({ kind, format, file: file.toString('base64') });
const upload = async (kind: string, format: string, file: Buffer) => {
  const res = await api('/v1/imports', { token: t.token, body: body(kind, format, file) });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return eventually(async () => {
    const job = (await api(`/v1/imports/${res.body.id}`, { token: t.token })).body;
    expect(job.status).toBe('completed');
    return job;
  }, 30_000);
};
const preview = (kind: string, format: string, file: Buffer) =>
  api('/v1/imports/preview', { token: t.token, body: body(kind, format, file) });

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('Sheet1'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('files as Excel saves them', () => {
  it('reads a GBK CSV (「CSV（逗号分隔）」 on Chinese Windows) and a UTF-16 one, detected, not asked', async () => {
    const csv =
      '客户名称,联系人,电话,备注信息\r\n上海静安茶室,王静,13800138000,老客户\r\n杭州西湖茶业,李明,13900139000,\r\n';
    const gbk = iconv.encode(csv, 'gbk');
    expect(gbk.includes(Buffer.from('客户', 'utf8'))).toBe(false); // really GBK bytes, not UTF-8
    const shown = await preview('customers', 'csv', gbk);
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    expect(shown.body).toMatchObject({ encoding: 'gb18030', headerRow: 1, totalRows: 2 });
    expect(shown.body.rows[0].values).toMatchObject({ 客户名称: '上海静安茶室', 联系人: '王静' });
    expect(shown.body.warnings).toEqual([expect.objectContaining({ code: 'unknown_column', column: '备注信息' })]);
    // The preview wrote nothing.
    expect((await api('/v1/customers?q=静安茶室', { token: t.token })).body.items).toHaveLength(0);

    const job = await upload('customers', 'csv', gbk);
    expect(job).toMatchObject({ encoding: 'gb18030', errors: [] });
    expect(job.created).toHaveLength(2);
    expect(job.warnings).toEqual([expect.objectContaining({ column: '备注信息' })]);
    const found = (await api('/v1/customers?q=静安茶室', { token: t.token })).body.items;
    expect(found[0]).toMatchObject({ name: '上海静安茶室', contacts: [{ name: '王静', phone: '13800138000' }] });

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('客户名称\r\n成都天府贸易\r\n', 'utf-16le')]);
    const sixteen = await upload('customers', 'csv', utf16);
    expect(sixteen).toMatchObject({ encoding: 'utf-16le', errors: [] });
    expect(sixteen.created).toHaveLength(1);
  });

  it('finds the header under a merged title and a grouped two-row header; takes 期初库存, 仓库 and 规格', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['2026 年商品清单（茶叶）']);
      sheet.mergeCells('A1:H1');
      sheet.addRow(['商品信息', '', '', '', '价格', '', '库存', '']);
      sheet.mergeCells('A2:D2');
      sheet.mergeCells('E2:F2');
      sheet.mergeCells('G2:H2');
      sheet.addRow(['商品编码', '商品名称', '规格', '单位', '单价', '税率', '期初库存', '仓库']);
      sheet.addRow(['RF-LJ-01', '明前龙井', '250g×2', '盒', '388.00', '13%', 20, 'WH01']);
      sheet.addRow(['RF-BLC-01', '碧螺春', '500g', '袋', 268, 0.13, { formula: '5*4', result: 20 }, '']);
      sheet.addRow(['RF-MJ-01', '毛尖', '', '袋', 99, '13%', 5, '没有的仓库']);
    });
    const shown = await preview('products', 'xlsx', file);
    expect(shown.body).toMatchObject({ headerRow: 3, totalRows: 3, warnings: [] });
    expect(shown.body.columns.map((c: { field: string | null }) => c.field)).toEqual([
      'sku',
      'name',
      'spec',
      'unit',
      'price',
      'taxRate',
      'openingStock',
      'warehouse',
    ]);
    const job = await upload('products', 'xlsx', file);
    expect(job.created.map((c: { row: number }) => c.row)).toEqual([4, 5]);
    expect(job.errors).toEqual([
      expect.objectContaining({ row: 6, column: '仓库', code: 'warehouse_not_found', params: { name: '没有的仓库' } }),
    ]);
    const longjing = (await api('/v1/products?q=RF-LJ-01', { token: t.token })).body.items[0];
    expect(longjing).toMatchObject({
      name: '明前龙井',
      description: '250g×2',
      price: { amount: 38_800 },
      taxRate: 1300,
    });
    const levels = (await api(`/v1/inventory?productId=${longjing.id}`, { token: t.token })).body.items;
    expect(levels).toEqual([expect.objectContaining({ warehouseId: await defaultWarehouse(t), onHand: 20 })]);
    const blc = (await api('/v1/products?q=RF-BLC-01', { token: t.token })).body.items[0];
    expect((await api(`/v1/inventory?productId=${blc.id}`, { token: t.token })).body.items[0].onHand).toBe(20);
  });

  it('fills merged 订单号 and 客户 cells down their rows, reads dates as days and refuses a formula without a value in words', async () => {
    const customer = await newCustomer(t, { name: '合并单元格茶行' });
    const tea = await newProduct(t, { sku: 'MRG-TEA', price: { amount: 10_000, currency: 'CNY' } });
    const cup = await newProduct(t, { sku: 'MRG-CUP', price: { amount: 2_000, currency: 'CNY' } });
    const file = await workbook((sheet) => {
      sheet.addRow(['订单号', '客户', '商品编码', '数量', '下单日期', '备注']);
      sheet.addRow(['WX-1122-01', '合并单元格茶行', 'MRG-TEA', 2, new Date('2026-11-22T00:00:00Z'), '周五前送到']);
      sheet.addRow(['', '', 'MRG-CUP', { formula: '2*3', result: 6 }, new Date('2026-11-22T00:00:00Z'), '']);
      sheet.mergeCells('A2:A3');
      sheet.mergeCells('B2:B3');
      sheet.addRow(['WX-1122-02', '合并单元格茶行', 'MRG-TEA', { formula: 'D2*2' }, '', '']);
    });
    const shown = await preview('orders', 'xlsx', file);
    expect(shown.body.rows[1].values).toMatchObject({ 订单号: 'WX-1122-01', 客户: '合并单元格茶行', 数量: 6 });
    expect(shown.body.rows[0].values['下单日期']).toBe('2026-11-22');
    expect(shown.body.warnings).toEqual([expect.objectContaining({ column: '下单日期' })]);
    expect(shown.body.rows[2].errors).toEqual([
      expect.objectContaining({ code: 'formula_without_value', column: '数量' }),
    ]);

    const job = await upload('orders', 'xlsx', file);
    expect(job.created).toHaveLength(1);
    expect(job.errors).toEqual([
      expect.objectContaining({
        row: 4,
        column: '数量',
        code: 'formula_without_value',
        params: { formula: 'D2*2' },
        message: expect.stringContaining('save it and import it again'),
      }),
    ]);
    const order = (await api(`/v1/orders/${job.created[0].id}`, { token: t.token })).body;
    expect(order).toMatchObject({ customerId: customer.id, externalRef: 'WX-1122-01', notes: '周五前送到' });
    expect(order.lines.map((l: { productId: string; quantity: number }) => [l.productId, l.quantity])).toEqual([
      [tea.id, 2],
      [cup.id, 6],
    ]);
  });

  it('books many receipts at once with the stock kind; a bad row refuses only itself', async () => {
    const a = await newProduct(t, { sku: 'STK-A' });
    const b = await newProduct(t, { sku: 'STK-B' });
    const csv =
      '商品编码,仓库,数量,单位成本,备注\r\nSTK-A,WH01,30,12.50,11 月到货\r\nstk-b,主仓库,12,,\r\nSTK-X,WH01,5,,\r\nSTK-A,WH01,-3,,\r\n';
    const job = await upload('stock', 'csv', Buffer.from(csv));
    expect(job.created.map((c: { row: number }) => c.row)).toEqual([2, 3]);
    expect(job.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [4, 'product_not_found'],
      [5, 'whole_number'],
    ]);
    const onHand = async (id: string) =>
      (await api(`/v1/inventory?productId=${id}`, { token: t.token })).body.items[0].onHand;
    expect(await onHand(a.id)).toBe(30);
    expect(await onHand(b.id)).toBe(12);
    const ledger = (await api(`/v1/inventory/movements?productId=${a.id}`, { token: t.token })).body.items;
    expect(ledger[0]).toMatchObject({ kind: 'receipt', onHandDelta: 30, unitCost: 1_250, reason: '11 月到货' });
    const levelA = (await api(`/v1/inventory?productId=${a.id}`, { token: t.token })).body.items[0];
    expect(levelA).toMatchObject({ onHand: 30, unitCost: 1_250, value: 37_500 });
  });
});

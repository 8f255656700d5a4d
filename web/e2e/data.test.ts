import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import iconv from 'iconv-lite';
import { api, newTenant } from '#infra/local/testing.ts';
import { templateCsv } from '#shared/domain/import-columns.ts';
import { en, zhCN } from '../src/locales.ts';
import {
  exactly,
  login,
  navigate,
  numberInput,
  pick,
  record,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

type T = typeof zhCN;
/** A translation with its {{placeholders}} filled, as the page shows it. */
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
/** Letters only, so an order number's digits never match a customer's name by accident. */
const letters = () =>
  Array.from({ length: 4 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');

/** Chooses what to import and the file; the preview of how it reads comes first. */
async function choose(page: Page, t: T, kind: keyof T['imports']['kinds'], file: { name: string; buffer: Buffer }) {
  await page.getByTestId('import-kind').getByText(t.imports.kinds[kind], { exact: true }).click();
  await page.locator('input[type=file]').setInputFiles({
    name: file.name,
    mimeType: 'text/csv',
    buffer: file.buffer,
  });
  await page.getByTestId('import-preview').waitFor();
}

/** The preview's line for a column of the file: its header, and the field it fills or "not imported". */
async function columnShows(page: Page, header: string, fills: string) {
  await page
    .getByTestId('import-preview')
    .getByTestId('import-columns')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: header, exact: true }) })
    .getByRole('cell')
    .nth(1)
    .filter({ hasText: exactly(fills) })
    .waitFor();
}

/** Imports what the preview shows and waits for the job to finish with `count` rows in. */
async function importRows(page: Page, t: T, count: number) {
  await page
    .getByTestId('import-start')
    .filter({ hasText: fill(t.imports.startRows, { count }) })
    .click();
  await page.getByTestId('import-job').getByText(t.imports.statuses.completed).waitFor();
  await page
    .getByTestId('import-created')
    .filter({ hasText: fill(t.imports.created, { count }) })
    .waitFor();
}

/** The product picker of an order line: typing finds the product on the server, shown by name and SKU. */
async function findProduct(page: Page, testId: string, typed: string, wanted: string, notWanted: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const options = dropdown.getByTestId('product-option');
  await options.filter({ hasText: wanted }).filter({ hasText: 'TEA-LJ-250' }).waitFor();
  // What the search did not match is gone from the list.
  await options.filter({ hasText: notWanted }).first().waitFor({ state: 'detached' });
}

describe('real company data in zh-CN on desktop', () => {
  const t = zhCN;

  it('imports a GBK customers CSV after its preview, products with opening stock, finds 西湖龙井 by 「龙井」 and by lj in the order form, and an order by its last digits', async () => {
    const owner = await newTenant('龙井茶行');
    const stamp = letters();
    const names = [`上海静安茶室 ${stamp}`, `杭州西湖茶庄 ${stamp}`, `成都宽窄茶馆 ${stamp}`];
    // What Chinese Excel writes for 「CSV（逗号分隔）」: GBK, a title row above the headers, a column
    // the importer does not know (微信号).
    const customersCsv = iconv.encode(
      [
        '客户清单（2026 年 11 月）,,,,',
        '客户名称,联系人,电话,等级,微信号',
        `${names[0]},王经理,139 1234 5678,A,jingan_tea`,
        `${names[1]},沈掌柜,13700001234,B,xihu_tea`,
        `${names[2]},李老板,13800005678,B,`,
      ].join('\r\n'),
      'gbk',
    );
    const productsCsv = Buffer.from(
      templateCsv('products', 'zh-CN', [
        {
          sku: 'TEA-LJ-250',
          name: '西湖龙井 250g 礼盒',
          unit: '盒',
          price: '388.00',
          spec: '250g × 2 罐',
          openingStock: '100',
        },
        { sku: 'TEA-BLC-100', name: '洞庭碧螺春 100g', unit: '袋', price: '168.00', openingStock: '50' },
        { sku: 'CUP-GL-01', name: '玻璃杯', unit: '个', price: '25.00', openingStock: '200' },
      ]),
    );

    const context = await browser().newContext({ viewport: viewports.desktop, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'data-zh-CN-desktop', async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.imports);

      // The preview: how the file reads before anything is written.
      await choose(page, t, 'customers', { name: '客户.csv', buffer: customersCsv });
      const preview = page.getByTestId('import-preview');
      await preview.getByTestId('import-encoding').filter({ hasText: t.imports.encodings.gb18030 }).waitFor();
      await preview
        .getByTestId('import-header-row')
        .filter({ hasText: fill(t.imports.rowNumber, { row: 2 }) })
        .waitFor();
      await preview
        .getByTestId('import-total-rows')
        .filter({ hasText: exactly('3') })
        .waitFor();
      await columnShows(page, '客户名称', t.imports.fields.customers.name);
      await columnShows(page, '微信号', t.imports.notImported);
      await preview
        .getByTestId('import-preview-warnings')
        .filter({ hasText: fill(t.imports.warnings.unknown_column, { column: '微信号' }) })
        .waitFor();
      const rows = preview.getByTestId('import-rows');
      for (const name of names) await rows.getByRole('cell', { name, exact: true }).waitFor();
      await rows.getByRole('cell', { name: '139 1234 5678', exact: true }).waitFor();
      // Nothing is written before "导入 3 行".
      const before = await api('/v1/customers?limit=100', { token: owner.token });
      expect(before.body.items.map((c: { name: string }) => c.name)).not.toContain(names[0]);

      await importRows(page, t, 3);
      await page
        .getByTestId('import-warnings')
        .filter({ hasText: fill(t.imports.warnings.unknown_column, { column: '微信号' }) })
        .waitFor();
      await page
        .getByTestId('import-read-as')
        .filter({ hasText: fill(t.imports.readSummary, { encoding: t.imports.encodings.gb18030, row: 2 }) })
        .waitFor();

      // The customers are there, found by any part of the name and by pinyin.
      await navigate(page, t.nav.customers);
      const customers = page.getByTestId('customers-table');
      for (const name of names) await customers.getByRole('link', { name }).waitFor();
      const search = page.getByTestId('customer-search').locator('input');
      await search.fill('静安');
      await customers.getByRole('link', { name: names[1] }).waitFor({ state: 'detached' });
      await customers.getByRole('link', { name: names[0] }).waitFor();
      await search.fill('kuanzhai');
      await customers.getByRole('link', { name: names[0] }).waitFor({ state: 'detached' });
      await customers.getByRole('link', { name: names[2] }).waitFor();

      // Products with their opening stock, from the downloadable template's columns.
      await navigate(page, t.nav.imports);
      await choose(page, t, 'products', { name: '商品.csv', buffer: productsCsv });
      await preview.getByTestId('import-encoding').filter({ hasText: t.imports.encodings['utf-8-bom'] }).waitFor();
      await columnShows(page, '期初库存', t.imports.fields.products.openingStock);
      await rows.getByRole('cell', { name: '西湖龙井 250g 礼盒', exact: true }).waitFor();
      await importRows(page, t, 3);
      await navigate(page, t.nav.inventory);
      await page
        .getByTestId('levels-table')
        .getByRole('row')
        .filter({ hasText: 'TEA-LJ-250 · 西湖龙井 250g 礼盒' })
        .getByRole('cell', { name: '100', exact: true })
        .first()
        .waitFor();

      // The order form finds the product by its Chinese name and by its pinyin initials.
      const orderNumbers: string[] = [];
      for (const typed of ['龙井', 'lj']) {
        await navigate(page, t.nav.orders);
        await page.getByTestId('new-order').click();
        await pick(page, 'order-customer', '静安', names[0]);
        await findProduct(page, 'line-product-0', typed, '西湖龙井 250g 礼盒', '洞庭碧螺春');
        await page
          .locator('.ant-select-dropdown:visible')
          .getByTestId('product-option')
          .filter({ hasText: '西湖龙井 250g 礼盒' })
          .click();
        await page
          .locator('.ant-select:has([data-testid="line-product-0"]), .ant-select[data-testid="line-product-0"]')
          .filter({ hasText: '西湖龙井 250g 礼盒 · TEA-LJ-250' })
          .waitFor();
        await numberInput(page, 'line-quantity-0').fill('2');
        await page.getByTestId('save-order').click();
        await page
          .getByTestId('order-status')
          .filter({ hasText: exactly(t.orders.statuses.draft) })
          .waitFor();
        orderNumbers.push(((await page.getByTestId('order-number').textContent()) ?? '').trim());
      }

      // An order found by the last digits of its number.
      const [first, second] = orderNumbers as [string, string];
      await navigate(page, t.nav.orders);
      const orders = page.getByTestId('orders-table');
      await orders.getByRole('link', { name: first }).waitFor();
      await page.getByTestId('order-search').locator('input').fill(second.slice(-4));
      await orders.getByRole('link', { name: first }).waitFor({ state: 'detached' });
      await orders.getByRole('link', { name: second }).click();
      await page.getByTestId('order-number').filter({ hasText: second }).waitFor();
    });
    await context.close();
  }, 150_000);
});

describe('real company data in en on a phone', () => {
  const t = en;

  it('previews an English products file with an unknown column, imports it, books a stock file and finds the product by pinyin', async () => {
    const owner = await newTenant('Longjing Traders');
    const products = templateCsv('products', 'en', [
      { sku: 'TEA-LJ-250', name: '西湖龙井 250g 礼盒', price: '388.00', openingStock: '100' },
      { sku: 'TEA-BLC-100', name: '洞庭碧螺春 100g', price: '168.00' },
    ]).replace(/\r\n/, ',Colour\r\n');
    const stock = templateCsv('stock', 'en', [
      { sku: 'TEA-LJ-250', warehouse: 'WH01', quantity: '50', note: 'November' },
    ]);

    const context = await browser().newContext({ viewport: viewports.phone, locale: 'en' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'en'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'data-en-phone', async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.imports);

      await choose(page, t, 'products', { name: 'products.csv', buffer: Buffer.from(products) });
      const preview = page.getByTestId('import-preview');
      await preview.getByTestId('import-encoding').filter({ hasText: t.imports.encodings['utf-8-bom'] }).waitFor();
      await columnShows(page, 'Colour', t.imports.notImported);
      await preview
        .getByTestId('import-preview-warnings')
        .filter({ hasText: fill(t.imports.warnings.unknown_column, { column: 'Colour' }) })
        .waitFor();
      await importRows(page, t, 2);

      await choose(page, t, 'stock', { name: 'stock.csv', buffer: Buffer.from(stock) });
      await columnShows(page, 'quantity', t.imports.fields.stock.quantity);
      await importRows(page, t, 1);
      await page.getByTestId('import-errors').getByText(t.imports.none).waitFor();

      // 100 opening stock and 50 received: 150 on hand.
      await navigate(page, t.nav.inventory);
      // On a phone each level is a card: the figure whole on its own line.
      await record(page, 'levels-table', 'TEA-LJ-250').getByText('150', { exact: true }).first().waitFor();

      await navigate(page, t.nav.products);
      // On a phone each product is a card.
      await record(page, 'products-table', 'TEA-BLC-100').waitFor();
      await page.getByTestId('product-search').locator('input').fill('longjing');
      await record(page, 'products-table', 'TEA-BLC-100').waitFor({ state: 'detached' });
      await record(page, 'products-table', 'TEA-LJ-250').waitFor();
    });
    await context.close();
  }, 120_000);
});

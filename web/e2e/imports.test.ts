import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { cloud, newCustomer, newProduct, newTenant, PASSWORD } from '#infra/local/testing.ts';
import { templateHeaders } from '#shared/domain/import-columns.ts';
import { en, zhCN } from '../src/locales.ts';
import { navigate, sharedBrowser, viewports, withScreenshotOnFailure } from './browser.ts';

const browser = sharedBrowser();

describe.each([
  ['zh-CN', 'desktop', zhCN],
  ['en', 'phone', en],
] as const)('import in %s on %s', (lang, size, t) => {
  it('imports orders from an .xlsx: the bad row shows its row, column and problem, the good rows are imported', async () => {
    const owner = await newTenant(`导入公司 ${lang}`);
    const stamp = Math.random().toString(36).slice(2, 6).toUpperCase();
    await newCustomer(owner, { name: `遵义酒业 ${stamp}` });
    await newProduct(owner, { sku: `MT-${stamp}`, name: '酱香白酒' });
    const file = await writeXlsxFile([
      ['订单号', '客户名称', '商品编码', '数量'].map((value) => ({ value })),
      [`A-${stamp}`, `遵义酒业 ${stamp}`, `MT-${stamp}`, 6].map((value) => ({ value })),
      [`B-${stamp}`, `遵义酒业 ${stamp}`, `MT-${stamp}`, 'six'].map((value) => ({ value })),
      [`C-${stamp}`, `遵义酒业 ${stamp}`, `MT-${stamp}`, 2].map((value) => ({ value })),
    ] as never).toBuffer();

    const context = await browser().newContext({ viewport: viewports[size], locale: lang });
    await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
    const page = await context.newPage();
    await withScreenshotOnFailure(page, `import-${lang}-${size}`, async () => {
      await page.goto(`${cloud().url}/login`);
      await page.getByTestId('login-email').fill(owner.email);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await navigate(page, t.nav.imports);
      // The template for orders downloads in the reader's language, headers the importer reads.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('import-template').click(),
      ]);
      expect(download.suggestedFilename()).toBe(
        `${t.imports.templateFile.replace('{{kind}}', t.imports.kinds.orders)}.csv`,
      );
      expect(readFileSync((await download.path())!, 'utf8').split('\r\n')[0]).toBe(
        `\uFEFF${templateHeaders('orders', lang).join(',')}`,
      );
      await page.locator('input[type=file]').setInputFiles({
        name: '订单.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: file,
      });
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-job').getByText(t.imports.statuses.completed).waitFor();
      await page.getByTestId('import-created').getByText(t.imports.created.replace('{{count}}', '2')).waitFor();
      const errors = page.getByTestId('import-errors');
      await errors.getByRole('cell', { name: '3', exact: true }).waitFor();
      await errors.getByRole('cell', { name: '数量', exact: true }).waitFor();
      await errors.getByRole('cell', { name: t.imports.problems.whole_number, exact: true }).waitFor();
      await navigate(page, t.nav.orders);
      await page.getByTestId('orders-table').getByRole('link').nth(1).waitFor();
    });
    await context.close();
  }, 90_000);
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import {
  api,
  cloud,
  defaultWarehouse,
  eventually,
  newCustomer,
  newTenant,
  receive,
  userWithRole,
} from '#infra/local/testing.ts';
import { formatMinor } from '#shared/domain/money.ts';
import { zhCN } from '../src/locales.ts';
import {
  artifacts,
  dialog,
  exactly,
  label,
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

/** Waits until the dialog has gone (not only started closing), so the next one is found afresh. */
const dialogClosed = (page: Page) =>
  page
    .locator('.ant-modal:visible')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);

/** A value the page shows once it has loaded (expect.poll waits only a second by default). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

/** A full-page picture of what the admin sees, kept with the run's artifacts for people to look at. */
async function keepScreenshot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** A 1×1 PNG: what a logo upload takes. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** An .xlsx of products with the company's own columns (规格, 产地) beside the importer's. */
async function productsWorkbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('商品');
  sheet.addRow(['商品编码', '商品名称', '单价', '规格', '产地']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('zero-code settings in zh-CN on a desktop', () => {
  const t = zhCN;

  it('an admin adds 规格 and 产地 to products, imports products with them, prints 规格 on the delivery note, and a notification rule tells the owner of a large confirmed order', async () => {
    const owner = await newTenant('云杭茶业');
    const sales = await userWithRole(owner, 'sales');
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const sku = `ZC-${stamp}`;
    const spec = '250g×2';
    const file = await productsWorkbook([[sku, '西湖龙井礼盒', 388, spec, '杭州']]);
    const money = (minor: number) => formatMinor(minor, 'CNY', 'zh-CN');

    const context = await browser().newContext({ viewport: viewports.desktop, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'zero-code-zh-CN', async () => {
      await login(page, owner.email);

      // 1. The admin adds 规格 (text, shown in the list) and 产地 (杭州 or 云南) to products.
      await navigate(page, t.nav.customFields);
      await page.getByTestId('cf-entities').getByRole('tab', { name: t.customFields.entities.product }).click();
      await page.getByTestId('cf-fields-table').getByText(t.customFields.none).waitFor();
      await page.getByTestId('cf-add').click();
      let modal = await dialog(page);
      await page.getByTestId('cf-field-label-zh').fill('规格');
      await page.getByTestId('cf-field-label-en').fill('Spec');
      await poll(() => page.getByTestId('cf-field-key').inputValue()).toBe('spec');
      await page.getByTestId('cf-field-show-in-list').click();
      await modal.getByRole('button', { name: label(t.common.confirm) }).click();
      await dialogClosed(page);
      await page.getByTestId('cf-add').click();
      modal = await dialog(page);
      await page.getByTestId('cf-field-label-zh').fill('产地');
      await page.getByTestId('cf-field-label-en').fill('Origin');
      await poll(() => page.getByTestId('cf-field-key').inputValue()).toBe('origin');
      await pick(page, 'cf-field-type', '', t.customFields.types.select);
      await page.getByTestId('cf-option-zh-0').fill('杭州');
      await page.getByTestId('cf-option-en-0').fill('Hangzhou');
      await page.getByTestId('cf-add-option').click();
      await page.getByTestId('cf-option-zh-1').fill('云南');
      await page.getByTestId('cf-option-en-1').fill('Yunnan');
      await poll(() => page.getByTestId('cf-option-value-1').inputValue()).toBe('yunnan');
      await modal.getByRole('button', { name: label(t.common.confirm) }).click();
      await dialogClosed(page);
      const savedFields = page.waitForResponse(
        (r) => r.url().endsWith('/v1/custom-fields') && r.request().method() === 'PUT',
      );
      await page.getByTestId('cf-save').click();
      expect((await savedFields).status()).toBe(200);
      await page.getByTestId('cf-unsaved').waitFor({ state: 'detached' });

      // 2. Products imported from an .xlsx: 规格 and 产地 are columns headed by the fields' names.
      await navigate(page, t.nav.imports);
      await page.getByTestId('import-kind').getByText(t.imports.kinds.products, { exact: true }).click();
      await page.locator('input[type=file]').setInputFiles({
        name: '商品.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: file,
      });
      await page.getByTestId('import-preview').waitFor();
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-job').getByText(t.imports.statuses.completed).waitFor();
      await page.getByTestId('import-created').getByText(t.imports.created.replace('{{count}}', '1')).waitFor();
      const product = (await api(`/v1/products?q=${sku}`, { token: owner.token })).body.items[0];
      expect(product.customFields).toEqual({ spec, origin: 'hangzhou' });

      // 规格 is a column of the products list, the imported product's value in it.
      await navigate(page, t.nav.products);
      await page.getByTestId('products-table').getByRole('columnheader', { name: '规格' }).waitFor();
      // (The importer also reads a 规格 column as the product's description: the custom field's column is the one checked.)
      await record(page, 'products-table', sku).getByTestId('cf-value-spec').filter({ hasText: spec }).waitFor();

      // 3. Print settings: a logo (a JPEG and a too-large PNG are refused in words), bank details,
      // a footer, and 规格 on the delivery note; the preview follows each change.
      await navigate(page, t.nav.printSettings);
      const preview = page.getByTestId('print-preview');
      await preview
        .getByTestId('print-preview-title')
        .filter({ hasText: exactly(t.printSettings.sample.titles.delivery_note) })
        .waitFor();
      const logoInput = page.getByTestId('print-logo').locator('input[type=file]');
      await logoInput.setInputFiles({ name: 'logo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a png') });
      await page
        .getByTestId('print-logo-error')
        .getByText(t.printSettings.notPng.replace('{{name}}', 'logo.jpg'))
        .waitFor();
      await logoInput.setInputFiles({
        name: 'big.png',
        mimeType: 'image/png',
        buffer: Buffer.concat([tinyPng, Buffer.alloc(210 * 1024)]),
      });
      await page
        .getByTestId('print-logo-error')
        .getByText(t.printSettings.tooBig.replace('{{name}}', 'big.png').replace('{{size}}', '211'))
        .waitFor();
      await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: tinyPng });
      await page.getByTestId('print-logo-image').waitFor();
      await page.getByTestId('print-logo-error').waitFor({ state: 'detached' });
      await preview.getByTestId('print-preview-logo').waitFor();
      await page.getByTestId('print-bank-details').fill('中国工商银行杭州西湖支行 1202 0212 0900 1234 567');
      await page.getByTestId('print-footer').fill('货物签收后请当场核对数量');
      await preview.getByTestId('print-preview-footer').getByText('货物签收后请当场核对数量').waitFor();
      await pick(page, 'print-fields-delivery_note', '规格', '规格');
      await page.getByTestId('print-unsaved').click(); // closes the field list
      const lines = preview.getByTestId('print-preview-lines');
      await lines.getByRole('columnheader', { name: '规格' }).waitFor();
      // Prices on the delivery note are a choice: off, the preview has no 单价 column.
      expect(await lines.getByRole('columnheader', { name: t.printSettings.sample.price }).count()).toBe(0);
      const savedPrint = page.waitForResponse(
        (r) => r.url().endsWith('/v1/print-settings') && r.request().method() === 'PUT',
      );
      await page.getByTestId('print-save').click();
      expect((await savedPrint).status()).toBe(200);
      await page.getByTestId('print-unsaved').waitFor({ state: 'detached' });
      await lines.getByRole('columnheader', { name: '规格' }).waitFor();
      await keepScreenshot(page, 'zero-code-print-settings');
      const print = (await api('/v1/print-settings', { token: owner.token })).body;
      expect(print.documents.delivery_note).toEqual({ fields: ['spec'], showPrices: false });
      expect(print.logo).toBe(`data:image/png;base64,${tinyPng.toString('base64')}`);
      expect(print.footer).toBe('货物签收后请当场核对数量');

      // 4. An order for the product (made and shipped through the API), its delivery note printed
      // from the order's page, with 规格 as a column and the product's value in it.
      const warehouseId = await defaultWarehouse(owner);
      await receive(owner, product.id, warehouseId, 500);
      const customerName = `西湖茶庄 ${stamp}`;
      const customer = await newCustomer(owner, { name: customerName });
      const small = await api('/v1/orders', {
        token: owner.token,
        body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 2 }] },
      });
      expect(small.status, JSON.stringify(small.body)).toBe(201);
      const submitted = await api(`/v1/orders/${small.body.id}/submit`, { method: 'POST', token: owner.token });
      expect(submitted.body.status).toBe('confirmed');
      const shipped = await api(`/v1/orders/${small.body.id}/shipments`, {
        token: owner.token,
        body: { lines: [{ lineId: small.body.lines[0].lineId, quantity: 2 }] },
      });
      expect(shipped.body.status, JSON.stringify(shipped.body)).toBe('shipped');
      await page.goto(`${cloud().url}/orders/${small.body.id}`);
      await page.getByTestId('print-delivery-0').waitFor();
      const [note] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('print-delivery-0').click()]);
      await note.getByRole('heading', { name: '送货单' }).waitFor();
      await note.getByRole('columnheader', { name: '规格' }).waitFor();
      await note.getByRole('cell', { name: spec, exact: true }).waitFor();
      await note.getByText('货物签收后请当场核对数量').waitFor();
      await note.close();

      // 5. A rule: an order confirmed at ¥50,000 or more tells the owners.
      await navigate(page, t.nav.notificationRules);
      await page.getByTestId('rules-table').getByText(t.notificationRules.none).waitFor();
      await page.getByTestId('rule-add').click();
      modal = await dialog(page);
      await page.getByTestId('rule-name').fill('大额订单');
      await pick(page, 'rule-event', '订单已确认', t.notificationRules.events.order.confirmed);
      await pick(page, 'rule-field', '', t.notificationRules.fields.total);
      await pick(page, 'rule-op', '', t.notificationRules.ops.gte);
      await numberInput(page, 'rule-value').fill('50000');
      await pick(page, 'rule-roles', '', t.roles.owner);
      await modal.locator('.ant-modal-title').click(); // closes the roles list
      await modal.getByRole('button', { name: label(t.common.save) }).click();
      await dialogClosed(page);
      const rule = record(page, 'rules-table', '大额订单');
      await rule.getByText(`${t.notificationRules.fields.total} ≥ ${money(5_000_000)}`).waitFor();
      await rule.getByText(t.notificationRules.events.order.confirmed).waitFor();
      await rule.getByText(t.roles.owner, { exact: true }).waitFor();
      await keepScreenshot(page, 'zero-code-notification-rules');
      const rules = (await api('/v1/notification-rules', { token: owner.token })).body.rules;
      expect(rules).toMatchObject([
        {
          name: '大额订单',
          event: 'order.confirmed',
          when: { path: 'total', op: 'gte', value: 5_000_000 },
          notify: { roles: ['owner'], userIds: [], channelIds: [] },
          enabled: true,
        },
      ]);

      // 6. A large order (130 × ¥388 and tax: over ¥50,000) of a salesperson's is submitted and confirmed
      // (no approval rules): the owner is told, in the inbox and by the bell's count. (Whoever causes an
      // event is not told of it, so the order is someone else's than the owner.)
      const bigBuyer = `龙井茶庄 ${stamp}`;
      const salesCustomer = await newCustomer(sales, { name: bigBuyer });
      const large = await api('/v1/orders', {
        token: sales.token,
        body: { customerId: salesCustomer.id, lines: [{ productId: product.id, quantity: 130 }] },
      });
      expect(large.status, JSON.stringify(large.body)).toBe(201);
      expect(large.body.total).toBeGreaterThanOrEqual(5_000_000);
      const confirmed = await api(`/v1/orders/${large.body.id}/submit`, { method: 'POST', token: sales.token });
      expect(confirmed.body.status, JSON.stringify(confirmed.body)).toBe('confirmed');
      const told = await eventually(async () => {
        const inbox = await api('/v1/notifications?unread=true', { token: owner.token });
        const found = inbox.body.items.find(
          (n: { kind: string; link: string }) => n.kind === 'rule_matched' && n.link === `/orders/${large.body.id}`,
        );
        if (!found) throw new Error(`no rule notification yet: ${JSON.stringify(inbox.body)}`);
        return found as { params: Record<string, string> };
      });
      expect(told.params).toMatchObject({ rule: '大额订单', number: large.body.number });
      // The small order confirmed before the rule (and under ¥50,000) told no one.
      const all = (await api('/v1/notifications', { token: owner.token })).body.items;
      expect(all.filter((n: { kind: string }) => n.kind === 'rule_matched')).toHaveLength(1);

      await page.getByTestId('bell').click();
      await page.waitForURL(/\/notifications$/);
      const unreadBell = new RegExp(`^${t.inbox.bellUnread.replace('{{count}}', '\\d+')}$`);
      await page.getByRole('button', { name: unreadBell }).waitFor();
      const notification = page
        .getByTestId('notification')
        .filter({ hasText: `「大额订单」${large.body.number}` })
        .filter({ hasText: bigBuyer });
      await notification.getByText(t.inbox.kinds.rule_matched).waitFor();
      await notification.getByText(money(large.body.total)).waitFor();
      // It leads to the order.
      await notification.getByTestId('notification-open').click();
      await page.waitForURL(new RegExp(`/orders/${large.body.id}$`));
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();

      // The rule is deleted, after a confirmation.
      await navigate(page, t.nav.notificationRules);
      await record(page, 'rules-table', '大额订单').getByTestId('rule-delete-0').click();
      await (await dialog(page)).getByRole('button', { name: label(t.notificationRules.remove) }).click();
      await page.getByTestId('rules-table').getByText(t.notificationRules.none).waitFor();
      expect((await api('/v1/notification-rules', { token: owner.token })).body.rules).toEqual([]);
    });
    await context.close();
  }, 240_000);
});

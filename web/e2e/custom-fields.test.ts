import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, cloud, newProduct, newTenant } from '#infra/local/testing.ts';
import { formatMinor } from '#shared/domain/money.ts';
import { en, zhCN } from '../src/locales.ts';
import {
  dialog,
  eventually,
  label,
  login,
  navigate,
  noSidewaysScroll,
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

const money = (minor: number) => formatMinor(minor, 'CNY', 'en');

/** The custom-fields page has saved (its draft is gone) and answered what the server now holds. */
async function saveFields(page: Page) {
  const saved = page.waitForResponse((r) => r.url().endsWith('/v1/custom-fields') && r.request().method() === 'PUT');
  await page.getByTestId('cf-save').click();
  expect((await saved).status()).toBe(200);
  await page.getByTestId('cf-unsaved').waitFor({ state: 'detached' });
}

describe('custom fields in zh-CN on a desktop', () => {
  const t = zhCN;

  it('an admin adds 规格 and 产地 to products with a live preview; a product is made with both, 规格 shows in the list, 产地 filters it, and a required field left empty is refused in words', async () => {
    const owner = await newTenant('云杭茶业');
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const sku = `CF-${stamp}`;
    const context = await browser().newContext({ viewport: viewports.desktop, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'custom-fields-zh-CN', async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.customFields);
      await page.getByTestId('cf-entities').getByRole('tab', { name: t.customFields.entities.product }).click();
      await page.getByTestId('cf-fields-table').getByText(t.customFields.none).waitFor();

      // 规格: text, shown in the list; its code follows the English name.
      await page.getByTestId('cf-add').click();
      let modal = await dialog(page);
      await page.getByTestId('cf-field-label-zh').fill('规格');
      await page.getByTestId('cf-field-label-en').fill('Spec');
      await eventually(() => page.getByTestId('cf-field-key').inputValue()).toBe('spec');
      await page.getByTestId('cf-field-show-in-list').click();
      // The dialog shows the field as the form will.
      await modal.getByTestId('cf-field-preview').getByText('规格').waitFor();
      await modal.getByRole('button', { name: label(t.common.confirm) }).click();
      await dialogClosed(page);
      const preview = page.getByTestId('cf-preview');
      await preview.getByTestId('preview-cf-spec').waitFor();

      // 产地: one of 杭州 and 云南, to filter by.
      await page.getByTestId('cf-add').click();
      modal = await dialog(page);
      await page.getByTestId('cf-field-label-zh').fill('产地');
      await page.getByTestId('cf-field-label-en').fill('Origin');
      await eventually(() => page.getByTestId('cf-field-key').inputValue()).toBe('origin');
      await pick(page, 'cf-field-type', '', t.customFields.types.select);
      await page.getByTestId('cf-option-zh-0').fill('杭州');
      await page.getByTestId('cf-option-en-0').fill('Hangzhou');
      await page.getByTestId('cf-add-option').click();
      await page.getByTestId('cf-option-zh-1').fill('云南');
      await page.getByTestId('cf-option-en-1').fill('Yunnan');
      await eventually(() => page.getByTestId('cf-option-value-1').inputValue()).toBe('yunnan');
      await page.getByTestId('cf-field-filterable').click();
      await modal.getByRole('button', { name: label(t.common.confirm) }).click();
      await dialogClosed(page);

      // The preview shows both as the product form will, before anything is saved.
      await preview.getByText('规格').waitFor();
      await preview.getByText('产地').waitFor();
      await preview.getByTestId('preview-cf-origin').waitFor();
      await page.getByTestId('cf-unsaved').waitFor();
      await saveFields(page);
      const config = (await api('/v1/custom-fields', { token: owner.token })).body;
      expect(config.fields).toMatchObject([
        { entity: 'product', key: 'spec', type: 'text', showInList: true, filterable: false, required: false },
        {
          entity: 'product',
          key: 'origin',
          type: 'select',
          // The dialog started afresh: nothing of the field added before it.
          showInList: false,
          filterable: true,
          options: [
            { value: 'hangzhou', label: { 'zh-CN': '杭州', en: 'Hangzhou' } },
            { value: 'yunnan', label: { 'zh-CN': '云南', en: 'Yunnan' } },
          ],
        },
      ]);

      // A product from Yunnan, made through the API, to be filtered out.
      const yunnan = await newProduct(owner, {
        sku: `YN-${stamp}`,
        name: '滇红',
        customFields: { spec: '100g', origin: 'yunnan' },
      });

      // The product form has both fields; the product is saved with them.
      await navigate(page, t.nav.products);
      await page.getByTestId('new-product').click();
      modal = await dialog(page);
      await page.getByTestId('product-sku').fill(sku);
      await page.getByTestId('product-name').fill('西湖龙井');
      await numberInput(page, 'product-price').fill('388');
      await page.getByTestId('cf-spec').fill('250g×2');
      await pick(page, 'cf-origin', '', '杭州');
      await modal.getByRole('button', { name: label(t.common.save) }).click();
      await dialogClosed(page);
      const made = (await api(`/v1/products?q=${sku}`, { token: owner.token })).body.items[0];
      expect(made.customFields).toEqual({ spec: '250g×2', origin: 'hangzhou' });

      // 规格 is a column of the list; 产地 filters it.
      const table = page.getByTestId('products-table');
      await table.getByRole('columnheader', { name: '规格' }).waitFor();
      await record(page, 'products-table', sku).getByText('250g×2').waitFor();
      await record(page, 'products-table', yunnan.sku).getByText('100g').waitFor();
      await pick(page, 'cf-filter-origin', '', '杭州');
      await record(page, 'products-table', yunnan.sku).waitFor({ state: 'detached' });
      await record(page, 'products-table', sku).waitFor();

      await navigate(page, t.nav.customFields);
      await page.getByTestId('cf-entities').getByRole('tab', { name: t.customFields.entities.product }).click();
      // 规格 holds values: its type cannot change, and the page says so in words.
      await page.getByTestId('cf-edit-spec').click();
      modal = await dialog(page);
      await pick(page, 'cf-field-type', '', t.customFields.types.number);
      await modal.getByRole('button', { name: label(t.common.confirm) }).click();
      await dialogClosed(page);
      await page.getByTestId('cf-save').click();
      await page
        .getByTestId('cf-save-error')
        .filter({ hasText: t.customFields.inUse.replace('{{entity}}', '商品').replace('{{label}}', '规格') })
        .waitFor();
      await page.getByTestId('cf-discard').click();
      await page.getByTestId('cf-unsaved').waitFor({ state: 'detached' });

      await page.getByTestId('cf-edit-spec').click();
      modal = await dialog(page);
      // A saved field keeps its code.
      expect(await page.getByTestId('cf-field-key').isDisabled()).toBe(true);
      // 规格 made required: a product without it is refused, saying so at the field.
      await page.getByTestId('cf-field-required').click();
      await modal.getByRole('button', { name: label(t.common.confirm) }).click();
      await dialogClosed(page);
      await saveFields(page);

      await navigate(page, t.nav.products);
      await page.getByTestId('new-product').click();
      modal = await dialog(page);
      await page.getByTestId('product-sku').fill(`${sku}-2`);
      await page.getByTestId('product-name').fill('安吉白茶');
      await numberInput(page, 'product-price').fill('200');
      await modal.getByRole('button', { name: label(t.common.save) }).click();
      const specItem = modal.locator('.ant-form-item').filter({ has: page.getByTestId('cf-spec') });
      await specItem.locator('.ant-form-item-explain-error').filter({ hasText: t.errors.required }).waitFor();
      expect((await api(`/v1/products?q=${sku}-2`, { token: owner.token })).body.items).toHaveLength(0);
      // Filled in, it is saved.
      await page.getByTestId('cf-spec').fill('500g');
      await modal.getByRole('button', { name: label(t.common.save) }).click();
      await dialogClosed(page);
      await record(page, 'products-table', `${sku}-2`).getByText('500g').waitFor();
    });
    await context.close();
  }, 150_000);
});

describe('custom fields in en on a phone', () => {
  const t = en;

  it("at 390 px in English: the admin page with a removed field, a product card, a customer page and its form (an amount in yuan, a removed value kept read-only), an order page and card, a supplier's form and a ticket's page", async () => {
    const owner = await newTenant('Cloud Tea');
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const put = (fields: unknown[]) =>
      api('/v1/custom-fields', { method: 'PUT', token: owner.token, body: { fields } });
    const fields = [
      {
        entity: 'product',
        key: 'origin',
        label: { 'zh-CN': '产地', en: 'Origin' },
        type: 'select',
        options: [
          { value: 'hangzhou', label: { 'zh-CN': '杭州', en: 'Hangzhou' } },
          { value: 'yunnan', label: { 'zh-CN': '云南', en: 'Yunnan' } },
        ],
        showInList: true,
        filterable: true,
      },
      {
        entity: 'customer',
        key: 'deposit',
        label: { 'zh-CN': '押金', en: 'Deposit' },
        type: 'money',
        showInList: true,
      },
      { entity: 'customer', key: 'vip', label: { 'zh-CN': '重点客户', en: 'Key account' }, type: 'boolean' },
      { entity: 'order', key: 'plate', label: { 'zh-CN': '车牌号', en: 'Plate' }, type: 'text', showInList: true },
      { entity: 'supplier', key: 'since', label: { 'zh-CN': '合作起始', en: 'Supplier since' }, type: 'date' },
      {
        entity: 'ticket',
        key: 'serial',
        label: { 'zh-CN': '序列号', en: 'Serial number' },
        type: 'text',
        showInList: true,
      },
    ];
    const region = { entity: 'customer', key: 'region', label: { 'zh-CN': '片区', en: 'Region' }, type: 'text' };
    expect((await put([...fields, region])).status).toBe(200);
    const product = await newProduct(owner, { sku: `PH-${stamp}`, customFields: { origin: 'yunnan' } });
    const customer = await api('/v1/customers', {
      token: owner.token,
      body: { name: `Tea House ${stamp}`, customFields: { deposit: 123_456, vip: true, region: 'East' } },
    });
    expect(customer.status, JSON.stringify(customer.body)).toBe(201);
    // 片区 removed: its value stays, read-only.
    expect((await put(fields)).status).toBe(200);
    const order = await api('/v1/orders', {
      token: owner.token,
      body: {
        customerId: customer.body.id,
        lines: [{ productId: product.id, quantity: 1 }],
        customFields: { plate: '沪A12345' },
      },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const supplier = await api('/v1/suppliers', {
      token: owner.token,
      body: { name: `Tea Farm ${stamp}`, customFields: { since: '2024-03-01' } },
    });
    expect(supplier.status, JSON.stringify(supplier.body)).toBe(201);
    const ticket = await api('/v1/tickets', {
      token: owner.token,
      body: { customerId: customer.body.id, kind: 'repair', subject: 'Kettle leaks', customFields: { serial: 'SN-1' } },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);

    const context = await browser().newContext({ viewport: viewports.phone, locale: 'en' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'en'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'custom-fields-en-phone', async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.customFields);
      await page.getByTestId('cf-entities').getByRole('tab', { name: t.customFields.entities.customer }).click();
      await record(page, 'cf-fields-table', 'Deposit').waitFor();
      await page.getByTestId('cf-preview').getByText('Key account').waitFor();
      await page.getByTestId('cf-removed').getByText('Region', { exact: true }).waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);

      // A product is a card on a phone, its origin among its rows.
      await navigate(page, t.nav.products);
      await record(page, 'products-table', product.sku).getByText('Yunnan').waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);

      // The customer's page: the amount in yuan, yes/no in words, the removed field's value marked so.
      await page.goto(`${cloud().url}/customers/${customer.body.id}`);
      await page
        .getByTestId('cf-shown-deposit')
        .filter({ hasText: money(123_456) })
        .waitFor();
      await page.getByTestId('cf-shown-vip').filter({ hasText: t.common.yes }).waitFor();
      await page.getByTestId('cf-shown-region').filter({ hasText: 'East' }).waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);

      // Its form: the amount typed in yuan, the removed value shown but not editable, and kept.
      await page.getByTestId('edit-customer').click();
      const deposit = numberInput(page, 'cf-deposit');
      await eventually(() => deposit.inputValue()).toBe('1234.56');
      expect(await page.getByTestId('cf-removed-region').isDisabled()).toBe(true);
      expect(await page.getByTestId('cf-removed-region').inputValue()).toBe('East');
      await deposit.fill('2000');
      await page.getByTestId('customer-save').click();
      await page
        .getByTestId('cf-shown-deposit')
        .filter({ hasText: money(200_000) })
        .waitFor();
      const saved = (await api(`/v1/customers/${customer.body.id}`, { token: owner.token })).body;
      expect(saved.customFields).toEqual({ deposit: 200_000, vip: true, region: 'East' });

      // The order's page and its card in the list.
      await page.goto(`${cloud().url}/orders/${order.body.id}`);
      await page.getByTestId('cf-shown-plate').filter({ hasText: '沪A12345' }).waitFor();
      await navigate(page, t.nav.orders);
      await record(page, 'orders-table', order.body.number).getByText('沪A12345').waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);

      // A supplier's form holds its day; a ticket's page shows its serial number and changes it.
      await page.goto(`${cloud().url}/suppliers/${supplier.body.id}`);
      await eventually(() =>
        page.locator('input[data-testid="cf-since"], [data-testid="cf-since"] input').first().inputValue(),
      ).toBe('2024-03-01');
      await page.goto(`${cloud().url}/tickets/${ticket.body.id}`);
      await page.getByTestId('cf-shown-serial').filter({ hasText: 'SN-1' }).waitFor();
      await page.getByTestId('ticket-edit-fields').click();
      const modal = await dialog(page);
      await page.getByTestId('cf-serial').fill('SN-2');
      await modal.getByRole('button', { name: label(t.common.save) }).click();
      await page.getByTestId('cf-shown-serial').filter({ hasText: 'SN-2' }).waitFor();
      expect((await api(`/v1/tickets/${ticket.body.id}`, { token: owner.token })).body.customFields).toEqual({
        serial: 'SN-2',
      });
    });
    await context.close();
  }, 120_000);
});

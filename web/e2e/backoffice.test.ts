import { describe, it } from 'vitest';
import { api, cloud, defaultWarehouse, newCustomer, newProduct, newTenant, receive } from '#infra/local/testing.ts';
import { formatMinor } from '#shared/domain/money.ts';
import { en, zhCN } from '../src/locales.ts';
import {
  dialog,
  eventually,
  exactly,
  label,
  login,
  menuName,
  numberInput,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

const cases = [
  ['zh-CN', zhCN, 'desktop'],
  ['en', en, 'phone'],
] as const;

describe.each(cases)('back office in %s', (lang, t, viewport) => {
  it(`ships an order, sees its invoice, records a partial and a final payment, prints the customer's statement, sees the dashboard move and acknowledges a low-stock alert (${viewport})`, async () => {
    // Setup through the API: a product with a safety stock of 10 and 12 on hand, and a confirmed order of 5 (so 7 available: low).
    const owner = await newTenant(`茶行 ${lang}`);
    const warehouseId = await defaultWarehouse(owner);
    const product = await newProduct(owner, {
      name: '明前龙井',
      price: { amount: 20_000, currency: 'CNY' },
      taxRate: 1300,
      safetyStock: 10,
    });
    await receive(owner, product.id, warehouseId, 12);
    const customer = await newCustomer(owner, { name: '西湖茶庄' });
    const created = await api('/v1/orders', {
      token: owner.token,
      body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 5 }] },
    });
    const order = (await api(`/v1/orders/${created.body.id}/submit`, { method: 'POST', token: owner.token })).body;
    const total = order.total as number; // 5 × 200.00 + 13 % = 1,130.00
    const money = (minor: number) => formatMinor(minor, 'CNY', lang);

    // In the company's time zone, as its staff are: the statement's default period ends today there.
    const context = await browser().newContext({
      viewport: viewports[viewport],
      locale: lang,
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
    const page = await context.newPage();
    await withScreenshotOnFailure(page, `backoffice-${lang}`, async () => {
      await login(page, owner.email);
      await page.goto(`${cloud().url}/orders/${order.id}`);
      await page.getByTestId('order-ship').click();
      await (await dialog(page)).getByRole('button', { name: label(t.orders.ship) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.shipped) })
        .waitFor();

      // The invoicing consumer makes the invoice; the order page shows it when it is there.
      const invoiceLink = page.getByTestId('order-invoices').getByRole('link', { name: /^INV-\d{4}-\d{6}$/ });
      await invoiceLink.waitFor();
      await invoiceLink.click();
      await page
        .getByTestId('invoice-status')
        .filter({ hasText: exactly(t.finance.statuses.open) })
        .waitFor();
      await page
        .getByTestId('invoice-due')
        .filter({ hasText: money(total) })
        .waitFor();

      // A partial payment by WeChat Pay, then the rest by bank transfer (the dialog offers what is due).
      await page.getByTestId('record-payment').click();
      await numberInput(page, 'payment-amount').fill('300');
      // Chosen, and seen chosen: on a loaded machine a click during the dialog's opening can be lost.
      const methods = page.getByTestId('payment-method');
      const wechat = methods.locator('.ant-radio-button-wrapper-checked', { hasText: t.finance.methods.wechat_pay });
      await eventually(async () => {
        if (!(await wechat.count()))
          await methods
            .getByText(t.finance.methods.wechat_pay, { exact: true })
            .click({ timeout: 5_000 })
            .catch(() => undefined);
        return wechat.count();
      }).toBe(1);
      await page.getByTestId('payment-reference').fill('4200001234202611220001');
      await (await dialog(page)).getByRole('button', { name: label(t.common.save) }).click();
      await page
        .getByTestId('invoice-status')
        .filter({ hasText: exactly(t.finance.statuses.partially_paid) })
        .waitFor();
      await page
        .getByTestId('invoice-due')
        .filter({ hasText: money(total - 30_000) })
        .waitFor();

      await page.locator('.ant-modal:visible').waitFor({ state: 'detached' }); // the first dialog is gone, not just closing
      await page.getByTestId('record-payment').click();
      await page.getByTestId('payment-amount').waitFor();
      await (await dialog(page)).getByRole('button', { name: label(t.common.save) }).click();
      // Exactly "paid": "Partially paid" contains it.
      await page
        .getByTestId('invoice-status')
        .filter({ hasText: exactly(t.finance.statuses.paid) })
        .waitFor();
      await page.getByTestId('payments-table').getByText(t.finance.methods.wechat_pay).waitFor();
      await page.getByTestId('record-payment').waitFor({ state: 'detached' });

      // The customer's statement of account: this month's invoice and both payments, nothing left to pay.
      await page.goto(`${cloud().url}/customers/${customer.id}`);
      await page.getByTestId('customer-statement').click();
      await page.locator('.ant-modal:visible').getByTestId('statement-range').first().waitFor();
      const [statement] = await Promise.all([
        page.waitForEvent('popup'),
        (await dialog(page)).getByRole('button', { name: label(t.customers.printStatement) }).click(),
      ]);
      await statement.getByRole('heading', { name: lang === 'en' ? 'Statement of account' : '对账单' }).waitFor();
      await statement
        .locator('[data-field="debits"]')
        .filter({ hasText: money(total) })
        .waitFor();
      await statement
        .locator('[data-field="closing"]')
        .filter({ hasText: money(0) })
        .waitFor();
      await statement.close();

      // The dashboard shows today's sales and payments (aggregates arrive through the bus; it refreshes itself).
      await page.goto(`${cloud().url}/`);
      await page.getByTestId('dashboard-figures').getByText(money(total)).first().waitFor({ timeout: 30_000 });
      await page.getByTestId('trend-chart').locator('canvas').waitFor();

      // The low-stock alert is in the inbox; acknowledging it empties the open list.
      if (viewport === 'desktop') await page.getByRole('menuitem', { name: menuName(t.nav.alerts) }).click();
      else await page.goto(`${cloud().url}/alerts`);
      const table = page.getByTestId('alerts-table');
      await table.getByText(product.sku).waitFor({ timeout: 30_000 });
      await page.getByTestId('ack-low_stock').click();
      await table.getByText(t.alerts.none).waitFor();
    });
    await context.close();
  }, 120_000);
});

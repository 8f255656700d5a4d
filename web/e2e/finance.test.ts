import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import {
  api,
  cloud,
  defaultWarehouse,
  invoicesOf,
  newCustomer,
  newProduct,
  newTenant,
  receive,
} from '#infra/local/testing.ts';
import { formatMinor } from '#shared/domain/money.ts';
import { en, zhCN } from '../src/locales.ts';
import {
  dialog,
  exactly,
  label,
  login,
  navigate,
  numberInput,
  pick,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

/** The figures of issue 11's rounding table: ¥388.00 × 10 at 13 %, prices including tax. */
const TEA = { unitPrice: 38_800, quantity: 10, total: 388_000, tax: 44_637, net: 343_363 };

/** Waits until the dialog has gone (not only started closing), so the next one is found afresh. */
const dialogClosed = (page: Page) =>
  page
    .locator('.ant-modal:visible')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);

async function newBrowserPage(lang: 'zh-CN' | 'en', size: keyof typeof viewports) {
  // In the company's time zone, as its staff are: "today" on a date picker is the company's day.
  const context = await browser().newContext({ viewport: viewports[size], locale: lang, timezoneId: 'Asia/Shanghai' });
  await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
  return { context, page: await context.newPage() };
}

/** An antd Select (found by its test id, wherever antd put it) showing `text` as its value. */
const selectShowing = (page: Page, testId: string, text: string) =>
  page
    .locator(`.ant-select:has([data-testid="${testId}"]), .ant-select[data-testid="${testId}"]`)
    .filter({ hasText: text })
    .first();

/** On the order page: the invoice link once the invoicing consumer has made it, and its number. */
async function invoiceOfOrder(page: Page) {
  const link = page.getByTestId('order-invoices').getByRole('link', { name: /^INV-\d{4}-\d{6}$/ });
  await link.waitFor({ timeout: 30_000 });
  return { link, number: (await link.textContent())!.trim() };
}

describe('money, tax and finance in zh-CN on a desktop', () => {
  const t = zhCN;
  const money = (minor: number, currency = 'CNY') => formatMinor(minor, currency, 'zh-CN');

  it("runs a tea wholesaler's day: a 含税 order, its deposit, shipment, the statement settled by the deposit, the fapiao requested, exported and recorded; then a USD customer's order and the figures in CNY with the USD part", async () => {
    const owner = await newTenant('西湖茶叶批发', { pricesIncludeTax: true });
    const warehouseId = await defaultWarehouse(owner);
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const sku = `LJ-${stamp}`;
    const { context, page } = await newBrowserPage('zh-CN', 'desktop');
    await withScreenshotOnFailure(page, 'finance-zh-CN', async () => {
      await login(page, owner.email);

      // The catalog: a 388 yuan box of tea, priced 含税 as the company quotes, at the default 13 %.
      await navigate(page, t.nav.products);
      await page.getByTestId('new-product').click();
      const productDialog = await dialog(page);
      await productDialog.getByText(t.money.unitPriceInclusive).waitFor();
      await page.getByTestId('product-sku').fill(sku);
      await page.getByTestId('product-name').fill('明前龙井 250g');
      await numberInput(page, 'product-price').fill('388');
      expect(await numberInput(page, 'product-tax-rate').inputValue()).toBe('13.00');
      await productDialog.getByRole('button', { name: label(t.common.save) }).click();
      await dialogClosed(page);
      await page.getByRole('cell', { name: sku }).waitFor();
      const product = (await api(`/v1/products?q=${sku}`, { token: owner.token })).body.items[0];
      expect(product.taxRate).toBe(1300);
      await receive(owner, product.id, warehouseId, 100);

      // A customer with its 开票信息 (a VAT special fapiao), trading in the base currency.
      await navigate(page, t.nav.customers);
      await page.getByTestId('new-customer').click();
      await page.getByTestId('customer-name').fill(`西湖茶庄 ${stamp}`);
      await selectShowing(page, 'customer-currency', 'CNY').waitFor();
      await page.getByTestId('billing-title').fill(`杭州西湖茶庄有限公司 ${stamp}`);
      await page.getByTestId('billing-tax-id').fill('91330106MA2B3C4D5E');
      await page.getByTestId('billing-bank-name').fill('中国工商银行杭州西湖支行');
      await page.getByTestId('billing-bank-account').fill('1202020209000012345');
      await pick(page, 'billing-fapiao-type', '', t.billing.fapiaoTypes.vat_special);
      await page.getByTestId('customer-save').click();
      await page
        .getByTestId('customer-title')
        .filter({ hasText: `西湖茶庄 ${stamp}` })
        .waitFor();
      await page.getByTestId('customer-billing').getByText('91330106MA2B3C4D5E').waitFor();
      await page.getByTestId('customer-currency').filter({ hasText: 'CNY' }).waitFor();

      // The order: ten boxes at ¥388.00 含税 come to exactly ¥3,880.00, ¥446.37 of it tax.
      await navigate(page, t.nav.orders);
      await page.getByTestId('new-order').click();
      await pick(page, 'order-customer', '西湖茶庄', `西湖茶庄 ${stamp}`);
      await pick(page, 'line-product-0', sku, sku);
      await numberInput(page, 'line-quantity-0').fill(String(TEA.quantity));
      await page.getByText(t.money.unitPriceInclusive).first().waitFor();
      await page.getByTestId('order-basis').getByText(t.money.inclusive, { exact: true }).waitFor();
      await page
        .getByTestId('order-totals-total')
        .filter({ hasText: money(TEA.total) })
        .waitFor();
      await page
        .getByTestId('order-totals-tax')
        .filter({ hasText: money(TEA.tax) })
        .waitFor();
      await page
        .getByTestId('order-totals-net')
        .filter({ hasText: money(TEA.net) })
        .waitFor();
      await page.getByTestId('save-order').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.draft) })
        .waitFor();
      await page
        .getByTestId('order-tax-basis')
        .filter({ hasText: exactly(t.money.inclusive) })
        .waitFor();
      await page
        .getByTestId('order-totals-total')
        .filter({ hasText: money(TEA.total) })
        .waitFor();
      await page
        .getByTestId('order-totals-tax')
        .filter({ hasText: money(TEA.tax) })
        .waitFor();
      const orderUrl = page.url();
      await page.getByTestId('order-submit').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();

      // 款到发货: the customer pays the whole order before it ships; the deposit defaults to the order total.
      await page.getByTestId('record-deposit').click();
      const depositDialog = await dialog(page);
      await depositDialog.getByTestId('deposit-hint').waitFor();
      expect(await numberInput(page, 'payment-amount').inputValue()).toBe('3880.00');
      await page.getByTestId('payment-reference').fill(`HZ-${stamp}`);
      await depositDialog.getByRole('button', { name: label(t.common.save) }).click();
      await dialogClosed(page);
      await page.getByTestId('order-deposits').getByText(money(TEA.total)).first().waitFor();
      await page
        .getByTestId('deposits-total')
        .filter({ hasText: money(TEA.total) })
        .waitFor();

      // Shipped: the statement is issued and the deposit settles it at once.
      await page.getByTestId('order-ship').click();
      await (await dialog(page)).getByRole('button', { name: label(t.orders.ship) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.shipped) })
        .waitFor();
      const invoice = await invoiceOfOrder(page);
      await page.getByTestId('order-invoices').getByText(exactly(t.finance.statuses.paid)).waitFor({ timeout: 30_000 });
      await page.getByTestId('order-deposits').getByRole('link', { name: invoice.number }).waitFor({ timeout: 30_000 });
      await invoice.link.click();
      await page
        .getByTestId('invoice-title')
        .filter({ hasText: `${t.finance.invoice} ${invoice.number}` })
        .waitFor();
      await page
        .getByTestId('invoice-status')
        .filter({ hasText: exactly(t.finance.statuses.paid) })
        .waitFor();
      await page.getByTestId('not-fapiao').waitFor();
      await page
        .getByTestId('invoice-tax-basis')
        .filter({ hasText: exactly(t.money.inclusive) })
        .waitFor();
      await page
        .getByTestId('invoice-totals-tax')
        .filter({ hasText: money(TEA.tax) })
        .waitFor();
      await page.getByTestId('invoice-totals-capitals').filter({ hasText: '叁仟捌佰捌拾元整' }).waitFor();
      await page.getByTestId('invoice-buyer').getByText(`杭州西湖茶庄有限公司 ${stamp}`).waitFor();
      await page.getByTestId('payments-table').getByText(money(TEA.total)).waitFor();
      await page
        .getByTestId('fapiao-status')
        .filter({ hasText: exactly(t.fapiao.statuses.not_requested) })
        .waitFor();

      // Finance's daily screen: the statement waits for a fapiao; request it and export the batch for the tax system.
      await navigate(page, t.nav.invoices);
      await page.getByTestId('tab-not-requested').click();
      const waiting = page.getByTestId('invoices-table').getByRole('row').filter({ hasText: invoice.number });
      await waiting.getByRole('checkbox').check();
      await page.getByTestId('request-fapiao-bulk').click();
      await page.getByText(t.fapiao.requestedCount.replace('{{count}}', '1')).waitFor();
      await waiting.waitFor({ state: 'detached' });
      await page.getByTestId('tab-requested').click();
      await page
        .getByTestId('invoices-table')
        .getByRole('row')
        .filter({ hasText: invoice.number })
        .getByText(exactly(t.fapiao.statuses.requested))
        .waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-fapiao').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a real workbook (a zip), not text
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const cells = workbook.worksheets.flatMap((s) =>
        s.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map((c) => String(c ?? '')) : [])),
      );
      for (const expected of [
        '购买方名称',
        '购买方纳税人识别号',
        '税额',
        `杭州西湖茶庄有限公司 ${stamp}`,
        '91330106MA2B3C4D5E',
      ])
        expect(
          cells.some((c) => c.includes(expected)),
          expected,
        ).toBe(true);

      // The fapiao issued in the tax system is recorded against the statement: its whole amount by default.
      await page.getByTestId('invoices-table').getByRole('link', { name: invoice.number }).click();
      await page
        .getByTestId('fapiao-status')
        .filter({ hasText: exactly(t.fapiao.statuses.requested) })
        .waitFor();
      await page.getByTestId('record-fapiao').click();
      const fapiaoDialog = await dialog(page);
      await fapiaoDialog.getByText(t.billing.fapiaoTypes.vat_special).waitFor();
      expect(await numberInput(page, 'fapiao-amount').inputValue()).toBe('3880.00');
      await page.getByTestId('fapiao-number').fill('24332000000012345678');
      await fapiaoDialog.getByRole('button', { name: label(t.common.save) }).click();
      await dialogClosed(page);
      await page
        .getByTestId('fapiao-status')
        .filter({ hasText: exactly(t.fapiao.statuses.issued) })
        .waitFor();
      await page.getByTestId('fapiao-records').getByText('24332000000012345678').waitFor();
      await page
        .getByTestId('fapiao-remaining')
        .filter({ hasText: money(0) })
        .waitFor();

      // Now the company has orders: its base currency can no longer change, and settings say so.
      await navigate(page, t.nav.settings);
      await page.getByTestId('settings-prices-include-tax').and(page.locator('[aria-checked="true"]')).waitFor();
      await pick(page, 'settings-base-currency', 'HKD', 'HKD');
      await page.getByTestId('settings-save').click();
      await page.getByText(t.errors.base_currency_locked).waitFor();

      // Finance sets the US dollar's rate...
      await navigate(page, t.nav.exchangeRates);
      await page.getByTestId('add-rate').click();
      await pick(page, 'rate-currency-0', 'USD', 'USD');
      await page.getByTestId('rate-value-0').fill('7.1234');
      await page.getByTestId('rates-save').click();
      await page.getByText(t.common.saved).waitFor();
      await page.getByTestId('rate-row-0').getByText(t.rates.inForce).waitFor();

      // ...a customer who trades in USD...
      await navigate(page, t.nav.customers);
      await page.getByTestId('new-customer').click();
      await page.getByTestId('customer-name').fill(`Pacific Tea Traders ${stamp}`);
      await pick(page, 'customer-currency', 'USD', 'USD');
      await page.getByTestId('customer-save').click();
      await page
        .getByTestId('customer-title')
        .filter({ hasText: `Pacific Tea Traders ${stamp}` })
        .waitFor();
      await page.getByTestId('customer-currency').filter({ hasText: 'USD' }).waitFor();

      // ...orders two boxes at US$50.00 each, priced in USD (the list price is in CNY, so it is typed).
      await navigate(page, t.nav.orders);
      await page.getByTestId('new-order').click();
      await pick(page, 'order-customer', 'Pacific', `Pacific Tea Traders ${stamp}`);
      await pick(page, 'line-product-0', sku, sku);
      await numberInput(page, 'line-quantity-0').fill('2');
      await page.getByTestId('line-unquoted-0').waitFor();
      await numberInput(page, 'line-price-0').fill('50');
      await page
        .getByTestId('order-totals-total')
        .filter({ hasText: money(10_000, 'USD') })
        .waitFor();
      await page.getByTestId('save-order').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.draft) })
        .waitFor();
      await page.getByTestId('order-currency').filter({ hasText: 'USD' }).waitFor();
      await page.getByTestId('order-fx-rate').filter({ hasText: '1 USD = 7.1234 CNY' }).waitFor();
      await page.getByTestId('order-submit').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      await page.getByTestId('order-ship').click();
      await (await dialog(page)).getByRole('button', { name: label(t.orders.ship) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.shipped) })
        .waitFor();
      await invoiceOfOrder(page);

      // Aging: totals in CNY (US$100.00 at 7.1234 is ¥712.34; the CNY statement is paid), the USD part beside them.
      await navigate(page, t.nav.aging);
      const usdRow = page
        .getByTestId('aging-table')
        .getByRole('row')
        .filter({ hasText: `Pacific Tea Traders ${stamp}` });
      await usdRow.getByText(money(10_000, 'USD')).first().waitFor();
      await usdRow.getByText(money(71_234)).waitFor();
      await page
        .getByTestId('aging-total')
        .filter({ hasText: money(71_234) })
        .waitFor();
      await page
        .getByTestId('aging-by-currency')
        .getByRole('row')
        .filter({ hasText: 'USD' })
        .getByText(money(10_000, 'USD'))
        .first()
        .waitFor();

      // The dashboard: this month's sales in CNY, both orders (¥3,880.00 + ¥712.34), and the USD line.
      await navigate(page, t.nav.dashboard);
      await page.getByTestId('dashboard-base').filter({ hasText: 'CNY' }).waitFor();
      await page
        .getByTestId('dashboard-figures')
        .getByText(money(TEA.total + 71_234))
        .first()
        .waitFor({ timeout: 40_000 });
      const usdLine = page.getByTestId('dashboard-by-currency').getByRole('row').filter({ hasText: 'USD' });
      await usdLine.getByText(money(10_000, 'USD')).first().waitFor({ timeout: 40_000 });

      // The first order still reads as it was made: 含税, in CNY, no exchange rate shown.
      await page.goto(orderUrl);
      await page
        .getByTestId('order-tax-basis')
        .filter({ hasText: exactly(t.money.inclusive) })
        .waitFor();
      expect(await page.getByTestId('order-fx-rate').count()).toBe(0);
    });
    await context.close();
  }, 240_000);
});

describe('money, tax and finance in en on a phone', () => {
  const t = en;
  const money = (minor: number) => formatMinor(minor, 'CNY', 'en');

  it('shows the 含税 order as Net / Tax / Total incl. tax, records a deposit that settles the statement, then allocates one transfer to two statements and reverses it with a reason', async () => {
    const owner = await newTenant('Lakeside Tea Trading', { pricesIncludeTax: true });
    const warehouseId = await defaultWarehouse(owner);
    const product = await newProduct(owner, {
      name: 'Longjing 250g',
      price: { amount: TEA.unitPrice, currency: 'CNY' },
      taxRate: 1300,
    });
    await receive(owner, product.id, warehouseId, 100);
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const customer = await newCustomer(owner, { name: `Lakeside Tea House ${stamp}` });
    // Two statements already owed by the customer (one box, then two boxes), through the API.
    const owed: { id: string; number: string; amountDue: number }[] = [];
    for (const quantity of [1, 2]) {
      const created = await api('/v1/orders', {
        token: owner.token,
        body: { customerId: customer.id, lines: [{ productId: product.id, quantity }] },
      });
      const confirmed = await api(`/v1/orders/${created.body.id}/submit`, { method: 'POST', token: owner.token });
      await api(`/v1/orders/${created.body.id}/shipments`, {
        token: owner.token,
        body: { lines: confirmed.body.lines.map((l: any) => ({ lineId: l.lineId, quantity: l.quantity })) },
      });
      owed.push(...(await invoicesOf(owner, created.body.id)));
    }
    const transfer = owed.reduce((s, i) => s + i.amountDue, 0); // 388.00 + 776.00

    const { context, page } = await newBrowserPage('en', 'phone');
    await withScreenshotOnFailure(page, 'finance-en-phone', async () => {
      await login(page, owner.email);
      await page.goto(`${cloud().url}/orders/new`);
      await pick(page, 'order-customer', 'Lakeside', `Lakeside Tea House ${stamp}`);
      await pick(page, 'line-product-0', product.sku, product.sku);
      await numberInput(page, 'line-quantity-0').fill(String(TEA.quantity));
      // On a phone the three totals stand one per line, each with its name.
      for (const [key, name, amount] of [
        ['net', t.money.net, TEA.net],
        ['tax', t.money.tax, TEA.tax],
        ['total', t.money.total, TEA.total],
      ] as const) {
        await page
          .getByTestId(`order-totals-${key}`)
          .filter({ hasText: money(amount) })
          .waitFor();
        await page.getByTestId('order-totals').getByText(name, { exact: true }).waitFor();
      }
      await page.getByTestId('save-order').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.draft) })
        .waitFor();
      await page
        .getByTestId('order-tax-basis')
        .filter({ hasText: exactly(t.money.inclusive) })
        .waitFor();
      await page.getByTestId('order-submit').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      await page.getByTestId('record-deposit').click();
      const depositDialog = await dialog(page);
      expect(await numberInput(page, 'payment-amount').inputValue()).toBe('3880.00');
      await depositDialog.getByRole('button', { name: label(t.common.save) }).click();
      await dialogClosed(page);
      await page
        .getByTestId('deposits-total')
        .filter({ hasText: money(TEA.total) })
        .waitFor();
      await page.getByTestId('order-ship').click();
      await (await dialog(page)).getByRole('button', { name: label(t.orders.ship) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.shipped) })
        .waitFor();
      const invoice = await invoiceOfOrder(page);
      await page.getByTestId('order-invoices').getByText(exactly(t.finance.statuses.paid)).waitFor({ timeout: 30_000 });
      await invoice.link.click();
      await page
        .getByTestId('invoice-title')
        .filter({ hasText: `Sales statement ${invoice.number}` })
        .waitFor();
      await page
        .getByTestId('invoice-status')
        .filter({ hasText: exactly(t.finance.statuses.paid) })
        .waitFor();
      await page
        .getByTestId('invoice-totals-capitals')
        .filter({ hasText: 'In Chinese capitals: 叁仟捌佰捌拾元整' })
        .waitFor();

      // One bank transfer for both older statements: received, then allocated oldest first in one go.
      await page.goto(`${cloud().url}/customers/${customer.id}`);
      await page.getByTestId('receive-payment').click();
      const paymentDialog = await dialog(page);
      await numberInput(page, 'payment-amount').fill(String(transfer / 100));
      await page.getByTestId('payment-reference').fill(`TT-${stamp}`);
      await paymentDialog.getByRole('button', { name: label(t.common.save) }).click();
      await dialogClosed(page);
      await page
        .getByTestId('customer-credit')
        .filter({ hasText: money(transfer) })
        .waitFor();
      const row = page
        .getByTestId('customer-payments')
        .getByRole('row')
        .filter({ hasText: money(transfer) });
      await row.getByRole('button', { name: t.payments.allocate }).click();
      const allocateDialog = await dialog(page);
      for (const i of owed)
        expect(await numberInput(page, `allocate-${i.number}`).inputValue()).toBe((i.amountDue / 100).toFixed(2));
      await allocateDialog
        .getByTestId('allocation-sum')
        .filter({ hasText: t.payments.restAfter.replace('{{amount}}', money(0)) })
        .waitFor();
      await allocateDialog.getByRole('button', { name: label(t.payments.allocate) }).click();
      await dialogClosed(page);
      await page
        .getByTestId('customer-credit')
        .filter({ hasText: money(0) })
        .waitFor();
      await row.getByRole('button', { name: t.payments.allocate }).waitFor({ state: 'detached' });
      for (const i of owed) {
        const res = await api(`/v1/invoices/${i.id}`, { token: owner.token });
        expect(res.body.status).toBe('paid');
      }

      // It was the wrong customer's transfer: reverse it, with the reason; both statements are owed again.
      await row.getByRole('button', { name: t.payments.reverse }).click();
      const reverseDialog = await dialog(page);
      await page.getByTestId('reverse-reason').fill('Transfer belonged to another customer');
      await reverseDialog.getByRole('button', { name: label(t.payments.reverse) }).click();
      await dialogClosed(page);
      await page.getByTestId('customer-payments').getByText(exactly(t.payments.statuses.reversed)).waitFor();
      await page.getByTestId('customer-payments').getByText('Transfer belonged to another customer').waitFor();
      await page.goto(`${cloud().url}/invoices/${owed[0]!.id}`);
      await page
        .getByTestId('invoice-status')
        .filter({ hasText: exactly(t.finance.statuses.open) })
        .waitFor();
      await page
        .getByTestId('invoice-due')
        .filter({ hasText: money(owed[0]!.amountDue) })
        .waitFor();
      await page.getByTestId('payments-table').getByText(exactly(t.payments.statuses.reversed)).waitFor();
    });
    await context.close();
  }, 240_000);
});

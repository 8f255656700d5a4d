import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, cloud, defaultWarehouse, eventually, newCustomer, newProduct, newTenant } from '#infra/local/testing.ts';
import { formatMinor } from '#shared/domain/money.ts';
import { zhCN } from '../src/locales.ts';
import {
  dialog,
  exactly,
  label,
  login,
  navigate,
  noSidewaysScroll,
  numberInput,
  pick,
  record,
  seriousViolations,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

/**
 * The figures, by hand (tax-exclusive prices, CNY):
 * - 25 boxes in stock at ¥40.00 (value ¥1,000.00); 10 sold and shipped → 15 left worth ¥600.00,
 *   under the safety stock of 20: the low-stock alert, and a suggestion of 20 − 15 = 5.
 * - The buyer orders 30 instead, at the supplier's ¥60.00: ¥1,800.00, over the ¥1,000.00 purchase rule.
 * - Received in two deliveries: 15 at ¥60.00 (bill ¥900.00) → 30 worth ¥1,500.00 (¥50.00 each);
 *   15 at ¥80.00 (bill ¥1,200.00) → 45 worth ¥2,700.00, a moving average of exactly ¥60.00.
 * - The ¥900.00 bill is paid: ¥1,200.00 is still owed.
 * - 5 boxes sold at ¥100.00 afterwards cost 5 × ¥60.00 = ¥300.00: a gross margin of ¥500.00 − ¥300.00.
 */
const PRICE = 10_000;
const OPENING = { quantity: 25, unitCost: 4_000 };
const FIRST_SALE = 10;
const SAFETY = 20;
const SUPPLIER_COST = 6_000;
const ORDERED = 30;
const DELIVERIES = [
  { quantity: 15, unitCost: SUPPLIER_COST, bill: 90_000 },
  { quantity: 15, unitCost: 8_000, bill: 120_000 },
] as const;
const STOCK = { onHand: 45, value: 270_000, unitCost: 6_000 };
const LATER_SALE = { quantity: 5, cost: 30_000, margin: 20_000 };

/** Waits until the dialog has gone (not only started closing), so the next one is found afresh. */
const dialogClosed = (page: Page) =>
  page
    .locator('.ant-modal:visible')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);

describe('purchasing in zh-CN', () => {
  const t = zhCN;
  const money = (minor: number) => formatMinor(minor, 'CNY', 'zh-CN');

  it("the buyer's week: the low-stock alert leads to a suggestion, a purchase order approved by the purchase rule, two deliveries received on a phone with their bills, one paid, the stock valued at its moving average and the next sale's gross margin", async () => {
    const owner = await newTenant('西湖茶叶批发');
    const warehouseId = await defaultWarehouse(owner);
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const sku = `LJ-${stamp}`;
    const product = await newProduct(owner, {
      sku,
      name: `明前龙井 ${stamp}`,
      price: { amount: PRICE, currency: 'CNY' },
      taxRate: 1300,
      safetyStock: SAFETY,
    });
    const opening = await api('/v1/inventory/movements', {
      token: owner.token,
      body: { kind: 'receipt', productId: product.id, warehouseId, ...OPENING },
    });
    expect(opening.status, JSON.stringify(opening.body)).toBe(201);
    const supplierName = `杭州龙井茶厂 ${stamp}`;
    const supplier = await api('/v1/suppliers', {
      token: owner.token,
      body: {
        name: supplierName,
        contacts: [{ name: '陈厂长', phone: '13700137000', isPrimary: true }],
        paymentTermsDays: 30,
        products: [{ productId: product.id, cost: SUPPLIER_COST, leadTimeDays: 3 }],
      },
    });
    expect(supplier.status, JSON.stringify(supplier.body)).toBe(201);
    // Purchases of ¥1,000.00 or more wait for an admin (the owner may decide any step).
    const rules = await api('/v1/workflows/approval', {
      method: 'PUT',
      token: owner.token,
      body: {
        rules: [
          {
            name: '大额采购',
            kind: 'purchase',
            when: { orderTotalGte: { amount: 100_000, currency: 'CNY' } },
            steps: ['admin'],
          },
        ],
      },
    });
    expect(rules.status, JSON.stringify(rules.body)).toBe(200);
    // A sale takes the level under its safety stock: the low-stock alert opens.
    const customer = await newCustomer(owner, { name: `西湖茶庄 ${stamp}` });
    const sell = async (quantity: number) => {
      const created = await api('/v1/orders', {
        token: owner.token,
        body: { customerId: customer.id, lines: [{ productId: product.id, quantity }] },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const confirmed = await api(`/v1/orders/${created.body.id}/submit`, { method: 'POST', token: owner.token });
      expect(confirmed.body.status).toBe('confirmed');
      return created.body.id as string;
    };
    const first = await sell(FIRST_SALE);
    const shipped = await api(`/v1/orders/${first}/shipments`, {
      token: owner.token,
      body: { lines: [{ lineId: 'L1', quantity: FIRST_SALE }] },
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    await eventually(async () => {
      const alerts = (await api('/v1/alerts?kind=low_stock', { token: owner.token })).body.items;
      expect(alerts).toHaveLength(1);
    }, 30_000);

    const context = await browser().newContext({
      viewport: viewports.desktop,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'purchasing-zh-CN', async () => {
      await login(page, owner.email);

      // The approval rules page shows the rule as one for purchase orders.
      await page.goto(`${cloud().url}/settings/approvals`);
      await page.getByTestId('rule-name-0').waitFor();
      expect(await page.getByTestId('rule-name-0').inputValue()).toBe('大额采购');
      await page
        .locator('.ant-select:has([data-testid="rule-kind-0"]), .ant-select[data-testid="rule-kind-0"]')
        .filter({ hasText: t.orders.ruleKinds.purchase })
        .first()
        .waitFor();

      // Monday: the low-stock alert leads to what to buy, the product chosen and marked.
      await navigate(page, t.nav.alerts);
      await page.getByTestId('alert-link-low_stock').first().click();
      await page.waitForURL(/\/purchasing\/suggestions\?/);
      const url = new URL(page.url());
      expect(url.searchParams.get('warehouseId')).toBe(warehouseId);
      expect(url.searchParams.get('productId')).toBe(product.id);
      const row = page.getByTestId(`suggestion-${product.id}`);
      await row.getByText(supplierName).waitFor();
      await row.getByText(money(SUPPLIER_COST)).waitFor();
      const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
      for (const figure of [String(OPENING.quantity - FIRST_SALE), String(SAFETY)]) expect(cells).toContain(figure);
      expect(await row.getByRole('checkbox').isChecked()).toBe(true);
      const quantity = numberInput(page, `suggestion-quantity-${product.id}`);
      expect(await quantity.inputValue()).toBe(String(SAFETY - (OPENING.quantity - FIRST_SALE)));
      expect(await seriousViolations(page)).toEqual([]);
      // The buyer orders a month's worth instead.
      await quantity.fill(String(ORDERED));
      await page.getByTestId('create-from-suggestions').click();
      const created = page.getByTestId('created-orders');
      await created.getByText(money(ORDERED * SUPPLIER_COST)).waitFor();
      await created.getByRole('link', { name: /^PO-\d{4}-\d{6}$/ }).click();

      // The draft: submitted, it waits for an admin by the purchase rule; the owner approves it.
      await page
        .getByTestId('po-status')
        .filter({ hasText: exactly(t.purchasing.statuses.draft) })
        .waitFor();
      await page
        .getByTestId('po-total')
        .filter({ hasText: money(ORDERED * SUPPLIER_COST) })
        .waitFor();
      const poUrl = page.url();
      await page.getByTestId('po-submit').click();
      await page
        .getByTestId('po-status')
        .filter({ hasText: exactly(t.purchasing.statuses.pending_approval) })
        .waitFor();
      await page.getByTestId('po-approval-rules').filter({ hasText: '大额采购' }).waitFor();
      await page
        .getByTestId('po-approval-steps')
        .getByText(t.purchasing.waitingFor.replace('{{role}}', t.roles.admin))
        .waitFor();
      await page.getByTestId('po-approve').click();
      await page
        .getByTestId('po-status')
        .filter({ hasText: exactly(t.purchasing.statuses.approved) })
        .waitFor();

      // Wednesday and Friday at the dock, on a phone: two deliveries.
      await page.setViewportSize(viewports.phone);
      const receive = async (delivery: (typeof DELIVERIES)[number], left: number, billNumber: RegExp) => {
        await page.getByTestId('po-receive').click();
        await page
          .getByTestId('receive-left-L1')
          .filter({ hasText: t.purchasing.leftToReceive.replace('{{count}}', String(left)) })
          .waitFor();
        const input = numberInput(page, 'receive-quantity-L1');
        expect(await input.inputValue()).toBe(String(left));
        expect(await noSidewaysScroll(page)).toBe(true);
        if (left === delivery.quantity) {
          // One more than is left: the server refuses it, in words.
          await input.fill(String(left + 1));
          await page.getByTestId('receive-submit').click();
          await page.getByTestId('receive-error').filter({ hasText: t.errors.over_receipt }).waitFor();
        }
        await input.fill(String(delivery.quantity));
        if (delivery.unitCost !== SUPPLIER_COST)
          await numberInput(page, 'receive-cost-L1').fill(String(delivery.unitCost / 100));
        await page.getByTestId('receive-submit').click();
        await page.getByTestId('receipt-done').filter({ hasText: billNumber }).waitFor();
        await page.waitForURL(poUrl);
      };
      await receive(DELIVERIES[0], ORDERED, /BILL-\d{4}-000001/);
      await page
        .getByTestId('po-status')
        .filter({ hasText: exactly(t.purchasing.statuses.partially_received) })
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await receive(DELIVERIES[1], ORDERED - DELIVERIES[0].quantity, /BILL-\d{4}-000002/);
      await page
        .getByTestId('po-status')
        .filter({ hasText: exactly(t.purchasing.statuses.received) })
        .waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.getByTestId('po-receive').waitFor({ state: 'detached' });

      // Back at the desk: the two bills, one paid in full (the amount defaults to what is due).
      await page.setViewportSize(viewports.desktop);
      await page.getByTestId('po-bills').getByText(money(DELIVERIES[1].bill)).first().waitFor();
      await navigate(page, t.nav.bills);
      for (const [i, d] of DELIVERIES.entries()) {
        const bill = record(page, 'bills-table', new RegExp(`BILL-\\d{4}-00000${i + 1}`));
        await bill.getByText(money(d.bill)).first().waitFor();
        await bill.getByText(exactly(t.purchasing.billStatuses.open)).waitFor();
        await bill.getByText(supplierName).waitFor();
      }
      await page
        .getByTestId('bills-table')
        .getByRole('link', { name: /BILL-\d{4}-000001/ })
        .click();
      await page
        .getByTestId('bill-due')
        .filter({ hasText: money(DELIVERIES[0].bill) })
        .waitFor();
      await page.getByTestId('pay-bill').click();
      const payDialog = await dialog(page);
      expect(await numberInput(page, 'bill-payment-amount').inputValue()).toBe((DELIVERIES[0].bill / 100).toFixed(2));
      await page.getByTestId('bill-payment-reference').fill(`HZ-${stamp}`);
      await payDialog.getByRole('button', { name: label(t.purchasing.pay) }).click();
      await dialogClosed(page);
      await page
        .getByTestId('bill-status')
        .filter({ hasText: exactly(t.purchasing.billStatuses.paid) })
        .waitFor();
      await page
        .getByTestId('bill-due')
        .filter({ hasText: money(0) })
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await navigate(page, t.nav.payables);
      await page
        .getByTestId('payables-total')
        .filter({ hasText: money(DELIVERIES[1].bill) })
        .waitFor();
      await record(page, 'payables-table', supplierName).getByText(money(DELIVERIES[1].bill)).first().waitFor();

      // The stock at its moving average: 45 boxes worth ¥2,700.00, ¥60.00 each.
      await navigate(page, t.nav.stockValue);
      await page
        .getByTestId('stock-value-total')
        .filter({ hasText: money(STOCK.value) })
        .waitFor();
      const valued = record(page, 'stock-value-table', sku);
      await valued.getByText(money(STOCK.unitCost), { exact: true }).waitFor();
      expect((await valued.locator('td').allTextContents()).map((c) => c.trim())).toEqual(
        expect.arrayContaining([String(STOCK.onHand), money(STOCK.unitCost), money(STOCK.value)]),
      );
      expect(await seriousViolations(page)).toEqual([]);
      await navigate(page, t.nav.inventory);
      await record(page, 'levels-table', sku).getByText(money(STOCK.value)).waitFor();

      // The next sale ships from the new stock: its cost is at the moving average, and the margin shows.
      const later = await sell(LATER_SALE.quantity);
      await page.goto(`${cloud().url}/orders/${later}`);
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      expect(await page.getByTestId('order-gross-margin').count()).toBe(0);
      await page.getByTestId('order-ship').click();
      await (await dialog(page)).getByRole('button', { name: label(t.orders.ship) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.shipped) })
        .waitFor();
      await page
        .getByTestId('order-cost')
        .filter({ hasText: money(LATER_SALE.cost) })
        .waitFor();
      await page
        .getByTestId('order-gross-margin')
        .filter({ hasText: money(LATER_SALE.margin) })
        .waitFor();
      expect(LATER_SALE.quantity * PRICE - LATER_SALE.quantity * STOCK.unitCost).toBe(LATER_SALE.margin);
    });
    await context.close();
  }, 300_000);

  it('a supplier entered on screen with what it sells, a purchase order from it at its cost (then cancelled), and a stocktake counted on screen and from a file, its differences shown before posting', async () => {
    const owner = await newTenant('西湖茶叶盘点');
    const warehouseId = await defaultWarehouse(owner);
    const warehouseName = (await api('/v1/warehouses', { token: owner.token })).body.items.find(
      (w: { id: string }) => w.id === warehouseId,
    ).name as string;
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const tea = await newProduct(owner, { sku: `TEA-${stamp}`, name: `龙井 ${stamp}` });
    const cup = await newProduct(owner, { sku: `CUP-${stamp}`, name: `玻璃杯 ${stamp}` });
    for (const [productId, quantity] of [
      [tea.id, 10],
      [cup.id, 20],
    ] as const)
      await api('/v1/inventory/movements', {
        token: owner.token,
        body: { kind: 'receipt', productId, warehouseId, quantity, unitCost: 1_000 },
      });
    const onHand = async (productId: string) =>
      (await api(`/v1/inventory?productId=${productId}`, { token: owner.token })).body.items[0].onHand as number;

    const context = await browser().newContext({
      viewport: viewports.desktop,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'purchasing-stocktake-zh-CN', async () => {
      await login(page, owner.email);

      // A supplier, its contact and the cup it sells at ¥12.50.
      await navigate(page, t.nav.suppliers);
      await page.getByTestId('new-supplier').click();
      const name = `玻璃制品厂 ${stamp}`;
      await page.getByTestId('supplier-name').fill(name);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('add-supplier-contact').click();
      await page.getByTestId('contact-name-0').fill('王经理');
      await page.getByTestId('contact-phone-0').fill('13800138000');
      await page.getByTestId('add-supplier-product').click();
      await pick(page, 'supplier-product-0', cup.sku, cup.sku);
      await numberInput(page, 'supplier-cost-0').fill('12.5');
      await page.getByTestId('supplier-save').click();
      await page.waitForURL(/\/suppliers\/sup_/);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await navigate(page, t.nav.suppliers);
      await record(page, 'suppliers-table', name).getByText('王经理 13800138000').waitFor();
      await page.getByTestId('suppliers-table').getByRole('link', { name }).click();

      // Ordering from it: the cost defaults to its price; the draft is cancelled.
      await page.getByTestId('order-from-supplier').click();
      await page
        .locator('.ant-select:has([data-testid="po-supplier"]), .ant-select[data-testid="po-supplier"]')
        .filter({ hasText: name })
        .first()
        .waitFor();
      await pick(page, 'po-line-product-0', cup.sku, cup.sku);
      await expect
        .poll(() => numberInput(page, 'po-line-cost-0').getAttribute('placeholder'), { timeout: 20_000 })
        .toBe('12.50');
      await numberInput(page, 'po-line-quantity-0').fill('4');
      await page
        .getByTestId('po-form-total')
        .filter({ hasText: money(5_000) })
        .waitFor();
      await page.getByTestId('po-save').click();
      await page
        .getByTestId('po-status')
        .filter({ hasText: exactly(t.purchasing.statuses.draft) })
        .waitFor();
      await page
        .getByTestId('po-total')
        .filter({ hasText: money(5_000) })
        .waitFor();
      await page.getByTestId('po-cancel').click();
      await (await dialog(page)).getByRole('button', { name: label(t.common.confirm) }).click();
      await page
        .getByTestId('po-status')
        .filter({ hasText: exactly(t.purchasing.statuses.cancelled) })
        .waitFor();
      await navigate(page, t.nav.purchaseOrders);
      await record(page, 'purchase-orders-table', name).getByText(exactly(t.purchasing.statuses.cancelled)).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      // The count sheet: every level of the warehouse with its book quantity; 8 teas found, 21 cups.
      await navigate(page, t.nav.stocktakes);
      await page.getByTestId('new-stocktake').click();
      await pick(page, 'stocktake-warehouse', '', warehouseName);
      await numberInput(page, `count-${cup.sku}`).waitFor();
      // Once the warehouse list has closed (antd keeps an unnamed listbox while it is open).
      await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 20_000 }).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await numberInput(page, `count-${tea.sku}`).fill('8');
      await numberInput(page, `count-${cup.sku}`).fill('21');
      await page.getByTestId('stocktake-save').click();
      await page
        .getByTestId('stocktake-status')
        .filter({ hasText: exactly(t.purchasing.stocktakeStatuses.draft) })
        .waitFor();
      await page
        .getByTestId('stocktake-differences')
        .filter({ hasText: exactly('2') })
        .waitFor();
      await record(page, 'stocktake-lines', tea.sku).getByText(exactly('-2')).waitFor();
      await record(page, 'stocktake-lines', cup.sku).getByText(exactly('+1')).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      // Nothing moves before posting.
      expect(await onHand(tea.id)).toBe(10);
      await page.getByTestId('stocktake-post').click();
      await (await dialog(page)).getByRole('button', { name: label(t.purchasing.post) }).click();
      await page
        .getByTestId('stocktake-status')
        .filter({ hasText: exactly(t.purchasing.stocktakeStatuses.posted) })
        .waitFor();
      expect(await onHand(tea.id)).toBe(8);
      expect(await onHand(cup.id)).toBe(21);

      // The next count comes as a file (商品编码, 盘点数量): it matches the books.
      await navigate(page, t.nav.stocktakes);
      await page.getByTestId('new-stocktake').click();
      await pick(page, 'stocktake-warehouse', '', warehouseName);
      await page.getByTestId('stocktake-mode').getByText(t.purchasing.byFile).click();
      await page.locator('input[type=file]').setInputFiles({
        name: '盘点.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`商品编码,盘点数量\n${tea.sku},8\n${cup.sku},21\n`),
      });
      await page.getByTestId('stocktake-save').click();
      await page.getByText(t.purchasing.noDifferences).waitFor();
      await page
        .getByTestId('stocktake-differences')
        .filter({ hasText: exactly('0') })
        .waitFor();
      await navigate(page, t.nav.stocktakes);
      // Two sheets: the one posted and the one that found nothing to post.
      for (const status of [t.purchasing.stocktakeStatuses.posted, t.purchasing.stocktakeStatuses.draft])
        await record(page, 'stocktakes-table', status).first().waitFor();
    });
    await context.close();
  }, 300_000);
});

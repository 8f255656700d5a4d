import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api, defaultWarehouse, newCustomer, newProduct, newTenant, userWithRole } from '#infra/local/testing.ts';
import { en, zhCN } from '../src/locales.ts';
import {
  dialog,
  exactly,
  label,
  login,
  logout,
  navigate,
  numberInput,
  pick,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

const languages = { 'zh-CN': zhCN, en } as const;

describe.each([
  ['zh-CN', 'desktop'],
  ['en', 'phone'],
] as const)('orders in %s on %s', (lang, size) => {
  const t = languages[lang];

  it('receives stock, enters a two-line order priced by a tier list, approves it in two steps as the right users, ships it in two parts with delivery notes, reads the timeline, exports the list and orders again', async () => {
    // The company, its people and its catalog come through the API; the work happens in the browser.
    const owner = await newTenant(`茶叶贸易 ${lang}`);
    const [warehouseUser, financeUser] = await Promise.all([
      userWithRole(owner, 'warehouse'),
      userWithRole(owner, 'finance'),
    ]);
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const tea = await newProduct(owner, {
      sku: `LJ-${stamp}`,
      name: '明前龙井',
      price: { amount: 20_000, currency: 'CNY' },
    });
    const cups = await newProduct(owner, {
      sku: `CUP-${stamp}`,
      name: '玻璃杯',
      price: { amount: 5_000, currency: 'CNY' },
    });
    await api('/v1/price-lists', {
      token: owner.token,
      body: {
        name: 'A 类',
        tiers: ['A'],
        entries: [{ productId: tea.id, price: { amount: 18_000, currency: 'CNY' } }],
      },
    });
    await api('/v1/workflows/approval', {
      method: 'PUT',
      token: owner.token,
      body: {
        rules: [
          {
            name: '全部审批',
            when: { orderTotalGte: { amount: 1, currency: 'CNY' } },
            steps: ['warehouse', 'finance'],
          },
        ],
      },
    });
    const customer = await newCustomer(owner, {
      name: `西湖茶庄 ${stamp}`,
      tier: 'A',
      contacts: [{ name: '沈掌柜', phone: '13700001234', isPrimary: true }],
      addresses: [
        { province: '浙江省', city: '杭州市', line1: '西湖区龙井路 1 号', isDefault: true },
        { label: '上海门店', city: '上海市', line1: '静安区南京西路 99 号' },
      ],
    });
    await defaultWarehouse(owner);

    const context = await browser().newContext({ viewport: viewports[size], locale: lang });
    await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
    const page = await context.newPage();
    await withScreenshotOnFailure(page, `orders-${lang}-${size}`, async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.inventory);
      for (const [product, quantity] of [
        [tea, '50'],
        [cups, '30'],
      ] as const) {
        await page.getByTestId('receive-stock').click();
        await pick(page, 'movement-product', product.sku, product.sku);
        await numberInput(page, 'movement-quantity').fill(quantity);
        await (await dialog(page)).getByRole('button', { name: label(t.common.save) }).click();
        await page
          .locator('.ant-modal:visible')
          .waitFor({ state: 'detached' })
          .catch(() => undefined);
        await page.getByTestId('levels-table').getByText(product.sku).waitFor();
      }

      await navigate(page, t.nav.orders);
      await page.getByTestId('new-order').click();
      await pick(page, 'order-customer', '西湖茶庄', customer.id ? `西湖茶庄 ${stamp}` : '');
      await pick(page, 'line-product-0', tea.sku, tea.sku);
      await numberInput(page, 'line-quantity-0').fill('3');
      await page.getByTestId('add-line').click();
      await pick(page, 'line-product-1', cups.sku, cups.sku);
      await numberInput(page, 'line-quantity-1').fill('2');
      await pick(page, 'order-address', '', '上海门店');
      await page.getByTestId('order-notes').fill('周五前送到');
      await page.getByTestId('line-rule-0').filter({ hasText: t.orders.rules.tier_list }).waitFor();
      await page.getByTestId('line-rule-1').filter({ hasText: t.orders.rules.product_default }).waitFor();
      await page.getByTestId('save-order').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.draft) })
        .waitFor();
      // A draft can still be changed: two more glasses.
      await page.getByTestId('order-edit').click();
      await numberInput(page, 'line-quantity-1').fill('4');
      await page.getByTestId('save-order').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.draft) })
        .waitFor();
      await page.getByTestId('order-lines').getByText('4', { exact: true }).first().waitFor();
      const orderUrl = page.url();
      await page.getByText('上海市 静安区南京西路 99 号 · 沈掌柜 13700001234').waitFor();
      await page.getByText('周五前送到').waitFor();
      await page.getByTestId('order-submit').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.pending_approval) })
        .waitFor();
      await page.getByTestId('approval-rules').filter({ hasText: '全部审批' }).waitFor();
      await logout(page, t);

      for (const user of [warehouseUser, financeUser]) {
        await login(page, user.email);
        await navigate(page, t.nav.approvals);
        await page.getByTestId('approvals-table').getByRole('link').first().click();
        await page.getByTestId('order-approve').click();
        await page.getByTestId('order-approve').waitFor({ state: 'detached' });
        await logout(page, t);
      }

      await login(page, warehouseUser.email);
      await page.goto(orderUrl);
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      await page.getByTestId('order-ship').click();
      await numberInput(page, 'ship-L1').fill('1');
      await numberInput(page, 'ship-L2').fill('0');
      await page.getByTestId('ship-carrier').fill('顺丰速运');
      await page.getByTestId('ship-tracking').fill('SF0001');
      await (await dialog(page)).getByRole('button', { name: label(t.orders.ship) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.partially_shipped) })
        .waitFor();
      await page.getByTestId('order-ship').click();
      await (await dialog(page)).getByRole('button', { name: label(t.orders.ship) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.shipped) })
        .waitFor();

      // Two shipments, each with its delivery note to print (送货单): the first carries the carrier's tracking number.
      await page.getByTestId('print-delivery-1').waitFor();
      const [note] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('print-delivery-0').click()]);
      await note.getByRole('heading', { name: lang === 'en' ? 'Delivery note' : '送货单' }).waitFor();
      await note.getByText('SF0001').waitFor();
      await note.getByText('明前龙井').waitFor();
      await note.close();

      const timeline = page.getByTestId('order-timeline');
      for (const key of [
        'order_created',
        'order_submitted',
        'order_approved',
        'order_confirmed',
        'order_shipped',
      ] as const) {
        await timeline.getByText(t.orders.events[key], { exact: true }).first().waitFor();
      }
      await timeline
        .getByText(/SF0001/)
        .first()
        .waitFor();
      // Who decided each step, by name, on the chain and in the timeline.
      await page
        .getByTestId('approval-steps')
        .getByText(/warehouse 同事/)
        .waitFor();
      await page
        .getByTestId('approval-steps')
        .getByText(/finance 同事/)
        .waitFor();
      await timeline
        .getByText(/老板 ·/)
        .first()
        .waitFor();

      // The order list exports to CSV for Excel, one row per line.
      await navigate(page, t.nav.orders);
      const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-orders').click()]);
      const csv = readFileSync((await exported.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv).toContain(`,LJ-${stamp},明前龙井,`);
      expect(csv).toContain(`,CUP-${stamp},玻璃杯,`);

      // Order again: the owner copies the order into a new draft with the same customer and lines, re-priced.
      await logout(page, t);
      await login(page, owner.email);
      await page.goto(orderUrl);
      await page.getByTestId('order-copy').click();
      await page.getByTestId('copied-from').waitFor();
      await page.getByTestId('line-rule-0').filter({ hasText: t.orders.rules.tier_list }).waitFor();
      await page.getByTestId('line-rule-1').filter({ hasText: t.orders.rules.product_default }).waitFor();
      await page.getByTestId('save-order').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.draft) })
        .waitFor();
      expect(page.url()).not.toBe(orderUrl);
    });
    await context.close();
  }, 120_000);
});

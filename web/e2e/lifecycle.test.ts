import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '#shared/domain/dates.ts';
import { api, cloud, defaultWarehouse, newCustomer, newProduct, newTenant, receive } from '#infra/local/testing.ts';
import { en, zhCN } from '../src/locales.ts';
import {
  dialog,
  exactly,
  label,
  login,
  noSidewaysScroll,
  numberInput,
  pick,
  record,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

const languages = { 'zh-CN': zhCN, en } as const;

/** A day typed into a date field (the browser's own, found by its test id), then the field left: the day stays. */
async function fillDate(page: Page, testId: string, day: string) {
  const input = page.getByTestId(testId);
  await input.fill(day);
  // Not Enter: that would also submit the form (and Tab only moves between the field's day, month and year).
  await input.blur();
  expect(await input.inputValue()).toBe(day);
}

const interpolate = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));

describe.each(['zh-CN', 'en'] as const)('the order lifecycle in %s', (lang) => {
  const t = languages[lang];

  it("a clerk's week: a quotation with its validity, a bulk submit, a partial shipment by SF with tracking, closing the rest, and a late order on the dashboard and the list", async () => {
    // The company, its stock and its customer through the API; the clerk's work in the browser.
    const owner = await newTenant(`南山茶业 ${lang}`);
    const warehouseId = await defaultWarehouse(owner);
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const product = await newProduct(owner, {
      sku: `TEA-${stamp}`,
      name: '大红袍',
      price: { amount: 30_000, currency: 'CNY' },
    });
    await receive(owner, product.id, warehouseId, 100);
    const customerName = `武夷茶行 ${stamp}`;
    const customer = await newCustomer(owner, { name: customerName });
    const dashboard = await api('/v1/reports/dashboard', { token: owner.token });
    expect(dashboard.status).toBe(200);
    const today: string = dashboard.body.today;
    const deliveryDate = addDays(today, 7);
    const validUntil = addDays(today, 14);
    const draft = (extra: Record<string, unknown> = {}) =>
      api('/v1/orders', {
        token: owner.token,
        body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }], ...extra },
      });

    const context = await browser().newContext({ viewport: viewports.desktop, locale: lang });
    await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
    const page = await context.newPage();
    await withScreenshotOnFailure(page, `lifecycle-${lang}-desktop`, async () => {
      await login(page, owner.email);

      // Monday: the customer asks for two boxes by next week; the clerk sends a quotation first.
      await page.goto(`${cloud().url}/orders/new`);
      await pick(page, 'order-customer', stamp, customerName);
      await pick(page, 'line-product-0', product.sku, product.sku);
      await page.locator('input[data-testid="line-quantity-0"], [data-testid="line-quantity-0"] input').fill('2');
      await fillDate(page, 'order-delivery-date', deliveryDate);
      await fillDate(page, 'order-valid-until', validUntil);
      await page.getByTestId('save-order').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.draft) })
        .waitFor();
      await page.getByTestId('order-delivery-date').filter({ hasText: deliveryDate }).waitFor();
      await page.getByTestId('order-valid-until').filter({ hasText: validUntil }).waitFor();
      const orderUrl = page.url();
      const orderId = orderUrl.split('/').at(-1)!;

      // A draft prints as a quotation (报价单) with the day its prices hold until.
      const printButton = page.getByTestId('order-print');
      await printButton.filter({ hasText: t.orders.printQuotation }).waitFor();
      const [quotation] = await Promise.all([page.waitForEvent('popup'), printButton.click()]);
      await quotation.getByRole('heading', { name: lang === 'en' ? 'Quotation' : '报价单' }).waitFor();
      const html = await quotation.content();
      expect(html).toContain(lang === 'en' ? 'Quotation' : '报价单');
      expect(html).toContain(validUntil);
      expect(await quotation.locator('[data-field="validUntil"]').textContent()).toBe(validUntil);
      await quotation.close();

      // The customer accepts: submitted, confirmed (no approval rules), now printed as a confirmation.
      await page.getByTestId('order-submit').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      await printButton.filter({ hasText: t.orders.printConfirmation }).waitFor();

      // Tuesday: three more orders came in as drafts; the clerk submits them together from the list.
      const drafts = await Promise.all([draft(), draft(), draft()]);
      for (const d of drafts) expect(d.status).toBe(201);
      await page.goto(`${cloud().url}/orders`);
      for (const d of drafts) {
        await record(page, 'orders-table', d.body.number).locator('input[type="checkbox"]').check();
      }
      await page
        .getByTestId('bulk-selected')
        .filter({ hasText: interpolate(t.orders.bulk.selected, { count: 3 }) })
        .waitFor();
      await page.getByTestId('bulk-submit').click();
      const done = interpolate(t.orders.bulk.done, { action: t.orders.bulk.submit, succeeded: 3, failed: 0 });
      await page.getByTestId('bulk-result').filter({ hasText: done }).waitFor();
      for (const d of drafts) {
        await record(page, 'orders-table', d.body.number).getByText(exactly(t.orders.statuses.confirmed)).waitFor();
        const after = await api(`/v1/orders/${d.body.id}`, { token: owner.token });
        expect(after.body.status).toBe('confirmed');
      }

      // Wednesday: one of the two boxes leaves by SF Express (顺丰) with its waybill number.
      await page.goto(orderUrl);
      await page.getByTestId('order-ship').click();
      const ship = await dialog(page);
      await ship.locator('input[data-testid="ship-L1"], [data-testid="ship-L1"] input').fill('1');
      await pick(page, 'ship-carrier-code', lang === 'en' ? 'SF' : '顺丰', lang === 'en' ? 'SF Express' : '顺丰速运');
      const waybill = `SF${stamp}001`;
      await page.getByTestId('ship-tracking').fill(waybill);
      await ship.getByRole('button', { name: label(t.orders.ship) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.partially_shipped) })
        .waitFor();
      const link = page.getByTestId('tracking-link-0');
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`https://www.kuaidi100.com/chaxun?com=shunfeng&nu=${waybill}`);
      expect(await link.getAttribute('target')).toBe('_blank');
      await page.getByTestId('shipment-tracking-0').getByText(t.orders.noTracking).waitFor();

      // The logistics partner reports the parcel in transit: it shows on the shipment's timeline.
      const shipments = await api(`/v1/orders/${orderId}/shipments`, { token: owner.token });
      expect(shipments.body.items).toHaveLength(1);
      const shipment = shipments.body.items[0];
      expect(shipment).toMatchObject({ carrierCode: 'SF', trackingNumber: waybill });
      const event = await api(`/v1/shipments/${shipment.id}/tracking-events`, {
        token: owner.token,
        body: { status: 'in_transit', at: new Date().toISOString(), location: '杭州转运中心' },
      });
      expect(event.status).toBe(200);
      await page.reload();
      const tracking = page.getByTestId('tracking-timeline-0');
      await tracking.getByText(t.orders.trackingStatuses.in_transit).waitFor();
      await tracking.getByText(/杭州转运中心/).waitFor();

      // Thursday: the customer does not want the second box; the clerk closes the rest with the reason.
      await page.getByTestId('order-close').click();
      const close = await dialog(page);
      await close.getByTestId('reason-input').fill('客户只要一箱');
      await close.getByRole('button', { name: label(t.common.confirm) }).click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.shipped) })
        .waitFor();
      await page
        .getByTestId('line-closed')
        .filter({ hasText: exactly('1') })
        .waitFor();
      const closed = await api(`/v1/orders/${orderId}`, { token: owner.token });
      expect(closed.body.lines[0]).toMatchObject({ shipped: 1, closedQuantity: 1, reserved: 0 });

      // Thursday afternoon (改单): another of the week's confirmed orders grows by a box, and three tins of
      // 水仙 join it; the clerk revises it in the browser with the customer's reason.
      const tin = await newProduct(owner, {
        sku: `TIN-${stamp}`,
        name: '水仙',
        price: { amount: 8_000, currency: 'CNY' },
      });
      await receive(owner, tin.id, warehouseId, 20);
      const grown = drafts[0]!.body as { id: string; number: string; total: number; pricesIncludeTax: boolean };
      await page.goto(`${cloud().url}/orders/${grown.id}`);
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      await page.getByTestId('order-revise').click();
      const revise = await dialog(page);
      await numberInput(page, 'revise-quantity-L1').fill('2');
      await revise.getByTestId('revise-add-line').click();
      await pick(page, 'revise-new-product-0', tin.sku, tin.sku);
      await numberInput(page, 'revise-new-quantity-0').fill('3');
      await revise.getByTestId('revise-reason').fill('客户加订一箱和三罐水仙');
      await revise.getByRole('button', { name: label(t.orders.revise.save) }).click();
      await revise.waitFor({ state: 'hidden' });
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      const revised = await api(`/v1/orders/${grown.id}`, { token: owner.token });
      expect(revised.body.revision).toBe(1);
      expect(revised.body.lines).toHaveLength(2);
      expect(revised.body.lines[0]).toMatchObject({ lineId: 'L1', quantity: 2, reserved: 2 });
      expect(revised.body.lines[1]).toMatchObject({ productId: tin.id, quantity: 3, unitPrice: 8_000, reserved: 3 });
      expect(revised.body.total).toBe(revised.body.lines.reduce((s: number, l: { total: number }) => s + l.total, 0));
      if (revised.body.pricesIncludeTax) expect(revised.body.total).toBe(2 * 30_000 + 3 * 8_000);
      const tinLevels = await api(`/v1/inventory?productId=${tin.id}`, { token: owner.token });
      expect(tinLevels.body.items.find((l: { warehouseId: string }) => l.warehouseId === warehouseId)).toMatchObject({
        reserved: 3,
      });
      // The revision, with who, why, the totals and its diff, is on the order's page.
      const revision = page.getByTestId('revision-1');
      await revision.getByTestId('revision-1-reason').filter({ hasText: '客户加订一箱和三罐水仙' }).waitFor();
      await revision
        .getByTestId('revision-1-line-L1')
        .filter({ hasText: interpolate(t.orders.revisions.quantity, { from: 1, to: 2 }) })
        .waitFor();
      await revision
        .getByTestId('revision-1-line-L2')
        .filter({ hasText: t.orders.revisions.changes.added })
        .filter({ hasText: tin.sku })
        .waitFor();
      expect(await revision.getByTestId('revision-1-totals').textContent()).toContain('→');
      // Two boxes leave; the customer then asks to go back to one: below what shipped, refused in words.
      const shipTwo = await api(`/v1/orders/${grown.id}/shipments`, {
        token: owner.token,
        body: { lines: [{ lineId: 'L1', quantity: 2 }] },
      });
      expect(shipTwo.status).toBe(200);
      const refusal = await api(`/v1/orders/${grown.id}/revisions`, {
        token: owner.token,
        body: {
          lines: [
            { lineId: 'L1', quantity: 1 },
            { lineId: 'L2', quantity: 3 },
          ],
          reason: '减一箱',
        },
      });
      expect(refusal.status).toBe(422);
      expect(refusal.body.code).toBe('below_shipped');
      await page.reload();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.partially_shipped) })
        .waitFor();
      await page.getByTestId('order-revise').click();
      const reduce = await dialog(page);
      // A shipped line cannot be removed; the one with nothing shipped can.
      expect(await reduce.getByTestId('revise-remove-L1').count()).toBe(0);
      await reduce.getByTestId('revise-remove-L2').waitFor();
      await numberInput(page, 'revise-quantity-L1').fill('1');
      await reduce.getByTestId('revise-reason').fill('减一箱');
      await reduce.getByRole('button', { name: label(t.orders.revise.save) }).click();
      await reduce.getByText(t.errors.below_shipped).first().waitFor();
      await reduce.getByRole('button', { name: label(t.common.cancel) }).click();
      await reduce.waitFor({ state: 'hidden' });
      expect((await api(`/v1/orders/${grown.id}`, { token: owner.token })).body.lines[0].quantity).toBe(2);

      // Friday: an order that was due yesterday and has not shipped is late, on the dashboard and the list.
      const lateDraft = await draft({ requestedDeliveryDate: addDays(today, -1) });
      expect(lateDraft.status).toBe(201);
      const submitted = await api(`/v1/orders/${lateDraft.body.id}/submit`, { method: 'POST', token: owner.token });
      expect(submitted.body.status).toBe('confirmed');
      await page.goto(`${cloud().url}/`);
      await page
        .getByTestId('late-orders')
        .filter({ hasText: exactly('1') })
        .waitFor();
      await page.getByTestId('late-orders-link').click();
      await page.waitForURL(/\/orders\?late=1$/);
      const lateRow = record(page, 'orders-table', lateDraft.body.number);
      await lateRow
        .getByTestId('order-late')
        .filter({ hasText: exactly(t.orders.late) })
        .waitFor();
      expect(await page.getByTestId('orders-table').locator('tbody').getByRole('row').count()).toBe(1);
      // The whole list marks it too, and none of the others.
      await page.getByTestId('order-late-filter').click();
      await record(page, 'orders-table', drafts[0]!.body.number).waitFor();
      await record(page, 'orders-table', lateDraft.body.number).getByTestId('order-late').waitFor();
      expect(await page.getByTestId('orders-table').getByTestId('order-late').count()).toBe(1);
      await page.goto(`${cloud().url}/orders/${lateDraft.body.id}`);
      await page.getByTestId('order-late').waitFor();

      // A web-shop order keyed in again by hand is refused, with the way to the one that has its reference.
      const shopRef = `TB-${stamp}`;
      const shopOrder = await draft({ channel: 'webshop', externalRef: shopRef });
      expect(shopOrder.status).toBe(201);
      await page.goto(`${cloud().url}/orders/new`);
      await pick(page, 'order-customer', stamp, customerName);
      await pick(page, 'line-product-0', product.sku, product.sku);
      await pick(page, 'order-channel', '', t.orders.channels.webshop);
      await page.getByTestId('order-external-ref').fill(shopRef);
      await page.getByTestId('save-order').click();
      await page.getByTestId('order-save-error').filter({ hasText: t.errors.duplicate_external_ref }).waitFor();
      await page.getByTestId('duplicate-order-link').click();
      await page.waitForURL(new RegExp(`/orders/${shopOrder.body.id}$`));
      await page.getByTestId('order-external-ref').filter({ hasText: shopRef }).waitFor();

      // Backorders: the company confirms orders short of stock and fills them as stock arrives.
      const allow = await api('/v1/settings', { method: 'PATCH', token: owner.token, body: { backorders: 'allow' } });
      expect(allow.status).toBe(200);
      expect(allow.body.backorders).toBe('allow');
      await page.goto(`${cloud().url}/settings`);
      await page.getByRole('radio', { name: t.settings.backorderModes.allow }).waitFor();
      expect(await page.getByRole('radio', { name: t.settings.backorderModes.allow }).isChecked()).toBe(true);
      const rare = await newProduct(owner, {
        sku: `RARE-${stamp}`,
        name: '金骏眉',
        price: { amount: 50_000, currency: 'CNY' },
      });
      await receive(owner, rare.id, warehouseId, 5);
      const short = await api('/v1/orders', {
        token: owner.token,
        body: { customerId: customer.id, lines: [{ productId: rare.id, quantity: 8 }] },
      });
      expect(short.status).toBe(201);
      const shortConfirmed = await api(`/v1/orders/${short.body.id}/submit`, { method: 'POST', token: owner.token });
      expect(shortConfirmed.body.status).toBe('confirmed');
      expect(shortConfirmed.body.lines[0]).toMatchObject({ reserved: 5, backordered: 3 });
      await page.goto(`${cloud().url}/orders/${short.body.id}`);
      await page
        .getByTestId('line-backordered')
        .filter({ hasText: exactly('3') })
        .waitFor();
      await page.getByTestId('order-lines').getByText(t.orders.backordered).first().waitFor();
    });
    await context.close();

    // One look on a phone: the shipped order's tracking and closed quantity, and the late order in the list, without sideways scroll.
    if (lang === 'zh-CN') {
      const phone = await browser().newContext({ viewport: viewports.phone, locale: lang });
      await phone.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
      const p = await phone.newPage();
      await withScreenshotOnFailure(p, `lifecycle-${lang}-phone`, async () => {
        await login(p, owner.email);
        const orders = (await api('/v1/orders?limit=20', { token: owner.token })).body.items as {
          id: string;
          number: string;
          status: string;
          requestedDeliveryDate: string | null;
        }[];
        const shipped = orders.find((o) => o.status === 'shipped')!;
        const late = orders.find((o) => o.requestedDeliveryDate && o.requestedDeliveryDate < today)!;
        await p.goto(`${cloud().url}/orders/${shipped.id}`);
        await p.getByTestId('tracking-timeline-0').getByText(t.orders.trackingStatuses.in_transit).waitFor();
        await p.getByTestId('order-lines-card').getByText(t.orders.closed).waitFor();
        expect(await noSidewaysScroll(p)).toBe(true);
        // The revised order's revisions and its revise form, and the backordered line, fit the phone too.
        const all = (await api('/v1/orders?limit=50', { token: owner.token })).body.items as {
          id: string;
          revision: number;
          lines: { backordered: number }[];
        }[];
        await p.goto(`${cloud().url}/orders/${all.find((o) => o.revision > 0)!.id}`);
        await p.getByTestId('revision-1').waitFor();
        expect(await noSidewaysScroll(p)).toBe(true);
        await p.getByTestId('order-revise').click();
        const reviseDialog = await dialog(p);
        await reviseDialog.getByTestId('revise-reason').waitFor();
        // An open dialog locks the page's scroll (antd pads the body for the hidden scrollbar): the
        // dialog itself must fit the phone, with nothing in it wider than its box.
        const fits = await reviseDialog.evaluate((modal) => {
          const box = modal.getBoundingClientRect();
          return box.left >= 0 && box.right <= window.innerWidth + 1 && modal.scrollWidth <= modal.clientWidth + 1;
        });
        expect(fits).toBe(true);
        await p.goto(`${cloud().url}/orders/${all.find((o) => o.lines.some((l) => l.backordered > 0))!.id}`);
        await p
          .getByTestId('line-backordered')
          .filter({ hasText: exactly('3') })
          .waitFor();
        expect(await noSidewaysScroll(p)).toBe(true);
        await p.goto(`${cloud().url}/orders?late=1`);
        await record(p, 'orders-table', late.number).getByTestId('order-late').waitFor();
        expect(await noSidewaysScroll(p)).toBe(true);
      });
      await phone.close();
    }
  }, 180_000);
});

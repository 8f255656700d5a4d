import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  api,
  cloud,
  defaultWarehouse,
  invoicesOf,
  newCustomer,
  newProduct,
  newTenant,
  receive,
  userWithRole,
} from '#infra/local/testing.ts';
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
 * The figures, by hand (tax-exclusive prices, CNY, 13 % VAT):
 * - 2 boxes at ¥100.00: ¥200.00 + ¥26.00 tax = ¥226.00, shipped at once, so invoiced ¥226.00 (nothing paid).
 * - 1 box comes back for a refund: ¥100.00 + ¥13.00 = ¥113.00 on the credit note (红字), which
 *   takes ¥113.00 off the open invoice: ¥226.00 − ¥113.00 = ¥113.00 still due, nothing left as credit.
 * - Restocked: 100 − 2 + 1 = 99 boxes on hand.
 */
const PRICE = 10_000;
const ORDERED = 2;
const INVOICE_TOTAL = 22_600;
const CREDIT = 11_300;
const DUE_AFTER = INVOICE_TOTAL - CREDIT;
const STOCK = 100;

/** Waits until the dialog has gone (not only started closing), so the next one is found afresh. */
const dialogClosed = (page: Page) =>
  page
    .locator('.ant-modal:visible')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);

/** The page never scrolls sideways. */

describe('after-sales in zh-CN', () => {
  const t = zhCN;
  const a = zhCN.aftersales;
  const money = (minor: number) => formatMinor(minor, 'CNY', 'zh-CN');

  it('a complaint end to end: the call becomes a ticket for the support desk, a refund return approved and restocked, a credit note off the invoice, the customer rates the service on a phone, and the report counts it', async () => {
    // ---- set up by API: a company, a product, a customer, an order shipped and invoiced, a support colleague
    const owner = await newTenant('东湖茶具商行');
    const support = await userWithRole(owner, 'support');
    const warehouseId = await defaultWarehouse(owner);
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const product = await newProduct(owner, {
      sku: `CJ-${stamp}`,
      name: `青瓷茶具 ${stamp}`,
      price: { amount: PRICE, currency: 'CNY' },
      taxRate: 1300,
    });
    await receive(owner, product.id, warehouseId, STOCK);
    const customerName = `江城茶馆 ${stamp}`;
    const customer = await newCustomer(owner, { name: customerName });
    const created = await api('/v1/orders', {
      token: owner.token,
      body: { customerId: customer.id, lines: [{ productId: product.id, quantity: ORDERED }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const order = created.body as { id: string; number: string };
    const confirmed = await api(`/v1/orders/${order.id}/submit`, { method: 'POST', token: owner.token });
    expect(confirmed.body.status, JSON.stringify(confirmed.body)).toBe('confirmed');
    const shipped = await api(`/v1/orders/${order.id}/shipments`, {
      token: owner.token,
      body: { lines: [{ lineId: 'L1', quantity: ORDERED }] },
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    const [invoice] = await invoicesOf(owner, order.id);
    expect(invoice!.total).toBe(INVOICE_TOTAL);
    expect(invoice!.amountDue).toBe(INVOICE_TOTAL);

    const context = await browser().newContext({
      viewport: viewports.desktop,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'aftersales-zh-CN', async () => {
      await login(page, support.email);

      // ---- the customer calls: a ticket, tied to the order, assigned round robin to the support desk
      await navigate(page, t.nav.tickets);
      await page.getByTestId('new-ticket').click();
      await pick(page, 'ticket-customer', customerName, customerName);
      await pick(page, 'ticket-order', order.number, order.number);
      await page.getByTestId('ticket-subject').fill('茶具到货破损');
      await page.getByTestId('ticket-description').fill('客户来电：两套茶具中有一套的茶壶碎了，要求退款。');
      await page.getByTestId('ticket-submit').click();
      await page.waitForURL(/\/tickets\/tk_/);
      const ticketUrl = page.url();
      const ticketId = ticketUrl.split('/').pop()!;
      await page
        .getByTestId('ticket-number')
        .filter({ hasText: /^TK-\d{4}-000001$/ })
        .waitFor();
      await page
        .getByTestId('ticket-status')
        .filter({ hasText: exactly(a.tickets.statuses.open) })
        .waitFor();
      const ticket = (await api(`/v1/tickets/${ticketId}`, { token: owner.token })).body;
      expect(ticket.assigneeId).toBe(support.userId);
      expect(ticket.orderId).toBe(order.id);
      // The assignee shows by name; the ticket is in the support colleague's own list.
      await page
        .locator('.ant-select:has([data-testid="ticket-assignee"]), .ant-select[data-testid="ticket-assignee"]')
        .filter({ hasText: 'support 同事' })
        .first()
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('comment-body').fill('已致电客户致歉，安排退货退款。');
      await page.getByTestId('comment-submit').click();
      await page.getByTestId('ticket-comment').filter({ hasText: '已致电客户致歉' }).waitFor();
      // What was said to the customer is the first response: the ticket is in progress, the first SLA timer met.
      await page
        .getByTestId('ticket-status')
        .filter({ hasText: exactly(a.tickets.statuses.in_progress) })
        .waitFor();

      // ---- from the ticket, the return: one box, damaged, refunded
      await page.getByTestId('ticket-create-return').click();
      let modal = await dialog(page);
      await modal
        .getByTestId('return-left-L1')
        .filter({ hasText: a.returns.returnable.replace('{{count}}', String(ORDERED)) })
        .waitFor();
      await numberInput(page, 'return-quantity-L1').fill('1');
      await modal.getByRole('button', { name: label(a.returns.request) }).click();
      await page.waitForURL(/\/returns\/rma_/);
      await dialogClosed(page);
      const returnUrl = page.url();
      const returnId = returnUrl.split('/').pop()!;
      await page
        .getByTestId('return-number')
        .filter({ hasText: /^RMA-\d{4}-000001$/ })
        .waitFor();
      await page
        .getByTestId('return-status')
        .filter({ hasText: exactly(a.returns.statuses.requested) })
        .waitFor();
      await page
        .getByTestId('return-total')
        .filter({ hasText: money(CREDIT) })
        .waitFor();
      await page.getByTestId('return-ticket').waitFor();
      expect((await api(`/v1/returns/${returnId}`, { token: owner.token })).body.ticketId).toBe(ticketId);

      // ---- approved, then received into the warehouse and restocked
      await page.getByTestId('return-approve').click();
      await page
        .getByTestId('return-status')
        .filter({ hasText: exactly(a.returns.statuses.approved) })
        .waitFor();
      await page.getByTestId('return-receive').click();
      modal = await dialog(page);
      expect(await numberInput(page, 'receive-return-quantity-L1').inputValue()).toBe('1');
      await modal.locator('.ant-select').filter({ hasText: a.returns.dispositions.restock }).first().waitFor();
      await modal.getByRole('button', { name: label(a.returns.receive) }).click();
      await dialogClosed(page);
      await page
        .getByTestId('return-status')
        .filter({ hasText: exactly(a.returns.statuses.received) })
        .waitFor();
      const levels = await api(`/v1/inventory?productId=${product.id}&warehouseId=${warehouseId}`, {
        token: owner.token,
      });
      expect(levels.status, JSON.stringify(levels.body)).toBe(200);
      expect(levels.body.items[0].onHand, JSON.stringify(levels.body)).toBe(STOCK - ORDERED + 1);

      // ---- the credit note: ¥113.00, all of it taken off the invoice, which now has ¥113.00 due
      await page
        .getByTestId('return-credit-note')
        .filter({ hasText: /^CN-\d{4}-000001$/ })
        .click();
      await page
        .getByTestId('credit-note-number')
        .filter({ hasText: /^CN-\d{4}-000001$/ })
        .waitFor();
      await page.getByTestId('credit-note-total').getByText(money(CREDIT)).waitFor();
      await page.getByTestId('credit-note-credited').getByText(money(0)).waitFor();
      const applied = record(page, 'credit-note-applied', invoice!.number);
      await applied.getByText(money(CREDIT)).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await applied.getByRole('link', { name: invoice!.number }).click();
      await page
        .getByTestId('invoice-due')
        .filter({ hasText: money(DUE_AFTER) })
        .waitFor();
      const payment = record(page, 'payments-table', t.finance.methods.credit_note);
      await payment.getByText(money(CREDIT)).waitFor();
      const after = (await api(`/v1/invoices/${invoice!.id}`, { token: owner.token })).body;
      expect(after.amountDue).toBe(DUE_AFTER);
      expect(INVOICE_TOTAL - after.amountDue).toBe(CREDIT);

      // ---- the return closed, the ticket resolved: the rating link to send the customer
      await page.goto(returnUrl);
      await page.getByTestId('return-close').click();
      await page
        .getByTestId('return-status')
        .filter({ hasText: exactly(a.returns.statuses.closed) })
        .waitFor();
      await page.getByTestId('return-rating-url').waitFor();
      // The return, the ticket and the lists fit a phone: nothing scrolls sideways.
      await page.setViewportSize(viewports.phone);
      await page.getByTestId('return-lines').waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      for (const path of [ticketUrl, `${cloud().url}/tickets?view=all`, `${cloud().url}/returns`]) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await noSidewaysScroll(page), path).toBe(true);
      }
      await page.setViewportSize(viewports.desktop);
      await page.goto(ticketUrl);
      await page
        .getByTestId('ticket-returns')
        .getByText(/^RMA-\d{4}-000001$/)
        .waitFor();
      await page.getByTestId('ticket-move-resolved').click();
      await page
        .getByTestId('ticket-status')
        .filter({ hasText: exactly(a.tickets.statuses.resolved) })
        .waitFor();
      const shownUrl = ((await page.getByTestId('ticket-rating-url').textContent()) ?? '').trim();
      const ratingUrl = (await api(`/v1/tickets/${ticketId}`, { token: owner.token })).body.ratingUrl as string;
      expect(ratingUrl).toBeTruthy();
      const absolute = ratingUrl.startsWith('/') ? `${cloud().url}${ratingUrl}` : ratingUrl;
      expect(shownUrl).toBe(absolute);

      // ---- the customer, on a phone, without any login: five stars and a word
      const phone = await browser().newContext({
        viewport: viewports.phone,
        locale: 'zh-CN',
        isMobile: true,
        hasTouch: true,
      });
      try {
        const customerPage = await phone.newPage();
        const calls: string[] = [];
        customerPage.on('request', (r) => {
          const path = new URL(r.url()).pathname;
          if (path.startsWith('/v1/')) calls.push(`${r.method()} ${path}`);
        });
        await withScreenshotOnFailure(customerPage, 'aftersales-rate-phone', async () => {
          await customerPage.goto(absolute);
          await customerPage.getByTestId('rate-title').filter({ hasText: a.rate.title }).waitFor();
          await customerPage.getByTestId('rate-company').getByText('东湖茶具商行', { exact: false }).waitFor();
          await customerPage.getByTestId('rate-subject').getByText('茶具到货破损', { exact: false }).waitFor();
          expect(await noSidewaysScroll(customerPage)).toBe(true);
          expect(await seriousViolations(customerPage)).toEqual([]);
          // The language switch, and back.
          await customerPage.getByTestId('rate-language').click();
          await customerPage.getByTestId('rate-title').filter({ hasText: 'Rate our service' }).waitFor();
          await customerPage.getByTestId('rate-language').click();
          await customerPage.getByTestId('rate-title').filter({ hasText: a.rate.title }).waitFor();
          // Sending without stars is refused in words; five stars by keyboard-reachable buttons.
          await customerPage.getByTestId('rate-submit').click();
          await customerPage.getByText(a.rate.pickScore).waitFor();
          await customerPage.getByRole('button', { name: a.rate.star.replace('{{count}}', '5') }).click();
          expect(await customerPage.getByTestId('rate-star-5').getAttribute('aria-pressed')).toBe('true');
          await customerPage.getByTestId('rate-comment').fill('处理很快，客服态度很好！');
          await customerPage.getByTestId('rate-submit').click();
          await customerPage.getByTestId('rate-thanks').filter({ hasText: a.rate.thanks }).waitFor();
          expect(await noSidewaysScroll(customerPage)).toBe(true);
          // The link works once.
          await customerPage.reload();
          await customerPage.getByTestId('rate-invalid').filter({ hasText: a.rate.invalid }).waitFor();
          expect(await seriousViolations(customerPage)).toEqual([]);
        });
        const token = ratingUrl.split('/').pop()!;
        expect(calls.length).toBeGreaterThan(0);
        for (const c of calls) expect(c).toMatch(new RegExp(`^(GET|POST) /v1/public/ratings/${token}$`));
      } finally {
        await phone.close();
      }

      // ---- back at the desk: the rating on the ticket, the customer's history, the report
      await page.reload();
      await page
        .getByTestId('ticket-rating-score')
        .filter({ hasText: a.rating.score.replace('{{score}}', '5') })
        .waitFor();
      await page.getByTestId('ticket-rating-comment').filter({ hasText: '处理很快，客服态度很好！' }).waitFor();
      await page.goto(`${cloud().url}/customers/${customer.id}`);
      await page
        .getByTestId('customer-aftersales-ticket')
        .filter({ hasText: /TK-\d{4}-000001/ })
        .waitFor();
      await page
        .getByTestId('customer-aftersales-return')
        .filter({ hasText: /RMA-\d{4}-000001/ })
        .waitFor();
      await navigate(page, t.nav.afterSalesReport);
      await page.getByTestId('as-returns').getByText(exactly('1')).waitFor();
      await page.getByTestId('as-rating').getByText(exactly('5')).waitFor();
      await record(page, 'as-by-product', product.sku).getByText(exactly('50%')).waitFor();
      await record(page, 'as-by-reason', a.returns.reasons.damaged).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });
    await context.close();
  }, 180_000);
});

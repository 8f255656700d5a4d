import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  api,
  cloud,
  defaultWarehouse,
  eventually,
  newCustomer,
  newProduct,
  newTenant,
  receive,
  userWithRole,
  type TestTenant,
} from '#infra/local/testing.ts';
import { en, zhCN } from '../src/locales.ts';
import { launch, login, seriousViolations, viewports, withScreenshotOnFailure } from './browser.ts';

let browser: Browser;
let owner: TestTenant;
let pages: { name: string; path: string }[];

/**
 * One company with something on every main page: a customer with a note, stock, an order waiting
 * for approval (so the approvals inbox and the owner's notifications have an item) and a draft.
 */
beforeAll(async () => {
  browser = await launch();
  owner = await newTenant('无障碍检查公司');
  const rep = await userWithRole(owner, 'sales');
  const product = await newProduct(owner, { name: '明前龙井 250g', price: { amount: 12_000, currency: 'CNY' } });
  await receive(owner, product.id, await defaultWarehouse(owner), 100);
  const customer = await newCustomer(owner, {
    name: '杭州西湖茶庄有限公司',
    ownerId: rep.userId,
    contacts: [{ name: '沈掌柜', phone: '13700001234', isPrimary: true }],
  });
  await api(`/v1/customers/${customer.id}/notes`, {
    token: owner.token,
    body: { channel: 'call', body: '确认了明前茶的数量', nextFollowUpAt: '2099-01-02T01:00:00.000Z' },
  });
  await api('/v1/workflows/approval', {
    method: 'PUT',
    token: owner.token,
    body: {
      rules: [{ name: '全部审批', when: { orderTotalGte: { amount: 1, currency: 'CNY' } }, steps: ['finance'] }],
    },
  });
  const order = await api('/v1/orders', {
    token: rep.token,
    body: { customerId: customer.id, lines: [{ productId: product.id, quantity: 2 }] },
  });
  await api(`/v1/orders/${order.body.id}/submit`, { method: 'POST', token: rep.token });
  // The owner decides any step: the submission reaches their inbox.
  await eventually(async () => {
    const inbox = await api('/v1/notifications', { token: owner.token });
    if (!inbox.body.items?.length) throw new Error('no notification yet');
  });
  pages = [
    { name: 'dashboard', path: '/' },
    { name: 'customers', path: '/customers' },
    { name: 'customer', path: `/customers/${customer.id}` },
    { name: 'orders', path: '/orders' },
    { name: 'order form', path: '/orders/new' },
    { name: 'order', path: `/orders/${order.body.id}` },
    { name: 'approvals', path: '/approvals' },
    { name: 'inventory', path: '/inventory' },
    { name: 'reports', path: '/reports' },
    { name: 'notifications', path: '/notifications' },
  ];
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['zh-CN', zhCN],
  ['en', en],
] as const)('the ten main pages in %s', (lang, t) => {
  it.each(['desktop', 'phone'] as const)(
    'on a %s: no critical or serious axe-core violation, one h1, the page in its language, no sideways scroll',
    async (size) => {
      const context = await browser.newContext({ viewport: viewports[size], locale: lang });
      await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
      const page = await context.newPage();
      const found: string[] = [];
      await withScreenshotOnFailure(page, `a11y-${lang}-${size}`, async () => {
        await login(page, owner.email);
        for (const { name, path } of pages) {
          await page.goto(`${cloud().url}${path}`);
          await page.locator('h1').first().waitFor();
          // The page's data has arrived (the dashboard refreshes itself, but not within this pause).
          await page.waitForLoadState('networkidle');
          await page
            .locator('.ant-spin-spinning')
            .first()
            .waitFor({ state: 'detached', timeout: 10_000 })
            .catch(() => undefined);
          found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
          const shown = await page.evaluate(() => ({
            headings: document.querySelectorAll('h1').length,
            lang: document.documentElement.lang,
            title: document.title,
            sideways: document.documentElement.scrollWidth > window.innerWidth,
          }));
          expect(shown.headings, `${name}: one h1`).toBe(1);
          expect(shown.lang, `${name}: <html lang>`).toBe(lang);
          expect(shown.title, `${name}: the tab's title`).toContain(t.app.name);
          if (size === 'phone') expect(shown.sideways, `${name}: scrolls sideways at 390 px`).toBe(false);
        }
        expect(found).toEqual([]);
      });
      await context.close();
    },
    180_000,
  );
});

describe('logged out', () => {
  it.each([
    ['zh-CN', '/login'],
    ['en', '/login'],
    ['zh-CN', '/forgot-password'],
    ['en', '/forgot-password'],
  ] as const)('%s %s has no critical or serious axe-core violation', async (lang, path) => {
    const context = await browser.newContext({ viewport: viewports.phone, locale: lang });
    await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    const response = await page.goto(`${cloud().url}${path}`);
    // The app runs under the same security headers CloudFront sends (infra/web-headers.ts), and breaks none of them.
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    await page.locator('h1').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(refused).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    await context.close();
  });
});

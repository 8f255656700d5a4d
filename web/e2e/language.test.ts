import { describe, expect, it } from 'vitest';
import { newTenant } from '#infra/local/testing.ts';
import { en, zhCN } from '../src/locales.ts';
import { login, navigate, sharedBrowser, viewports, withScreenshotOnFailure } from './browser.ts';

const browser = sharedBrowser();

/** A message key shown as it is (`orders.title`) where its text belongs. */
const rawKey = `\\b(?:${Object.keys(zhCN).join('|')})\\.[a-zA-Z_]+`;

describe('the language', () => {
  // Guarantees: a reader downloads the messages of their own language only, and never sees a key
  // untranslated: not before the first render, not while a page's messages load, not while switching.
  it('loads only the language shown, by feature, and switches without a key ever showing untranslated', async () => {
    const owner = await newTenant('语言测试商行');
    const context = await browser().newContext({ viewport: viewports.desktop, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    // Every text the page ever shows, as it is added or changed, checked for a raw key.
    await context.addInitScript((pattern) => {
      const seen: string[] = [];
      (window as unknown as { rawKeys: string[] }).rawKeys = seen;
      const check = (node: Node) => {
        const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
        if (element && ['STYLE', 'SCRIPT', 'NOSCRIPT'].includes(element.tagName)) return;
        const match = (node.textContent ?? '').match(new RegExp(pattern));
        if (match) seen.push(match[0]);
      };
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'characterData') check(r.target);
          for (const n of r.addedNodes) check(n);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, rawKey);
    // Messages slower than the code that shows them: a page that rendered before its messages would show keys.
    await context.route(/\/assets\/messages-/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('request', (r) => {
      const file = /\/assets\/messages-(.+)-[\w-]{8}\.js$/.exec(new URL(r.url()).pathname)?.[1];
      if (file) messages.push(file);
    });
    const rawKeys = () => page.evaluate(() => (window as unknown as { rawKeys: string[] }).rawKeys);

    await withScreenshotOnFailure(page, 'language', async () => {
      await login(page, owner.email);
      await navigate(page, zhCN.nav.orders);
      await page.getByTestId('new-order').filter({ hasText: zhCN.orders.new }).waitFor();
      // The reader's language only, and only what was shown: the frame's, the dashboard's and the orders'.
      expect(messages.sort()).toEqual(['zh-CN-core', 'zh-CN-orders', 'zh-CN-reports']);

      await page.getByTestId('language-switch').click();
      await page.getByTestId('new-order').filter({ hasText: en.orders.new }).waitFor();
      await page.getByRole('menuitem', { name: new RegExp(`${en.nav.customers}$`) }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      // Everything shown so far, in the other language, before the switch.
      expect(messages.filter((m) => m.startsWith('en-')).sort()).toEqual(['en-core', 'en-orders', 'en-reports']);

      await navigate(page, en.nav.customers);
      await page.getByTestId('new-customer').filter({ hasText: en.customers.new }).waitFor();
      expect(messages.filter((m) => m.startsWith('zh-CN-'))).not.toContain('zh-CN-customers');

      expect(await rawKeys()).toEqual([]);

      // The choice is kept: a new visit starts in English and loads no Chinese.
      messages.length = 0;
      await context.addInitScript(() => localStorage.setItem('dingo.lang', 'en'));
      await page.reload();
      await page.getByTestId('new-customer').filter({ hasText: en.customers.new }).waitFor();
      expect(messages.sort()).toEqual(['en-core', 'en-customers']);
      expect(await rawKeys()).toEqual([]);
    });
    await context.close();
  });
});

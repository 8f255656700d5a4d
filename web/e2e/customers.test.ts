import { describe, it } from 'vitest';
import { cloud, uniqueEmail, PASSWORD } from '#infra/local/testing.ts';
import { en, zhCN } from '../src/locales.ts';
import { navigate, sharedBrowser, viewports, withScreenshotOnFailure } from './browser.ts';

const browser = sharedBrowser();

const languages = { 'zh-CN': zhCN, en } as const;

describe.each([
  ['zh-CN', 'desktop'],
  ['en', 'desktop'],
  ['zh-CN', 'phone'],
  ['en', 'phone'],
] as const)('a new company in %s on %s', (lang, size) => {
  const t = languages[lang];

  it('signs up, creates a customer with a Chinese name, finds it, edits it and logs a note', async () => {
    const context = await browser().newContext({ viewport: viewports[size], locale: lang });
    await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
    const page = await context.newPage();
    const stamp = Math.random().toString(36).slice(2, 8);
    const customerName = `杭州湖滨茶叶有限公司${stamp}`;
    await withScreenshotOnFailure(page, `customers-${lang}-${size}`, async () => {
      await page.goto(`${cloud().url}/signup`);
      await page.getByRole('button', { name: t.auth.signup }).waitFor();
      await page.getByTestId('signup-company').fill(`浏览器测试公司 ${stamp}`);
      await page.getByTestId('signup-name').fill('王老板');
      await page.getByTestId('signup-email').fill(uniqueEmail('e2e'));
      await page.getByTestId('signup-password').fill(PASSWORD);
      await page.getByTestId('signup-submit').click();
      await page.getByText(t.dashboard.welcome.replace('{{name}}', '王老板')).waitFor();
      // A new company is shown its first steps; none is done yet.
      await page.locator('[data-testid="getting-started-customers"][data-done="no"]').waitFor();

      await navigate(page, t.nav.customers);
      await page.getByTestId('new-customer').click();
      await page.getByTestId('customer-name').fill(customerName);
      await page.getByTestId('add-contact').click();
      await page.getByTestId('contact-name-0').fill('林经理');
      await page.getByTestId('contact-phone-0').fill('13712345678');
      await page.getByTestId('customer-save').click();
      await page.getByTestId('customer-title').filter({ hasText: customerName }).waitFor();
      await page.getByText('林经理').waitFor();

      await navigate(page, t.nav.customers);
      const search = page.getByTestId('customer-search').locator('input');
      await search.fill('杭州湖滨');
      await search.press('Enter');
      await page.getByRole('link', { name: customerName }).click();

      await page.getByTestId('edit-customer').click();
      await page.getByTestId('customer-tier').fill('VIP');
      await page.getByTestId('customer-save').click();
      await page.getByText(t.common.saved).waitFor();
      await page.locator('.ant-descriptions').getByText('VIP').waitFor();

      await page.getByTestId('note-body').fill('电话确认了下个月的明前龙井订单');
      await page.getByTestId('note-submit').click();
      await page.getByTestId('notes').getByText('电话确认了下个月的明前龙井订单').waitFor();
      // The UI really is in the chosen language.
      await page.getByText(t.customers.notes, { exact: true }).first().waitFor();
      // Back on the dashboard, adding a customer is checked off.
      await navigate(page, t.nav.dashboard);
      await page.locator('[data-testid="getting-started-customers"][data-done="yes"]').waitFor();
      await page.locator('[data-testid="getting-started-order"][data-done="no"]').waitFor();
    });
    await context.close();
  });
});

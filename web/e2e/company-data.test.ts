import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, cloud, newCustomer, newTenant, PASSWORD, userWithRole } from '#infra/local/testing.ts';
import { en, zhCN } from '../src/locales.ts';
import {
  dialog,
  eventually,
  exactly,
  login,
  menuName,
  navigate,
  noSidewaysScroll,
  seriousViolations,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

type Dict = typeof zhCN | typeof en;

/** The statuses of the exports listed, newest first (a row's tag or a card's). */
const exportStatuses = (page: Page) =>
  page
    .getByTestId('exports-table')
    .getByTestId('export-status')
    .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-status')));

/** Signs in through the login page of a closed company: not the app, but the closed screen. */
async function signInClosed(page: Page, email: string) {
  await page.goto(`${cloud().url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('closed-message').waitFor();
}

/** The closed screen's message, with the purge date as this browser writes it (the language's medium date and short time). */
async function closedMessage(page: Page, t: Dict, lang: string, purgeAfter: string) {
  const date = await page.evaluate(
    ([iso, l]) => new Date(iso!).toLocaleString(l, { dateStyle: 'medium', timeStyle: 'short' }),
    [purgeAfter, lang],
  );
  return t.closed.message.replace('{{date}}', date);
}

/** Starts an export on the open page, waits for it to be written, downloads it and checks it is a zip. */
async function exportAndDownload(page: Page, t: Dict) {
  await page.getByText(t.companyData.exports.contains).waitFor();
  await page.getByTestId('exports-table').getByText(t.companyData.exports.none).waitFor();
  await page.getByTestId('export-create').click();
  // Running first (the list polls while it is), then ready with its size and files.
  await eventually(() => exportStatuses(page)).toEqual(['ready']);
  await page
    .getByTestId('exports-table')
    .getByTestId('export-status')
    .filter({ hasText: exactly(t.companyData.exports.statuses.ready) })
    .waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^dingo-export-exp_.+\.zip$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
}

/** Types the company's name into the closing dialog (the button stays disabled until it matches) and closes the company. */
async function closeCompany(page: Page, t: Dict, name: string) {
  await page.getByTestId('close-company').getByText(t.companyData.close.stopAtOnce).waitFor();
  await page.getByTestId('close-company-open').click();
  const modal = await dialog(page);
  const submit = modal.getByTestId('close-company-submit');
  expect(await submit.isDisabled()).toBe(true);
  const input = modal.getByTestId('close-company-confirm');
  await input.fill(name.slice(0, -1));
  expect(await submit.isDisabled()).toBe(true);
  await input.fill(`${name}x`);
  expect(await submit.isDisabled()).toBe(true);
  await input.fill(name);
  await eventually(() => submit.isEnabled()).toBe(true);
  await submit.click();
  await page.getByTestId('closed-message').waitFor();
}

describe('company data in zh-CN on a desktop', () => {
  const t = zhCN;

  it('the owner exports and downloads a zip, closes the company by typing its name, everyone gets the closed screen, a sales rep cannot restore, the owner signs in again and restores it with the data there', async () => {
    const name = '注销测试茶业';
    const owner = await newTenant(name);
    const customerName = '杭州龙井茶庄';
    await newCustomer(owner, { name: customerName });
    const rep = await userWithRole(owner, 'sales');

    // A sales rep has no such page: no menu entry, and the page says it is the owner's.
    const repContext = await browser().newContext({ viewport: viewports.desktop, locale: 'zh-CN' });
    await repContext.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const repPage = await repContext.newPage();
    await withScreenshotOnFailure(repPage, 'company-data-zh-CN-sales', async () => {
      await login(repPage, rep.email);
      await repPage.getByRole('menuitem', { name: menuName(t.nav.customers) }).waitFor();
      expect(await repPage.getByRole('menuitem', { name: menuName(t.nav.companyData) }).count()).toBe(0);
      await repPage.goto(`${cloud().url}/settings/company-data`);
      await repPage.getByTestId('company-data-owner-only').waitFor();
      expect(await repPage.getByTestId('export-create').count()).toBe(0);
      expect(await repPage.getByTestId('close-company-open').count()).toBe(0);
    });

    const context = await browser().newContext({ viewport: viewports.desktop, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    let purgeAfter = '';
    await withScreenshotOnFailure(page, 'company-data-zh-CN', async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.companyData);
      await page.locator('h1').filter({ hasText: t.companyData.title }).waitFor();

      await exportAndDownload(page, t);
      await page.mouse.move(0, 0); // the page as read, not the button just pressed under the pointer
      expect(await seriousViolations(page)).toEqual([]);

      await closeCompany(page, t, name);
      // Every credential of the company answers 401 tenant_closed, with the time its data goes.
      const me = await api('/v1/me', { token: owner.token });
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('tenant_closed');
      purgeAfter = me.body.purgeAfter;
      expect(Date.parse(purgeAfter)).toBeGreaterThan(Date.now());
      expect((await page.getByTestId('closed-message').textContent())?.trim()).toBe(
        await closedMessage(page, t, 'zh-CN', purgeAfter),
      );
      expect(await seriousViolations(page)).toEqual([]);
    });

    // The rep's next request shows the closed screen too, not the login; restoring is the owner's.
    await withScreenshotOnFailure(repPage, 'company-data-zh-CN-sales-closed', async () => {
      await repPage.goto(`${cloud().url}/customers`);
      await repPage.getByTestId('closed-message').waitFor();
      expect((await repPage.getByTestId('closed-message').textContent())?.trim()).toBe(
        await closedMessage(repPage, t, 'zh-CN', purgeAfter),
      );
      await repPage.getByTestId('restore-company').click();
      const refusal = repPage.getByTestId('restore-error');
      await refusal.getByText(t.errors.forbidden).waitFor();
      await refusal.getByText(t.closed.askOwner).waitFor();
      await repPage.mouse.move(0, 0);
      expect(await seriousViolations(repPage)).toEqual([]);
    });
    await repContext.close();

    await withScreenshotOnFailure(page, 'company-data-zh-CN-restore', async () => {
      // Signed out and in again: the closed screen, then restored into the app with the data as it was.
      await page.getByTestId('closed-logout').click();
      await page.getByTestId('login-email').waitFor();
      await signInClosed(page, owner.email);
      await page.getByTestId('restore-company').click();
      await page.getByTestId('account-menu').waitFor();
      await navigate(page, t.nav.customers);
      await page.getByText(customerName).first().waitFor();
      await navigate(page, t.nav.companyData);
      await eventually(() => exportStatuses(page)).toEqual(['ready']);
      expect((await api('/v1/me', { token: owner.token })).status).toBe(200);
    });
    await context.close();
  }, 240_000);
});

describe('company data in en on a phone', () => {
  const t = en;

  it('at 390 px: the export as a card, downloaded; closing by the typed name; the closed screen; restored; no sideways scroll, no serious axe violation', async () => {
    const name = 'Leaving Tea Co.';
    const owner = await newTenant(name);

    const context = await browser().newContext({ viewport: viewports.phone, locale: 'en' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'en'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'company-data-en-phone', async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.companyData);
      await page.locator('h1').filter({ hasText: t.companyData.title }).waitFor();
      await exportAndDownload(page, t);
      await page.getByTestId('exports-table-card').waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.mouse.move(0, 0);
      expect(await seriousViolations(page)).toEqual([]);

      await closeCompany(page, t, name);
      const me = await api('/v1/me', { token: owner.token });
      expect(me.body.code).toBe('tenant_closed');
      expect((await page.getByTestId('closed-message').textContent())?.trim()).toBe(
        await closedMessage(page, t, 'en', me.body.purgeAfter),
      );
      expect(await noSidewaysScroll(page)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);

      // A reload keeps the closed screen (the session stays; every request says the company is closed).
      await page.reload();
      await page.getByTestId('closed-message').waitFor();
      await page.getByTestId('restore-company').click();
      await page.getByTestId('account-menu').waitFor();
      expect((await api('/v1/me', { token: owner.token })).status).toBe(200);
    });
    await context.close();
  }, 180_000);
});

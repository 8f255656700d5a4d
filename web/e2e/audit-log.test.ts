import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, cloud, newTenant, userWithRole, type TestTenant } from '#infra/local/testing.ts';
import { en, zhCN } from '../src/locales.ts';
import {
  eventually,
  login,
  menuName,
  navigate,
  noSidewaysScroll,
  pick,
  record,
  seriousViolations,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

/** The actions the list shows, top to bottom (a row's or a card's). */
const actions = (page: Page, phone = false) =>
  phone
    ? page.getByTestId('audit-table').getByTestId('audit-table-card-title').allTextContents()
    : page.getByTestId('audit-table').getByTestId('audit-action').allTextContents();

/**
 * What the owner changes through the API before opening the page: the payment terms (30 → 45
 * days) and an API key, which itself then adds a webhook (the log names the key as who did it).
 */
async function changes(owner: TestTenant) {
  const settings = await api('/v1/settings', {
    method: 'PATCH',
    token: owner.token,
    body: { defaultPaymentTermsDays: 45 },
  });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  const key = await api('/v1/api-keys', {
    token: owner.token,
    body: { name: '金蝶对接', scopes: ['webhooks:manage'] },
  });
  expect(key.status, JSON.stringify(key.body)).toBe(201);
  const hook = await api('/v1/webhooks', {
    token: key.body.secret,
    body: { url: 'https://erp.example.com/hooks/dingo', eventTypes: ['order.confirmed'] },
  });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  return { keyId: key.body.id as string, hookId: hook.body.id as string };
}

/** The payment terms' change in the opened details: 30 before, 45 after. */
async function paymentTermsChanged(page: Page) {
  const change = page.getByTestId('audit-change-defaultPaymentTermsDays');
  await change.waitFor();
  expect((await change.getByTestId('audit-before').textContent())?.trim()).toBe('30');
  expect((await change.getByTestId('audit-after').textContent())?.trim()).toBe('45');
}

describe('the audit log in zh-CN on a desktop', () => {
  const t = zhCN;

  it('an owner sees the settings change, the new API key and the webhook the key made, by kind, with the payment terms 30 → 45; a sales rep has no such menu entry', async () => {
    const owner = await newTenant('审计茶业');
    const { keyId, hookId } = await changes(owner);
    const rep = await userWithRole(owner, 'sales');

    const context = await browser().newContext({ viewport: viewports.desktop, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'audit-log-zh-CN', async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.auditLog);
      await page.locator('h1').filter({ hasText: t.audit.title }).waitFor();

      // Newest first, each change in words: the invitation, the key's webhook, the key, the settings.
      await eventually(() => actions(page)).toEqual([
        t.audit.actions.inviteUser,
        t.audit.actions.createWebhook,
        t.audit.actions.createApiKey,
        t.audit.actions.updateSettings,
        t.audit.actions.updateSettings, // the test company's own set-up (prices quoted without tax)
      ]);
      const keyRow = record(page, 'audit-table', t.audit.actions.createApiKey);
      await keyRow.getByText(t.audit.entities.api_key, { exact: true }).waitFor();
      await keyRow.getByText(keyId).waitFor();
      await keyRow.getByText('老板').waitFor();
      // The webhook was made by the key: its name, marked as a key.
      const hookRow = record(page, 'audit-table', t.audit.actions.createWebhook);
      await hookRow.getByTestId('audit-actor').filter({ hasText: '金蝶对接' }).waitFor();
      await hookRow.getByTestId('audit-actor-key').filter({ hasText: t.audit.apiKey }).waitFor();
      await hookRow.getByText(hookId).waitFor();

      // By kind of record: API keys only.
      await pick(page, 'audit-entity-filter', 'API', t.audit.entities.api_key);
      await eventually(() => actions(page)).toEqual([t.audit.actions.createApiKey]);
      expect(new URL(page.url()).searchParams.get('entity')).toBe('api_key');

      // Company settings: the newest change's details show the payment terms before and after.
      await pick(page, 'audit-entity-filter', t.audit.entities.settings, t.audit.entities.settings);
      await eventually(() => actions(page)).toEqual([t.audit.actions.updateSettings, t.audit.actions.updateSettings]);
      await record(page, 'audit-table', t.audit.actions.updateSettings).first().getByTestId('audit-details').click();
      await paymentTermsChanged(page);
      // The page as read, not a button under the pointer (antd's hover shade of the brand reads at 4:1).
      await page.mouse.move(0, 0);
      expect(await seriousViolations(page)).toEqual([]);

      // By who: the key's own changes.
      await page.goto(`${cloud().url}/settings/audit-log?actor=${keyId}`);
      await eventually(() => actions(page)).toEqual([t.audit.actions.createWebhook]);
    });
    await context.close();

    // A sales rep's menu has no audit log, and the page itself says it is not for them.
    const repContext = await browser().newContext({ viewport: viewports.desktop, locale: 'zh-CN' });
    await repContext.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const repPage = await repContext.newPage();
    await withScreenshotOnFailure(repPage, 'audit-log-zh-CN-sales', async () => {
      await login(repPage, rep.email);
      await repPage.getByRole('menuitem', { name: menuName(t.nav.customers) }).waitFor();
      expect(await repPage.getByRole('menuitem', { name: menuName(t.nav.auditLog) }).count()).toBe(0);
      await repPage.goto(`${cloud().url}/settings/audit-log`);
      await repPage.getByTestId('audit-error').waitFor();
      expect(await repPage.getByTestId('audit-table').locator('tr[data-row-key]').count()).toBe(0);
    });
    await repContext.close();
  }, 180_000);
});

describe('the audit log in en on a phone', () => {
  const t = en;

  it('at 390 px: the changes as cards, the details of the settings change, no sideways scroll, no serious axe violation', async () => {
    const owner = await newTenant('Audit Tea');
    await changes(owner);

    const context = await browser().newContext({ viewport: viewports.phone, locale: 'en' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'en'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'audit-log-en-phone', async () => {
      await login(page, owner.email);
      await navigate(page, t.nav.auditLog);
      await eventually(() => actions(page, true)).toEqual([
        t.audit.actions.createWebhook,
        t.audit.actions.createApiKey,
        t.audit.actions.updateSettings,
        t.audit.actions.updateSettings,
      ]);
      await record(page, 'audit-table', t.audit.actions.createWebhook)
        .getByTestId('audit-actor-key')
        .filter({ hasText: t.audit.apiKey })
        .waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);

      await record(page, 'audit-table', t.audit.actions.updateSettings).first().getByTestId('audit-details').click();
      await paymentTermsChanged(page);
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.mouse.move(0, 0); // the page as read, not the button just pressed under the pointer
      expect(await seriousViolations(page)).toEqual([]);

      // A filter that matches nothing says so.
      await pick(page, 'audit-entity-filter', t.audit.entities.warehouse, t.audit.entities.warehouse);
      await page.getByTestId('audit-table').getByText(t.audit.noMatch).waitFor();
      expect(await noSidewaysScroll(page)).toBe(true);
    });
    await context.close();
  }, 150_000);
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  api,
  cloud,
  defaultWarehouse,
  eventually,
  newCustomer,
  newProduct,
  newTenant,
  PASSWORD,
  receive,
  temporaryPasswordFor,
  uniqueEmail,
  userWithRole,
} from '#infra/local/testing.ts';
import { zhCN, en } from '../src/locales.ts';
import {
  dialog,
  exactly,
  label,
  login,
  logout,
  menuName,
  navigate,
  numberInput,
  pick,
  record,
  sharedBrowser,
  viewports,
  withScreenshotOnFailure,
} from './browser.ts';

const browser = sharedBrowser();

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));

/** The bell in the header, named by what it shows: the unread count, or none. */
const bell = (page: Page, t: typeof zhCN, count: number) =>
  page.getByRole('button', { name: count ? fill(t.inbox.bellUnread, { count }) : t.inbox.bell, exact: true });

describe('a sales team in zh-CN on a 390 px phone', () => {
  const t = zhCN;

  it("runs a rep's day: the boss sets up a department and invites a rep, the rep sees only their customers and enters an order, finance is told at once and approves from her phone, the rep reads the decision in their inbox", async () => {
    // The company, its catalog and its approval rule come through the API; the people work in the browser.
    const owner = await newTenant('茶叶销售团队');
    const [finance, otherRep] = await Promise.all([userWithRole(owner, 'finance'), userWithRole(owner, 'sales')]);
    const stamp = Math.random().toString(36).slice(2, 7).toUpperCase();
    const tea = await newProduct(owner, {
      sku: `LJ-${stamp}`,
      name: '明前龙井',
      price: { amount: 30_000, currency: 'CNY' },
    });
    await receive(owner, tea.id, await defaultWarehouse(owner), 40);
    const rule = await api('/v1/workflows/approval', {
      method: 'PUT',
      token: owner.token,
      body: {
        rules: [{ name: '大额订单', when: { orderTotalGte: { amount: 1, currency: 'CNY' } }, steps: ['finance'] }],
      },
    });
    expect(rule.status).toBe(200);
    const repEmail = uniqueEmail('rep');

    const context = await browser().newContext({ viewport: viewports.phone, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'zh-CN'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'team-zh-CN-phone', async () => {
      // The boss: a sales department, and 小李 invited into it with a mobile for robot @mentions.
      await login(page, owner.email);
      await navigate(page, t.nav.users);
      await page.getByRole('tab', { name: t.team.departments }).click();
      await page.getByTestId('new-department').click();
      await page.getByTestId('department-name').fill('华东销售部');
      await (await dialog(page)).getByRole('button', { name: label(t.common.save) }).click();
      await record(page, 'departments-table', '华东销售部').waitFor();

      await page.getByRole('tab', { name: t.team.people }).click();
      await page.getByTestId('invite-user').click();
      await page.getByTestId('invite-email').fill(repEmail);
      await page.getByTestId('user-name').fill('小李');
      // A tree select: choose, and check the choice took (a click during the dropdown's animation may not,
      // on a busy machine); open it again only if it has closed.
      const department = page
        .locator('.ant-select:has([data-testid="user-department"]), .ant-select[data-testid="user-department"]')
        .first();
      for (let attempt = 1; !(await department.filter({ hasText: '华东销售部' }).count()); attempt += 1) {
        if (!(await page.locator('.ant-select-dropdown:visible').count()))
          await page.getByTestId('user-department').click();
        await page
          .locator('.ant-select-dropdown:visible')
          .getByText('华东销售部', { exact: true })
          .click({ timeout: 8_000, force: attempt > 1 });
        await department
          .filter({ hasText: '华东销售部' })
          .waitFor({ timeout: 3_000 })
          .catch(() => {
            if (attempt >= 4) throw new Error('the department could not be chosen');
          });
      }
      await page.getByTestId('user-phone').fill('13800138000');
      await (await dialog(page)).getByRole('button', { name: label(t.users.invite) }).click();
      await page.getByText(t.users.inviteSent).waitFor();
      await record(page, 'users-table', '小李').filter({ hasText: '华东销售部' }).waitFor();
      // This month's target for 小李: ¥10,000.
      await navigate(page, t.nav.targets);
      await page.getByTestId('edit-targets').click();
      await numberInput(page, 'target-小李').fill('10000');
      await page.getByTestId('targets-save').click();
      await record(page, 'targets-table', '小李').getByText('¥10,000.00').waitFor();
      await logout(page, t);

      // 小李's customers: one of his own, one of another rep's, one in the shared pool (公海).
      const users = await api('/v1/users?limit=100', { token: owner.token });
      const repId = (users.body.items as { id: string; email: string }[]).find((u) => u.email === repEmail)!.id;
      const [mine, theirs, pooled] = await Promise.all([
        newCustomer(owner, { name: `西湖茶庄 ${stamp}`, ownerId: repId }),
        newCustomer(owner, { name: `东海茶行 ${stamp}`, ownerId: otherRep.userId }),
        newCustomer(owner, { name: `梅家坞茶社 ${stamp}` }),
      ]);
      expect(mine.id && theirs.id && pooled.id).toBeTruthy();

      // 小李 logs in with the temporary password from the invitation and chooses his own.
      await page.goto(`${cloud().url}/login`);
      await page.getByTestId('login-email').fill(repEmail);
      await page.getByTestId('login-password').fill(await temporaryPasswordFor(repEmail));
      await page.getByTestId('login-submit').click();
      await page.getByTestId('new-password').fill(PASSWORD);
      await page.getByTestId('new-password-submit').click();
      // His dashboard covers his own customers and orders, against his target.
      await page.getByTestId('dashboard-scope').filter({ hasText: t.dashboard.scopes.own }).waitFor();
      await page.getByTestId('dashboard-target').getByText('¥10,000.00').waitFor();
      // A rep's menu has no API keys, webhooks or company settings.
      await page.getByTestId('menu-button').click();
      await page.getByRole('menuitem', { name: menuName(t.nav.customers) }).waitFor();
      for (const hidden of [t.nav.apiKeys, t.nav.webhooks, t.nav.settings])
        expect(await page.getByRole('menuitem', { name: menuName(hidden) }).count()).toBe(0);
      await page.getByRole('menuitem', { name: menuName(t.nav.customers) }).click();

      // He sees his own customer and the pool, never another rep's.
      const customers = page.getByTestId('customers-table');
      await customers.getByRole('link', { name: `西湖茶庄 ${stamp}` }).waitFor();
      await customers.getByRole('link', { name: `梅家坞茶社 ${stamp}` }).waitFor();
      expect(await customers.getByRole('link', { name: `东海茶行 ${stamp}` }).count()).toBe(0);
      // He takes the pooled one: from the pool it moves to his own.
      const whose = page.getByTestId('customer-whose');
      await whose.getByText(t.team.whose.pool, { exact: true }).click();
      await record(page, 'customers-table', `梅家坞茶社 ${stamp}`)
        .getByRole('button', { name: label(t.team.claim) })
        .click();
      await page.getByText(t.team.claimed).waitFor();
      await whose.getByText(t.team.whose.mine, { exact: true }).click();
      await customers.getByRole('link', { name: `梅家坞茶社 ${stamp}` }).waitFor();
      await customers.getByRole('link', { name: `西湖茶庄 ${stamp}` }).waitFor();

      // An order for his customer, credited to him, that needs finance's approval.
      await navigate(page, t.nav.orders);
      await page.getByTestId('new-order').click();
      await pick(page, 'order-customer', '西湖茶庄', `西湖茶庄 ${stamp}`);
      await pick(page, 'line-product-0', tea.sku, tea.sku);
      await numberInput(page, 'line-quantity-0').fill('3');
      await page.getByTestId('order-sales-rep').filter({ hasText: '小李' }).waitFor();
      await page.getByTestId('save-order').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.draft) })
        .waitFor();
      await page.getByTestId('order-submit').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.pending_approval) })
        .waitFor();
      const number = ((await page.getByTestId('order-number').textContent()) ?? '').trim();
      const orderUrl = page.url();
      await logout(page, t);

      // Finance is told at once: the bell counts it, the inbox says what waits, and she approves on her phone.
      await login(page, finance.email);
      await bell(page, t, 1).waitFor({ timeout: 45_000 });
      await bell(page, t, 1).click();
      const waiting = page.getByTestId('notification').filter({ hasText: number });
      await waiting.filter({ hasText: t.inbox.kinds.approval_requested }).waitFor();
      await waiting.getByTestId('notification-open').click();
      await page.getByTestId('order-number').filter({ hasText: number }).waitFor();
      await page.getByTestId('order-sales-rep').filter({ hasText: '小李' }).waitFor();
      await page.getByTestId('order-approve').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      // Opened, it is read: the bell has nothing more for her.
      await bell(page, t, 0).waitFor();
      await logout(page, t);

      // 小李 follows the order's link before logging in: after login he lands on it, approved.
      await page.goto(orderUrl);
      await page.getByTestId('login-email').fill(repEmail);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page
        .getByTestId('order-status')
        .filter({ hasText: exactly(t.orders.statuses.confirmed) })
        .waitFor();
      // The decision waits in his inbox.
      await bell(page, t, 1).waitFor({ timeout: 45_000 });
      await bell(page, t, 1).click();
      const decided = page.getByTestId('notification').filter({ hasText: number });
      await decided.filter({ hasText: t.inbox.kinds.order_approved }).waitFor();
      await page.getByTestId('read-all').click();
      await page.getByText(t.inbox.allRead).waitFor();
      await bell(page, t, 0).waitFor();
      await page.locator('[data-testid="notification"][data-read="no"]').waitFor({ state: 'detached' });
    });
    await context.close();
  }, 300_000);
});

describe('a forgotten password in en on a phone', () => {
  const t = en;

  it('asks for a code, sets a new password with it and is logged in', async () => {
    const owner = await newTenant('Forgetful Trading');
    const context = await browser().newContext({ viewport: viewports.phone, locale: 'en' });
    await context.addInitScript(() => localStorage.setItem('dingo.lang', 'en'));
    const page = await context.newPage();
    await withScreenshotOnFailure(page, 'forgot-password-en-phone', async () => {
      await page.goto(`${cloud().url}/login`);
      await page.getByTestId('forgot-password').click();
      await page.getByRole('heading', { level: 1, name: t.auth.forgotTitle }).waitFor();
      await page.getByTestId('forgot-email').fill(owner.email);
      await page.getByTestId('forgot-submit').click();
      await page.getByTestId('code-sent').waitFor();
      // The local cloud keeps the mail Cognito would send.
      const code = await eventually(async () => {
        const res = await api<{ items: { text: string }[] }>('/_local/mail');
        const mail = res.body.items.filter((m) => m.text.includes(`To: ${owner.email}`) && /code/i.test(m.text)).at(-1);
        const found = mail && /code: *([0-9A-Za-z]{4,12})/.exec(mail.text);
        if (!found) throw new Error(`no reset code for ${owner.email}`);
        return found[1]!;
      });
      await page.getByTestId('reset-code').fill('000000');
      await page.getByTestId('reset-password').fill('NewPassw0rd2026');
      await page.getByTestId('reset-submit').click();
      await page.getByText(t.errors.invalid_code).waitFor();
      await page.getByTestId('reset-code').fill(code);
      await page.getByTestId('reset-submit').click();
      await page.getByTestId('account-menu').waitFor();
      await navigate(page, t.nav.dashboard);
      await logout(page, t);
      // The old password no longer works; the new one does.
      await page.getByTestId('login-email').fill(owner.email);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByRole('alert').waitFor();
      await page.getByTestId('login-password').fill('NewPassw0rd2026');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('account-menu').waitFor();
    });
    await context.close();
  }, 120_000);
});

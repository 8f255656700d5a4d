import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cloud, PASSWORD } from '#infra/local/testing.ts';
import { artifacts } from '#infra/local/artifacts.ts';

export { artifacts };

export const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

export async function launch(): Promise<Browser> {
  return chromium.launch({
    // Resolved (and unpacked, when it is the bundled one) once by the test setup.
    executablePath: inject('chromiumPath'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs a flow; on failure keeps a full-page screenshot in .test-artifacts/ and rethrows. */
export async function withScreenshotOnFailure(page: Page, name: string, flow: () => Promise<void>) {
  try {
    await flow();
  } catch (error) {
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  }
}

/** A menu item's accessible name starts with its icon's label: match the entry's own text at the end. */
export const menuName = (text: string) => new RegExp(`(^|\\s)${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Opens an antd Select by its test id, types to search, and picks the option that shows `text`. */
export async function pick(page: Page, testId: string, search: string, text: string) {
  const select = page
    .locator(`.ant-select:has([data-testid="${testId}"]), .ant-select[data-testid="${testId}"]`)
    .first();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first();
  const open = async () => {
    await page.getByTestId(testId).click();
    await page.keyboard.type(search);
  };
  await open();
  // On a busy machine (or a slow browser) the option may still be moving when clicked, or the click
  // may land during the dropdown's animation: check the choice took; else click again (forced once
  // it is there), reopening the dropdown only when it has closed. Never Escape: that could close a dialog.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await option.click({ timeout: 8_000, force: attempt > 1 });
      await select.filter({ hasText: text }).waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
      if (await select.filter({ hasText: text }).count()) return;
      if (!(await dropdown.count())) await open();
    }
  }
}

/** Opens a navigation entry: on a phone the menu sits in a drawer behind the menu button. */
export async function navigate(page: Page, text: string) {
  const phone = (page.viewportSize()?.width ?? 1280) < 768;
  if (phone) await page.getByTestId('menu-button').click();
  await page.getByRole('menuitem', { name: menuName(text) }).click();
  if (phone) {
    // The menu's drawer closes on the click; on a loaded machine its closing can lag behind the next
    // step, whose click its mask would take. Wait for it to be gone (Escape if it stayed open).
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.waitFor({ state: 'hidden', timeout: 5_000 }).catch(async () => {
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    });
  }
}

/** antd puts a test id either on an InputNumber's wrapper or on its input: find the input either way. */
export const numberInput = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** antd spaces out two-character Chinese button labels ("保 存"): match with or without the space. */
export const label = (text: string) =>
  new RegExp(
    `^${text
      .split('')
      .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s*')}$`,
  );

export async function login(page: Page, email: string) {
  await page.goto(`${cloud().url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor(); // the header: on a phone the navigation sits in a drawer
}

export async function logout(page: Page, t: { nav: { logout: string } }) {
  // The account menu opens on a click (a phone has no hover) and stays open until an entry is chosen.
  await page.getByTestId('account-menu').click();
  await page.locator('.ant-dropdown:visible').getByText(t.nav.logout).click();
  await page.getByTestId('login-email').waitFor();
}

/**
 * The open dialog once its entrance animation has ended: under load a click during antd's zoom-in
 * can be lost (the dialog stays open and nothing is submitted).
 */
export async function dialog(page: Page) {
  const modal = page.locator('.ant-modal:visible:not([class*="ant-zoom-"])').last();
  await modal.waitFor();
  return modal;
}

/** A status tag's exact text: "Shipped" must not match "Partially shipped" (hasText matches substrings). */
export const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** A record of a list, however it is shown: a table row on a wide screen, a card under 576 px. */
export const record = (page: Page, testId: string, text: string | RegExp) =>
  page.getByTestId(testId).locator(`tr, [data-testid="${testId}-card"]`).filter({ hasText: text });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The critical and serious axe-core violations of the page as shown (each with the nodes it names). */
export async function seriousViolations(page: Page) {
  // Evaluated by the browser's debugging protocol, not as a <script>: the app's CSP (script-src 'self') rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: object, options: object) => Promise<any> } }).axe;
    // Running animations settle first; the transient toasts (.ant-message) are left out: one fading away
    // while axe measures it reads as low contrast (a fresh-clone CI run failed on a receipt's toast).
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.race([
      Promise.all(finite.map((a) => a.finished.catch(() => undefined))),
      new Promise((r) => setTimeout(r, 2_000)),
    ]);
    return axe.run(
      { include: [document.documentElement], exclude: [['.ant-message']] },
      { resultTypes: ['violations'] },
    );
  });
  return (result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[])
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page never scrolls sideways (a wide table scrolls inside its own box). */
export const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

/** A value the page shows once it has loaded (expect.poll waits only a second by default). */
export const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

/** The file's Chromium: launched before its tests, closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet (call it inside a test or hook)');
    return browser;
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import {
  api,
  cloud,
  defaultWarehouse,
  eventually,
  newCustomer,
  newProduct,
  newTenant,
  receive,
} from '#infra/local/testing.ts';
import { en, zhCN } from '../src/locales.ts';
import { exactly, label, launch, login, menuName, viewports, withScreenshotOnFailure, dialog } from './browser.ts';

let browser: Browser;
let receiver: Server;
let base: string;
const received: { headers: Record<string, string>; body: string }[] = [];
beforeAll(async () => {
  browser = await launch();
  receiver = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    received.push({ headers: req.headers as Record<string, string>, body });
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const address = receiver.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe.each([
  ['zh-CN', zhCN],
  ['en', en],
] as const)('partners in %s', (lang, t) => {
  it('creates an API key and a webhook in the web app, an order made with the key is delivered, the log shows it and retries it', async () => {
    const owner = await newTenant(`对接 ${lang}`);
    const warehouseId = await defaultWarehouse(owner);
    const product = await newProduct(owner);
    await receive(owner, product.id, warehouseId, 10);
    const customer = await newCustomer(owner);
    const path = `/erp-${lang}`;

    const context = await browser.newContext({ viewport: viewports.desktop, locale: lang });
    await context.addInitScript((l) => localStorage.setItem('dingo.lang', l), lang);
    const page = await context.newPage();
    await withScreenshotOnFailure(page, `partners-${lang}`, async () => {
      await login(page, owner.email);
      await page.getByRole('menuitem', { name: menuName(t.nav.apiKeys) }).click();
      await page.getByTestId('new-api-key').click();
      await page.getByTestId('api-key-name').fill('ERP');
      await page.getByTestId('api-key-scopes').getByText('orders:write', { exact: true }).click();
      await (await dialog(page)).getByRole('button', { name: label(t.common.create) }).click();
      const secret = ((await page.getByTestId('api-key-secret').textContent()) ?? '').trim();
      expect(secret).toMatch(/^dk_live_/);
      await page.getByRole('button', { name: t.partners.copied }).click();
      await page.getByTestId('api-keys-table').getByText('ERP').waitFor();

      await page.getByRole('menuitem', { name: menuName(t.nav.webhooks) }).click();
      await page.getByTestId('new-webhook').click();
      await page.getByTestId('webhook-url').fill(`${base}${path}`);
      await (await dialog(page)).getByRole('button', { name: label(t.common.create) }).click();
      const whsec = ((await page.getByTestId('webhook-secret').textContent()) ?? '').trim();
      expect(whsec).toMatch(/^whsec_/);
      await page.getByRole('button', { name: t.partners.copied }).click();
      await page.getByTestId('webhooks-table').getByText(`${base}${path}`).waitFor();

      // The partner's system creates an order with its key.
      const order = await api('/v1/orders', {
        token: secret,
        body: { customerId: customer.id, channel: 'api', lines: [{ productId: product.id, quantity: 1 }] },
      });
      expect(order.status).toBe(201);
      const delivered = await eventually(async () => {
        const r = received.find((x) => JSON.parse(x.body).data?.id === order.body.id);
        expect(r).toBeDefined();
        return r!;
      });
      expect(new StandardWebhook(whsec).verify(delivered.body, delivered.headers)).toMatchObject({
        type: 'order.created',
      });

      await page.getByTestId('open-deliveries').click();
      const status = page.getByTestId('delivery-status-order.created');
      await status.filter({ hasText: exactly(t.partners.statuses.succeeded) }).waitFor();
      const before = received.length;
      await page.getByTestId('retry-order.created').click();
      await eventually(async () => expect(received.length).toBe(before + 1));
      await page.getByTestId('deliveries-table').getByRole('cell', { name: '2', exact: true }).waitFor();
    });
    await context.close();
  }, 120_000);
});

describe('API reference', () => {
  it('renders the OpenAPI document with Scalar', async () => {
    const owner = await newTenant('参考文档');
    const page = await browser.newPage({ viewport: viewports.desktop });
    await withScreenshotOnFailure(page, 'api-reference', async () => {
      await login(page, owner.email);
      await page.goto(`${cloud().url}/developers/reference`);
      await page.getByTestId('api-reference').getByText('Liveness and readiness').first().waitFor({ timeout: 60_000 });
    });
    await page.close();
  }, 120_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { eventually, PASSWORD, uniqueEmail } from './testing.ts';
import { projectRoot } from './cloud.ts';

interface Running {
  child: ChildProcess;
  url: string;
  endpoints: { dynamodb: string };
}
const dataDir = mkdtempSync(join(tmpdir(), 'dingo-durability-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start` as a separate process on a data folder (one node process, so SIGKILL hits the whole cloud). */
function startCloud(extraEnv: Record<string, string> = {}, dir = dataDir): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: '0',
      SEED: '0',
      LOG_LEVEL: 'silent',
      LOCAL_CLOUD_READY_JSON: '1',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{"ready":true'));
      if (line) {
        const r = JSON.parse(line);
        resolve({ child, url: r.url, endpoints: r.endpoints });
      }
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    child.once('exit', (code) => reject(new Error(`local cloud exited (${code}): ${out.slice(-1500)}`)));
  });
}

async function call(base: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

/** Every item of one partition (the events of a purchase order, the ledger of a level). */
async function partition(db: DynamoDBDocumentClient, pk: string, prefix: string) {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: 'dingo',
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': prefix },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

async function pages<T>(base: string, path: string, token: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { body: { items: T[]; nextCursor: string | null } } = await call(
      base,
      `${path}${sep}limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      token,
    );
    out.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

describe('durability', () => {
  // Guarantees: a crash of the whole local cloud loses no committed change's event and half-writes nothing.
  it('after SIGKILL during a load and a restart, every committed customer has its event, consumed exactly once', async () => {
    // Deliveries wait 400 ms on the bus, so events are certainly in flight when the plug is pulled.
    const first = await startCloud({ BUS_DELAY_MS: '400' });
    const email = uniqueEmail('crash');
    const signup = await call(first.url, '/v1/signup', undefined, {
      companyName: '断电测试公司',
      adminEmail: email,
      adminPassword: PASSWORD,
    });
    expect(signup.status).toBe(201);
    const tenantId = signup.body.tenant.id as string;
    let token = signup.body.tokens.idToken as string;

    // Keep creating customers, 4 at a time, and pull the plug while requests are in flight.
    let stop = false;
    let created = 0;
    const load = Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !stop; i += 1) {
          const res = await call(first.url, '/v1/customers', token, { name: `压力客户${w}-${i}` }).catch(
            () => undefined,
          );
          if (res?.status === 201) created += 1;
        }
      }),
    );
    // Pull it once some customers are in (however slow the machine), with requests still in flight.
    for (const started = Date.now(); created < 8 && Date.now() - started < 60_000; )
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    first.child.kill('SIGKILL');
    stop = true;
    await load;
    await new Promise((r) => setTimeout(r, 2_000)); // the services' watchdogs notice and stop

    const second = await startCloud();
    const login = await call(second.url, '/v1/auth/login', undefined, { email, password: PASSWORD });
    token = login.body.idToken;
    const customers: { id: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await call(
        second.url,
        `/v1/customers?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        token,
      );
      customers.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(customers.length).toBeGreaterThan(5);

    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: second.endpoints.dynamodb,
        region: 'us-east-1',
        credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      }),
    );
    for (const c of customers) {
      const events = await db.send(
        new QueryCommand({
          TableName: 'dingo',
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
          ExpressionAttributeValues: { ':pk': `${tenantId}#CUSTOMER#${c.id}`, ':e': 'EVENT#' },
        }),
      );
      expect(events.Items?.map((e) => e.eventType)).toEqual(['customer.created']);
    }
    await eventually(async () => {
      const dashboard = await call(second.url, '/v1/reports/dashboard', token);
      const counted = dashboard.body.customers.createdThisMonth;
      expect(counted).toBe(customers.length);
    }, 30_000);
    second.child.kill('SIGTERM');
  }, 120_000);

  // Guarantees: a receipt, its stock, ledger row, cost, bill and event are one transaction: after a
  // crash in the middle of receiving, the purchase order, the level, the ledger, the bills and the
  // events all count the same receipts, and the stock's value is what the bills say it cost.
  it('after SIGKILL while receiving a purchase order, receipts, stock, ledger, value, bills and events agree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dingo-durability-receipts-'));
    try {
      const first = await startCloud({ BUS_DELAY_MS: '400' }, dir);
      const email = uniqueEmail('crash-po');
      const signup = await call(first.url, '/v1/signup', undefined, {
        companyName: '断电收货公司',
        adminEmail: email,
        adminPassword: PASSWORD,
      });
      expect(signup.status).toBe(201);
      const tenantId = signup.body.tenant.id as string;
      let token = signup.body.tokens.idToken as string;
      const product = await call(first.url, '/v1/products', token, {
        sku: 'CRASH-TEA',
        name: '断电茶',
        unit: '箱',
        price: { amount: 50_000, currency: 'CNY' },
        taxRate: 1300,
      });
      expect(product.status).toBe(201);
      const supplier = await call(first.url, '/v1/suppliers', token, {
        name: '断电茶厂',
        products: [{ productId: product.body.id, cost: 10_000 }],
      });
      const po = await call(first.url, '/v1/purchase-orders', token, {
        supplierId: supplier.body.id,
        lines: [{ productId: product.body.id, quantity: 100_000 }],
      });
      const submitted = await call(first.url, `/v1/purchase-orders/${po.body.id}/submit`, token, {});
      expect(submitted.body.status).toBe('approved');

      // Four receivers at once, at two costs, while the plug is pulled.
      let stop = false;
      const load = Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; !stop; i += 1) {
            await call(first.url, `/v1/purchase-orders/${po.body.id}/receipts`, token, {
              lines: [{ lineId: 'L1', quantity: w + 1, unitCost: i % 2 ? 12_000 : 10_000 }],
            }).catch(() => undefined);
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 3_000));
      first.child.kill('SIGKILL');
      stop = true;
      await load;
      await new Promise((r) => setTimeout(r, 2_000));

      const second = await startCloud({}, dir);
      token = (await call(second.url, '/v1/auth/login', undefined, { email, password: PASSWORD })).body.idToken;
      const after = (await call(second.url, `/v1/purchase-orders/${po.body.id}`, token)).body;
      const received = after.lines[0].received as number;
      expect(received).toBeGreaterThan(0);
      const level = (await call(second.url, `/v1/inventory?productId=${product.body.id}`, token)).body.items[0];
      expect(level.onHand).toBe(received);
      const ledger = await pages<{ onHandDelta: number; valueDelta: number; kind: string }>(
        second.url,
        `/v1/inventory/movements?productId=${product.body.id}`,
        token,
      );
      expect(ledger.every((r) => r.kind === 'receipt')).toBe(true);
      expect(ledger.reduce((s, r) => s + r.onHandDelta, 0)).toBe(received);
      expect(ledger.reduce((s, r) => s + r.valueDelta, 0)).toBe(level.value);
      const bills = await pages<{ total: number; lines: { quantity: number }[] }>(
        second.url,
        `/v1/bills?supplierId=${supplier.body.id}`,
        token,
      );
      expect(bills.length).toBe(ledger.length);
      expect(bills.reduce((s, b) => s + b.lines[0]!.quantity, 0)).toBe(received);
      expect(bills.reduce((s, b) => s + b.total, 0)).toBe(level.value);
      expect((await call(second.url, '/v1/payables/aging', token)).body.totals.total).toBe(level.value);

      const db = DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: second.endpoints.dynamodb,
          region: 'us-east-1',
          credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
        }),
      );
      const events = await partition(db, `${tenantId}#PO#${po.body.id}`, 'EVENT#');
      expect(events.filter((e) => e.eventType === 'purchase_order.received').length).toBe(bills.length);
      second.child.kill('SIGTERM');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

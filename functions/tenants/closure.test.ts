import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { BatchWriteCommand, DeleteCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  api,
  cloud,
  directDb,
  eventually,
  expectProblem,
  newCustomer,
  newTenant,
  PASSWORD,
  runJob,
  settled,
  TABLE,
  uniqueEmail,
  userWithRole,
  type TestTenant,
} from '#infra/local/testing.ts';
import { seedDemoTenant } from '#infra/local/seed.ts';

/**
 * A company's data leaves with it (API.md, "Platform for real tenants"): an export of every record
 * as JSON Lines per kind, zipped; closing (every credential answers 401 at once), restoring within
 * 7 days as it was, and the purge after them, proven complete by reading the whole table (a Scan,
 * here in the test only) for anything left under the company's prefix or naming it.
 */
const DAY = 86_400_000;

/** Every item of the table that belongs to, or names, the company (the test's own Scan of DynamoDB Local). */
async function itemsOf(tenantId: string) {
  const db = await directDb();
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'begins_with(pk, :t) OR contains(pk, :id) OR contains(sk, :id) OR tenantId = :id',
        ExpressionAttributeValues: { ':t': `${tenantId}#`, ':id': tenantId },
        ExclusiveStartKey: start,
      }),
    );
    found.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return found;
}

/**
 * How many records are under the company's own prefix (platform lists that name it come and go with
 * other tests' jobs; each request it makes counts in a rate window of its own).
 */
const ownItems = async (tenantId: string) =>
  (await itemsOf(tenantId)).filter((i) => String(i.pk).startsWith(`${tenantId}#`) && !String(i.pk).includes('#RATE#'))
    .length;

describe('a company that leaves: export, close, restore, purge', () => {
  let company: { tenantId: string; token: string; email: string; name: string };
  let key: string;
  let webhookSecret: string;
  let sales: { token: string };
  let neighbour: TestTenant;
  let neighbourItems: number;

  beforeAll(async () => {
    const email = uniqueEmail('leaver');
    const name = `上海叮咚商贸 ${Math.random().toString(36).slice(2, 7)}`;
    // The demo company's whole day: customers with notes, products in two warehouses, orders in every
    // state, invoices, payments, fapiao, alerts, a notification channel.
    const seeded = await seedDemoTenant(cloud().url, { email, password: PASSWORD, companyName: name });
    company = { ...seeded, email, name };
    const t = { tenantId: seeded.tenantId, token: seeded.token } as TestTenant;
    sales = await userWithRole(t, 'sales');
    // Sent with an Idempotency-Key: its record (the idempotency partition, out of the inventory) goes with the purge.
    const created = await api('/v1/api-keys', {
      token: company.token,
      body: { name: 'ERP 对接', scopes: ['orders:read'], rateLimit: 5 },
      headers: { 'idempotency-key': 'leaver-erp-key' },
    });
    expect(created.status).toBe(201);
    key = created.body.secret;
    expect((await api('/v1/orders', { token: key })).status).toBe(200);
    const hook = await api('/v1/webhooks', {
      token: company.token,
      body: { url: 'https://erp.example.com/hooks/dingo', eventTypes: ['order.confirmed'] },
    });
    webhookSecret = hook.body.secret;
    expect(webhookSecret.length).toBeGreaterThan(20);
    neighbour = await newTenant();
    await settled();
    neighbourItems = await ownItems(neighbour.tenantId);
  }, 240_000);

  it('exports every record as JSON Lines per kind, zipped, without secrets', async () => {
    const created = await api('/v1/exports', { method: 'POST', token: company.token });
    expect(created.status).toBe(202);
    expect(created.body.status).toBe('running');
    expect(Date.parse(created.body.expiresAt) - Date.parse(created.body.requestedAt)).toBe(7 * DAY);
    const ready = await eventually(async () => {
      const res = await api(`/v1/exports/${created.body.id}`, { token: company.token });
      expect(res.body.status).toBe('ready');
      return res.body;
    }, 60_000);
    // The test cloud zips at most 20 KB a zip (4 MB in AWS, a Lambda answer's limit): the demo company's data
    // comes in several zips of whole files, each downloaded on its own.
    expect(ready.parts).toBeGreaterThan(1);
    const files: Record<string, Uint8Array> = {};
    let bytes = 0;
    for (let part = 1; part <= ready.parts; part += 1) {
      const download = await fetch(`${cloud().url}/v1/exports/${created.body.id}/download?part=${part}`, {
        headers: { authorization: `Bearer ${company.token}` },
      });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/zip');
      const zip = Buffer.from(await download.arrayBuffer());
      expect(zip.length).toBeLessThanOrEqual(20_000 + 1_000);
      bytes += zip.length;
      const unzipped = unzipSync(zip);
      expect(Object.keys(unzipped).sort()).toEqual(
        ready.files
          .filter((f: { part: number }) => f.part === part)
          .map((f: { name: string }) => f.name)
          .sort(),
      );
      Object.assign(files, unzipped);
    }
    expect(bytes).toBe(ready.bytes);
    expectProblem(
      await api(`/v1/exports/${created.body.id}/download?part=${ready.parts + 1}`, { token: company.token }),
      404,
      'not_found',
    );
    // A kind of record split over several files reads as one.
    const read = (entity: string): any[] =>
      ready.files
        .filter((f: { entity: string }) => f.entity === entity)
        .flatMap((f: { name: string }) =>
          strFromU8(files[f.name]!)
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l)),
        );
    expect(Object.keys(files).sort()).toEqual(ready.files.map((f: { name: string }) => f.name).sort());
    for (const f of ready.files) expect(strFromU8(files[f.name]!).trim().split('\n'), f.name).toHaveLength(f.records);

    // The records are the company's, whole: as many orders and customers as its lists show.
    const count = async (path: string) => {
      let n = 0;
      let cursor: string | null = null;
      do {
        const res: any = await api(`${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: company.token });
        n += res.body.items.length;
        cursor = res.body.nextCursor;
      } while (cursor);
      return n;
    };
    const orders = read('order');
    expect(orders.length, 'orders').toBe(await count('/v1/orders'));
    expect(orders.length).toBeGreaterThan(5);
    expect(read('customer').length, 'customers').toBe(await count('/v1/customers'));
    expect(orders[0]._key).toMatch(/^ORDER#ord_/);
    expect(orders[0].lines.length).toBeGreaterThan(0);
    const events = read('event');
    expect(events.some((e) => e.envelope?.type === 'order.confirmed')).toBe(true);
    // An order's invoices, kept as a set on its invoiced item, export as a list of ids.
    const invoiced = read('order_invoiced').filter((i) => i.invoiceIds);
    expect(invoiced.length).toBeGreaterThan(0);
    for (const i of invoiced) {
      expect(Array.isArray(i.invoiceIds)).toBe(true);
      for (const id of i.invoiceIds) expect(id).toMatch(/^inv_/);
    }
    // Nothing that must never leave: no key hashes, no webhook secrets, no other company's id.
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(all).not.toContain(webhookSecret);
    expect(all).not.toContain(key);
    expect(all).not.toContain(key.slice(-20));
    expect(all).not.toMatch(/"hash":/);
    expect(read('webhook')[0]).not.toHaveProperty('secret');
    expect(all).not.toContain(neighbour.tenantId);
    expect(read('api_key')[0].name).toBe('ERP 对接');

    // An export still being written is not downloadable yet ('export_not_ready'), and says so.
    const db = await directDb();
    const running = 'exp_01JD8Z5C4V6B7N8M9Q0R1S2T3V';
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          pk: `${company.tenantId}#EXPORT#${running}`,
          sk: 'EXPORT',
          entity: 'export',
          id: running,
          status: 'running',
          requestedBy: 'usr_x',
          requestedAt: new Date().toISOString(),
          until: new Date(Date.now() + DAY).toISOString(),
        },
      }),
    );
    const early = await api(`/v1/exports/${running}/download`, { token: company.token });
    expectProblem(early, 409, 'export_not_ready');
    expect(early.body.exportStatus).toBe('running');
    await db.send(
      new DeleteCommand({ TableName: TABLE, Key: { pk: `${company.tenantId}#EXPORT#${running}`, sk: 'EXPORT' } }),
    );

    // Another company can neither see nor download it.
    await expectProblem(await api(`/v1/exports/${created.body.id}`, { token: neighbour.token }), 404, 'not_found');
    // Exports are the owner's: a sales rep is refused.
    expectProblem(await api('/v1/exports', { method: 'POST', token: sales.token }), 403);
  }, 120_000);

  it('closes only with the company name typed again, and then every credential answers 401', async () => {
    const wrong = await api('/v1/tenant', { method: 'DELETE', token: company.token, body: { confirm: '别的公司' } });
    expectProblem(wrong, 400);
    expect(wrong.body.errors[0].path).toBe('confirm');
    expect((await api('/v1/orders', { token: company.token })).status).toBe(200);
    expectProblem(
      await api('/v1/tenant', { method: 'DELETE', token: sales.token, body: { confirm: company.name } }),
      403,
    );

    const closed = await api('/v1/tenant', { method: 'DELETE', token: company.token, body: { confirm: company.name } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', companyName: company.name });
    expect(Date.parse(closed.body.purgeAfter) - Date.parse(closed.body.closedAt)).toBe(7 * DAY);
    for (const token of [company.token, sales.token, key]) {
      const res = await api('/v1/orders', { token });
      expectProblem(res, 401, 'tenant_closed');
      expect(res.body.purgeAfter).toBe(closed.body.purgeAfter);
    }
    // Closing again (the owner's repeat, as after a close that stopped half-way) answers the same.
    const again = await api('/v1/tenant', { method: 'DELETE', token: company.token, body: { confirm: company.name } });
    expect(again.status).toBe(200);
    expect(again.body.closedAt).toBe(closed.body.closedAt);
    // Off the registry (no job visits it) and on the purge list.
    await settled();
    const items = await itemsOf(company.tenantId);
    expect(items.some((i) => i.pk === 'PLATFORM#TENANTS')).toBe(false);
    expect(items.some((i) => i.pk === 'PLATFORM#CLOSED')).toBe(true);
    expect(items.some((i) => String(i.pk).startsWith('PLATFORM#DUE#'))).toBe(false);
    // A purge run inside the 7 days leaves it whole.
    const early = await runJob('tenant-purge', company.tenantId, new Date(Date.now() + 6 * DAY).toISOString());
    expect(early.results[company.tenantId]).toEqual({ purged: false, items: 0 });
    const keys = (list: Record<string, unknown>[]) => list.map((i) => `${i.pk} ${i.sk}`).sort();
    expect(keys(await itemsOf(company.tenantId))).toEqual(keys(items));
  });

  it('restores within the 7 days, as it was', async () => {
    const before = (await itemsOf(company.tenantId)).length;
    expectProblem(await api('/v1/tenant/restore', { method: 'POST', token: sales.token }), 403);
    const restored = await api('/v1/tenant/restore', { method: 'POST', token: company.token });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: 'active', closedAt: null, purgeAfter: null });
    expect((await api('/v1/orders', { token: sales.token })).status).toBe(200);
    expect((await api('/v1/orders', { token: key })).status).toBe(200);
    expectProblem(await api('/v1/tenant/restore', { method: 'POST', token: company.token }), 409, 'tenant_not_closed');
    const after = await itemsOf(company.tenantId);
    expect(after.some((i) => i.pk === 'PLATFORM#TENANTS')).toBe(true);
    expect(after.some((i) => i.pk === 'PLATFORM#CLOSED')).toBe(false);
    // Who closed it and who reopened it, in the audit log (with the export before them).
    const audit = await api('/v1/audit-log?entity=company', { token: company.token });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'restoreTenant',
      'closeTenant',
      'closeTenant',
      'createExport',
    ]);
    expect(audit.body.items[2].after).toMatchObject({ status: 'closed', companyName: company.name });
    // Back on every job's list (each drops it again when it finds no work): open invoices are checked again.
    expect(after.some((i) => i.pk === 'PLATFORM#DUE#invoices-overdue')).toBe(true);
    // Nothing lost (the requests since then added rate-limit windows and an idempotency-free audit trail only).
    expect(after.length).toBeGreaterThanOrEqual(before - 1);
  });

  it('is purged after 7 days: nothing left under its prefix or naming it, its sign-ins gone, the neighbour untouched', async () => {
    const closed = await api('/v1/tenant', { method: 'DELETE', token: company.token, body: { confirm: company.name } });
    expect(closed.status).toBe(200);
    await settled();
    const before = await itemsOf(company.tenantId);
    expect(before.length).toBeGreaterThan(200);
    expect(before.some((i) => i.pk === `${company.tenantId}#IDEMPOTENCY`)).toBe(true);
    // On the eighth day the owner is too late to restore ('restore_window_passed').
    const late = await api('/v1/tenant/restore', {
      method: 'POST',
      token: company.token,
      headers: { 'x-dingo-now': new Date(Date.now() + 8 * DAY).toISOString() },
    });
    expectProblem(late, 409, 'restore_window_passed');
    const purged = await runJob('tenant-purge', company.tenantId, new Date(Date.now() + 8 * DAY).toISOString());
    expect(purged.results[company.tenantId].purged).toBe(true);
    expect(purged.results[company.tenantId].items).toBeGreaterThan(200);

    const left = await itemsOf(company.tenantId);
    expect(left.map((i) => `${i.pk} ${i.sk}`)).toEqual([]);
    // Restoring is too late; the owner cannot even sign in (the sign-in was deleted).
    expectProblem(await api('/v1/tenant/restore', { method: 'POST', token: company.token }), 401);
    expectProblem(
      await api('/v1/auth/login', { body: { email: company.email, password: PASSWORD } }),
      401,
      'invalid_credentials',
    );
    expectProblem(await api('/v1/orders', { token: key }), 401);
    // The same email can sign up again, as a new company.
    const again = await api('/v1/signup', {
      body: { companyName: '重新开始', adminEmail: company.email, adminPassword: PASSWORD },
    });
    expect(again.status).toBe(201);
    expect(await ownItems(neighbour.tenantId)).toBe(neighbourItems);
    expect((await api('/v1/orders', { token: neighbour.token })).status).toBe(200);
  }, 120_000);
});

describe('a purge stopped part-way', () => {
  // Guarantees: a purge run that stops at any point (a timeout, a throttle) leaves nothing the next
  // run cannot find: every run here is stopped after one more batch of deletes, and the last run,
  // let through, leaves nothing under the company's prefix or naming it.
  it('is finished by the next run, whichever batch it stopped after', async () => {
    const email = uniqueEmail('stopped');
    const name = `杭州半途商贸 ${Math.random().toString(36).slice(2, 7)}`;
    const seeded = await seedDemoTenant(cloud().url, { email, password: PASSWORD, companyName: name });
    // A webhook with deliveries, then deleted: its tombstone keeps its deliveries findable, and gone.
    const hook = await api('/v1/webhooks', {
      token: seeded.token,
      body: { url: 'https://erp.example.com/hooks/dingo', eventTypes: ['customer.created'] },
    });
    expect(hook.status).toBe(201);
    await newCustomer(seeded);
    await newCustomer(seeded);
    await eventually(async () => {
      const listed = await api(`/v1/webhooks/${hook.body.id}/deliveries`, { token: seeded.token });
      expect(listed.body.items).toHaveLength(2);
    });
    expect((await api(`/v1/webhooks/${hook.body.id}`, { method: 'DELETE', token: seeded.token })).status).toBe(200);
    expectProblem(await api(`/v1/webhooks/${hook.body.id}`, { token: seeded.token }), 404);
    expect((await api('/v1/webhooks', { token: seeded.token })).body.items).toEqual([]);
    // (Queries of the partitions, not Scans: the whole suite's table is large.)
    const db0 = await directDb();
    const read = async (pk: string) =>
      (
        await db0.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
          }),
        )
      ).Items ?? [];
    const partition = await read(`${seeded.tenantId}#WEBHOOK#${hook.body.id}`);
    const tombstone = partition.find((i) => i.sk === 'WEBHOOK');
    expect(tombstone?.entity).toBe('webhook_deleted');
    expect(Object.keys(tombstone ?? {}).filter((k) => /secret|url/i.test(k))).toEqual([]);
    const deliveries = partition.filter((i) => String(i.sk).startsWith('DELIVERY#'));
    expect(deliveries).toHaveLength(2);
    // Not in the company's inventory themselves: found through their webhook's partition.
    expect(deliveries.filter((d) => 'gsi4pk' in d)).toEqual([]);
    const closed = await api('/v1/tenant', { method: 'DELETE', token: seeded.token, body: { confirm: name } });
    expect(closed.status).toBe(200);
    await settled();

    // The purge runs here, in the test's process, against the same DynamoDB Local and cognito-local.
    Object.assign(process.env, {
      TABLE_NAME: TABLE,
      DYNAMODB_ENDPOINT: cloud().endpoints.dynamodb,
      COGNITO_ENDPOINT: cloud().endpoints.cognito,
      USER_POOL_ID: cloud().userPoolId,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const { purgeTenant } = await import('./closure.ts');
    const { tenantDb } = await import('#functions/platform/db.ts');
    const { TenantContext, systemPrincipal } = await import('#functions/platform/tenant.ts');
    const db = await tenantDb(seeded.tenantId);
    /** The company's client, stopping the run at its second batch of deletes; what the first deleted is counted. */
    let deleted = 0;
    const stoppingAfterOneBatch = () => {
      let batches = 0;
      const send = (async (command: unknown) => {
        if (!(command instanceof BatchWriteCommand)) return db.send(command as never);
        if (++batches > 1) throw new Error('stopped part-way');
        const out = await db.send(command);
        const sent = Object.values(command.input.RequestItems ?? {}).flat().length;
        deleted += sent - Object.values(out.UnprocessedItems ?? {}).flat().length;
        return out;
      }) as typeof db.send;
      return new TenantContext(seeded.tenantId, systemPrincipal, Object.assign(Object.create(db), { send }));
    };
    const at = new Date(Date.now() + 8 * DAY);
    let stops = 0;
    for (; stops < 500; ) {
      const run = await purgeTenant(stoppingAfterOneBatch(), at).catch((error: Error) => error);
      if (!(run instanceof Error)) {
        expect(run.purged).toBe(true);
        break;
      }
      // Stopped at its second batch: its first went through (each run deletes something, so the loop ends).
      expect(run.message).toBe('stopped part-way');
      stops += 1;
      // From the first stop on, the company is being purged: a restore is refused (its record says so;
      // its owner may already be gone).
      if (stops === 1) {
        const [record] = await read(`${seeded.tenantId}#TENANT`).then((items) =>
          items.filter((i) => i.sk === 'TENANT'),
        );
        expect(record?.purgingAt).toEqual(at.toISOString());
      }
    }
    expect(deleted).toBeGreaterThan(200);
    expect(stops).toBeGreaterThan(5);
    const left = await itemsOf(seeded.tenantId);
    expect(left.map((i) => `${i.pk} ${i.sk}`)).toEqual([]);
    expectProblem(await api('/v1/auth/login', { body: { email, password: PASSWORD } }), 401, 'invalid_credentials');
  }, 240_000);
});

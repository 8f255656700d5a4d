import { describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ulid } from 'ulid';
import { envelopeOf } from '#functions/platform/outbox.ts';
import { companyDay, addDays } from '#shared/domain/dates.ts';
import { TenantContext, systemPrincipal } from '#functions/platform/tenant.ts';
import { pack, unpack } from '#functions/platform/compact.ts';
import { rollUp } from './entries.ts';
import {
  api,
  cloud,
  defaultWarehouse,
  directDb,
  eventually,
  expectProblem,
  invoicesOf,
  newCustomer,
  newProduct,
  newTenant,
  pinClock,
  receive,
  runJob,
  settled,
  TABLE,
  type TestTenant,
} from '#infra/local/testing.ts';

// Every request of this file runs at this instant (noon in Beijing), so "today" is one day for the
// writes, the consumers and the reads alike, whatever the hour the suite runs at.
const NOW = '2026-11-18T04:00:00.000Z';
pinClock(NOW);
const today = companyDay(NOW);
const bus = () =>
  new EventBridgeClient({
    endpoint: cloud().endpoints.eventbridge,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });

/** A company with two products and three customers in two provinces, and a way to sell. */
async function shop() {
  const t = await newTenant();
  const warehouseId = await defaultWarehouse(t);
  const [tea, cup] = await Promise.all([
    newProduct(t, { name: '龙井', price: { amount: 12_345, currency: 'CNY' }, taxRate: 1300 }),
    newProduct(t, { name: '茶杯', price: { amount: 999, currency: 'CNY' }, taxRate: 600 }),
  ]);
  await Promise.all([receive(t, tea.id, warehouseId, 500), receive(t, cup.id, warehouseId, 500)]);
  const customers = await Promise.all([
    newCustomer(t, { name: '杭州客户' }),
    newCustomer(t, { name: '上海客户' }),
    newCustomer(t, { name: '北京客户' }),
  ]);
  const provinces = ['浙江省', '上海市', '北京市'];
  const sell = async (c: number, lines: [typeof tea, number][], channel = 'manual') => {
    const o = await api('/v1/orders', {
      token: t.token,
      body: {
        customerId: customers[c]!.id,
        channel,
        shippingAddress: { province: provinces[c], line1: '某路 1 号' },
        lines: lines.map(([p, quantity]) => ({ productId: p.id, quantity })),
      },
    });
    const s = await api(`/v1/orders/${o.body.id}/submit`, { method: 'POST', token: t.token });
    expect(s.body.status).toBe('confirmed');
    return s.body as {
      id: string;
      total: number;
      subtotal: number;
      lines: { lineId: string; productId: string; quantity: number; total: number }[];
    };
  };
  return { t, tea, cup, customers, sell };
}

/** Today's aggregate as the code before report entries wrote it. */
async function legacyDay(t: TestTenant, figures: Record<string, number>) {
  const db = await directDb();
  await db.send(
    new PutCommand({
      TableName: TABLE,
      Item: { pk: `${t.tenantId}#REPORT#DAILY`, sk: today, entity: 'report_aggregate', ...figures },
    }),
  );
}

const report = async (t: TestTenant, groupBy: string, from = today, to = today) =>
  (await api(`/v1/reports/sales?from=${from}&to=${to}&groupBy=${groupBy}`, { token: t.token })).body;

describe('reports', () => {
  it('reports totals equal to the sum of the orders they cover, whichever way they are grouped; a cancelled order leaves them', async () => {
    const { t, tea, cup, customers, sell } = await shop();
    const orders = [
      await sell(0, [
        [tea, 3],
        [cup, 4],
      ]),
      await sell(1, [[tea, 1]], 'webshop'),
      await sell(
        2,
        [
          [cup, 7],
          [tea, 2],
        ],
        'api',
      ),
      await sell(0, [[cup, 1]]),
    ];
    const cancelled = await sell(1, [[tea, 5]]);
    await api(`/v1/orders/${cancelled.id}/cancel`, { token: t.token, body: { reason: '客户取消' } });
    await settled();
    const kept = orders;
    // Nothing shipped: no cost of goods, and the margin is the net of what was sold.
    const expected = {
      orders: kept.length,
      units: 3 + 4 + 1 + 7 + 2 + 1,
      sales: kept.reduce((s, o) => s + o.total, 0),
      cost: 0,
      grossMargin: kept.reduce((s, o) => s + o.subtotal, 0),
    };

    // Each grouping is awaited: the cancelled order's confirmation and cancellation may still be on
    // their way (in either order) when another grouping already adds up.
    for (const groupBy of ['day', 'week', 'month', 'customer', 'region', 'channel']) {
      await eventually(async () => expect((await report(t, groupBy)).totals, groupBy).toEqual(expected));
    }
    await eventually(async () => expect((await report(t, 'product')).totals.units).toBe(expected.units));
    const byProduct = await report(t, 'product');
    // An order counts once per product it contains.
    expect(
      byProduct.rows
        .map((r: { key: string; units: number; sales: number; orders: number }) => [r.key, r.units, r.sales, r.orders])
        .sort(),
    ).toEqual(
      [
        [
          cup.id,
          12,
          kept
            .flatMap((o) => o.lines)
            .filter((l) => l.productId === cup.id)
            .reduce((s, l) => s + l.total, 0),
          3,
        ],
        [
          tea.id,
          6,
          kept
            .flatMap((o) => o.lines)
            .filter((l) => l.productId === tea.id)
            .reduce((s, l) => s + l.total, 0),
          3,
        ],
      ].sort(),
    );
    const byCustomer = await report(t, 'customer');
    expect(byCustomer.rows.find((r: { key: string }) => r.key === customers[0]!.id)).toMatchObject({
      label: '杭州客户',
      orders: 2,
      sales: orders[0]!.total + orders[3]!.total,
    });
    expect((await report(t, 'region')).rows.map((r: { label: string }) => r.label).sort()).toEqual([
      '上海市',
      '北京市',
      '浙江省',
    ]);
    expect((await report(t, 'channel')).rows.find((r: { key: string }) => r.key === 'webshop')).toMatchObject({
      orders: 1,
      sales: orders[1]!.total,
    });
  });

  // Events reach a consumer in any order. The real order's two events are replayed as a new order's
  // (same data, new ids), cancellation first: the late confirmation must book nothing.
  it('books nothing for an order whose cancellation arrives before its confirmation', async () => {
    const { t, tea, sell } = await shop();
    const source = await sell(0, [[tea, 2]]);
    await api(`/v1/orders/${source.id}/cancel`, { token: t.token, body: { reason: '客户取消' } });
    await settled();
    const before = (await report(t, 'day')).totals;
    const db = await directDb();
    const items =
      (
        await db.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
            ExpressionAttributeValues: { ':pk': `${t.tenantId}#ORDER#${source.id}`, ':e': 'EVENT#' },
          }),
        )
      ).Items ?? [];
    const envelopes = items.map((i) => envelopeOf(i) as { id: string; type: string });
    const asNewOrder = (type: string) => {
      const original = envelopes.find((e) => e.type === type)!;
      return (id: string) =>
        JSON.parse(JSON.stringify(original).replaceAll(source.id, id).replaceAll(original.id, `evt_${ulid()}`));
    };
    const deliver = (envelope: { type: string }) =>
      bus().send(
        new PutEventsCommand({
          Entries: [
            {
              Source: 'dingo.orders',
              DetailType: envelope.type,
              Detail: JSON.stringify(envelope),
              EventBusName: 'dingo',
            },
          ],
        }),
      );
    const [confirmedAs, cancelledAs] = [asNewOrder('order.confirmed'), asNewOrder('order.cancelled')];

    // Control: the replayed confirmation alone is booked, so replays do reach the consumer.
    await deliver(confirmedAs(`ord_${ulid()}`));
    await eventually(async () =>
      expect((await report(t, 'day')).totals).toMatchObject({
        orders: before.orders + 1,
        units: before.units + 2,
        sales: before.sales + source.total,
      }),
    );
    const booked = (await report(t, 'day')).totals;

    const late = `ord_${ulid()}`;
    await deliver(cancelledAs(late));
    await settled();
    await deliver(confirmedAs(late));
    await settled();
    for (const groupBy of ['day', 'product', 'customer'])
      expect((await report(t, groupBy)).totals, groupBy).toEqual(booked);
  });

  // Reports read per-event entries for the last days and one rolled item per day once the nightly
  // roll-up has passed it (entries.ts): a year costs its days with activity, not its orders.
  it('reads rolled days once rolled: a year of days costs a year of items, however many orders there are', async () => {
    const { t, tea, sell } = await shop();
    for (let i = 0; i < 6; i += 1) await sell(i % 3, [[tea, 1]]);
    await settled();
    await eventually(async () => expect((await report(t, 'day')).totals.orders).toBe(6));
    const live = await report(t, 'day');
    expect(live.itemsRead).toBeGreaterThan(6); // every event's entry, read live

    const later = new Date(Date.parse(NOW) + 4 * 86_400_000).toISOString();
    // An event still on its way when the roll-up reads keeps its day dirty (read live) until the next run.
    const oneDay = await eventually(async () => {
      await runJob('nightly-report', t.tenantId, later);
      const rolled = await report(t, 'day');
      expect(rolled.itemsRead).toBe(2); // how far the roll-up has gone, and the day
      return rolled;
    });
    const year = await report(t, 'day', addDays(today, -364), today);
    expect(year.itemsRead).toBe(2); // only days with activity are stored
    expect(year.rows).toHaveLength(365); // and every day is shown
    expect(oneDay.totals).toEqual(live.totals);
    expect(year.totals).toEqual(live.totals);
    for (const groupBy of ['product', 'customer', 'region', 'rep'])
      expect((await report(t, groupBy)).totals, groupBy).toEqual(live.totals);
    expectProblem(await api(`/v1/reports/sales?from=${today}&to=${addDays(today, -1)}`, { token: t.token }), 400);
    expectProblem(await api(`/v1/reports/sales?from=2020-01-01&to=${today}`, { token: t.token }), 400);
  });

  // A change that lands on a day rolled already (a late cancellation, a payment dated back) marks the
  // day dirty: it is read from its entries until the next roll-up has it, and nothing counts twice.
  it('counts a change on a rolled day at once, and the next roll-up keeps it, once', async () => {
    const { t, tea, cup, sell } = await shop();
    const kept = await sell(0, [[tea, 2]]);
    const cancelled = await sell(1, [[cup, 3]]);
    await api(`/v1/orders/${kept.id}/shipments`, {
      token: t.token,
      body: { lines: [{ lineId: kept.lines[0]!.lineId, quantity: 2 }] },
    });
    await settled();
    await eventually(async () => expect((await report(t, 'day')).totals.orders).toBe(2));
    const later = new Date(Date.parse(NOW) + 4 * 86_400_000).toISOString();
    // An event still on its way when the roll-up reads keeps its day dirty until the next run.
    await eventually(async () => {
      await runJob('nightly-report', t.tenantId, later);
      expect((await report(t, 'day')).itemsRead).toBe(2);
    });

    await api(`/v1/orders/${cancelled.id}/cancel`, { token: t.token, body: { reason: '客户取消' } });
    const [invoice] = await invoicesOf(t, kept.id);
    const paid = await api(`/v1/invoices/${invoice!.id}/payments`, {
      token: t.token,
      body: { amount: { amount: 1_000, currency: 'CNY' }, method: 'cash', receivedAt: NOW },
    });
    expect(paid.status).toBe(201);
    await settled();
    const expected = { orders: 1, units: 2, sales: kept.total };
    await eventually(async () => {
      for (const groupBy of ['day', 'product', 'customer'])
        expect((await report(t, groupBy)).totals, groupBy).toMatchObject(expected);
    });
    const dirty = await report(t, 'day');
    expect(dirty.itemsRead).toBeGreaterThan(2); // the day's entries, while it is dirty
    const dashboardBefore = (await api('/v1/reports/dashboard', { token: t.token })).body;
    expect(dashboardBefore.payments.today).toBe(1_000);

    // Rolled again (twice: a second run changes nothing), the day is read rolled and says the same.
    await runJob('nightly-report', t.tenantId, later);
    await runJob('nightly-report', t.tenantId, later);
    const rolled = await report(t, 'day');
    expect(rolled.itemsRead).toBe(2);
    expect(rolled.totals).toEqual(dirty.totals);
    for (const groupBy of ['product', 'customer'])
      expect((await report(t, groupBy)).totals, groupBy).toMatchObject(expected);
    const dashboard = (await api('/v1/reports/dashboard', { token: t.token })).body;
    expect(dashboard.payments.today).toBe(1_000);
    expect(dashboard.sales.today).toBe(kept.total);
  });

  // A nightly unit delivered twice runs two roll-ups of one company at once: the older one, overtaken
  // by the newer between reading the dirty marks and writing, writes and deletes nothing.
  it('lets only the newest of two roll-ups at once write, and the day still adds up', async () => {
    const { t, tea, cup, sell } = await shop();
    await sell(0, [[tea, 2]]);
    const cancelled = await sell(1, [[cup, 3]]);
    await settled();
    const later = new Date(Date.parse(NOW) + 4 * 86_400_000);
    await eventually(async () => {
      await runJob('nightly-report', t.tenantId, later.toISOString());
      expect((await report(t, 'day')).itemsRead).toBe(2);
    });
    await api(`/v1/orders/${cancelled.id}/cancel`, { token: t.token, body: { reason: '客户取消' } });
    await settled();
    const expected = await eventually(async () => {
      const totals = (await report(t, 'day')).totals;
      expect(totals.orders).toBe(1);
      return totals;
    });
    const company = await TenantContext.of(t.tenantId, systemPrincipal);
    let newer: Awaited<ReturnType<typeof rollUp>> | undefined;
    const older = await rollUp(company, later, {
      afterMarks: async () => {
        newer = await rollUp(company, later);
      },
    });
    expect(newer!.rolled).toContain(today);
    expect(older.rolled).toEqual([]);
    const after = await report(t, 'day');
    expect(after.itemsRead).toBe(2); // rolled and clean: the newer run deleted the mark it read
    expect(after.totals).toEqual(expected);
  });

  // An order booked before exchange rates (and before entries) recorded no base-currency sales: taking it
  // back must take back its sales in the base currency too, or the day counts it twice.
  it('takes back an order booked before exchange rates and entries in the base currency too', async () => {
    const { t, tea, cup, customers, sell } = await shop();
    const old = await sell(0, [[tea, 2]]);
    const kept = await sell(1, [[cup, 3]]);
    await settled();
    await eventually(async () => expect((await report(t, 'day')).totals.orders).toBe(2));
    // Make the first order look as the old code left it: an aggregate of the day with its sales in
    // yuan only, a booking record without base-currency amounts, and no entry.
    const db = await directDb();
    const countedKey = { pk: `${t.tenantId}#REPORT#ORDER#${old.id}`, sk: 'COUNTED' };
    const counted = (await db.send(new GetCommand({ TableName: TABLE, Key: countedKey }))).Item!;
    const contributions = unpack<{ amounts: Record<string, number> }[]>(counted.contributionsGz as Uint8Array).map(
      ({ amounts: { salesBase: _s, netBase: _n, ...amounts }, ...c }) => ({ ...c, amounts }),
    );
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...counted, contributionsGz: pack(contributions) } }));
    const entries =
      (
        await db.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `${t.tenantId}#REPORT#ENTRIES` },
          }),
        )
      ).Items ?? [];
    const booking = entries.find((e) =>
      unpack<[string, string][]>(e.rowsGz as Uint8Array).some(
        ([part, sk]) => part === 'BY#customer' && sk === `${today}#${customers[0]!.id}`,
      ),
    )!;
    await db.send(new DeleteCommand({ TableName: TABLE, Key: { pk: booking.pk, sk: booking.sk } }));
    await legacyDay(t, { orders: 1, units: 2, sales_CNY: old.total });
    expect((await report(t, 'day')).totals).toMatchObject({ orders: 2, sales: old.total + kept.total });

    await api(`/v1/orders/${old.id}/cancel`, { token: t.token, body: { reason: '客户取消' } });
    await settled();
    await eventually(async () =>
      expect((await report(t, 'day')).totals).toMatchObject({ orders: 1, units: 3, sales: kept.total }),
    );
  });

  // Aggregates written before report entries existed stay where they are and still count.
  it('adds the aggregates stored before entries existed', async () => {
    const { t, tea, sell } = await shop();
    const order = await sell(0, [[tea, 1]]);
    await settled();
    await eventually(async () => expect((await report(t, 'day')).totals.orders).toBe(1));
    await legacyDay(t, { orders: 2, units: 5, sales_CNY: 30_000 }); // written before exchange rates: no base-currency figure
    expect((await report(t, 'day')).totals).toMatchObject({ orders: 3, units: 6, sales: order.total + 30_000 });
  });

  it('exports CSV that Excel opens (BOM, CRLF, headers in the asked language) with the same totals', async () => {
    const { t, tea, sell } = await shop();
    const order = await sell(0, [[tea, 2]]);
    await settled();
    await eventually(async () => expect((await report(t, 'day')).totals.orders).toBe(1));
    const res = await api(`/v1/reports/sales/export.csv?from=${today}&to=${today}&groupBy=product`, { token: t.token });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sales.csv"');
    // fetch's text() drops a BOM: look at the bytes.
    const raw = Buffer.from(
      await (
        await fetch(`${cloud().url}/v1/reports/sales/export.csv?from=${today}&to=${today}&groupBy=product`, {
          headers: { authorization: `Bearer ${t.token}` },
        })
      ).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (res.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe('分组,订单数,数量,销售额,币种');
    expect(lines.at(-1)).toBe(`合计,1,2,${(order.total / 100).toFixed(2)},CNY`);
    const en = await api(`/v1/reports/receivables-aging/export.csv?lang=en`, { token: t.token });
    expect((en.body as string).split('\r\n')[0]).toBe(
      'Customer,Currency,Current,1-30 days,31-60 days,61-90 days,90+ days,Total,Invoices',
    );
  });

  it('moves the dashboard with sales, payments, receivables and the funnel', async () => {
    const { t, tea, sell } = await shop();
    const order = await sell(0, [[tea, 2]]);
    await api(`/v1/orders/${order.id}/shipments`, {
      token: t.token,
      body: { lines: [{ lineId: order.lines[0]!.lineId, quantity: 2 }] },
    });
    const [invoice] = await invoicesOf(t, order.id);
    await api(`/v1/invoices/${invoice!.id}/payments`, {
      token: t.token,
      body: { amount: { amount: 5_000, currency: 'CNY' }, method: 'cash', receivedAt: NOW },
    });
    await settled();
    const d = await eventually(async () => {
      const body = (await api('/v1/reports/dashboard', { token: t.token })).body;
      expect(body.payments.today).toBe(5_000);
      return body;
    });
    expect(d.sales.today).toBe(order.total);
    expect(d.orders.thisMonth).toBe(1);
    expect(d.trend.at(-1)).toEqual({ date: today, sales: order.total, orders: 1, payments: 5_000 });
    expect(d.topProducts[0]).toMatchObject({ key: tea.id, units: 2 });
    expect(d.receivables.open).toEqual({ amount: order.total - 5_000, currency: 'CNY' });
    expect(Object.fromEntries(d.funnel.map((f: { stage: string; count: number }) => [f.stage, f.count]))).toMatchObject(
      { created: 1, submitted: 1, confirmed: 1, shipped: 1 },
    );
    // The second product sold nothing and has stock: a slow mover.
    expect(d.slowMovers.map((p: { sku: string }) => p.sku)).toHaveLength(1);
  });

  it('generates the nightly report once per day and announces it', async () => {
    const { t, tea, sell } = await shop();
    await sell(0, [[tea, 1]]);
    await settled();
    await eventually(async () => expect((await report(t, 'day')).totals.orders).toBe(1));
    const tomorrow = new Date(Date.parse(NOW) + 86_400_000).toISOString();
    const first = await runJob('nightly-report', t.tenantId, tomorrow);
    expect(first.results[t.tenantId]).toMatchObject({ report: 'daily_sales', date: today, orders: 1, units: 1 });
    expect((await runJob('nightly-report', t.tenantId, tomorrow)).results[t.tenantId]).toBeNull();
  });

  it("never shows one tenant's figures to another", async () => {
    const { sell, tea } = await shop();
    await sell(0, [[tea, 1]]);
    const other = await newTenant();
    await settled();
    expect((await report(other, 'product')).rows).toEqual([]);
    const d = (await api('/v1/reports/dashboard', { token: other.token })).body;
    expect(d.sales.today).toBe(0);
    expect(d.topCustomers).toEqual([]);
  });
});

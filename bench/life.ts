import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { CapacityMeter } from './capacity.ts';

/**
 * The whole life of a 5-line order as a company lives it, measured by AWS's billing rules: created
 * (by a partner, with an Idempotency-Key), submitted (stock reserved), shipped, invoiced (by the
 * invoicing consumer), paid, and everything the events drive (reports, alerts, inventory watch,
 * webhooks to a partner subscribed to the order's and the invoice's events).
 */
export interface LifeCloud {
  url: string;
  bus: {
    inflight: number;
    putCalls: number;
    published: number;
    runs: Map<string, number>;
    runMs: Map<string, number>;
  };
  poller: { idle: boolean };
}

export interface LifeFigures {
  apiCalls: number;
  write: number;
  read: number;
  tableWrite: number;
  indexWrite: number;
  /** PutEvents calls, events published, consumer runs (rules × events) during the life. */
  putCalls: number;
  events: number;
  consumerRuns: number;
  runsByRule: Record<string, number>;
  /** Milliseconds the consumers ran, and the API requests took (as the gateway answered them). */
  consumerMs: number;
  apiMs: number;
  /** Bytes of log lines the functions wrote during the life (when the process counts them). */
  logBytes: number;
  /** Transactions that wrote outbox events: one relay invocation each at a small company's rate. */
  relayInvocations: number;
  webhooksDelivered: number;
  byKind: [string, { writes: number; units: number; index: number; bytes: number }][];
  byIndex: Record<string, number>;
  /** Bytes the life leaves stored (items and their index entries), for storage and backups. */
  storedBytes: number;
}

/**
 * Counts the bytes of the functions' JSON log lines (what CloudWatch Logs would ingest) and keeps
 * them off the terminal. The local cloud runs the functions in this process, so their lines pass here.
 */
export const logCounter = { bytes: 0, installed: false };
export function countLogLines() {
  if (logCounter.installed) return;
  logCounter.installed = true;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.startsWith('{"level"') || text.startsWith('{"cold_start"') || /^\{"[a-z_]+":/.test(text)) {
      logCounter.bytes += Buffer.byteLength(text);
      return true;
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
}

export async function setUpLife(cloud: LifeCloud, token: string) {
  const http = async (path: string, init: { method?: string; body?: unknown; key?: boolean } = {}) => {
    const res = await fetch(`${cloud.url}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(init.key ? { 'idempotency-key': randomUUID() } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const warehouseId = (await http('/v1/warehouses')).items[0].id as string;
  const customer = await http('/v1/customers', {
    body: { name: '全生命周期客户', contacts: [{ name: '王经理', phone: '13800000001' }] },
  });
  const productIds: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const p = await http('/v1/products', {
      body: {
        sku: `LIFE-${i}-${Date.now()}`,
        name: `生命周期商品 ${i}`,
        price: { amount: 1_000 + i, currency: 'CNY' },
      },
    });
    await http('/v1/inventory/movements', {
      body: { kind: 'receipt', productId: p.id, warehouseId, quantity: 10_000_000 },
    });
    productIds.push(p.id);
  }
  let delivered = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      delivered += 1;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as { port: number }).port;
  await http('/v1/webhooks', {
    body: {
      url: `http://127.0.0.1:${port}/erp`,
      eventTypes: [
        'order.created',
        'order.confirmed',
        'order.shipped',
        'invoice.created',
        'invoice.paid',
        'payment.received',
      ],
    },
  });
  const orderBody = { customerId: customer.id, lines: productIds.map((productId) => ({ productId, quantity: 1 })) };
  const shipBody = { lines: [1, 2, 3, 4, 5].map((n) => ({ lineId: `L${n}`, quantity: 1 })) };

  const settle = async () => {
    for (let quiet = 0; quiet < 5; ) {
      await new Promise((r) => setTimeout(r, 100));
      quiet = cloud.bus.inflight === 0 && cloud.poller.idle ? quiet + 1 : 0;
    }
  };

  /** One life, metered from the first request until every consumer it set off is done. */
  async function life(meter: CapacityMeter, metered = true): Promise<LifeFigures> {
    await settle();
    meter.reset();
    const start = {
      putCalls: cloud.bus.putCalls,
      published: cloud.bus.published,
      runs: new Map(cloud.bus.runs),
      runMs: [...cloud.bus.runMs.values()].reduce((a, b) => a + b, 0),
      logBytes: logCounter.bytes,
      delivered,
    };
    meter.active = metered;
    let apiCalls = 0;
    let apiMs = 0;
    const call = async (path: string, init: Parameters<typeof http>[1] = {}) => {
      apiCalls += 1;
      const began = performance.now();
      try {
        return await http(path, init);
      } finally {
        apiMs += performance.now() - began;
      }
    };
    const order = await call('/v1/orders', { body: orderBody, key: true });
    await call(`/v1/orders/${order.id}/submit`, { method: 'POST', key: true });
    await call(`/v1/orders/${order.id}/shipments`, { body: shipBody, key: true });
    await settle();
    meter.active = false;
    const invoices = await http(`/v1/invoices?orderId=${order.id}`);
    const invoice = invoices.items[0];
    if (!invoice) throw new Error('the order was not invoiced');
    meter.active = metered;
    await call(`/v1/invoices/${invoice.id}/payments`, {
      body: {
        amount: { amount: invoice.total, currency: invoice.currency },
        method: 'bank_transfer',
        receivedAt: new Date().toISOString(),
      },
      key: true,
    });
    await settle();
    meter.active = false;
    const runsByRule: Record<string, number> = {};
    for (const [rule, n] of cloud.bus.runs) {
      const d = n - (start.runs.get(rule) ?? 0);
      if (d) runsByRule[rule] = d;
    }
    const totals = meter.totals();
    const calls = new Map<number, boolean>();
    for (const w of meter.writes) if (w.kind === 'event') calls.set(w.call, true);
    return {
      apiCalls,
      ...totals,
      putCalls: cloud.bus.putCalls - start.putCalls,
      events: cloud.bus.published - start.published,
      consumerRuns: Object.values(runsByRule).reduce((s, x) => s + x, 0),
      runsByRule,
      consumerMs: [...cloud.bus.runMs.values()].reduce((a, b) => a + b, 0) - start.runMs,
      apiMs,
      logBytes: logCounter.bytes - start.logBytes,
      relayInvocations: calls.size,
      webhooksDelivered: delivered - start.delivered,
      byKind: meter.byKind(),
      byIndex: meter.byIndex(),
      storedBytes: meter.storedBytes(),
    };
  }
  return { life, close: () => receiver.close() };
}

/** `npx tsx bench/life.ts`: one life on a fresh in-memory local cloud, its capacity by kind of item. */
if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.LOG_LEVEL ??= 'info';
  countLogLines();
  const { startLocalCloud } = await import('../infra/local/cloud.ts');
  const cloud = await startLocalCloud({ inMemory: true, authorizerCacheTtl: 300 });
  try {
    const { platformDb } = await import('../functions/platform/db.ts');
    const { env } = await import('../functions/platform/env.ts');
    const { tableDesign } = await import('../infra/table-design.ts');
    const { CapacityMeter } = await import('./capacity.ts');
    const meter = new CapacityMeter(env.tableName, tableDesign, { endpoint: env.dynamoEndpoint, region: env.region });
    meter.attach(platformDb());
    const res = await fetch(`${cloud.url}/v1/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        companyName: '生命周期公司',
        adminEmail: `life.${Date.now()}@example.com`,
        adminPassword: 'Bench1234pass',
      }),
    });
    const { tokens } = await res.json();
    const { life, close } = await setUpLife(cloud as unknown as LifeCloud, tokens.idToken);
    await life(meter); // warm
    const timed = await life(meter, false);
    const figures = await life(meter);
    console.log({ apiMs: timed.apiMs, consumerMs: timed.consumerMs, logBytes: timed.logBytes });
    const { costModel, lifeMinimum } = await import('./cost.ts');
    const cost = costModel(figures, timed);
    const minimum = lifeMinimum(figures);
    console.log(`cost $${cost.total.toFixed(2)} per 1M orders: ${cost.lines.join('; ')}`);
    console.log(`minimum ${minimum.total} WRU (ratio ${(figures.write / minimum.total).toFixed(2)}):`, minimum.rows);
    close();
    const { byKind, ...rest } = figures;
    console.log(JSON.stringify(rest, null, 1));
    console.log('kind'.padEnd(28), 'writes', 'WRU', 'of which index', 'max bytes');
    for (const [kind, k] of byKind)
      console.log(
        kind.padEnd(28),
        String(k.writes).padStart(6),
        String(k.units).padStart(4),
        String(k.index).padStart(6),
        k.bytes,
      );
    // LIFE_WRITES=1: every write of the life in order: request, command, kind, bytes, units (index units).
    if (process.env.LIFE_WRITES)
      for (const w of meter.writes)
        console.log(
          String(w.call).padStart(4),
          w.command.padEnd(18),
          w.kind.padEnd(22),
          String(w.bytes).padStart(5),
          `${w.table}${w.transactional ? ' (txn)' : ''}`,
          JSON.stringify(w.indexes),
        );
    // LIFE_READS=1: read units by kind of item read (and command).
    if (process.env.LIFE_READS) {
      const reads = new Map<string, { n: number; units: number }>();
      for (const r of meter.reads) {
        const k = `${r.kind} ${r.command}`;
        const x = reads.get(k) ?? { n: 0, units: 0 };
        reads.set(k, { n: x.n + 1, units: x.units + r.units });
      }
      for (const [k, x] of [...reads].sort((a, b) => b[1].units - a[1].units))
        console.log(k.padEnd(60), String(x.n).padStart(4), x.units.toFixed(1).padStart(6));
    }
    // LIFE_ITEMS=order,invoice: the largest item of those kinds, attribute by attribute (bytes); with
    // LIFE_BODY=1 its packed body too, as JSON.
    for (const kind of (process.env.LIFE_ITEMS ?? '').split(',').filter(Boolean)) {
      const item = meter.largest.get(kind);
      if (!item) continue;
      if (process.env.LIFE_BODY && item.bodyGz)
        console.log(
          JSON.stringify((await import('#functions/platform/compact.ts')).unpack((item.bodyGz as { B: Uint8Array }).B)),
        );
      const { valueSize } = await import('./capacity.ts');
      const sizes = Object.entries(item)
        .map(([name, value]) => [name, Buffer.byteLength(name) + valueSize(value)] as const)
        .sort((a, b) => b[1] - a[1]);
      console.log(
        kind,
        sizes.reduce((s, [, n]) => s + n, 0),
        'B:',
        sizes.map(([n, b]) => `${n} ${b}`).join(', '),
      );
    }
  } finally {
    await cloud.stop();
  }
}

import { percentile } from './stats.ts';

/**
 * One company creating orders as fast as its people and partners can: `concurrency` callers, `total`
 * orders of 5 lines, through the gateway. Orders per second, the p99, and whether the numbers that
 * came back are gap-free (every number from the first to the last, once).
 */
export async function orderCreateThroughput(
  url: string,
  token: string,
  options: { total?: number; concurrency?: number } = {},
) {
  const total = options.total ?? 300;
  const concurrency = options.concurrency ?? 16;
  const http = async (path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const out = await res.json();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(out)}`);
    return out;
  };
  const warehouseId = (await http('/v1/warehouses')).items[0].id as string;
  const customer = await http('/v1/customers', { name: '吞吐客户' });
  const productIds: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const p = await http('/v1/products', {
      sku: `TP-${i}-${Date.now()}`,
      name: `吞吐商品 ${i}`,
      price: { amount: 1_000 + i, currency: 'CNY' },
    });
    await http('/v1/inventory/movements', { kind: 'receipt', productId: p.id, warehouseId, quantity: 1_000_000 });
    productIds.push(p.id);
  }
  const body = { customerId: customer.id, lines: productIds.map((productId) => ({ productId, quantity: 1 })) };
  for (let i = 0; i < 5; i += 1) await http('/v1/orders', body); // warm
  const times: number[] = [];
  const numbers: string[] = [];
  let next = 0;
  let busy = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const s = performance.now();
        let order: { number: string } | undefined;
        while (!order) {
          try {
            order = await http('/v1/orders', body);
          } catch (error) {
            // 503 busy: a client waits a second and tries again (the order's time includes the wait)
            if (!String(error).includes(': 503 ')) throw error;
            busy += 1;
            await new Promise((r) => setTimeout(r, 1_000));
          }
        }
        times.push(performance.now() - s);
        numbers.push(order.number as string);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const values = numbers.map((n) => Number(n.split('-').pop())).sort((a, b) => a - b);
  const gapFree =
    new Set(values).size === values.length && values[values.length - 1]! - values[0]! === values.length - 1;
  return {
    busy,
    perSecond: numbers.length / seconds,
    p99: percentile(times, 99),
    p50: percentile(times, 50),
    gapFree,
    concurrency,
    total,
  };
}

/** `npx tsx bench/throughput.ts`: the figure alone, on a fresh in-memory local cloud. */
if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.LOG_LEVEL ??= 'silent';
  const { startLocalCloud } = await import('../infra/local/cloud.ts');
  const cloud = await startLocalCloud({ inMemory: true, authorizerCacheTtl: 300 });
  try {
    const res = await fetch(`${cloud.url}/v1/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        companyName: '吞吐公司',
        adminEmail: `tp.${Date.now()}@example.com`,
        adminPassword: 'Bench1234pass',
      }),
    });
    const { tokens } = await res.json();
    console.log(await orderCreateThroughput(cloud.url, tokens.idToken));
  } finally {
    await cloud.stop();
  }
}

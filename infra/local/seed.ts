/** The demo tenant: a small Shanghai trading company, created through the public API like any signup. */
export const demoLogin = { email: 'demo@dingo.local', password: 'Demo2026pass' };

const customers = [
  {
    name: '上海华东贸易有限公司',
    billing: {
      title: '上海华东贸易有限公司',
      taxId: '91310115MA1H7XXX2K',
      bankName: '招商银行上海张江支行',
      bankAccount: '121900000010888',
      address: '上海市浦东新区张江路 1 号',
      phone: '021-58880000',
      fapiaoType: 'vat_special',
    },
    tier: 'A',
    tags: ['老客户', '华东'],
    stage: 'customer',
    city: '上海市',
    district: '浦东新区',
    contact: '王经理',
    phone: '13800138001',
  },
  {
    name: '杭州西湖茶业有限公司',
    billing: { title: '杭州西湖茶业有限公司', taxId: '91330106MA2B0XXX0Y', fapiaoType: 'e_normal' },
    tier: 'B',
    tags: ['茶叶'],
    stage: 'customer',
    city: '杭州市',
    district: '西湖区',
    contact: '李娜',
    phone: '13900139002',
  },
  {
    name: '苏州工业园区精密制造厂',
    tier: 'A',
    tags: ['制造业', '华东'],
    stage: 'customer',
    city: '苏州市',
    district: '工业园区',
    contact: '张伟',
    phone: '13700137003',
  },
  {
    name: '南京金陵餐饮管理有限公司',
    tier: 'C',
    tags: ['餐饮'],
    stage: 'prospect',
    city: '南京市',
    district: '鼓楼区',
    contact: '陈静',
    phone: '13600136004',
  },
  {
    name: '宁波港口物流有限公司',
    tier: 'B',
    tags: ['物流'],
    stage: 'lead',
    city: '宁波市',
    district: '北仑区',
    contact: '刘洋',
    phone: '13500135005',
  },
  {
    name: 'Golden Bridge Imports Ltd',
    currency: 'USD',
    tier: 'B',
    tags: ['export'],
    stage: 'customer',
    city: '香港',
    district: '九龙',
    contact: 'Mary Chan',
    phone: '85291234567',
  },
] as const;

async function call(base: string, path: string, init: RequestInit & { token?: string } = {}) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** The demo company (or, for tests, the same company's day under another name and login). */
export async function seedDemoTenant(
  base: string,
  who: { email: string; password: string; companyName: string } = {
    ...demoLogin,
    companyName: '上海叮咚商贸有限公司',
  },
): Promise<{ tenantId: string; token: string }> {
  const signup = await call(base, '/v1/signup', {
    method: 'POST',
    body: JSON.stringify({
      companyName: who.companyName,
      adminEmail: who.email,
      adminPassword: who.password,
      adminName: '周老板',
      locale: 'zh-CN',
    }),
  });
  const token = signup.tokens.idToken as string;
  await call(base, '/v1/settings', {
    method: 'PATCH',
    token,
    body: JSON.stringify({
      legalName: '上海叮咚商贸有限公司',
      taxId: '91310000MA1K000000',
      phone: '021-55550000',
      address: '上海市浦东新区张江路 88 号',
      bankName: '中国工商银行上海张江支行',
      bankAccount: '1001 2345 6789 0123 456',
    }),
  });
  // Finance keeps the rate of the one foreign currency the demo sells in.
  await call(base, '/v1/exchange-rates', {
    method: 'PUT',
    token,
    body: JSON.stringify({ rates: [{ currency: 'USD', rate: '7.1234', validFrom: '2026-01-01' }] }),
  });
  const customerIds: string[] = [];
  for (const c of customers) {
    const customer = await call(base, '/v1/customers', {
      method: 'POST',
      token,
      body: JSON.stringify({
        name: c.name,
        tier: c.tier,
        tags: c.tags,
        stage: c.stage,
        paymentTermsDays: 30,
        currency: 'currency' in c ? c.currency : 'CNY',
        billing: 'billing' in c ? c.billing : null,
        creditLimit: { amount: 50_000_00, currency: 'currency' in c ? c.currency : 'CNY' },
        contacts: [{ name: c.contact, phone: c.phone, isPrimary: true }],
        addresses: [
          {
            label: '总部',
            province: c.city,
            city: c.city,
            district: c.district,
            line1: `${c.district}示范路 1 号`,
            isDefault: true,
          },
        ],
      }),
    });
    await call(base, `/v1/customers/${customer.id}/notes`, {
      method: 'POST',
      token,
      body: JSON.stringify({ channel: 'wechat', body: `与${c.contact}微信沟通了下季度的采购计划。` }),
    });
    customerIds.push(customer.id);
  }
  await seedCatalogAndOrders(base, token, customerIds, who.email);
  return { tenantId: signup.tenant.id as string, token };
}

const products = [
  { sku: 'TEA-LJ-250', name: '西湖龙井 250g 礼盒', unit: '盒', price: 38_800, safetyStock: 20, stock: [120, 30] },
  { sku: 'TEA-BLC-500', name: '碧螺春 500g', unit: '袋', price: 26_800, safetyStock: 10, stock: [60, 0] },
  { sku: 'CUP-GLS-6', name: '玻璃茶杯 6 只装', unit: '套', price: 8_900, safetyStock: 30, stock: [25, 40] },
  { sku: 'SET-GIFT-A', name: '商务茶具礼盒 A 款', unit: '套', price: 128_000, safetyStock: 5, stock: [8, 2] },
] as const;

/** Products in two warehouses, a tier price list, approval rules, and orders in every state. */
async function seedCatalogAndOrders(base: string, token: string, customerIds: string[], mailTo: string) {
  const post = (path: string, body: unknown) => call(base, path, { method: 'POST', token, body: JSON.stringify(body) });
  // Alerts raised while the demo's orders are entered (low stock) are mailed to the boss (see /_local/mail).
  await call(base, '/v1/notification-channels', {
    method: 'PUT',
    token,
    body: JSON.stringify({
      channels: [
        {
          kind: 'email',
          name: '老板邮箱',
          to: [mailTo],
          alertKinds: ['low_stock', 'invoice_overdue', 'order_exception'],
        },
      ],
    }),
  });
  const main = (await call(base, '/v1/warehouses', { token })).items[0].id as string;
  const second = (await post('/v1/warehouses', { code: 'WH02', name: '杭州仓', address: '杭州市余杭区仓前街道' }))
    .id as string;
  const ids: string[] = [];
  for (const p of products) {
    const product = await post('/v1/products', {
      sku: p.sku,
      name: p.name,
      unit: p.unit,
      price: { amount: p.price, currency: 'CNY' },
      taxRate: 1300,
      safetyStock: p.safetyStock,
    });
    ids.push(product.id);
    if (p.stock[0])
      await post('/v1/inventory/movements', {
        kind: 'receipt',
        productId: product.id,
        warehouseId: main,
        quantity: p.stock[0],
        reason: '期初入库',
      });
    if (p.stock[1])
      await post('/v1/inventory/movements', {
        kind: 'receipt',
        productId: product.id,
        warehouseId: second,
        quantity: p.stock[1],
        reason: '期初入库',
      });
  }
  await post('/v1/price-lists', {
    name: 'A 类客户价',
    tiers: ['A'],
    entries: [
      { productId: ids[0], price: { amount: 35_800, currency: 'CNY' } },
      { productId: ids[0], price: { amount: 33_800, currency: 'CNY' }, minQuantity: 20 },
    ],
  });
  await call(base, '/v1/workflows/approval', {
    method: 'PUT',
    token,
    body: JSON.stringify({
      rules: [
        { name: '大额订单', when: { orderTotalGte: { amount: 2_000_000, currency: 'CNY' } }, steps: ['admin'] },
        { name: '改价审批', when: { priceOverride: true }, steps: ['finance'] },
      ],
    }),
  });
  const order = (customer: number, lines: { product: number; quantity: number; unitPrice?: number }[]) =>
    post('/v1/orders', {
      customerId: customerIds[customer],
      lines: lines.map((l) => ({ productId: ids[l.product], quantity: l.quantity, unitPrice: l.unitPrice })),
    });
  const action = (id: string, path: string, body?: unknown) => post(`/v1/orders/${id}/${path}`, body ?? {});
  await order(1, [{ product: 1, quantity: 5 }]); // draft
  const confirmed = await order(0, [
    { product: 0, quantity: 10 },
    { product: 2, quantity: 6 },
  ]);
  await action(confirmed.id, 'submit');
  const partial = await order(2, [
    { product: 0, quantity: 8 },
    { product: 1, quantity: 4 },
  ]);
  await action(partial.id, 'submit');
  await action(partial.id, 'shipments', {
    lines: [{ lineId: 'L1', quantity: 8 }],
    carrier: '顺丰速运',
    trackingNumber: 'SF1402883211',
  });
  const done = await order(4, [{ product: 2, quantity: 4 }]);
  await action(done.id, 'submit');
  await action(done.id, 'shipments', {
    lines: [{ lineId: 'L1', quantity: 4 }],
    carrier: '中通快递',
    trackingNumber: 'ZT7788120',
  });
  await action(done.id, 'deliver');
  await action(done.id, 'complete');
  await order(0, [{ product: 3, quantity: 2, unitPrice: 110_000 }]).then((o) => action(o.id, 'submit')); // waits for finance
  const cancelled = await order(3, [{ product: 1, quantity: 2 }]);
  await action(cancelled.id, 'cancel', { reason: '客户暂缓采购' });
  const shipped = await order(4, [{ product: 1, quantity: 3 }]); // on its way
  await action(shipped.id, 'submit');
  await action(shipped.id, 'shipments', {
    lines: [{ lineId: 'L1', quantity: 3 }],
    carrier: '京东物流',
    trackingNumber: 'JD0012345678',
  });
  const delivered = await order(1, [{ product: 0, quantity: 2 }]); // received, not yet closed
  await action(delivered.id, 'submit');
  await action(delivered.id, 'shipments', {
    lines: [{ lineId: 'L1', quantity: 2 }],
    carrier: '顺丰速运',
    trackingNumber: 'SF1402883300',
  });
  await action(delivered.id, 'deliver');
  const rejected = await order(2, [{ product: 2, quantity: 2, unitPrice: 6_000 }]); // a price override finance would not accept
  await action(rejected.id, 'submit');
  await action(rejected.id, 'reject', { reason: '折扣过大，请按标准价重新下单' });

  // An export customer buys in US dollars at its own price; the order keeps the day's rate.
  const export_ = await order(5, [{ product: 0, quantity: 20, unitPrice: 5_600 }]);
  await action(export_.id, 'submit');
  await action(export_.id, 'shipments', { lines: [{ lineId: 'L1', quantity: 20 }], carrier: 'DHL' });
  // 款到发货: the confirmed order's deposit waits for its invoice.
  await post(`/v1/customers/${customerIds[0]}/payments`, {
    amount: { amount: confirmed.total, currency: 'CNY' },
    method: 'bank_transfer',
    reference: '招行回单 0079（定金）',
    receivedAt: new Date().toISOString(),
    orderId: confirmed.id,
  });

  // Shipments were invoiced by the invoicing consumer: one paid in full, one in part.
  const invoiceOf = async (orderId: string) => {
    for (let i = 0; i < 200; i += 1) {
      const [invoice] = (await call(base, `/v1/invoices?orderId=${orderId}`, { token })).items;
      if (invoice) return invoice as { id: string; total: number };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the invoice of ${orderId} did not arrive`);
  };
  const paid = await invoiceOf(done.id);
  await post(`/v1/invoices/${paid.id}/payments`, {
    amount: { amount: paid.total, currency: 'CNY' },
    method: 'bank_transfer',
    reference: '招行回单 0081',
    receivedAt: new Date().toISOString(),
  });
  const part = await invoiceOf(partial.id);
  await post(`/v1/invoices/${part.id}/payments`, {
    amount: { amount: Math.floor(part.total / 2), currency: 'CNY' },
    method: 'wechat_pay',
    receivedAt: new Date().toISOString(),
  });
  // The paid invoice already has its fapiao; the others wait on finance's screen.
  await post('/v1/fapiao-requests', { invoiceIds: [paid.id, part.id] });
  await post(`/v1/invoices/${paid.id}/fapiao`, {
    type: 'e_normal',
    number: `2631${String(Date.now()).slice(-16).padStart(16, '0')}`,
    issuedAt: new Date().toISOString().slice(0, 10),
    amount: paid.total,
  });
  await invoiceOf(export_.id);
}

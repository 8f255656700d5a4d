/** The demo tenant: a small Shanghai trading company, created through the public API like any signup. */
export const demoLogin = { email: 'demo@dingo.local', password: 'Demo2026pass' };

const customers = [
  { name: '上海华东贸易有限公司', tier: 'A', tags: ['老客户', '华东'], stage: 'customer', city: '上海市', district: '浦东新区', contact: '王经理', phone: '13800138001' },
  { name: '杭州西湖茶业有限公司', tier: 'B', tags: ['茶叶'], stage: 'customer', city: '杭州市', district: '西湖区', contact: '李娜', phone: '13900139002' },
  { name: '苏州工业园区精密制造厂', tier: 'A', tags: ['制造业', '华东'], stage: 'customer', city: '苏州市', district: '工业园区', contact: '张伟', phone: '13700137003' },
  { name: '南京金陵餐饮管理有限公司', tier: 'C', tags: ['餐饮'], stage: 'prospect', city: '南京市', district: '鼓楼区', contact: '陈静', phone: '13600136004' },
  { name: '宁波港口物流有限公司', tier: 'B', tags: ['物流'], stage: 'lead', city: '宁波市', district: '北仑区', contact: '刘洋', phone: '13500135005' },
  { name: 'Golden Bridge Imports Ltd', tier: 'B', tags: ['export'], stage: 'customer', city: '香港', district: '九龙', contact: 'Mary Chan', phone: '85291234567' },
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

export async function seedDemoTenant(base: string) {
  const signup = await call(base, '/v1/signup', {
    method: 'POST',
    body: JSON.stringify({ companyName: '上海叮咚商贸有限公司', adminEmail: demoLogin.email, adminPassword: demoLogin.password, adminName: '周老板', locale: 'zh-CN' }),
  });
  const token = signup.tokens.idToken as string;
  await call(base, '/v1/settings', {
    method: 'PATCH', token,
    body: JSON.stringify({ legalName: '上海叮咚商贸有限公司', taxId: '91310000MA1K000000', phone: '021-55550000', address: '上海市浦东新区张江路 88 号' }),
  });
  for (const c of customers) {
    const customer = await call(base, '/v1/customers', {
      method: 'POST', token,
      body: JSON.stringify({
        name: c.name, tier: c.tier, tags: c.tags, stage: c.stage, paymentTermsDays: 30,
        creditLimit: { amount: 50_000_00, currency: 'CNY' },
        contacts: [{ name: c.contact, phone: c.phone, isPrimary: true }],
        addresses: [{ label: '总部', province: c.city, city: c.city, district: c.district, line1: `${c.district}示范路 1 号`, isDefault: true }],
      }),
    });
    await call(base, `/v1/customers/${customer.id}/notes`, {
      method: 'POST', token, body: JSON.stringify({ channel: 'wechat', body: `与${c.contact}微信沟通了下季度的采购计划。` }),
    });
  }
  return signup;
}

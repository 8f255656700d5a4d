import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type OperationId } from './routes.ts';
import { roles, type Role } from './common.ts';
import { api, expectProblem, newTenant, uniqueEmail, userWithRole, PASSWORD, type TestTenant } from '#infra/local/testing.ts';

/**
 * Every route in the route table, four ways: success, bad input (400 problem+json), a role the
 * route excludes (403), and another tenant's id (404). A route added without a sample here
 * fails the first test, so coverage cannot silently fall behind the table.
 */
interface Fixtures {
  a: TestTenant;
  b: TestTenant;
  tokens: Record<Role, string>;
  customerA: string;
  customerB: string;
  userB: string;
  freshUserA: () => Promise<string>;
  freshCustomerA: () => Promise<string>;
}
interface Request { path: string; method?: string; body?: unknown; token?: string }
interface Sample {
  ok: (f: Fixtures) => Promise<Request> | Request;
  status?: number;
  bad?: (f: Fixtures) => Request;
  /** The same operation aimed at tenant B's resource, with tenant A's credential. */
  other?: (f: Fixtures) => Request;
}

const customerBody = { name: '路由测试客户' };
const samples: Record<OperationId, Sample> = {
  getHealth: { ok: () => ({ path: '/v1/health' }) },
  getOpenApi: { ok: () => ({ path: '/v1/openapi.json' }) },
  signup: {
    ok: () => ({ path: '/v1/signup', body: { companyName: '新公司', adminEmail: uniqueEmail(), adminPassword: PASSWORD } }), status: 201,
    bad: () => ({ path: '/v1/signup', body: { companyName: '', adminEmail: 'not-an-email', adminPassword: 'short' } }),
  },
  login: {
    ok: (f) => ({ path: '/v1/auth/login', body: { email: f.a.email, password: PASSWORD } }),
    bad: () => ({ path: '/v1/auth/login', body: { email: 'x@example.com' } }),
  },
  refresh: {
    ok: (f) => ({ path: '/v1/auth/refresh', body: { refreshToken: f.a.refreshToken } }),
    bad: () => ({ path: '/v1/auth/refresh', body: { refreshToken: 42 } }),
  },
  completeNewPassword: {
    // The success case walks a real invitation (temporary password from the mail folder).
    ok: async (f) => {
      const email = uniqueEmail('np');
      await api('/v1/users', { token: f.a.token, body: { email, role: 'viewer' } });
      const { temporaryPasswordFor } = await import('#infra/local/testing.ts');
      const login = await api('/v1/auth/login', { body: { email, password: await temporaryPasswordFor(email) } });
      return { path: '/v1/auth/new-password', body: { email, session: login.body.session, newPassword: PASSWORD } };
    },
    bad: () => ({ path: '/v1/auth/new-password', body: { email: 'a@example.com', session: 's', newPassword: 'weak' } }),
  },
  getMe: { ok: () => ({ path: '/v1/me' }) },
  listUsers: { ok: () => ({ path: '/v1/users' }), bad: () => ({ path: '/v1/users?limit=0' }) },
  inviteUser: {
    ok: () => ({ path: '/v1/users', body: { email: uniqueEmail('inv'), role: 'sales' } }), status: 201,
    bad: () => ({ path: '/v1/users', body: { email: uniqueEmail(), role: 'emperor' } }),
  },
  getUser: {
    ok: (f) => ({ path: `/v1/users/${f.a.userId}` }), bad: () => ({ path: '/v1/users/not-an-id' }),
    other: (f) => ({ path: `/v1/users/${f.userB}` }),
  },
  updateUser: {
    ok: async (f) => ({ path: `/v1/users/${await f.freshUserA()}`, method: 'PATCH', body: { role: 'finance' } }),
    bad: (f) => ({ path: `/v1/users/${f.a.userId}`, method: 'PATCH', body: { role: 'finance', extra: true } }),
    other: (f) => ({ path: `/v1/users/${f.userB}`, method: 'PATCH', body: { name: '越权' } }),
  },
  removeUser: {
    ok: async (f) => ({ path: `/v1/users/${await f.freshUserA()}`, method: 'DELETE' }),
    bad: () => ({ path: '/v1/users/usr_123', method: 'DELETE' }),
    other: (f) => ({ path: `/v1/users/${f.userB}`, method: 'DELETE' }),
  },
  getSettings: { ok: () => ({ path: '/v1/settings' }) },
  updateSettings: {
    ok: () => ({ path: '/v1/settings', method: 'PATCH', body: { defaultPaymentTermsDays: 45 } }),
    bad: () => ({ path: '/v1/settings', method: 'PATCH', body: { invoicingPolicy: 'whenever' } }),
  },
  listCustomers: { ok: () => ({ path: '/v1/customers' }), bad: () => ({ path: '/v1/customers?stage=vip' }) },
  createCustomer: {
    ok: () => ({ path: '/v1/customers', body: customerBody }), status: 201,
    bad: () => ({ path: '/v1/customers', body: { name: '   ', creditLimit: { amount: 1.5, currency: 'CNY' } } }),
  },
  getCustomer: {
    ok: (f) => ({ path: `/v1/customers/${f.customerA}` }), bad: () => ({ path: '/v1/customers/ord_01JD0000000000000000000000' }),
    other: (f) => ({ path: `/v1/customers/${f.customerB}` }),
  },
  updateCustomer: {
    ok: (f) => ({ path: `/v1/customers/${f.customerA}`, method: 'PATCH', body: { tier: 'A' } }),
    bad: (f) => ({ path: `/v1/customers/${f.customerA}`, method: 'PATCH', body: { stage: 'vip' } }),
    other: (f) => ({ path: `/v1/customers/${f.customerB}`, method: 'PATCH', body: { tier: 'A' } }),
  },
  archiveCustomer: {
    ok: async (f) => ({ path: `/v1/customers/${await f.freshCustomerA()}`, method: 'DELETE' }),
    bad: () => ({ path: '/v1/customers/cus_x', method: 'DELETE' }),
    other: (f) => ({ path: `/v1/customers/${f.customerB}`, method: 'DELETE' }),
  },
  listCustomerNotes: {
    ok: (f) => ({ path: `/v1/customers/${f.customerA}/notes` }),
    bad: (f) => ({ path: `/v1/customers/${f.customerA}/notes?limit=101` }),
    other: (f) => ({ path: `/v1/customers/${f.customerB}/notes` }),
  },
  addCustomerNote: {
    ok: (f) => ({ path: `/v1/customers/${f.customerA}/notes`, body: { channel: 'call', body: '电话回访' } }), status: 201,
    bad: (f) => ({ path: `/v1/customers/${f.customerA}/notes`, body: { channel: 'pigeon', body: '' } }),
    other: (f) => ({ path: `/v1/customers/${f.customerB}/notes`, body: { channel: 'call', body: '越权' } }),
  },
  getDashboard: { ok: () => ({ path: '/v1/reports/dashboard' }) },
};

let f: Fixtures;

beforeAll(async () => {
  const [a, b] = await Promise.all([newTenant(), newTenant()]);
  const staff = await Promise.all(roles.filter((r) => r !== 'owner').map(async (r) => [r, (await userWithRole(a, r)).token] as const));
  const tokens = { owner: a.token, ...Object.fromEntries(staff) } as Record<Role, string>;
  const mk = async (t: TestTenant) => (await api('/v1/customers', { token: t.token, body: { name: '样本客户' } })).body.id as string;
  const invite = async (t: TestTenant) => (await api('/v1/users', { token: t.token, body: { email: uniqueEmail('fx'), role: 'viewer' } })).body.id as string;
  f = {
    a, b, tokens, customerA: await mk(a), customerB: await mk(b), userB: await invite(b),
    freshUserA: () => invite(a), freshCustomerA: () => mk(a),
  };
});

const send = (req: Request, token?: string) =>
  api(req.path, { method: req.method ?? (req.body !== undefined ? 'POST' : 'GET'), body: req.body, token: req.token ?? token });

describe('route table coverage', () => {
  it('has a sample for every route, and a cross-tenant case for every route with an id', () => {
    for (const r of routes) {
      expect(samples[r.operationId], r.operationId).toBeDefined();
      if ('params' in r) expect(samples[r.operationId].other, `${r.operationId} cross-tenant`).toBeDefined();
      if ('body' in r || 'query' in r || 'params' in r) expect(samples[r.operationId].bad, `${r.operationId} bad input`).toBeDefined();
    }
  });

  describe.each(routes.map((r) => [r.operationId, r] as const))('%s', (operationId, r) => {
    const sample = samples[operationId];
    const allowed = r.roles as readonly Role[];

    it('succeeds for an allowed caller', async () => {
      const sampleReq = await sample.ok(f);
      const res = await send(sampleReq, r.auth === 'tenant' ? f.tokens[allowed[0]!] : undefined);
      expect(res.status, JSON.stringify(res.body)).toBe(sample.status ?? r.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      if (r.status === 201) {
        const expected = res.body.id ? `${sampleReq.path.split('?')[0]}/${res.body.id}` : '/v1/me';
        expect(res.headers.get('location')).toBe(expected);
      }
    });

    if (sample.bad) {
      it('answers 400 problem+json with field errors to bad input', async () => {
        const res = await send(sample.bad!(f), r.auth === 'tenant' ? f.tokens[allowed[0]!] : undefined);
        expectProblem(res, 400);
        expect(res.body.errors?.length ?? 0).toBeGreaterThan(0);
      });
    }

    const forbidden = roles.filter((role) => !allowed.includes(role));
    if (r.auth === 'tenant' && forbidden.length) {
      it(`answers 403 to ${forbidden.join(', ')}`, async () => {
        for (const role of forbidden) {
          const res = await send(await sample.ok(f), f.tokens[role]);
          expectProblem(res, 403);
        }
      });
    }

    if (r.auth === 'tenant') {
      it('answers 401 without a credential', async () => {
        expectProblem(await send(await sample.ok(f)), 401);
      });
    }

    if (sample.other) {
      it('answers 404 for another tenant\'s id, exactly like a missing one', async () => {
        const res = await send(sample.other!(f), f.tokens[allowed[0]!]);
        expectProblem(res, 404, 'not_found');
      });
    }
  });
});

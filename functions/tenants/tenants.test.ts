import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  api,
  directDb,
  expectProblem,
  newTenant,
  temporaryPasswordFor,
  uniqueEmail,
  userWithRole,
  PASSWORD,
  TABLE,
  type TestTenant,
} from '#infra/local/testing.ts';

let owner: TestTenant;
beforeAll(async () => {
  owner = await newTenant('叮当五金有限公司');
});

describe('signup', () => {
  it('creates the tenant whole: owner, settings with defaults, and a default warehouse', async () => {
    const me = await api('/v1/me', { token: owner.token });
    expect(me.body.role).toBe('owner');
    expect(me.body.tenant.companyName).toBe('叮当五金有限公司');
    expect(me.body.permissions).toContain('inviteUser');
    const settings = await api('/v1/settings', { token: owner.token });
    expect(settings.body).toMatchObject({
      baseCurrency: 'CNY',
      locale: 'zh-CN',
      invoicingPolicy: 'on_shipment',
      defaultPaymentTermsDays: 30,
      numbering: { order: 'SO', invoice: 'INV' },
    });
    const db = await directDb();
    const warehouses = await db.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `${owner.tenantId}#WAREHOUSES` },
      }),
    );
    expect(warehouses.Items).toHaveLength(1);
    expect(warehouses.Items![0]).toMatchObject({ isDefault: true, name: '主仓库' });
  });

  it('refuses a second signup with the same email (409) and leaves nothing behind', async () => {
    const res = await api('/v1/signup', {
      body: { companyName: '重复公司', adminEmail: owner.email, adminPassword: PASSWORD },
    });
    expectProblem(res, 409, 'email_taken');
    const login = await api('/v1/auth/login', { body: { email: owner.email, password: PASSWORD } });
    expect(login.status).toBe(200);
  });

  it('answers 400 with the field for a weak password', async () => {
    const res = await api('/v1/signup', {
      body: { companyName: 'X', adminEmail: uniqueEmail(), adminPassword: 'alllowercase' },
    });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('body.adminPassword');
  });
});

describe('login and refresh', () => {
  it('logs in, refreshes, and refuses a wrong password with 401 invalid_credentials', async () => {
    const login = await api('/v1/auth/login', { body: { email: owner.email.toUpperCase(), password: PASSWORD } });
    expect(login.status).toBe(200);
    const refreshed = await api('/v1/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await api('/v1/me', { token: refreshed.body.idToken })).status).toBe(200);
    expectProblem(
      await api('/v1/auth/login', { body: { email: owner.email, password: 'Wrong1234' } }),
      401,
      'invalid_credentials',
    );
    expectProblem(
      await api('/v1/auth/login', { body: { email: uniqueEmail('nobody'), password: 'Wrong1234' } }),
      401,
      'invalid_credentials',
    );
  });
});

describe('users', () => {
  it('invites a user who sets a password at first login and becomes active', async () => {
    const email = uniqueEmail('invitee');
    const invited = await api('/v1/users', { token: owner.token, body: { email, role: 'sales', name: '小王' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email, role: 'sales', status: 'invited', name: '小王' });
    const first = await api('/v1/auth/login', { body: { email, password: await temporaryPasswordFor(email) } });
    expect(first.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    const done = await api('/v1/auth/new-password', {
      body: { email, session: first.body.session, newPassword: PASSWORD },
    });
    expect(done.status).toBe(200);
    const me = await api('/v1/me', { token: done.body.idToken });
    expect(me.body).toMatchObject({ role: 'sales', user: { status: 'active' } });
    expect(me.body.permissions).toContain('createCustomer');
    expect(me.body.permissions).not.toContain('inviteUser');
    const list = await api('/v1/users', { token: owner.token });
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain(email);
  });

  it('refuses inviting an email that already has a login (409)', async () => {
    expectProblem(
      await api('/v1/users', { token: owner.token, body: { email: owner.email, role: 'viewer' } }),
      409,
      'email_taken',
    );
  });

  // Guarantees: a company can never lose its last owner, and admins cannot make themselves owners.
  it('protects ownership: admin cannot grant owner, the last owner cannot be demoted or removed', async () => {
    const admin = await userWithRole(owner, 'admin');
    expectProblem(
      await api('/v1/users', { token: admin.token, body: { email: uniqueEmail(), role: 'owner' } }),
      403,
      'owner_required',
    );
    expectProblem(
      await api(`/v1/users/${owner.userId}`, { method: 'DELETE', token: admin.token }),
      403,
      'owner_required',
    );
    expectProblem(
      await api(`/v1/users/${owner.userId}`, { method: 'PATCH', token: owner.token, body: { role: 'admin' } }),
      409,
      'last_owner',
    );
    expectProblem(
      await api(`/v1/users/${owner.userId}`, { method: 'DELETE', token: owner.token }),
      422,
      'cannot_remove_self',
    );
  });

  it('removes a user: gone from the list, login refused, and the email can be invited again', async () => {
    const viewer = await userWithRole(owner, 'viewer');
    const removed = await api(`/v1/users/${viewer.userId}`, { method: 'DELETE', token: owner.token });
    expect(removed.status).toBe(200);
    expectProblem(await api(`/v1/users/${viewer.userId}`, { token: owner.token }), 404);
    expectProblem(await api('/v1/auth/login', { body: { email: viewer.email, password: PASSWORD } }), 401);
    expect((await api('/v1/users', { token: owner.token, body: { email: viewer.email, role: 'viewer' } })).status).toBe(
      201,
    );
  });
});

describe('settings', () => {
  it('changes settings with If-Match, keeps the tenant name in step, and answers 412 when stale', async () => {
    const current = await api('/v1/settings', { token: owner.token });
    const changed = await api('/v1/settings', {
      method: 'PATCH',
      token: owner.token,
      headers: { 'if-match': current.headers.get('etag')! },
      body: { companyName: '叮当五金（集团）', numbering: { order: 'DD' }, invoicingPolicy: 'on_confirm' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      companyName: '叮当五金（集团）',
      numbering: { order: 'DD', invoice: 'INV' },
      invoicingPolicy: 'on_confirm',
    });
    expect((await api('/v1/me', { token: owner.token })).body.tenant.companyName).toBe('叮当五金（集团）');
    expectProblem(
      await api('/v1/settings', {
        method: 'PATCH',
        token: owner.token,
        headers: { 'if-match': current.headers.get('etag')! },
        body: { taxId: 'X' },
      }),
      412,
    );
  });

  it('stores the tenant and its users only under keys that begin with the tenant id', async () => {
    const db = await directDb();
    const tenant = await db.send(
      new GetCommand({ TableName: TABLE, Key: { pk: `${owner.tenantId}#TENANT`, sk: 'TENANT' } }),
    );
    expect(tenant.Item?.id).toBe(owner.tenantId);
  });
});

import { describe, expect, it } from 'vitest';
import { api, expectProblem, newTenant, userWithRole } from '#infra/local/testing.ts';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const log = async (token: string, query = '') => {
  const res = await api(`/v1/audit-log${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as any[];
};

describe('the audit log', () => {
  // Guarantees: every change of settings, people and roles, keys, webhooks and channels names who, when,
  // and the members before and after; secrets and images are never kept; only managers read it, per company.
  it('records who changed what, before and after, and keeps no secret', async () => {
    const owner = await newTenant();
    const settings = await api('/v1/settings', {
      method: 'PATCH',
      token: owner.token,
      body: { defaultPaymentTermsDays: 45, approvalWaitingHours: 12 },
    });
    expect(settings.status).toBe(200);
    // A refused change records nothing.
    expectProblem(
      await api('/v1/settings', { method: 'PATCH', token: owner.token, body: { defaultPaymentTermsDays: -1 } }),
      400,
    );

    const colleague = await userWithRole(owner, 'sales');
    const promoted = await api(`/v1/users/${colleague.userId}`, {
      method: 'PATCH',
      token: owner.token,
      body: { role: 'finance' },
    });
    expect(promoted.status).toBe(200);

    const key = await api('/v1/api-keys', {
      token: owner.token,
      body: { name: '金蝶对接', scopes: ['webhooks:manage'] },
    });
    expect(key.status).toBe(201);
    // The key itself makes a change: the log names the key as the actor.
    const hook = await api('/v1/webhooks', {
      token: key.body.secret,
      body: { url: 'https://erp.example.com/hooks/dingo', eventTypes: ['order.confirmed'] },
    });
    expect(hook.status).toBe(201);
    const rotated = await api(`/v1/webhooks/${hook.body.id}/rotate-secret`, { method: 'POST', token: owner.token });
    expect(rotated.status).toBe(200);
    expect((await api(`/v1/api-keys/${key.body.id}`, { method: 'DELETE', token: owner.token })).status).toBe(200);

    const entries = await log(owner.token);
    expect(entries.map((e) => e.action)).toEqual([
      'revokeApiKey',
      'rotateWebhookSecret',
      'createWebhook',
      'createApiKey',
      'updateUser',
      'inviteUser',
      'updateSettings',
      'updateSettings', // newTenant's own: the test company quotes prices without tax
    ]);
    const byAction = Object.fromEntries(entries.reverse().map((e) => [e.action, e])); // the newest of each
    entries.reverse();
    expect(byAction.updateSettings).toMatchObject({
      entity: 'settings',
      entityId: null,
      actor: { id: owner.userId, kind: 'user', name: '老板' },
      before: { defaultPaymentTermsDays: 30, approvalWaitingHours: 24 },
      after: { defaultPaymentTermsDays: 45, approvalWaitingHours: 12 },
      requestId: settings.headers.get('x-request-id'),
    });
    // Only what changed is kept.
    expect(Object.keys(byAction.updateSettings.after).sort()).toEqual([
      'approvalWaitingHours',
      'defaultPaymentTermsDays',
    ]);
    expect(byAction.updateUser).toMatchObject({
      entity: 'user',
      entityId: colleague.userId,
      before: { role: 'sales' },
      after: { role: 'finance' },
    });
    expect(byAction.inviteUser).toMatchObject({ before: null, after: expect.objectContaining({ role: 'sales' }) });
    expect(byAction.createWebhook).toMatchObject({
      entity: 'webhook',
      entityId: hook.body.id,
      actor: { id: key.body.id, kind: 'api_key', name: '金蝶对接' },
    });
    expect(byAction.revokeApiKey).toMatchObject({ entity: 'api_key', entityId: key.body.id });
    expect(byAction.revokeApiKey.after.revokedAt).toEqual(expect.any(String));
    // A key has no GET of its own: what it was is read from the list of keys.
    expect(byAction.revokeApiKey.before).toEqual({ revokedAt: null });
    // Secrets shown once stay shown once: neither the key's nor the webhook's is in the log.
    const all = JSON.stringify(entries);
    expect(all).not.toContain(key.body.secret);
    expect(all).not.toContain('whsec_');
    expect(all).not.toMatch(/dk_live_[\w-]{20,}/); // the key's first characters (its listed prefix) are no secret

    // Filters: by kind of record, by actor, by record.
    expect((await log(owner.token, '?entity=api_key')).map((e) => e.action)).toEqual(['revokeApiKey', 'createApiKey']);
    expect((await log(owner.token, `?actor=${key.body.id}`)).map((e) => e.action)).toEqual(['createWebhook']);
    expect((await log(owner.token, `?entity=webhook&actor=${owner.userId}`)).map((e) => e.action)).toEqual([
      'rotateWebhookSecret',
    ]);
    expect((await log(owner.token, `?entityId=${colleague.userId}`)).map((e) => e.action)).toEqual([
      'updateUser',
      'inviteUser',
    ]);
    const first = await api('/v1/audit-log?limit=2', { token: owner.token });
    expect(first.body.items).toHaveLength(2);
    const second = await api(`/v1/audit-log?limit=10&cursor=${encodeURIComponent(first.body.nextCursor)}`, {
      token: owner.token,
    });
    expect(second.body.items.map((e: { action: string }) => e.action)).toEqual(entries.slice(2).map((e) => e.action));

    // Managers only; another company sees none of it.
    expectProblem(await api('/v1/audit-log', { token: colleague.token }), 403);
    const other = await newTenant();
    expect((await log(other.token)).map((e) => e.action)).toEqual(['updateSettings']); // its own test setup
    expect(JSON.stringify(await log(other.token))).not.toContain(owner.userId);
  });

  it('keeps what a department or a warehouse was, read from its list (neither has a GET of its own)', async () => {
    const owner = await newTenant();
    const created = await api('/v1/departments', { token: owner.token, body: { name: '华东销售部' } });
    expect(created.status).toBe(201);
    const dep = `/v1/departments/${created.body.id}`;
    expect((await api(dep, { method: 'PATCH', token: owner.token, body: { name: '华东大区' } })).status).toBe(200);
    expect((await api(dep, { method: 'DELETE', token: owner.token })).status).toBe(200);
    const [removed, renamed] = await log(owner.token, '?entity=department');
    expect(renamed).toMatchObject({
      entityId: created.body.id,
      before: { name: '华东销售部' },
      after: { name: '华东大区' },
    });
    expect(removed).toMatchObject({
      action: 'deleteDepartment',
      before: { id: created.body.id, name: '华东大区' },
      after: null,
    });

    const warehouse = (await api('/v1/warehouses', { token: owner.token })).body.items[0];
    const moved = await api(`/v1/warehouses/${warehouse.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { name: '嘉兴总仓', address: '浙江省嘉兴市南湖区' },
    });
    expect(moved.status).toBe(200);
    const [entry] = await log(owner.token, '?entity=warehouse');
    expect(entry).toMatchObject({
      entityId: warehouse.id,
      before: { name: warehouse.name, address: warehouse.address },
      after: { name: '嘉兴总仓', address: '浙江省嘉兴市南湖区' },
    });
  });

  it('keeps an image as its size, not its bytes', async () => {
    const owner = await newTenant();
    const logo = `data:image/png;base64,${Buffer.concat([Buffer.from(PNG.slice(22), 'base64'), Buffer.alloc(60 * 1024)]).toString('base64')}`;
    const saved = await api('/v1/print-settings', {
      method: 'PUT',
      token: owner.token,
      body: { logo, footer: '谢谢惠顾' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const [entry] = await log(owner.token, '?entity=print_settings');
    expect(entry.after.footer).toBe('谢谢惠顾');
    expect(entry.after.logo).toMatch(/^\([\d,]+ characters, not kept\)$/);
    expect(entry.before).toMatchObject({ logo: null, footer: null });
  });
});

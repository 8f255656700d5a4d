import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  api,
  cloud,
  directDb,
  eventually,
  newCustomer,
  newOrder,
  newTenant,
  runJob,
  settled,
  TABLE,
} from '#infra/local/testing.ts';
import { jobWork } from '#shared/events/rules.ts';
import { job } from './jobs.ts';
import { markDue } from './due.ts';
import type { TenantContext } from './tenant.ts';

/**
 * Jobs that fan out (issue: "a scheduler run enqueues one unit of work per tenant with something to
 * do"): 2,000 companies registered in the local cloud, 150 of them with work for the job; a run visits
 * exactly those, each once, and no idle company; a company that fails does not stop the others and is
 * visited again next time; one with nothing left leaves the list.
 */
const COMPANIES = 2_000;
const DUE = 150;
const ids = Array.from(
  { length: COMPANIES },
  (_, i) => `ten_01JFAN${String(Date.now() % 1e9).padStart(9, '0')}${String(i).padStart(11, '0')}`,
);
const due = ids.filter((_, i) => i % Math.floor(COMPANIES / DUE) === 0).slice(0, DUE);
const stillOpen = new Set(due.slice(0, 20));
const failing = due[30]!;

beforeAll(async () => {
  Object.assign(process.env, {
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: cloud().endpoints.dynamodb,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    JOB_UNITS_IN_PROCESS: '1',
  });
  const db = await directDb();
  // Past the first run's seeding (which visits every company once, for deployments older than the marks).
  for (const name of Object.keys(jobWork))
    await db.send(new PutCommand({ TableName: TABLE, Item: { pk: `PLATFORM#DUE#${name}`, sk: '~seeded' } }));
  for (let i = 0; i < ids.length; i += 25)
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [TABLE]: ids.slice(i, i + 25).map((id) => ({
            PutRequest: { Item: { pk: 'PLATFORM#TENANTS', sk: id, entity: 'tenant_registry', at: '2026-12-01' } },
          })),
        },
      }),
    );
  for (const id of due) await markDue('ticket-sla', id);
}, 120_000);

afterAll(async () => {
  // The companies are not real: out of the registry and the job's list again.
  const db = await directDb();
  const deletes = ids.flatMap((id) => [
    { DeleteRequest: { Key: { pk: 'PLATFORM#TENANTS', sk: id } } },
    { DeleteRequest: { Key: { pk: 'PLATFORM#DUE#ticket-sla', sk: id } } },
  ]);
  for (let i = 0; i < deletes.length; i += 25)
    await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: deletes.slice(i, i + 25) } }));
}, 120_000);

describe('a scheduled job fans out to the companies with work', () => {
  it('visits each of 150 due companies of 2,000 once, no idle one, and keeps only those with work left', async () => {
    const visits = new Map<string, number>();
    let failures = 1;
    const handler = job(
      'ticket-sla',
      async (t: TenantContext) => {
        visits.set(t.tenantId, (visits.get(t.tenantId) ?? 0) + 1);
        if (t.tenantId === failing && failures-- > 0) throw new Error('this company fails once');
        return { checked: true };
      },
      // Other test files' companies on the same list are left as they are (their marks kept).
      { stillOpen: async (t) => !ids.includes(t.tenantId) || stillOpen.has(t.tenantId) },
    );
    const mine = (m: Map<string, number>) => new Map([...m].filter(([id]) => ids.includes(id)));

    // One company fails: the run reports it, after every other company was done.
    await expect(handler({ time: '2026-12-02T01:00:00.000Z' } as never, {} as never)).rejects.toThrow(
      /1 of \d+ tenants failed/,
    );
    const first = mine(visits);
    expect([...first.keys()].sort()).toEqual([...due].sort());
    expect([...first.values()].every((n) => n === 1)).toBe(true);
    expect(ids.filter((id) => !due.includes(id)).some((id) => visits.has(id))).toBe(false);

    // The next run: the companies with work left, and the one that failed; the rest left the list.
    visits.clear();
    await handler({ time: '2026-12-02T01:05:00.000Z' } as never, {} as never);
    expect([...mine(visits).keys()].sort()).toEqual([...stillOpen, failing].sort());
    visits.clear();
    await handler({ time: '2026-12-02T01:10:00.000Z' } as never, {} as never);
    expect([...mine(visits).keys()].sort()).toEqual([...stillOpen].sort());
  }, 120_000);

  it('marks a company when an event gives it work: a new ticket, or one reopened, puts it on the SLA job’s list', async () => {
    const t = await newTenant();
    const db = await directDb();
    const mark = () =>
      db.send(new GetCommand({ TableName: TABLE, Key: { pk: 'PLATFORM#DUE#ticket-sla', sk: t.tenantId } }));
    expect((await mark()).Item).toBeUndefined();
    const customer = await api('/v1/customers', { token: t.token, body: { name: '售后客户' } });
    const ticket = await api('/v1/tickets', {
      token: t.token,
      body: { customerId: customer.body.id, kind: 'complaint', subject: '收到的货有破损', priority: 'high' },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    await eventually(async () => expect((await mark()).Item?.touchedAt).toEqual(expect.any(String)));

    // Resolved, the company has nothing open: a run takes it off the list.
    const resolved = await api(`/v1/tickets/${ticket.body.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { status: 'resolved' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    await settled();
    await runJob('ticket-sla', t.tenantId);
    expect((await mark()).Item).toBeUndefined();
    // Reopened, its SLA runs again: the company is back on the list.
    const reopened = await api(`/v1/tickets/${ticket.body.id}`, {
      method: 'PATCH',
      token: t.token,
      body: { status: 'in_progress' },
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    await eventually(async () => expect((await mark()).Item?.touchedAt).toEqual(expect.any(String)));
  });

  // Guarantees: a busy company's events cost the nightly report's list a read, not a write each (a fresh
  // mark is not touched again), and the company still stays listed two days after its last event.
  it('reads a fresh nightly-report mark instead of writing it again, and keeps the company listed', async () => {
    const t = await newTenant();
    const db = await directDb();
    const mark = () =>
      db.send(new GetCommand({ TableName: TABLE, Key: { pk: 'PLATFORM#DUE#nightly-report', sk: t.tenantId } }));
    const customer = await newCustomer(t);
    await newOrder(t, { customerId: customer.id });
    await settled();
    const fresh = (await mark()).Item?.touchedAt as string;
    expect(fresh).toEqual(expect.any(String));
    // Another order the same day: its event finds the mark fresh and leaves it as it was.
    await newOrder(t, { customerId: customer.id });
    await settled();
    expect((await mark()).Item?.touchedAt).toBe(fresh);
    // A run two days on (the order's day rolled by then) keeps the company listed.
    await runJob('nightly-report', t.tenantId, new Date(Date.now() + 2 * 86_400_000).toISOString());
    expect((await mark()).Item?.touchedAt).toBe(fresh);
    // Another job's marks are written for every event (their runs may clear a recent mark).
    const slaMark = () =>
      db.send(new GetCommand({ TableName: TABLE, Key: { pk: 'PLATFORM#DUE#ticket-sla', sk: t.tenantId } }));
    const ticket = () =>
      api('/v1/tickets', {
        token: t.token,
        body: { customerId: customer.id, kind: 'complaint', subject: '少发了一箱', priority: 'normal' },
      });
    expect((await ticket()).status).toBe(201);
    await settled();
    const first = (await slaMark()).Item?.touchedAt;
    expect((await ticket()).status).toBe(201);
    await settled();
    expect((await slaMark()).Item?.touchedAt).not.toBe(first);
  });
});

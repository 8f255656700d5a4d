import { beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { envelopeOf } from '#functions/platform/outbox.ts';
import { consumerRules } from '#shared/events/rules.ts';
import {
  api,
  cloud,
  directDb,
  eventually,
  newTenant,
  runJob,
  settled,
  TABLE,
  type TestTenant,
} from '#infra/local/testing.ts';

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant();
});

const dashboard = async (tenant = t) =>
  (await api('/v1/reports/dashboard', { token: tenant.token })).body.customers.createdToday as number;
const bus = () =>
  new EventBridgeClient({
    endpoint: cloud().endpoints.eventbridge,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });

async function eventsOf(customerId: string, tenant = t) {
  const db = await directDb();
  const out = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': `${tenant.tenantId}#CUSTOMER#${customerId}`, ':e': 'EVENT#' },
    }),
  );
  return out.Items ?? [];
}

describe('events: outbox -> stream -> relay -> bus -> consumer', () => {
  it("writes the event in the customer's own partition, in the same transaction as the change", async () => {
    const created = await api('/v1/customers', { token: t.token, body: { name: '事件客户' } });
    await api(`/v1/customers/${created.body.id}`, { method: 'PATCH', token: t.token, body: { tier: 'A' } });
    const events = await eventsOf(created.body.id);
    expect(events.map((e) => e.eventType)).toEqual(['customer.created', 'customer.updated']);
    expect(envelopeOf(events[1]!)).toMatchObject({
      tenantId: t.tenantId,
      actor: { kind: 'user', id: t.userId },
      data: { tier: 'A', version: 2 },
    });
  });

  // Guarantees: each customer.created counts once on the dashboard, however often it is delivered.
  // Each counting test has a company of its own, so no other test's events can land in its count.
  it('reaches the consumer and has its effect exactly once', async () => {
    const own = await newTenant();
    await api('/v1/customers', { token: own.token, body: { name: '计数客户' } });
    await eventually(async () => expect(await dashboard(own)).toBe(1));
    await settled();
    expect(await dashboard(own)).toBe(1);
  });

  it('retries a consumer that fails twice, and the effect still happens once', async () => {
    const own = await newTenant();
    await settled();
    await api('/_local/faults', { body: { rule: 'reports-aggregates', times: 2 } });
    await api('/v1/customers', { token: own.token, body: { name: '重试客户' } });
    await eventually(async () => expect(await dashboard(own)).toBe(1));
    await settled();
    expect(await dashboard(own)).toBe(1);
  });

  it('gives the same event delivered twice one effect', async () => {
    const own = await newTenant();
    const created = await api('/v1/customers', { token: own.token, body: { name: '重复投递客户' } });
    await eventually(async () => expect(await dashboard(own)).toBe(1));
    const envelope = envelopeOf((await eventsOf(created.body.id, own))[0]!);
    const entry = {
      Source: 'dingo.customers',
      DetailType: 'customer.created',
      Detail: JSON.stringify(envelope),
      EventBusName: 'dingo',
    };
    await bus().send(new PutEventsCommand({ Entries: [entry, entry] }));
    await settled();
    expect(await dashboard(own)).toBe(1);
  });

  // The nightly roll-up run on demand for a later time (as the local cloud lets anyone) must not roll today:
  // today's entries carry no dirty mark, so a rolled today would hide the ones written after the run.
  it('counts what happens after a roll-up run on demand for a later time', async () => {
    const own = await newTenant();
    await api('/v1/customers', { token: own.token, body: { name: '卷起前客户' } });
    await eventually(async () => expect(await dashboard(own)).toBe(1));
    await settled();
    await runJob('nightly-report', own.tenantId, new Date(Date.now() + 5 * 86_400_000).toISOString());
    await api('/v1/customers', { token: own.token, body: { name: '卷起后客户' } });
    await eventually(async () => expect(await dashboard(own)).toBe(2));
  });

  it('puts a poison event in the DLQ, once per rule that takes it, visible, and redrives it', async () => {
    await settled();
    const poisonId = `evt_poison_${Date.now()}`;
    const rules = consumerRules
      .filter((r) => (r.types as readonly string[]).includes('customer.created'))
      .map((r) => r.name)
      .sort();
    const mine = async () =>
      (
        (await api('/_local/dlq')).body.items as { rule: string; attempts: number; event: { detail: { id: string } } }[]
      ).filter((i) => i.event.detail.id === poisonId);
    const poison = {
      id: poisonId,
      type: 'customer.created',
      tenantId: t.tenantId,
      occurredAt: 'not a date',
      actor: { kind: 'system', id: 'x' },
      subject: { type: 'customer', id: 'x' },
      data: { nope: true },
    };
    await bus().send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'dingo.customers',
            DetailType: 'customer.created',
            Detail: JSON.stringify(poison),
            EventBusName: 'dingo',
          },
        ],
      }),
    );
    const dlq = await eventually(async () => {
      const items = await mine();
      expect(items.map((i) => i.rule).sort()).toEqual(rules);
      return items;
    });
    expect(dlq.every((i) => i.attempts === 3)).toBe(true);
    const redriven = await api('/_local/dlq/redrive', { method: 'POST' });
    expect(redriven.body.redriven).toBeGreaterThanOrEqual(rules.length);
    // Still poison: it fails again and returns to the DLQ rather than vanishing.
    await eventually(async () => expect((await mine()).map((i) => i.rule).sort()).toEqual(rules));
  });
});

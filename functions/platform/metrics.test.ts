import { beforeAll, describe, expect, it, vi } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import { api, cloud, newTenant } from '#infra/local/testing.ts';

/**
 * Business metrics as CloudWatch EMF (Powertools Metrics): the relay, which sees every event the
 * business makes, counts each type it puts on the bus. Run here in the test's own process against the
 * local cloud's real bus, with metrics on (the local cloud itself prints none).
 */
beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'dingo',
    DYNAMODB_ENDPOINT: cloud().endpoints.dynamodb,
    EVENTBRIDGE_ENDPOINT: cloud().endpoints.eventbridge,
    EVENT_BUS_NAME: 'dingo',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.LOG_LEVEL = 'info'; // this file's own modules: the log lines are read below
  delete process.env.LOG_FILE;
});

const printed = async (run: () => Promise<unknown> | unknown) => {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((l) => l.split('\n')).filter(Boolean);
};

describe('logs', () => {
  it('are Powertools JSON lines that name the chain they belong to', async () => {
    const { log } = await import('./log.ts');
    const { withCorrelation } = await import('./correlation.ts');
    const lines = await printed(() =>
      withCorrelation('req-123', () => log('info', 'order confirmed', { orderId: 'ord_1' })),
    );
    const line = JSON.parse(lines.find((l) => l.includes('order confirmed'))!);
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'order confirmed',
      service: 'dingo',
      correlationId: 'req-123',
      orderId: 'ord_1',
    });
  });
});

describe('metrics', () => {
  it('the relay counts every event type it publishes, in the Dingo namespace, without the company as a dimension', async () => {
    const t = await newTenant();
    const customer = (await api('/v1/customers', { token: t.token, body: { name: '指标客户' } })).body;
    const { TenantContext, systemPrincipal } = await import('./tenant.ts');
    const { outboxEvent } = await import('./outbox.ts');
    const { handler } = await import('../outbox-relay.ts');
    const tc = await TenantContext.of(t.tenantId, systemPrincipal);
    const record = (i: number) => {
      const put = outboxEvent(
        tc,
        tc.key('CUSTOMER', customer.id),
        'customer.updated',
        { type: 'customer', id: customer.id },
        {
          ...customer,
          name: `指标客户 ${i}`,
        },
      );
      return { eventName: 'INSERT' as const, dynamodb: { NewImage: marshall(put.Put.Item) as never } };
    };
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await handler({ Records: [record(1), record(2), record(3)] });
    } finally {
      spy.mockRestore();
    }
    const emf = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l));
    expect(emf).toHaveLength(1);
    expect(emf[0]['Event.customer.updated']).toBe(3);
    const definition = emf[0]._aws.CloudWatchMetrics[0];
    expect(definition.Namespace).toBe('Dingo');
    expect(definition.Metrics).toEqual([{ Name: 'Event.customer.updated', Unit: 'Count' }]);
    expect(JSON.stringify(definition.Dimensions)).not.toContain('tenant');
    expect(JSON.stringify(emf[0])).not.toContain(t.tenantId);
  });
});

import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';
import { platformDb } from './db.ts';
import { TenantContext, systemPrincipal } from './tenant.ts';
import { log } from './log.ts';
import { withCorrelation } from './correlation.ts';

/**
 * The registry of tenants, a platform partition scheduled jobs page through (no Scan). Written at
 * signup after the tenant's own transaction, so a refused sign-up leaves no entry.
 */
const REGISTRY = 'PLATFORM#TENANTS';

export async function registerTenant(tenantId: string, at: string) {
  await platformDb().send(
    new PutCommand({ TableName: env.tableName, Item: { pk: REGISTRY, sk: tenantId, entity: 'tenant_registry', at } }),
  );
}

export async function* registeredTenants(): AsyncGenerator<string> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await platformDb().send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': REGISTRY },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) yield item.sk as string;
    start = out.LastEvaluatedKey;
  } while (start);
}

export interface JobEvent extends Partial<ScheduledEvent> {
  /** `time` is the schedule's tick; `detail.tenantId` runs the job for one company (on demand). */
  time?: string;
  detail?: { tenantId?: string };
}

/**
 * A scheduled job: runs `perTenant` for every company with the schedule's time as "now". A
 * company that fails does not stop the others; the run fails afterwards so the schedule's retry
 * runs it again (each job is idempotent).
 */
export function job<R>(
  name: string,
  perTenant: (t: TenantContext, now: Date) => Promise<R>,
  source: () => AsyncIterable<string> = registeredTenants,
) {
  return middy<JobEvent, { tenants: number; failed: number; results: Record<string, R> }>().handler(async (event) => {
    const now = event.time ? new Date(event.time) : new Date();
    const results: Record<string, R> = {};
    let failed = 0;
    let tenants = 0;
    const ids = event.detail?.tenantId ? [event.detail.tenantId] : source();
    // One run, one correlation id: its log lines and the events it emits (a reminder, an overdue invoice) carry it.
    const run = `job_${name}_${event.id ?? now.toISOString()}`;
    for await (const tenantId of ids) {
      tenants += 1;
      try {
        results[tenantId] = await withCorrelation(run, async () =>
          perTenant(await TenantContext.of(tenantId, systemPrincipal), now),
        );
      } catch (error) {
        failed += 1;
        log('error', 'job failed for a tenant', { job: name, tenantId, error: (error as Error).message });
      }
    }
    log('info', 'job ran', { job: name, tenants, failed });
    if (failed) throw new Error(`${name}: ${failed} of ${tenants} tenants failed`);
    return { tenants, failed, results };
  });
}

import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';
import { platformDb } from './db.ts';
import { TenantContext, systemPrincipal } from './tenant.ts';
import { log } from './log.ts';
import { withCorrelation } from './correlation.ts';
import { count, flushMetrics } from './metrics.ts';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { JOB_UNIT, jobWork, keptWhileRecent } from '#shared/events/rules.ts';
import { clearDue, dueMark, dueMarks, REFRESH_MS, type DueMark } from './due.ts';
import { companyClosed } from './closed.ts';

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

export async function unregisterTenant(tenantId: string) {
  await platformDb().send(new DeleteCommand({ TableName: env.tableName, Key: { pk: REGISTRY, sk: tenantId } }));
}

/** The sort keys of a platform partition, page by page (the registry, the closed companies' list). */
export async function* platformList(pk: string): AsyncGenerator<string> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await platformDb().send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) yield item.sk as string;
    start = out.LastEvaluatedKey;
  } while (start);
}

export const registeredTenants = () => platformList(REGISTRY);

export interface JobEvent extends Partial<ScheduledEvent> {
  /** `time` is the schedule's tick; `detail.tenantId` runs the job for one company (a unit, or on demand). */
  time?: string;
  detail?: { tenantId?: string; touchedAt?: string; job?: string; time?: string };
}

export interface JobOptions {
  /** The companies to visit, when the job keeps its own list (webhook retries: companies with deliveries pending). */
  source?: () => AsyncIterable<string>;
  /**
   * A job with work marks (jobWork): after a company's run, whether it still has work for the job
   * later (open invoices, open tickets). Without it, a company stays on the list for two days after
   * its last event (the nightly report covers its every day in any time zone); `recent` says whether that
   * is so (its last event within two days).
   */
  stillOpen?: (t: TenantContext, now: Date, recent: boolean) => Promise<boolean>;
}

/** Two days after its last event: a mark is touched at most every REFRESH_MS (due.ts), so that much more. */
const KEEP_MS = 2 * 86_400_000 + REFRESH_MS;
/** Units run at once in one invocation when the local cloud runs them in-process. */
const LOCAL_CONCURRENCY = 8;

async function publishUnits(name: string, time: string, marks: DueMark[]) {
  const client = new EventBridgeClient({ region: env.region, endpoint: env.eventBridgeEndpoint });
  const batches: DueMark[][] = [];
  for (let i = 0; i < marks.length; i += 10) batches.push(marks.slice(i, i + 10));
  let next = 0;
  // Ten units a call, eight calls at once: a tick hands out thousands of companies within its time.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const out = await client.send(
          new PutEventsCommand({
            Entries: batch.map((m) => ({
              EventBusName: env.eventBusName,
              Source: JOB_UNIT.source,
              DetailType: JOB_UNIT.detailType,
              Detail: JSON.stringify({ job: name, tenantId: m.tenantId, touchedAt: m.touchedAt, time }),
            })),
          }),
        );
        // A unit the bus refused throws: the schedule's retry hands the run out again (units are idempotent).
        if (out.FailedEntryCount) throw new Error(`${name}: ${out.FailedEntryCount} units not published`);
      }
    }),
  );
}

/**
 * A scheduled job. A tick of its schedule does not do the work: it lists the companies with
 * something to do (the job's work marks, its own list, or, for a job without either, every
 * company) and puts one unit per company on the bus; each unit (`detail.tenantId`) runs `perTenant`
 * for that company with the tick's time as "now", and is retried on its own by the bus (its rule
 * has retries and a DLQ), so one failing company neither stops nor repeats the others. An idle
 * company costs a run nothing: no unit, no STS call.
 */
export function job<R>(name: string, perTenant: (t: TenantContext, now: Date) => Promise<R>, options: JobOptions = {}) {
  const withWork = name in jobWork;
  const runUnit = async (tenantId: string, now: Date, seen: string | undefined, run: string) =>
    withCorrelation(run, async () => {
      // A unit of a tick knows the mark it was handed; a run on demand reads it first.
      const touchedAt = seen ?? (withWork ? (await dueMark(name, tenantId))?.touchedAt : undefined);
      const t = await TenantContext.of(tenantId, systemPrincipal);
      // A closed company's work waits (its restore puts it back on the lists); only the purge visits it.
      if (name !== 'tenant-purge' && (await companyClosed(t))) {
        if (withWork && touchedAt) await clearDue(name, { tenantId, touchedAt });
        return undefined as R;
      }
      const result = await perTenant(t, now);
      if (withWork && touchedAt) {
        const recent = Date.parse(touchedAt.split('#')[0]!) > now.getTime() - KEEP_MS;
        // A job that keeps recent companies listed never clears a recent mark (its touches may be skipped: due.ts).
        const kept = recent && (keptWhileRecent as readonly string[]).includes(name);
        const open = kept || (options.stillOpen ? await options.stillOpen(t, now, recent) : recent);
        if (!open) await clearDue(name, { tenantId, touchedAt });
      }
      return result;
    });

  return middy<JobEvent, { tenants: number; failed: number; results: Record<string, R> }>().handler(async (event) => {
    const unitTime = event.detail?.time;
    const now = unitTime ? new Date(unitTime) : event.time ? new Date(event.time) : new Date();
    // One run, one correlation id: its log lines and the events it emits (a reminder, an overdue invoice) carry it.
    const run = `job_${name}_${now.toISOString()}`;
    const tenantId = event.detail?.tenantId;
    if (tenantId) {
      // One unit: a failure throws, and the bus tries this company again (and only it).
      try {
        const result = await runUnit(tenantId, now, event.detail?.touchedAt, run);
        return { tenants: 1, failed: 0, results: { [tenantId]: result } };
      } finally {
        flushMetrics();
      }
    }
    const marks: DueMark[] = [];
    if (withWork) for await (const m of dueMarks(name, registeredTenants)) marks.push(m);
    else for await (const id of (options.source ?? registeredTenants)()) marks.push({ tenantId: id, touchedAt: '' });
    if (!env.runUnitsInProcess) {
      await publishUnits(name, now.toISOString(), marks);
      log('info', 'job fanned out', { job: name, units: marks.length });
      count('JobUnits', marks.length);
      flushMetrics();
      return { tenants: marks.length, failed: 0, results: {} };
    }
    // The local cloud's scheduler waits for its runs (tests read their results): units run here, a few at once.
    const results: Record<string, R> = {};
    let failed = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: LOCAL_CONCURRENCY }, async () => {
        while (next < marks.length) {
          const m = marks[next++]!;
          try {
            results[m.tenantId] = await runUnit(m.tenantId, now, m.touchedAt || undefined, run);
          } catch (error) {
            failed += 1;
            log('error', 'job failed for a tenant', {
              job: name,
              tenantId: m.tenantId,
              error: (error as Error).message,
            });
          }
        }
      }),
    );
    log('info', 'job ran', { job: name, tenants: marks.length, failed });
    flushMetrics();
    if (failed) throw new Error(`${name}: ${failed} of ${marks.length} tenants failed`);
    return { tenants: marks.length, failed, results };
  });
}

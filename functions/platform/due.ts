import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';
import { platformDb } from './db.ts';
import { keptWhileRecent } from '#shared/events/rules.ts';

/**
 * Companies a scheduled job has work for, one platform partition per job (`PLATFORM#DUE#<job>`,
 * one item per company): marked by the events that make the work (the due-index consumer), read by
 * the job's run, and cleared by the job when the company has nothing left for it, only if no new
 * event touched the mark meanwhile.
 */
const partition = (job: string) => `PLATFORM#DUE#${job}`;

export interface DueMark {
  tenantId: string;
  touchedAt: string;
}

/**
 * A mark of a job that keeps recent companies listed (`keptWhileRecent`), touched this recently, is not
 * touched again: a busy company's events cost a read, not a write each. Safe because no run clears such
 * a mark until it is more than two days old (jobs.ts, KEEP_MS), so a skipped touch never falls between a
 * run's look and its clear. The read is consistent: a mark deleted is seen deleted.
 */
export const REFRESH_MS = 12 * 3_600_000;
const touchTime = (touchedAt: string) => Date.parse(touchedAt.split('#')[0]!);

export async function markDue(job: string, tenantId: string) {
  if ((keptWhileRecent as readonly string[]).includes(job)) {
    const { Item } = await platformDb().send(
      new GetCommand({
        TableName: env.tableName,
        Key: { pk: partition(job), sk: tenantId },
        ConsistentRead: true,
        ProjectionExpression: 'touchedAt',
      }),
    );
    if (Item && touchTime(String(Item.touchedAt)) > Date.now() - REFRESH_MS) return;
  }
  await platformDb().send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        pk: partition(job),
        sk: tenantId,
        entity: 'job_due',
        // Unique per touch: a clear that read an older touch never removes a newer one.
        touchedAt: `${new Date().toISOString()}#${Math.random().toString(36).slice(2, 8)}`,
      },
    }),
  );
}

/** The partition's own record that every company was marked once (a deployment older than the marks). */
const SEEDED = '~seeded';

/**
 * The marks, after seeding them once from the tenant registry: a deployment upgraded from before
 * the marks has companies with work and no mark, so the first run visits every company once.
 */
export async function* dueMarks(job: string, everyTenant: () => AsyncIterable<string>): AsyncGenerator<DueMark> {
  const seeded = await platformDb().send(
    new GetCommand({ TableName: env.tableName, Key: { pk: partition(job), sk: SEEDED }, ConsistentRead: true }),
  );
  if (!seeded.Item) {
    const ids: string[] = [];
    for await (const tenantId of everyTenant()) ids.push(tenantId);
    const touchedAt = `${new Date().toISOString()}#seed`;
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += 25) batches.push(ids.slice(i, i + 25));
    let next = 0;
    // 25 marks a request, eight requests at once: 10,000 companies in a few seconds.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batches.length) {
          let request: Record<string, unknown[]> = {
            [env.tableName]: batches[next++]!.map((tenantId) => ({
              PutRequest: { Item: { pk: partition(job), sk: tenantId, entity: 'job_due', touchedAt } },
            })),
          };
          while (Object.keys(request).length) {
            const out = await platformDb().send(new BatchWriteCommand({ RequestItems: request as never }));
            request = (out.UnprocessedItems ?? {}) as Record<string, unknown[]>;
          }
        }
      }),
    );
    await platformDb().send(
      new PutCommand({ TableName: env.tableName, Item: { pk: partition(job), sk: SEEDED, entity: 'job_due_seeded' } }),
    );
  }
  for await (const mark of allMarks(job)) if (mark.tenantId !== SEEDED) yield mark;
}

async function* allMarks(job: string): AsyncGenerator<DueMark> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await platformDb().send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition(job) },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    for (const i of page.Items ?? []) yield { tenantId: i.sk as string, touchedAt: i.touchedAt as string };
    start = page.LastEvaluatedKey;
  } while (start);
}

/** One company's mark, as it is now (a run on demand, for one company, reads it before working). */
export async function dueMark(job: string, tenantId: string): Promise<DueMark | undefined> {
  const { Item } = await platformDb().send(
    new GetCommand({ TableName: env.tableName, Key: { pk: partition(job), sk: tenantId }, ConsistentRead: true }),
  );
  return Item ? { tenantId, touchedAt: Item.touchedAt as string } : undefined;
}

export async function clearDue(job: string, mark: DueMark) {
  await platformDb()
    .send(
      new DeleteCommand({
        TableName: env.tableName,
        Key: { pk: partition(job), sk: mark.tenantId },
        ConditionExpression: 'touchedAt = :t',
        ExpressionAttributeValues: { ':t': mark.touchedAt },
      }),
    )
    .catch(() => undefined); // touched meanwhile: new work, keep it
}

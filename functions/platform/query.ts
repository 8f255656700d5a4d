import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { TenantContext } from './tenant.ts';

/** How many round trips a filtered page may take before it answers with what it has and a cursor. */
const MAX_ROUND_TRIPS = 10;

/**
 * One page of a Query. With a filter, DynamoDB's Limit counts items read, not matched, so it
 * reads on with the remaining count: the page never exceeds `limit` and the cursor is exact.
 */
export async function queryPage(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit: number,
  startKey?: Record<string, unknown>,
) {
  const items: Record<string, unknown>[] = [];
  let lastKey = startKey;
  for (let trip = 0; trip < MAX_ROUND_TRIPS; trip += 1) {
    const out = await db.send(new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: lastKey }));
    items.push(...(out.Items ?? []));
    lastKey = out.LastEvaluatedKey;
    if (!lastKey || items.length >= limit) break;
  }
  return { items, lastKey };
}

/** Walks a cursor-paged list from its start, one page of items at a time (jobs, exports, statements). */
export async function* pages<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Every item a Query matches, page after page (small partitions: a company's owners, a customer's orders). */
export async function queryAll(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * One page of a list as the API answers it: the Query from the caller's cursor (tenant-bound, so
 * another company's cursor is a 400), the items as resources, and the cursor of the next page.
 */
export async function listPage<T>(
  t: TenantContext,
  input: QueryCommandInput,
  page: { limit: number; cursor?: string },
  toResource: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const { items, lastKey } = await queryPage(t.db, input, page.limit, await decodeCursor(t.tenantId, page.cursor));
  return { items: items.map(toResource), nextCursor: await encodeCursor(t.tenantId, lastKey) };
}

/** Whether any item is in one of these index partitions (a job asking if a company still has work for it). */
export async function anyIn(t: TenantContext, index: 'gsi1' | 'gsi2', partitions: string[]): Promise<boolean> {
  for (const pk of partitions) {
    const out = await t.db.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        Limit: 1,
        Select: 'COUNT',
      }),
    );
    if (out.Count) return true;
  }
  return false;
}

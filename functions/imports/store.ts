import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportJob } from '#shared/api/imports.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { listPage } from '#functions/platform/query.ts';
import type { TransactItem } from '#functions/platform/transact.ts';

export const jobKey = (t: TenantContext, id: string) => ({ pk: t.key('IMPORT', id), sk: 'JOB' });
const claimKey = (t: TenantContext, digest: string) => ({ pk: t.key('IMPORTFILE', digest), sk: 'CLAIM' });
const CHUNK = 300 * 1024;

const strip = (i: Record<string, unknown>): ImportJob => {
  const { pk: _p, sk: _s, gsi1pk: _a, gsi1sk: _b, entity: _e, digest: _d, ...job } = i;
  // Jobs from before warnings existed read with none.
  return { warnings: [], encoding: null, headerRow: null, ...job } as unknown as ImportJob;
};

/** The job, its file in chunks (an item holds at most 400 KB) and the claim on the file's digest, for one transaction. */
export function newJobItems(t: TenantContext, job: ImportJob, file: Buffer, digest: string): TransactItem[] {
  const chunks: TransactItem[] = [];
  for (let i = 0; i * CHUNK < file.length; i += 1) {
    chunks.push({
      Put: {
        TableName: env.tableName,
        Item: {
          pk: t.key('IMPORT', job.id),
          sk: `FILE#${String(i).padStart(4, '0')}`,
          entity: 'import_file',
          data: file.subarray(i * CHUNK, (i + 1) * CHUNK),
        },
      },
    });
  }
  return [
    {
      Put: {
        TableName: env.tableName,
        Item: { ...claimKey(t, digest), entity: 'import_claim', jobId: job.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: env.tableName,
        Item: { ...jobKey(t, job.id), gsi1pk: t.key('IMPORTS'), gsi1sk: job.id, entity: 'import', digest, ...job },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...chunks,
  ];
}

export async function claimedJob(t: TenantContext, digest: string): Promise<string | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: claimKey(t, digest), ConsistentRead: true }),
  );
  return Item?.jobId as string | undefined;
}

export async function getJob(t: TenantContext, id: string): Promise<ImportJob | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: jobKey(t, id), ConsistentRead: true }),
  );
  return Item ? strip(Item) : undefined;
}

export async function readFile(t: TenantContext, id: string): Promise<Buffer> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
      ExpressionAttributeValues: { ':pk': t.key('IMPORT', id), ':f': 'FILE#' },
    }),
  );
  return Buffer.concat((out.Items ?? []).map((i) => Buffer.from(i.data as Uint8Array)));
}

export async function saveJob(t: TenantContext, job: ImportJob) {
  await t.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: jobKey(t, job.id),
      UpdateExpression:
        'SET #status = :status, totalRows = :total, processedRows = :done, created = :created, #errors = :errors, version = version + :one, updatedAt = :now',
      ExpressionAttributeNames: { '#status': 'status', '#errors': 'errors' },
      ExpressionAttributeValues: {
        ':status': job.status,
        ':total': job.totalRows,
        ':done': job.processedRows,
        ':created': job.created,
        ':errors': job.errors,
        ':one': 1,
        ':now': job.updatedAt,
      },
    }),
  );
}

/** What became of one row (or one group of rows), so a redelivered job skips it. */
export async function rowResult(
  t: TenantContext,
  jobId: string,
  key: string,
): Promise<{ id?: string; errors?: unknown[] } | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key: { pk: t.key('IMPORT', jobId), sk: `ROW#${key}` },
      ConsistentRead: true,
    }),
  );
  return Item as { id?: string; errors?: unknown[] } | undefined;
}
export async function saveRowResult(
  t: TenantContext,
  jobId: string,
  key: string,
  result: { id?: string; errors?: unknown[] },
) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { pk: t.key('IMPORT', jobId), sk: `ROW#${key}`, entity: 'import_row', ...result },
    }),
  );
}

export async function listJobs(t: TenantContext, limit: number, cursor?: string) {
  return listPage(
    t,
    {
      TableName: env.tableName,
      IndexName: 'gsi1',
      ScanIndexForward: false,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('IMPORTS') },
    },
    { limit: limit, cursor: cursor },
    strip,
  );
}

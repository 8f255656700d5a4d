import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { CreateImportBody, ImportJob, ImportPreview, PreviewImportBody } from '#shared/api/imports.ts';
import { NotFoundError, UnprocessableError } from '#functions/platform/errors.ts';
import { isConditionFailure } from '#functions/platform/db.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { authorize } from '#functions/platform/authorize.ts';
import { importPermissions } from '#shared/api/routes/imports.ts';
import { inspect, shown } from './inspect.ts';
import { rowProblems } from './row-problems.ts';
import * as store from './store.ts';

const MAX_ROWS = 5_000;

/**
 * Accepts a file and queues its import. The same file (same kind, same bytes) answers the job
 * it already started, so a re-upload never duplicates anything.
 */
export async function createImport(t: TenantContext, body: z.output<typeof CreateImportBody>): Promise<ImportJob> {
  authorize(importPermissions[body.kind], t.principal);
  const file = Buffer.from(body.file, 'base64');
  const digest = createHash('sha256').update(`${body.kind}\n${body.format}\n`).update(file).digest('hex');
  const existing = await store.claimedJob(t, digest);
  if (existing) return (await store.getJob(t, existing))!;
  const read = await inspect(body.kind, body.format, file);
  const rows = read.rows;
  if (rows.length === 0) throw new UnprocessableError('empty_file', 'The file has a header but no rows.');
  if (rows.length > MAX_ROWS)
    throw new UnprocessableError('too_many_rows', `At most ${MAX_ROWS} rows per file; split it.`);
  const now = nowIso();
  const job: ImportJob = {
    id: newId('import'),
    kind: body.kind,
    format: body.format,
    fileName: body.fileName ?? null,
    status: 'queued',
    totalRows: rows.length,
    processedRows: 0,
    created: [],
    errors: [],
    warnings: read.warnings,
    encoding: read.encoding,
    headerRow: read.headerRow,
    createdBy: t.principal.id,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await transact(t, [
      ...store.newJobItems(t, job, file, digest),
      outboxEvent(t, store.jobKey(t, job.id).pk, 'import.requested', { type: 'import', id: job.id }, job),
    ]);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const raced = await store.claimedJob(t, digest);
    if (raced) return (await store.getJob(t, raced))!;
    throw error;
  }
  return job;
}

/** The file as the import will read it, and nothing written: what the import page shows before "Import". */
export async function previewImport(
  t: TenantContext,
  body: z.output<typeof PreviewImportBody>,
): Promise<z.input<typeof ImportPreview>> {
  authorize(importPermissions[body.kind], t.principal);
  const read = await inspect(body.kind, body.format, Buffer.from(body.file, 'base64'));
  if (read.rows.length === 0) throw new UnprocessableError('empty_file', 'The file has a header but no rows.');
  return {
    kind: body.kind,
    format: body.format,
    encoding: read.encoding,
    headerRow: read.headerRow,
    totalRows: read.rows.length,
    columns: read.columns,
    rows: read.rows.slice(0, 20).map((r) => ({
      row: r.row,
      values: Object.fromEntries(Object.entries(r.cells).map(([h, v]) => [h, shown(v)])),
      errors: rowProblems(body.kind, r),
    })),
    warnings: read.warnings,
  };
}

export async function getImport(t: TenantContext, id: string) {
  const job = await store.getJob(t, id);
  if (!job) throw new NotFoundError('import');
  return job;
}

export const listImports = (t: TenantContext, limit: number, cursor?: string) => store.listJobs(t, limit, cursor);

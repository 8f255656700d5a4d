import * as z from 'zod';
import { Timestamp, prefixedId } from './common.ts';

/** How long a closed company can be restored, and an export downloaded (API.md, "Platform for real tenants"). */
export const RETENTION_DAYS = 7;

/** `DELETE /v1/tenant`: the company's name, typed again, as the owner's confirmation. */
export const CloseTenantBody = z.strictObject({ confirm: z.string().max(200) });

/** Where a company stands: open, or closed and waiting for its purge (restorable until `purgeAfter`). */
export const TenantStatus = z.object({
  id: prefixedId('ten'),
  companyName: z.string(),
  status: z.enum(['active', 'closed']),
  closedAt: Timestamp.nullable(),
  closedBy: z.string().nullable(),
  purgeAfter: Timestamp.nullable(),
});
export type TenantStatus = z.infer<typeof TenantStatus>;

export const exportStatuses = ['running', 'ready', 'failed'] as const;

/** One JSON Lines file of an export: a kind of record (`orders.jsonl`) and how many lines it has. */
export const ExportFile = z.object({ name: z.string(), entity: z.string(), records: z.number().int() });

/** A copy of every record of the company, as JSON Lines per kind, zipped; downloadable until `expiresAt`. */
export const DataExport = z.object({
  id: prefixedId('exp'),
  status: z.enum(exportStatuses),
  requestedBy: z.string(),
  requestedAt: Timestamp,
  completedAt: Timestamp.nullable(),
  expiresAt: Timestamp,
  /** The zip's size in bytes, once ready. */
  bytes: z.number().int().nullable(),
  files: z.array(ExportFile),
  /** Why it failed, when it did. */
  error: z.string().nullable(),
});
export type DataExport = z.infer<typeof DataExport>;

/** The export's zip, sent as its bytes. */
export const Zip = z
  .custom<Uint8Array>((b) => b instanceof Uint8Array, 'a zip archive')
  .meta({ type: 'string', format: 'binary' });

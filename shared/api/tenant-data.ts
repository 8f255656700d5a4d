import * as z from 'zod';
import { Timestamp, prefixedId } from './common.ts';
import { lazySchema } from './lazy.ts';

/** How long a closed company can be restored, and an export downloaded (API.md, "Platform for real tenants"). */
export const RETENTION_DAYS = 7;

/** `DELETE /v1/tenant`: the company's name, typed again, as the owner's confirmation. */
export const CloseTenantBody = lazySchema(() => z.strictObject({ confirm: z.string().max(200) }));

/** Where a company stands: open, or closed and waiting for its purge (restorable until `purgeAfter`). */
export const TenantStatus = lazySchema(() =>
  z.object({
    id: prefixedId('ten'),
    companyName: z.string(),
    status: z.enum(['active', 'closed']),
    closedAt: Timestamp.nullable(),
    closedBy: z.string().nullable(),
    purgeAfter: Timestamp.nullable(),
  }),
);
export type TenantStatus = z.infer<typeof TenantStatus>;

export const exportStatuses = ['running', 'ready', 'failed'] as const;

/**
 * One JSON Lines file of an export: a kind of record (`order.jsonl`; a kind too big for one zip is
 * split, `event.1.jsonl`, `event.2.jsonl`, ...), how many lines it has, and which zip holds it.
 */
export const ExportFile = lazySchema(() =>
  z.object({
    name: z.string(),
    entity: z.string(),
    records: z.number().int(),
    part: z.number().int(),
  }),
);

/** A copy of every record of the company, as JSON Lines per kind, zipped; downloadable until `expiresAt`. */
export const DataExport = lazySchema(() =>
  z.object({
    id: prefixedId('exp'),
    status: z.enum(exportStatuses),
    requestedBy: z.string(),
    requestedAt: Timestamp,
    completedAt: Timestamp.nullable(),
    expiresAt: Timestamp,
    /** The zips' size in bytes, once ready. */
    bytes: z.number().int().nullable(),
    /** How many zips (each downloaded with `?part=`); one unless the company's data is over 4 MB zipped. */
    parts: z.number().int(),
    files: z.array(ExportFile),
    /** Why it failed, when it did. */
    error: z.string().nullable(),
  }),
);
export type DataExport = z.infer<typeof DataExport>;

export const DownloadExportQuery = lazySchema(() =>
  z.strictObject({ part: z.coerce.number().int().min(1).max(10_000).default(1) }),
);

/** The export's zip, sent as its bytes. */
export const Zip = lazySchema(() =>
  z.custom<Uint8Array>((b) => b instanceof Uint8Array, 'a zip archive').meta({ type: 'string', format: 'binary' }),
);

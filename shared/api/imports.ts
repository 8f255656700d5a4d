import * as z from 'zod';
import { Timestamp, prefixedId } from './common.ts';
import { importFormats, importKinds, importStatuses, importWarnings } from './enums.ts';
import { lazySchema } from './lazy.ts';

export { importKinds, importFormats };

/** A file of at most ~750 KB: its base64 fits the 1 MiB body limit. */
export const CreateImportBody = lazySchema(() =>
  z.strictObject({
    kind: z.enum(importKinds),
    format: z.enum(importFormats),
    fileName: z.string().trim().min(1).max(200).optional(),
    file: z
      .string()
      .min(4)
      .max(1_000_000)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  }),
);

/** A refused row: where, an English message, and a code (one of `importProblems` or an API problem code) with its values, to translate. */
export const ImportRowError = lazySchema(() =>
  z.object({
    row: z.number().int(),
    column: z.string().nullable(),
    message: z.string(),
    code: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
);
/** Something about the file worth knowing that refuses no row: a column the importer does not know. */
export const ImportWarning = lazySchema(() =>
  z.object({
    code: z.enum(importWarnings),
    column: z.string().nullable(),
    message: z.string(),
  }),
);
export type ImportWarning = z.infer<typeof ImportWarning>;

export const ImportJob = lazySchema(() =>
  z.object({
    id: prefixedId('imp'),
    kind: z.enum(importKinds),
    format: z.enum(importFormats),
    fileName: z.string().nullable(),
    status: z.enum(importStatuses),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    created: z.array(z.object({ row: z.number().int(), id: z.string() })),
    errors: z.array(ImportRowError),
    warnings: z.array(ImportWarning),
    /** How the file was read: its encoding (CSV) and the row its headers were found on. */
    encoding: z.string().nullable(),
    headerRow: z.number().int().nullable(),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);
export type ImportJob = z.infer<typeof ImportJob>;

export const PreviewImportBody = lazySchema(() => CreateImportBody.omit({ fileName: true }));
/** The file as the importer reads it, before anything is written: the columns it maps, the first rows, warnings. */
export const ImportPreview = lazySchema(() =>
  z.object({
    kind: z.enum(importKinds),
    format: z.enum(importFormats),
    encoding: z.string(),
    headerRow: z.number().int(),
    totalRows: z.number().int(),
    columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
    rows: z.array(
      z.object({
        row: z.number().int(),
        values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
        errors: z.array(ImportRowError),
      }),
    ),
    warnings: z.array(ImportWarning),
  }),
);

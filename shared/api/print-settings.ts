import * as z from 'zod';
import { Timestamp } from './common.ts';
import { lazySchema } from './lazy.ts';

/** The printed documents whose contents the company's admin chooses. */
export const printDocuments = ['delivery_note', 'quotation', 'sales_statement', 'credit_note'] as const;
export type PrintDocument = (typeof printDocuments)[number];

/** A PNG as a data URL, at most 200 KB of image: a logo, or the company's seal (公章) for the signature line. */
export const MAX_PRINT_IMAGE_BYTES = 200 * 1024;
const PngDataUrl = lazySchema(() =>
  z
    .string()
    .max(Math.ceil(MAX_PRINT_IMAGE_BYTES / 3) * 4 + 40, 'an image of at most 200 KB')
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'a PNG as a data URL (data:image/png;base64,…)')
    .refine((url) => {
      const data = url.slice(url.indexOf(',') + 1);
      const bytes = (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
      // The PNG signature, \x89PNG\r\n\x1a\n, is the first 8 bytes: the first 12 base64 characters hold them.
      if (data.length % 4 !== 0 || data.length < 12) return false;
      return bytes <= MAX_PRINT_IMAGE_BYTES && atob(data.slice(0, 12)).startsWith('\x89PNG\r\n\x1a\n');
    }, 'a PNG image of at most 200 KB'),
);

const DocumentSettings = lazySchema(() =>
  z.strictObject({
    /**
     * The company's own fields the document carries: an order field (or a customer field) by its key
     * shows in the document's head; a product field shows as a column of its lines.
     */
    fields: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a custom field key'))
      .max(10)
      .default([]),
    /** Prices on the delivery note (送货单); documents about money always show them. */
    showPrices: z.boolean().default(false),
  }),
);
const docs = () =>
  Object.fromEntries(printDocuments.map((d) => [d, DocumentSettings.default({ fields: [], showPrices: false })])) as {
    [K in PrintDocument]: z.ZodDefault<typeof DocumentSettings>;
  };

export const PutPrintSettingsBody = lazySchema(() =>
  z.strictObject({
    logo: PngDataUrl.nullable().default(null),
    seal: PngDataUrl.nullable().default(null),
    /** 开户行及账号 as the company wants it printed, e.g. several accounts on their own lines. */
    bankDetails: z.string().trim().max(500).nullable().default(null),
    /** A line at the foot of every document (terms, a hotline, 「货物签收后请核对…」). */
    footer: z.string().trim().max(500).nullable().default(null),
    documents: z.strictObject(docs()).default({
      delivery_note: { fields: [], showPrices: false },
      quotation: { fields: [], showPrices: false },
      sales_statement: { fields: [], showPrices: false },
      credit_note: { fields: [], showPrices: false },
    }),
  }),
);
const DocumentOut = lazySchema(() => z.object({ fields: z.array(z.string()), showPrices: z.boolean() }));
export const PrintSettings = lazySchema(() =>
  z.object({
    logo: z.string().nullable(),
    seal: z.string().nullable(),
    bankDetails: z.string().nullable(),
    footer: z.string().nullable(),
    documents: z.object({
      delivery_note: DocumentOut,
      quotation: DocumentOut,
      sales_statement: DocumentOut,
      credit_note: DocumentOut,
    }),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  }),
);
export type PrintSettings = z.infer<typeof PrintSettings>;

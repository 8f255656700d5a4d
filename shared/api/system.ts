import * as z from 'zod';

export const Health = z.object({ status: z.literal('ok'), time: z.string() });
export const OpenApiDocument = z.record(z.string(), z.unknown());

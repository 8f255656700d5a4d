import * as z from 'zod';
import { lazySchema } from './lazy.ts';

export const Health = lazySchema(() => z.object({ status: z.literal('ok'), time: z.string() }));
export const OpenApiDocument = lazySchema(() => z.record(z.string(), z.unknown()));

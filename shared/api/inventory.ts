import * as z from 'zod';
import { Timestamp, prefixedId, text } from './common.ts';
import { ledgerKinds, movementKinds } from './enums.ts';

export const Level = z.object({
  productId: z.string(),
  warehouseId: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  updatedAt: Timestamp,
});
export type Level = z.infer<typeof Level>;

export const ListLevelsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
  productId: prefixedId('prd').optional(),
  warehouseId: prefixedId('wh').optional(),
});

export const MovementBody = z
  .strictObject({
    kind: z.enum(movementKinds),
    productId: prefixedId('prd'),
    warehouseId: prefixedId('wh'),
    toWarehouseId: prefixedId('wh').optional(),
    /** Receipts and transfers move a positive quantity; an adjustment is a signed correction. */
    quantity: z
      .number()
      .int()
      .min(-1e9)
      .max(1e9)
      .refine((q) => q !== 0, 'must not be zero'),
    reason: text(200).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.kind !== 'adjustment' && b.quantity < 0)
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'must be positive for a receipt or transfer' });
    if (b.kind === 'transfer' && !b.toWarehouseId)
      ctx.addIssue({ code: 'custom', path: ['toWarehouseId'], message: 'a transfer needs a destination warehouse' });
    if (b.kind === 'transfer' && b.toWarehouseId === b.warehouseId)
      ctx.addIssue({ code: 'custom', path: ['toWarehouseId'], message: 'must differ from the source warehouse' });
    if (b.kind !== 'transfer' && b.toWarehouseId)
      ctx.addIssue({ code: 'custom', path: ['toWarehouseId'], message: 'only a transfer has a destination' });
  });
export type MovementBody = z.infer<typeof MovementBody>;

export const LedgerRow = z.object({
  id: z.string(),
  kind: z.enum(ledgerKinds),
  productId: z.string(),
  warehouseId: z.string(),
  onHandDelta: z.number().int(),
  reservedDelta: z.number().int(),
  reason: z.string().nullable(),
  orderId: z.string().nullable(),
  actorId: z.string(),
  at: Timestamp,
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const Movement = z.object({ rows: z.array(LedgerRow), levels: z.array(Level) });

export const ListMovementsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
  productId: prefixedId('prd').optional(),
});

import * as z from 'zod';
import { Timestamp, prefixedId, text } from './common.ts';
import { ledgerKinds, movementKinds } from './enums.ts';
import { lazySchema } from './lazy.ts';

export const Level = lazySchema(() =>
  z.object({
    productId: z.string(),
    warehouseId: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    /** Stock value at moving-average cost, base currency minor units. */
    value: z.number().int(),
    /** The moving-average unit cost (value ÷ on hand), or null with nothing on hand. */
    unitCost: z.number().int().nullable(),
    updatedAt: Timestamp,
  }),
);
export type Level = z.infer<typeof Level>;

export const ListLevelsQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    productId: prefixedId('prd').optional(),
    warehouseId: prefixedId('wh').optional(),
  }),
);

export const MovementBody = lazySchema(() =>
  z
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
      /** A receipt's unit cost (base currency minor units); without it the moving average stays as it is. */
      unitCost: z.number().int().min(0).max(1e13).optional(),
    })
    .superRefine((b, ctx) => {
      if (b.unitCost !== undefined && b.kind !== 'receipt')
        ctx.addIssue({ code: 'custom', path: ['unitCost'], message: 'only a receipt carries a unit cost' });
      if (b.kind !== 'adjustment' && b.quantity < 0)
        ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'must be positive for a receipt or transfer' });
      if (b.kind === 'transfer' && !b.toWarehouseId)
        ctx.addIssue({ code: 'custom', path: ['toWarehouseId'], message: 'a transfer needs a destination warehouse' });
      if (b.kind === 'transfer' && b.toWarehouseId === b.warehouseId)
        ctx.addIssue({ code: 'custom', path: ['toWarehouseId'], message: 'must differ from the source warehouse' });
      if (b.kind !== 'transfer' && b.toWarehouseId)
        ctx.addIssue({ code: 'custom', path: ['toWarehouseId'], message: 'only a transfer has a destination' });
    }),
);
export type MovementBody = z.infer<typeof MovementBody>;

export const LedgerRow = lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z.enum(ledgerKinds),
    productId: z.string(),
    warehouseId: z.string(),
    onHandDelta: z.number().int(),
    reservedDelta: z.number().int(),
    reason: z.string().nullable(),
    orderId: z.string().nullable(),
    /** The unit cost it was booked at (base currency minor units), when it moved value. */
    unitCost: z.number().int().nullable(),
    valueDelta: z.number().int(),
    actorId: z.string(),
    at: Timestamp,
  }),
);
export type LedgerRow = z.infer<typeof LedgerRow>;

export const Movement = lazySchema(() => z.object({ rows: z.array(LedgerRow), levels: z.array(Level) }));

export const ListMovementsQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    productId: prefixedId('prd').optional(),
  }),
);

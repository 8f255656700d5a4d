import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { encodeTime, ulid } from 'ulid';
import type { Level, LedgerRow } from '#shared/api/inventory.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { listPage, queryAll } from '#functions/platform/query.ts';
import { nowIso } from '#functions/platform/ids.ts';
import { guarded, type Guarded, type TransactItem } from '#functions/platform/transact.ts';

export const levelKey = (t: TenantContext, productId: string, warehouseId: string) => ({
  pk: t.key('PRODUCT', productId),
  sk: `LEVEL#${warehouseId}`,
});

export interface LevelChange {
  productId: string;
  warehouseId: string;
  kind: LedgerRow['kind'];
  onHandDelta: number;
  reservedDelta: number;
  reason?: string | null;
  orderId?: string | null;
  /**
   * The change of the level's stock value (base currency minor units): a receipt adds quantity ×
   * its unit cost; everything that leaves (a shipment, a decrease) takes quantity × the moving
   * average cost when it was decided. Added, never set: concurrent changes commute.
   */
  valueDelta?: number;
  /** The unit cost the change was booked at (its ledger row shows it). */
  unitCost?: number | null;
}

/** What a failed level condition means: not enough of this product in this warehouse. */
export interface Shortfall {
  shortfall: LevelChange;
}

/**
 * One change of one level, as the two items of a transaction: the conditional update of the
 * level (available never below zero, reserved never below zero), guarded as a shortfall, and its
 * ledger row. `available = onHand - reserved` is stored so that the condition needs no arithmetic.
 */
export function levelChangeItems(t: TenantContext, change: LevelChange): [Guarded<Shortfall>, TransactItem] {
  const at = nowIso();
  const availableDelta = change.onHandDelta - change.reservedDelta;
  const conditions: string[] = [];
  const values: Record<string, unknown> = {
    ':zero': 0,
    ':on': change.onHandDelta,
    ':res': change.reservedDelta,
    ':avail': availableDelta,
    ':val': change.valueDelta ?? 0,
    ':now': at,
    ':pid': change.productId,
    ':wid': change.warehouseId,
    ':g1': t.key('LEVELS'),
    ':g1s': `${change.productId}#${change.warehouseId}`,
  };
  if (availableDelta < 0) {
    conditions.push('available >= :needAvail');
    values[':needAvail'] = -availableDelta;
  }
  if (change.reservedDelta < 0) {
    conditions.push('reserved >= :needRes');
    values[':needRes'] = -change.reservedDelta;
  }
  if (change.onHandDelta < 0) {
    conditions.push('onHand >= :needOn');
    values[':needOn'] = -change.onHandDelta;
  }
  const id = `mov_${ulid()}`;
  const row: LedgerRow = {
    id,
    kind: change.kind,
    productId: change.productId,
    warehouseId: change.warehouseId,
    onHandDelta: change.onHandDelta,
    reservedDelta: change.reservedDelta,
    reason: change.reason ?? null,
    orderId: change.orderId ?? null,
    unitCost: change.unitCost ?? null,
    valueDelta: change.valueDelta ?? 0,
    actorId: t.principal.id,
    at,
  };
  return [
    guarded<Shortfall>(
      {
        Update: {
          TableName: env.tableName,
          Key: levelKey(t, change.productId, change.warehouseId),
          UpdateExpression:
            'SET onHand = if_not_exists(onHand, :zero) + :on, reserved = if_not_exists(reserved, :zero) + :res, ' +
            'available = if_not_exists(available, :zero) + :avail, #value = if_not_exists(#value, :zero) + :val, ' +
            'updatedAt = :now, productId = :pid, warehouseId = :wid, gsi1pk = :g1, gsi1sk = :g1s, entity = :entity ' +
            // One index copy (GSI1, all of the company's levels): every change of a level rewrites each copy.
            // Levels written before kept a second one (GSI2, by warehouse); the next change takes it off.
            'REMOVE gsi2pk, gsi2sk',
          ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: { ...values, ':entity': 'level' },
        },
      },
      { shortfall: change },
    ),
    {
      Put: {
        TableName: env.tableName,
        Item: {
          pk: t.key('PRODUCT', change.productId),
          sk: `MOVE#${id.slice(4)}`,
          gsi1pk: t.key('MOVES'),
          gsi1sk: id.slice(4),
          entity: 'ledger',
          ...row,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

const toLevel = (i: Record<string, unknown>): Level => {
  const onHand = Number(i.onHand);
  const value = Number(i.value ?? 0);
  return {
    productId: i.productId as string,
    warehouseId: i.warehouseId as string,
    onHand,
    reserved: Number(i.reserved),
    available: Number(i.available),
    value,
    unitCost: onHand > 0 ? Math.round(value / onHand) : null,
    updatedAt: i.updatedAt as string,
  };
};

/** What `quantity` units leaving a level cost at its moving average (all of the value when the last units leave). */
export function issueValue(level: Pick<Level, 'onHand' | 'value'> | undefined, quantity: number): number {
  if (!level || level.onHand <= 0) return 0;
  if (quantity >= level.onHand) return level.value;
  return Math.round((level.value * quantity) / level.onHand);
}

export async function levelsOfProduct(t: TenantContext, productId: string): Promise<Level[]> {
  const out = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :l)',
      ExpressionAttributeValues: { ':pk': t.key('PRODUCT', productId), ':l': 'LEVEL#' },
    }),
  );
  return (out.Items ?? []).map(toLevel);
}

/**
 * By product: its own partition; all, or of one warehouse: GSI1 in product order (a warehouse's are
 * filtered from the company's: a company has few warehouses, and each level change would otherwise
 * rewrite a second index copy).
 */
export async function listLevels(
  t: TenantContext,
  q: { limit: number; cursor?: string; productId?: string; warehouseId?: string },
) {
  if (q.productId) {
    const levels = (await levelsOfProduct(t, q.productId)).filter(
      (l) => !q.warehouseId || l.warehouseId === q.warehouseId,
    );
    return { items: levels, nextCursor: null };
  }
  const input = {
    TableName: env.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ...(q.warehouseId
      ? {
          FilterExpression: 'warehouseId = :w',
          ExpressionAttributeValues: { ':pk': t.key('LEVELS'), ':w': q.warehouseId },
        }
      : { ExpressionAttributeValues: { ':pk': t.key('LEVELS') } }),
  };
  return listPage(t, input, { limit: q.limit, cursor: q.cursor }, toLevel);
}

const toRow = (i: Record<string, unknown>): LedgerRow => {
  const { pk: _p, sk: _s, gsi1pk: _a, gsi1sk: _b, entity: _e, ...row } = i;
  return { unitCost: null, valueDelta: 0, ...row } as LedgerRow;
};

/** The ledger, newest first: of one product (its partition) or of the whole tenant (GSI1). */
export async function listMovements(t: TenantContext, q: { limit: number; cursor?: string; productId?: string }) {
  const input = q.productId
    ? {
        TableName: env.tableName,
        ScanIndexForward: false,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
        ExpressionAttributeValues: { ':pk': t.key('PRODUCT', q.productId), ':m': 'MOVE#' },
      }
    : {
        TableName: env.tableName,
        IndexName: 'gsi1',
        ScanIndexForward: false,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': t.key('MOVES') },
      };
  return listPage(t, input, { limit: q.limit, cursor: q.cursor }, toRow);
}

/**
 * Every ledger row of the company after an instant (GSI1 sorts by the row's ULID, whose first ten
 * characters are its time): what to take back from today's levels to see them as of that instant.
 */
export async function movementsAfter(t: TenantContext, at: string): Promise<LedgerRow[]> {
  const time = encodeTime(Date.parse(at), 10);
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
    ExpressionAttributeValues: { ':pk': t.key('MOVES'), ':after': `${time}\uffff` },
  });
  return items.map(toRow);
}

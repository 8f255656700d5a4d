import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Level, LedgerRow } from '#shared/api/inventory.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { listPage } from '#functions/platform/query.ts';
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
    ':now': at,
    ':pid': change.productId,
    ':wid': change.warehouseId,
    ':g1': t.key('LEVELS'),
    ':g1s': `${change.productId}#${change.warehouseId}`,
    ':g2': t.key('WAREHOUSE', change.warehouseId, 'LEVELS'),
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
            'available = if_not_exists(available, :zero) + :avail, updatedAt = :now, productId = :pid, warehouseId = :wid, ' +
            'gsi1pk = :g1, gsi1sk = :g1s, gsi2pk = :g2, gsi2sk = :pid, entity = :entity',
          ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
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

const toLevel = (i: Record<string, unknown>): Level => ({
  productId: i.productId as string,
  warehouseId: i.warehouseId as string,
  onHand: Number(i.onHand),
  reserved: Number(i.reserved),
  available: Number(i.available),
  updatedAt: i.updatedAt as string,
});

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

/** By product: its own partition; by warehouse: GSI2; all: GSI1 in product order. */
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
  const input = q.warehouseId
    ? {
        TableName: env.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': t.key('WAREHOUSE', q.warehouseId, 'LEVELS') },
      }
    : {
        TableName: env.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': t.key('LEVELS') },
      };
  return listPage(t, input, { limit: q.limit, cursor: q.cursor }, toLevel);
}

const toRow = (i: Record<string, unknown>): LedgerRow => {
  const { pk: _p, sk: _s, gsi1pk: _a, gsi1sk: _b, entity: _e, ...row } = i;
  return row as LedgerRow;
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

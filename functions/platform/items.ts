import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const storageAttributes = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'entity']);

/** The resource inside a stored item: everything but its keys, index keys and entity tag. */
export function resourceOf<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !storageAttributes.has(k))) as T;
}

/** Creates an item that must not exist yet. */
export const putNew = (Item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: env.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Replaces an item only if it still has the version it was read at (optimistic concurrency). */
export const putIfVersion = (Item: Record<string, unknown>, previousVersion: number): TransactItem => ({
  Put: { TableName: env.tableName, Item, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previousVersion } },
});

import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
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
  Put: {
    TableName: env.tableName,
    Item,
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': previousVersion },
  },
});

/**
 * The items at these keys, in the keys' order (missing ones left out): BatchGetItem in chunks of
 * 100, asking again for whatever DynamoDB left unprocessed.
 */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  keys: { pk: unknown; sk: unknown }[],
  consistent = false,
): Promise<Record<string, unknown>[]> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100).map((k) => ({ pk: k.pk, sk: k.sk }));
    while (pending?.length) {
      const out = await db.send(
        new BatchGetCommand({ RequestItems: { [env.tableName]: { Keys: pending, ConsistentRead: consistent } } }),
      );
      for (const item of out.Responses?.[env.tableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      pending = out.UnprocessedKeys?.[env.tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return keys.map((k) => found.get(`${k.pk}|${k.sk}`)).filter((i): i is Record<string, unknown> => Boolean(i));
}

/** Deletes the items at these keys: BatchWriteItem in chunks of 25, sending again what DynamoDB left unprocessed. */
export async function deleteAll(db: DynamoDBDocumentClient, keys: { pk: string; sk: string }[]): Promise<void> {
  type Request = { DeleteRequest: { Key: { pk: string; sk: string } } };
  const requests: Request[] = keys.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }));
  for (let i = 0; i < requests.length; i += 25) {
    let pending: unknown[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending?.length; attempt += 1) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const out: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [env.tableName]: pending as Request[] } }),
      );
      pending = out.UnprocessedItems?.[env.tableName];
    }
  }
}

import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { env } from '#functions/platform/env.ts';
import { platformDb } from '#functions/platform/db.ts';

/**
 * Companies with webhook deliveries waiting for a retry, in a platform partition: the retry
 * sweeper visits only these, not every company every minute. An entry is touched whenever a
 * delivery is left pending and removed by the sweeper only if untouched since it saw none pending.
 */
const PENDING = 'PLATFORM#WEBHOOK_PENDING';

export async function markPending(tenantId: string) {
  await platformDb().send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        pk: PENDING,
        sk: tenantId,
        entity: 'webhook_pending',
        touchedAt: `${new Date().toISOString()}#${Math.random().toString(36).slice(2, 8)}`,
      },
    }),
  );
}

export async function* pendingTenants(): AsyncGenerator<string> {
  for (const entry of await pendingEntries()) yield entry.tenantId;
}

export async function pendingEntries(): Promise<{ tenantId: string; touchedAt: string }[]> {
  const out: { tenantId: string; touchedAt: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await platformDb().send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PENDING },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    out.push(...(page.Items ?? []).map((i) => ({ tenantId: i.sk as string, touchedAt: i.touchedAt as string })));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

export async function pendingEntry(tenantId: string): Promise<{ tenantId: string; touchedAt: string } | undefined> {
  const { Item } = await platformDb().send(
    new GetCommand({ TableName: env.tableName, Key: { pk: PENDING, sk: tenantId }, ConsistentRead: true }),
  );
  return Item ? { tenantId, touchedAt: Item.touchedAt as string } : undefined;
}

export async function clearIfUntouched(tenantId: string, touchedAt: string) {
  await platformDb()
    .send(
      new DeleteCommand({
        TableName: env.tableName,
        Key: { pk: PENDING, sk: tenantId },
        ConditionExpression: 'touchedAt = :t',
        ExpressionAttributeValues: { ':t': touchedAt },
      }),
    )
    .catch(() => undefined); // touched meanwhile: keep it
}

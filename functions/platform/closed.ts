import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';
import type { TenantContext } from './tenant.ts';

/**
 * Whether the company is closed (functions/tenants/closure.ts): its jobs' units and its public pages
 * (the rating link) do nothing for it. Requests with a credential learn it in principal.ts.
 */
export async function companyClosed(t: TenantContext): Promise<boolean> {
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key: { pk: t.key('TENANT'), sk: 'TENANT' },
      ProjectionExpression: 'closedAt',
      ConsistentRead: true,
    }),
  );
  return Boolean(Item?.closedAt);
}

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';

/** Days are the company's days: Chinese SMEs keep Beijing time. */
const TIME_ZONE = 'Asia/Shanghai';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export const reportDate = (iso: string | Date) => dayFormat.format(new Date(iso));
export const dailyKey = (t: TenantContext, day: string) => ({ pk: t.key('REPORT', 'DAILY'), sk: day });

/** One Query over the days asked for: cost grows with days, not with documents. */
export async function dailyAggregates(t: TenantContext, from: string, to: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await t.db.send(new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': dailyKey(t, '').pk, ':from': from, ':to': to },
      ExclusiveStartKey: start,
    }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.map((i) => ({ date: i.sk as string, customersCreated: Number(i.customersCreated ?? 0) }));
}

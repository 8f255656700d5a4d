import { consumer, applyOnce } from '#functions/platform/events.ts';
import { env } from '#functions/platform/env.ts';
import { dailyKey, reportDate } from './store.ts';

/** Keeps per-day aggregates the dashboard reads, so a report never reads the orders themselves. */
export const handler = consumer('reports-aggregates', async (t, event) => {
  if (event.type !== 'customer.created') return;
  const day = reportDate(event.occurredAt);
  await applyOnce(t, 'reports-aggregates', event.id, [{
    Update: {
      TableName: env.tableName,
      Key: dailyKey(t, day),
      UpdateExpression: 'ADD customersCreated :one SET entity = :entity',
      ExpressionAttributeValues: { ':one': 1, ':entity': 'daily_aggregate' },
    },
  }]);
});

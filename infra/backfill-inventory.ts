import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { INVENTORY_ATTRIBUTE, inventoryKey } from '../functions/platform/inventory.ts';

/**
 * Lists in the companies' inventory (GSI4) the items written before it existed: an upgrade step, run
 * once after the deployment that adds the index (`npm run backfill-inventory -- <table>`), and by the
 * local cloud when it adds the index to an older data directory. This is the one place that Scans: an
 * operator's migration over the whole table, never a company's request. Items already listed, and those
 * the inventory leaves out (platform items, outbox events, rate windows), are skipped; it can be run
 * again at any time.
 */
export async function backfillInventory(client: DynamoDBDocumentClient, tableName: string, segments = 4) {
  let listed = 0;
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            ProjectionExpression: 'pk, sk',
            FilterExpression: 'attribute_not_exists(#inventory)',
            ExpressionAttributeNames: { '#inventory': INVENTORY_ATTRIBUTE },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          const at = inventoryKey(item.pk, item.sk);
          if (!at) continue;
          await client
            .send(
              new UpdateCommand({
                TableName: tableName,
                Key: { pk: item.pk, sk: item.sk },
                UpdateExpression: 'SET #inventory = :at',
                // Only if it still exists: an item deleted since the page was read is not brought back.
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#inventory': INVENTORY_ATTRIBUTE },
                ExpressionAttributeValues: { ':at': at },
              }),
            )
            .then(
              () => {
                listed += 1;
              },
              (error: { name?: string }) => {
                if (error?.name !== 'ConditionalCheckFailedException') throw error;
              },
            );
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return listed;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const table = process.argv[2] ?? process.env.TABLE_NAME;
  if (!table) throw new Error('usage: npm run backfill-inventory -- <table name>');
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const listed = await backfillInventory(client, table);
  console.log(`listed ${listed} items in the inventory of ${table}`);
}

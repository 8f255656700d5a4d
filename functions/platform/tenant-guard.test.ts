import { beforeAll, describe, expect, it } from 'vitest';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { cloud } from '#infra/local/testing.ts';
import { tenantDb } from './db.ts';

/**
 * The local cloud's tenant client refuses what the IAM policy (dynamodb:LeadingKeys on
 * `<tenantId>#*`) refuses in AWS, so a key bug fails here, in tests, not as a 500 in production.
 */
const A = 'ten_01JDAAAAAAAAAAAAAAAAAAAAAA';
const B = 'ten_01JDBBBBBBBBBBBBBBBBBBBBBB';
const TableName = 'dingo';

beforeAll(() => {
  process.env.TABLE_NAME = TableName;
  process.env.DYNAMODB_ENDPOINT = cloud().endpoints.dynamodb;
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
});

const denied = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ name: 'AccessDeniedException' });

describe('the local tenant DynamoDB client enforces the leading-keys rule', () => {
  // Guarantees: a key outside `<tenantId>#` is refused before it reaches DynamoDB Local, on every kind of request.
  it('refuses table and index keys of another tenant, and any Scan', async () => {
    const db = await tenantDb(A);
    await db.send(
      new PutCommand({ TableName, Item: { pk: `${A}#GUARD#1`, sk: 'X', gsi1pk: `${A}#GUARDS`, gsi1sk: '1' } }),
    );
    expect((await db.send(new GetCommand({ TableName, Key: { pk: `${A}#GUARD#1`, sk: 'X' } }))).Item).toBeDefined();
    expect(
      (
        await db.send(
          new QueryCommand({
            TableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :p',
            ExpressionAttributeValues: { ':p': `${A}#GUARDS` },
          }),
        )
      ).Items,
    ).toHaveLength(1);

    await denied(db.send(new GetCommand({ TableName, Key: { pk: `${B}#GUARD#1`, sk: 'X' } })));
    await denied(db.send(new GetCommand({ TableName, Key: { pk: `${A}GUARD`, sk: 'X' } }))); // the prefix includes the '#'
    await denied(db.send(new PutCommand({ TableName, Item: { pk: `${B}#GUARD#2`, sk: 'X' } })));
    await denied(
      db.send(new PutCommand({ TableName, Item: { pk: `${A}#GUARD#2`, sk: 'X', gsi1pk: `${B}#GUARDS`, gsi1sk: '2' } })),
    );
    await denied(db.send(new PutCommand({ TableName, Item: { pk: 'APIKEY#abc', sk: 'APIKEY' } })));
    await denied(
      db.send(
        new UpdateCommand({
          TableName,
          Key: { pk: `${A}#GUARD#1`, sk: 'X' },
          UpdateExpression: 'SET #g = :g',
          ExpressionAttributeNames: { '#g': 'gsi2pk' },
          ExpressionAttributeValues: { ':g': `${B}#X` },
        }),
      ),
    );
    await denied(
      db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': `${B}#GUARD#1` },
        }),
      ),
    );
    await denied(
      db.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: '#k = :p AND begins_with(gsi1sk, :s)',
          ExpressionAttributeNames: { '#k': 'gsi1pk' },
          ExpressionAttributeValues: { ':p': 'PLATFORM#TENANTS', ':s': '' },
        }),
      ),
    );
    await denied(
      db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { pk: `${A}#GUARD#3`, sk: 'X' } } },
            { Delete: { TableName, Key: { pk: `${B}#GUARD#1`, sk: 'X' } } },
          ],
        }),
      ),
    );
    await denied(
      db.send(
        new BatchGetCommand({
          RequestItems: {
            [TableName]: {
              Keys: [
                { pk: `${A}#GUARD#1`, sk: 'X' },
                { pk: `${B}#GUARD#1`, sk: 'X' },
              ],
            },
          },
        }),
      ),
    );
    await denied(
      db.send(
        new BatchWriteCommand({
          RequestItems: { [TableName]: [{ PutRequest: { Item: { pk: `${B}#GUARD#9`, sk: 'X' } } }] },
        }),
      ),
    );
    await denied(db.send(new ScanCommand({ TableName })));
    // Nothing of the refused transaction was written.
    expect((await db.send(new GetCommand({ TableName, Key: { pk: `${A}#GUARD#3`, sk: 'X' } }))).Item).toBeUndefined();
  });
});

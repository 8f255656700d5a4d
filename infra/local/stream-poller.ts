import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './processes.ts';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';

type Relay = (event: DynamoDBStreamEvent) => Promise<void>;

/**
 * The SDK's stream client reads an empty map attribute (`{"M":{}}`) back as `{}`; Lambda
 * receives it intact in AWS. Put it back so the relay sees what it would see there.
 */
function repairAttribute(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return { M: {} };
  const [type, inner] = entries[0]!;
  if (type === 'M') return { M: repairImage(inner as Record<string, unknown>) };
  if (type === 'L') return { L: (inner as unknown[]).map(repairAttribute) };
  return value;
}
const repairImage = (image: Record<string, unknown> | undefined) =>
  image && Object.fromEntries(Object.entries(image).map(([k, v]) => [k, repairAttribute(v)]));

/**
 * Does what the Lambda event source mapping does in AWS: reads the table's stream shard by
 * shard and invokes the relay with batches, retrying a failed batch until it passes. The
 * position is checkpointed to a file after each successful batch, so a restart (even after
 * SIGKILL) publishes everything committed and not yet relayed.
 */
export class StreamPoller {
  private stopped = false;
  private checkpoints: Record<string, string> = {};
  private readonly streams: DynamoDBStreamsClient;
  idle = false;
  /** Rounds of reading every shard so far: a look at `idle` is fresh once a round has begun after it. */
  rounds = 0;
  /** Relay invocations (the cost model counts them). */
  invocations = 0;
  relayed = 0;

  constructor(
    private readonly db: DynamoDBClient,
    endpoint: string,
    private readonly tableName: string,
    private readonly relay: Relay,
    private readonly checkpointFile?: string,
  ) {
    this.streams = new DynamoDBStreamsClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    if (checkpointFile && existsSync(checkpointFile)) {
      // Unreadable: start over from the oldest record; consumers are idempotent, so a replay is harmless.
      try {
        this.checkpoints = JSON.parse(readFileSync(checkpointFile, 'utf8'));
      } catch {
        this.checkpoints = {};
      }
    }
  }

  start() {
    const run = () =>
      this.loop().catch((error) => {
        if (this.stopped) return;
        process.stderr.write(`[stream] poller restarting: ${(error as Error).message}\n`);
        setTimeout(run, 1_000);
      });
    void run();
    return this;
  }

  stop() {
    this.stopped = true;
  }

  private async loop() {
    const { Table } = await this.db.send(new DescribeTableCommand({ TableName: this.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error('the table has no stream');
    const iterators = new Map<string, string | undefined>();
    let lastDescribe = 0;
    while (!this.stopped) {
      if (Date.now() - lastDescribe > 5_000) {
        lastDescribe = Date.now();
        const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        for (const shard of StreamDescription?.Shards ?? []) {
          if (iterators.has(shard.ShardId!)) continue;
          const after = this.checkpoints[shard.ShardId!];
          const { ShardIterator } = await this.streams
            .send(
              new GetShardIteratorCommand({
                StreamArn: streamArn,
                ShardId: shard.ShardId!,
                ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
                SequenceNumber: after,
              }),
            )
            .catch(() =>
              this.streams.send(
                new GetShardIteratorCommand({
                  StreamArn: streamArn,
                  ShardId: shard.ShardId!,
                  ShardIteratorType: 'TRIM_HORIZON',
                }),
              ),
            );
          iterators.set(shard.ShardId!, ShardIterator);
        }
      }
      let got = 0;
      for (const [shardId, iterator] of iterators) {
        if (!iterator || this.stopped) continue;
        const out = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        const records = out.Records ?? [];
        if (records.length) {
          // Busy from the moment records are in hand, not from the end of the round: while the relay
          // is publishing them the bus has nothing in flight yet.
          this.idle = false;
          await this.deliver(records);
          this.checkpoints[shardId] = records[records.length - 1]!.dynamodb!.SequenceNumber!;
          if (this.checkpointFile) writeFileAtomic(this.checkpointFile, JSON.stringify(this.checkpoints));
          got += records.length;
        }
        iterators.set(shardId, out.NextShardIterator);
      }
      this.idle = got === 0;
      this.rounds += 1;
      if (!got) await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async deliver(records: _Record[]) {
    const event = {
      Records: records.map((r) => ({
        ...r,
        eventSource: 'aws:dynamodb',
        dynamodb: { ...r.dynamodb, NewImage: repairImage(r.dynamodb?.NewImage as Record<string, unknown> | undefined) },
      })),
    } as unknown as DynamoDBStreamEvent;
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        await this.relay(event);
        this.relayed += records.length;
        this.invocations += 1;
        return;
      } catch (error) {
        process.stderr.write(`[stream] relay failed (attempt ${attempt}): ${(error as Error).message}\n`);
        await new Promise((r) => setTimeout(r, Math.min(5_000, 200 * 2 ** attempt)));
      }
    }
  }
}

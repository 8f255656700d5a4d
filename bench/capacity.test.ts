import { describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cloud, directDb, TABLE } from '#infra/local/testing.ts';
import {
  CapacityMeter,
  chargeWrite,
  type Item,
  itemSize,
  readUnitsOf,
  type TableDesign,
  writeTotal,
} from './capacity.ts';
import { PRICES, provisionedPerMillionOrders } from './cost.ts';

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });
/** A string attribute of exactly `bytes` bytes with its name ("d" + value). */
const filler = (bytes: number): Item => ({ d: S('x'.repeat(bytes - 1)) });

const design: TableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'all', partitionKey: 'apk', sortKey: 'ask', projection: 'ALL' },
    { indexName: 'keys', partitionKey: 'kpk', projection: 'KEYS_ONLY' },
  ],
};

/** Every figure below is worked out by hand from AWS's published rules (see capacity.ts). */
describe('the capacity calculator, by AWS billing rules', () => {
  it.each([
    ['a string key', { pk: S('ten_A#ORDER#1') }, 2 + 13],
    ['a Chinese string (UTF-8, 3 bytes a character)', { name: S('上海') }, 4 + 6],
    ['a number of five significant digits', { n: N('12345') }, 1 + 4],
    ['trailing zeros are not significant', { n: N('100') }, 1 + 2],
    ['a decimal', { n: N('0.5') }, 1 + 2],
    ['a negative number', { n: N('-12') }, 1 + 3],
    ['a boolean', { f: { BOOL: false } }, 1 + 1],
    ['null', { f: { NULL: true } }, 1 + 1],
    ['binary', { b: { B: new Uint8Array(10) } }, 1 + 10],
    ['a string set', { s: { SS: ['a', 'bc'] } }, 1 + 3],
    // map: 3 + (name a 1 + "x" 1 + 1) + (name b 1 + number 2 + 1) = 10
    ['a map', { m: { M: { a: S('x'), b: N('1') } } }, 1 + 10],
    // list: 3 + ("ab" 2 + 1) + (true 1 + 1) = 8
    ['a list', { l: { L: [S('ab'), { BOOL: true }] } }, 1 + 8],
    ['an empty map', { m: { M: {} } }, 1 + 3],
  ] as [string, Item, number][])('item size: %s', (_, item, bytes) => {
    expect(itemSize(item)).toBe(bytes);
  });

  const key = { pk: S('ten_A#X'), sk: S('Y') }; // 2 + 7 + 2 + 1 = 12 bytes
  const sized = (bytes: number, extra: Item = {}): Item => {
    const rest = bytes - 12 - itemSize(extra);
    return { ...key, ...extra, ...filler(rest) };
  };
  const put = (bytes: number, transactional = false, extra: Item = {}) =>
    chargeWrite(undefined, sized(bytes, extra), { transactional, table: design });

  it.each([
    ['a new 600 B item', put(600), 1, 0],
    ['a new 1,024 B item', put(1024), 1, 0],
    ['a new 1,025 B item', put(1025), 2, 0],
    ['a new 1,500 B item in a transaction', put(1500, true), 4, 0],
    [
      'an update 900 → 1,100 B (the larger image)',
      chargeWrite(sized(900), sized(1100), { transactional: false, table: design }),
      2,
      0,
    ],
    ['a delete of a 3,000 B item', chargeWrite(sized(3000), undefined, { transactional: false, table: design }), 3, 0],
    ['a delete of an absent item', chargeWrite(undefined, undefined, { transactional: false, table: design }), 1, 0],
    [
      'a 3 KB update in a transaction',
      chargeWrite(sized(3000), sized(3072), { transactional: true, table: design }),
      6,
      0,
    ],
    [
      'a transaction ConditionCheck of a 200 B item',
      chargeWrite(sized(200), sized(200), { transactional: true, table: design, conditionCheck: true }),
      2,
      0,
    ],
    // 700 B + 100 B overhead: one unit in the ALL index, not doubled by the transaction.
    ['a new 700 B item in an ALL index, in a transaction', put(700, true, { apk: S('A'), ask: S('1') }), 2, 1],
    // 950 + 100 = 1,050 B entry: two units.
    ['a new 950 B item in an ALL index', put(950, false, { apk: S('A'), ask: S('1') }), 1, 2],
    // keys only: pk 9 + sk 3 + kpk 4 + 100 = 116 B, one unit whatever the item's size.
    ['a new 5,000 B item in a keys-only index', put(5000, false, { kpk: S('K') }), 5, 1],
  ] as [string, ReturnType<typeof put>, number, number][])('write: %s', (_, charge, table, index) => {
    expect(charge.table).toBe(table);
    expect(writeTotal(charge) - charge.table).toBe(index);
  });

  it('index entries: a changed index key is a delete and a put; a changed attribute one write in ALL, none in keys only', () => {
    const a = sized(500, { apk: S('A'), ask: S('1'), kpk: S('K') });
    const moved = { ...a, ask: S('2') };
    expect(chargeWrite(a, moved, { transactional: false, table: design }).indexes).toEqual({ all: 2 });
    const touched = { ...a, note: S('n') };
    expect(chargeWrite(a, touched, { transactional: false, table: design }).indexes).toEqual({ all: 1 });
    const left = { ...a };
    delete (left as Record<string, unknown>).kpk;
    expect(chargeWrite(a, left, { transactional: false, table: design }).indexes).toEqual({ all: 1, keys: 1 });
    expect(chargeWrite(a, a, { transactional: false, table: design }).indexes).toEqual({});
  });

  it.each([
    ['a strongly consistent read of 5 KB', readUnitsOf(5 * 1024, true), 2],
    ['an eventually consistent read of 5 KB', readUnitsOf(5 * 1024, false), 1],
    ['a read that finds nothing', readUnitsOf(0, true), 1],
    ['an eventually consistent read that finds nothing', readUnitsOf(0, false), 0.5],
    ['a query reading 9 KB in all, eventually consistent', readUnitsOf(9 * 1024, false), 1.5],
  ])('read: %s', (_, units, expected) => {
    expect(units).toBe(expected);
  });

  it('charges what the requests really stored: ten 600 B puts in a transaction are 20 units (DynamoDB Local reports 2), two 3 KB updates 12', async () => {
    const db = await directDb();
    const meter = new CapacityMeter(
      TABLE,
      { partitionKey: 'pk', sortKey: 'sk', globalSecondaryIndexes: [] },
      {
        endpoint: cloud().endpoints.dynamodb,
        region: 'us-east-1',
      },
    );
    meter.attach(db);
    meter.active = true;
    const run = `ten_METER${Date.now()}`;
    const body = (i: number) => ({
      pk: `${run}#M#${i}`,
      sk: 'M',
      d: 'x'.repeat(600 - 2 - `${run}#M#${i}`.length - 2 - 1 - 1),
    });
    expect(itemSize({ pk: S(body(0).pk), sk: S('M'), d: S(body(0).d) })).toBe(600);
    await db.send(
      new TransactWriteCommand({
        TransactItems: Array.from({ length: 10 }, (_, i) => ({ Put: { TableName: TABLE, Item: body(i) } })),
      }),
    );
    expect(meter.totals().write).toBe(20);

    meter.reset();
    const big = 'y'.repeat(2900);
    await db.send(
      new TransactWriteCommand({
        TransactItems: [0, 1].map((i) => ({
          Update: {
            TableName: TABLE,
            Key: { pk: `${run}#M#${i}`, sk: 'M' },
            UpdateExpression: 'SET d = :d',
            ExpressionAttributeValues: { ':d': big },
          },
        })),
      }),
    );
    expect(meter.totals().write).toBe(12);

    // A failed condition still costs the item's units; a read of 3 KB strongly consistent is one unit.
    meter.reset();
    await expect(
      db.send(new PutCommand({ TableName: TABLE, Item: body(0), ConditionExpression: 'attribute_not_exists(pk)' })),
    ).rejects.toThrow();
    expect(meter.totals().write).toBe(3);
    await db.send(new GetCommand({ TableName: TABLE, Key: { pk: `${run}#M#0`, sk: 'M' }, ConsistentRead: true }));
    expect(meter.totals().read).toBe(1);
    await db.send(
      new UpdateCommand({ TableName: TABLE, Key: { pk: `${run}#M#0`, sk: 'M' }, UpdateExpression: 'REMOVE d' }),
    );
    expect(meter.totals().write).toBe(3 + 3);
  });
});

describe('the cost model', () => {
  // Hand-computed: 100 WRU in provisioned mode at half use: 100 × $0.00065 / 3,600 / 0.5 per order = $36.11 per 1M;
  // 80 RRU: 80 × $0.00013 / 3,600 / 0.5 = $5.78 per 1M. On demand the same units are $62.50 + $10.00.
  it('prices units in provisioned mode by capacity-hours at a given use', () => {
    expect(provisionedPerMillionOrders({ write: 100, read: 0 }, 0.5)).toBeCloseTo(36.11, 2);
    expect(provisionedPerMillionOrders({ write: 0, read: 80 }, 0.5)).toBeCloseTo(5.78, 2);
    expect(100 * PRICES.dynamoWriteUnit * 1e6 + 80 * PRICES.dynamoReadUnit * 1e6).toBeCloseTo(72.5, 2);
  });
});

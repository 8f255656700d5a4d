import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';
import type { TenantContext } from './tenant.ts';
import { guarded, type Guarded } from './transact.ts';
import { StaleReadError, staleWrite } from './db.ts';

/** Another document took this number first: read the counter again and take the next one. */
export class NumberTaken extends Error {
  constructor() {
    super('the number was taken by a concurrent transaction');
    this.name = 'NumberTaken';
  }
}

/**
 * What this container knows of each series' counter: the value it last committed or saw. A stale value
 * costs one failed condition (which returns the real value), never a wrong number.
 */
const known = new Map<string, number>();
/** Who holds each series in this container: its numbering waits for the previous one's transaction. */
const holders = new Map<string, Promise<void>>();
/** A holder that never commits (its request failed between numbering and writing) is waited for this long. */
const HOLD_MS = 1_000;

async function hold(series: string): Promise<() => void> {
  const previous = holders.get(series);
  let release!: () => void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  holders.set(series, mine);
  if (previous) await Promise.race([previous, new Promise((r) => setTimeout(r, HOLD_MS).unref?.())]);
  const timer = setTimeout(release, HOLD_MS);
  timer.unref?.();
  return () => {
    clearTimeout(timer);
    release();
    if (holders.get(series) === mine) holders.delete(series);
  };
}

/**
 * The next gap-free number of a series (orders, invoices) for the year, claimed by a conditional
 * update that goes into the same transaction as the document it numbers: a failed transaction
 * claims nothing, two concurrent ones cannot claim the same number.
 *
 * Without a read-then-write hot spot: a container numbers one document of a series at a time (the
 * next waits for the previous transaction, not for a retry), from the value it last committed, so
 * the counter is read only the first time; another container's number taken in between fails the
 * condition, which returns the counter as it is (ALL_OLD), and the caller's retry starts from there.
 */
export async function nextNumber(
  t: TenantContext,
  series: 'ORDER' | 'INVOICE' | 'PO' | 'BILL' | 'RMA' | 'CN' | 'TK',
  year: string,
): Promise<{ value: number; item: Guarded<NumberTaken> }> {
  const key = { pk: t.key('COUNTER'), sk: `${series}#${year}` };
  const id = `${key.pk}|${key.sk}`;
  const release = await hold(id);
  let current = known.get(id);
  try {
    if (current === undefined) {
      const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }));
      current = Number(Item?.value ?? 0);
    }
  } catch (error) {
    release();
    throw error;
  }
  const claimed = current;
  return {
    value: claimed + 1,
    item: guarded(
      {
        Update: {
          TableName: env.tableName,
          Key: key,
          UpdateExpression: 'SET #v = :next, entity = :e',
          ConditionExpression: claimed === 0 ? 'attribute_not_exists(#v)' : '#v = :current',
          ExpressionAttributeNames: { '#v': 'value' },
          ExpressionAttributeValues: {
            ':next': claimed + 1,
            ':e': 'counter',
            ...(claimed === 0 ? {} : { ':current': claimed }),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      new NumberTaken(),
      ({ ok, found }) => {
        if (known.size > 10_000) known.clear();
        if (ok) known.set(id, claimed + 1);
        else if (found && typeof found.value === 'number') known.set(id, found.value);
        else known.delete(id);
        release();
      },
    ),
  };
}

export const formatNumber = (prefix: string, year: string, value: number) =>
  `${prefix}-${year}-${String(value).padStart(6, '0')}`;

/** A number taken by a concurrent document, like a stale read, means: read again and decide again. */
export const retryTaken = (expected: number | undefined) => (error: unknown) => {
  if (error instanceof NumberTaken) throw new StaleReadError();
  return staleWrite(expected)(error);
};

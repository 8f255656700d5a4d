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
 * What this container knows of each series' counter: the value it last committed or saw, and when. A
 * stale value costs one failed condition (which returns the real value), never a wrong number; it is
 * trusted only for a moment, while this container is numbering a burst: several warm containers of one
 * company would otherwise each start from a value the others have passed, and read first as before.
 */
const known = new Map<string, { value: number; at: number }>();
const FRESH_MS = 1_000;
/** Who holds each series in this container: its numbering waits for the previous one's transaction. */
const holders = new Map<string, Promise<void>>();
/**
 * A holder that never commits and never lets go (its request failed between numbering and writing) is
 * waited for this long; a transaction slower than that only lets the next one try with a value that
 * may be stale. Hot call sites let go in a `finally` (`release`).
 */
const HOLD_MS = 1_000;

async function hold(series: string): Promise<() => void> {
  const previous = holders.get(series);
  let resolve!: () => void;
  const mine = new Promise<void>((r) => {
    resolve = r;
  });
  holders.set(series, mine);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    clearTimeout(timer);
    resolve();
    if (holders.get(series) === mine) holders.delete(series);
  };
  if (previous) {
    let waited: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([previous, new Promise((r) => (waited = setTimeout(r, HOLD_MS)))]);
    clearTimeout(waited);
  }
  timer = setTimeout(release, HOLD_MS);
  return release;
}

/**
 * The next gap-free number of a series (orders, invoices) for the year, claimed by a conditional
 * update that goes into the same transaction as the document it numbers: a failed transaction
 * claims nothing, two concurrent ones cannot claim the same number.
 *
 * Without a read-then-write hot spot: a container numbers one document of a series at a time (the
 * next waits for the previous transaction, not for a retry), from the value it last committed, so
 * the counter is not read again while this container numbers a burst; another container's number taken in between fails the
 * condition, which returns the counter as it is (ALL_OLD), and the caller's retry starts from there.
 */
export async function nextNumber(
  t: TenantContext,
  series: 'ORDER' | 'INVOICE' | 'PO' | 'BILL' | 'RMA' | 'CN' | 'TK',
  year: string,
): Promise<{ value: number; item: Guarded<NumberTaken>; release: () => void }> {
  const key = { pk: t.key('COUNTER'), sk: `${series}#${year}` };
  const id = `${key.pk}|${key.sk}`;
  const release = await hold(id);
  const memo = known.get(id);
  let current = memo && Date.now() - memo.at < FRESH_MS ? memo.value : undefined;
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
    /** Lets the next numbering of the series go when this one will not be written (safe to call again). */
    release,
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
        if (ok) known.set(id, { value: claimed + 1, at: Date.now() });
        else if (found && typeof found.value === 'number') known.set(id, { value: found.value, at: Date.now() });
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

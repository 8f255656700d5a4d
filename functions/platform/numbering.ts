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
 * The next gap-free number of a series (orders, invoices) for the year, claimed by a conditional
 * update that goes into the same transaction as the document it numbers: a failed transaction
 * claims nothing, two concurrent ones cannot claim the same number.
 */
export async function nextNumber(
  t: TenantContext,
  series: 'ORDER' | 'INVOICE' | 'PO' | 'BILL' | 'RMA' | 'CN' | 'TK',
  year: string,
): Promise<{ value: number; item: Guarded<NumberTaken> }> {
  const key = { pk: t.key('COUNTER'), sk: `${series}#${year}` };
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }));
  const current = Number(Item?.value ?? 0);
  return {
    value: current + 1,
    item: guarded(
      {
        Update: {
          TableName: env.tableName,
          Key: key,
          UpdateExpression: 'SET #v = :next, entity = :e',
          ConditionExpression: current === 0 ? 'attribute_not_exists(#v)' : '#v = :current',
          ExpressionAttributeNames: { '#v': 'value' },
          ExpressionAttributeValues: {
            ':next': current + 1,
            ':e': 'counter',
            ...(current === 0 ? {} : { ':current': current }),
          },
        },
      },
      new NumberTaken(),
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

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { failedConditions, isConditionFailure } from './db.ts';
import type { TenantContext } from './tenant.ts';

/** One write of a DynamoDB transaction (Put, Update, Delete or ConditionCheck). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A write whose condition stands for a business rule, with what its failure means: an error to
 * throw as it is (`PreconditionFailedError` for a stale version), or a value the caller collects
 * (a shortage of stock). Callers never count items to find out which one failed.
 */
export interface Guarded<F = unknown> {
  write: TransactItem;
  onFail: F;
  /** Told how the transaction ended: committed, or not (with the item as it was when its own condition
   * failed, if the write asked for it with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`). */
  settled?: (outcome: { ok: boolean; found?: Record<string, unknown> }) => void;
}
export const guarded = <F>(write: TransactItem, onFail: F, settled?: Guarded<F>['settled']): Guarded<F> => ({
  write,
  onFail,
  ...(settled ? { settled } : {}),
});
const isGuarded = (w: TransactItem | Guarded): w is Guarded => 'write' in w;

/** Guarded conditions failed: what each stands for, in the order of the writes. */
export class ConditionsFailed<F = unknown> extends Error {
  constructor(readonly failures: F[]) {
    super(`${failures.length} condition(s) failed`);
    this.name = 'ConditionsFailed';
  }
}

export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Writes everything or nothing (TransactWriteItems). When conditions fail, the first guarded
 * failure that is an Error is thrown; otherwise the guarded failures are thrown together as
 * `ConditionsFailed`; a failed unguarded condition, or any other error, is rethrown as it came.
 */
export async function transact(t: TenantContext, writes: (TransactItem | Guarded)[]): Promise<void> {
  const told = writes.some((w) => isGuarded(w) && w.settled);
  if (writes.length > MAX_TRANSACTION_ITEMS) {
    if (told) for (const w of writes) if (isGuarded(w)) w.settled?.({ ok: false });
    throw new Error(`transaction of ${writes.length} items exceeds DynamoDB's ${MAX_TRANSACTION_ITEMS}`);
  }
  try {
    await t.db.send(new TransactWriteCommand({ TransactItems: writes.map((w) => (isGuarded(w) ? w.write : w)) }));
    if (told) for (const w of writes) if (isGuarded(w)) w.settled?.({ ok: true });
  } catch (error) {
    if (told) {
      const reasons = (error as { CancellationReasons?: { Item?: Record<string, AttributeValue> }[] })
        .CancellationReasons;
      writes.forEach((w, i) => {
        const item = reasons?.[i]?.Item;
        if (isGuarded(w)) w.settled?.({ ok: false, ...(item ? { found: unmarshall(item) } : {}) });
      });
    }
    if (!isConditionFailure(error)) throw error;
    const failures = failedConditions(error).flatMap((i) => {
      const w = writes[i];
      return w && isGuarded(w) ? [w.onFail] : [];
    });
    const thrown = failures.find((f) => f instanceof Error);
    if (thrown) throw thrown;
    if (failures.length) throw new ConditionsFailed(failures);
    throw error;
  }
}

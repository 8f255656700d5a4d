import * as rules from '#shared/domain/order-state.ts';
import { nowIso } from '#functions/platform/ids.ts';
import { confirmation, withConfirmedRate } from './confirmation.ts';
import type { OrderAction } from './runner.ts';

export interface DecisionInput {
  decision: 'approved' | 'rejected';
  comment: string | null;
}

/**
 * Approve or reject the step the order waits for, as a user with its role (or an owner or admin).
 * Approving the last step confirms the order and reserves every line; a rejection ends it.
 */
export const decide: OrderAction<DecisionInput> = async (t, current, { decision, comment }) => {
  let next = {
    ...current,
    ...rules.decide(current, { id: t.principal.id, role: t.principal.role }, decision, comment, nowIso()),
  };
  if (decision === 'rejected') return { next, events: [{ type: 'order.rejected' }] };
  if (next.status === 'confirmed') {
    next = await withConfirmedRate(t, next);
    return {
      next,
      events: [{ type: 'order.approved' }, { type: 'order.confirmed' }],
      ...confirmation(t, next, current),
    };
  }
  const index = next.approval.steps.findIndex((s) => s.decision === null);
  return {
    next,
    events: [
      { type: 'order.approved' },
      { type: 'order.approval_requested', extra: { step: { index, role: next.approval.steps[index]!.role } } },
    ],
  };
};

import * as rules from '#shared/domain/order-state.ts';
import { nowIso } from '#functions/platform/ids.ts';
import { confirmWithStock, withConfirmedRate } from './confirmation.ts';
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
  const next = {
    ...current,
    ...rules.decide(current, { id: t.principal.id, role: t.principal.role }, decision, comment, nowIso()),
  };
  if (decision === 'rejected') return { next, events: [{ type: 'order.rejected' }] };
  // The last approval confirms it (a revised order that shipped some already is partly shipped).
  if (next.status === 'confirmed' || next.status === 'partially_shipped') {
    const confirmed = await confirmWithStock(t, await withConfirmedRate(t, next), current);
    // A revision approved is not a new confirmation (invoicing and the reports counted it already).
    const events =
      current.revision > 0
        ? [{ type: 'order.approved' as const }]
        : [{ type: 'order.approved' as const }, { type: 'order.confirmed' as const }];
    return { events, ...confirmed };
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

import { approvalChain } from '#shared/domain/approval.ts';
import * as rules from '#shared/domain/order-state.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from '../store.ts';
import { getApprovalWorkflow } from '../workflow-store.ts';
import { confirmation, withConfirmedRate } from './confirmation.ts';
import type { OrderAction } from './runner.ts';

/**
 * Submit a draft: the company's approval rules (and the built-in credit check) give its approval
 * chain; no chain confirms it at once, reserving every line.
 */
export const submit: OrderAction<void> = async (t, current) => {
  const [workflow, customer, exposure, settings] = await Promise.all([
    getApprovalWorkflow(t),
    getCustomer(t, current.customerId),
    store.creditExposure(t, current.customerId),
    getSettings(t),
  ]);
  const creditExceeded = Boolean(
    customer.creditLimit &&
      customer.creditLimit.currency === current.currency &&
      exposure.total + current.total > customer.creditLimit.amount,
  );
  let next = {
    ...current,
    ...rules.submit(
      current,
      approvalChain(workflow, {
        order: current,
        customerTier: customer.tier,
        creditExceeded,
        baseCurrency: settings.baseCurrency,
      }),
    ),
  };
  if (next.status === 'confirmed') {
    next = await withConfirmedRate(t, next);
    return { next, events: [{ type: 'order.submitted' }, { type: 'order.confirmed' }], ...confirmation(t, next) };
  }
  return {
    next,
    events: [
      { type: 'order.submitted' },
      { type: 'order.approval_requested', extra: { step: { index: 0, role: next.approval.steps[0]!.role } } },
    ],
  };
};

import { approvalChain } from '#shared/domain/approval.ts';
import * as rules from '#shared/domain/order-state.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from '../store.ts';
import { getApprovalWorkflow } from '../workflow-store.ts';
import { confirmWithStock, withConfirmedRate } from './confirmation.ts';
import { levelOf } from '#functions/inventory/service.ts';
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
    const confirmed = await confirmWithStock(t, await withConfirmedRate(t, next));
    return { events: [{ type: 'order.submitted' }, { type: 'order.confirmed' }], ...confirmed };
  }
  // Approvers see at once what cannot ship from stock (nothing is reserved until it is approved).
  const shortages = [];
  const left = new Map<string, number>();
  for (const l of next.lines) {
    if (!left.has(l.productId))
      left.set(l.productId, Math.max(0, (await levelOf(t, l.productId, next.warehouseId))?.available ?? 0));
    const available = left.get(l.productId)!;
    const need = l.quantity - l.shipped;
    if (need > available) shortages.push({ lineId: l.lineId, productId: l.productId, requested: need, available });
    left.set(l.productId, Math.max(0, available - need));
  }
  next = {
    ...next,
    shortages,
    flags: shortages.length
      ? [...new Set([...next.flags, 'stock_short'])]
      : next.flags.filter((f) => f !== 'stock_short'),
  };
  return {
    next,
    events: [
      { type: 'order.submitted' },
      { type: 'order.approval_requested', extra: { step: { index: 0, role: next.approval.steps[0]!.role } } },
    ],
  };
};

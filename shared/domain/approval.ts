import type { Role } from '../api/common.ts';
import type { Approval, ApprovalWorkflow, Order } from '../api/orders.ts';
import { toBase } from './money.ts';

export interface ApprovalFacts {
  order: Pick<Order, 'total' | 'currency' | 'lines'> & { fxRate?: string };
  customerTier: string | null;
  creditExceeded: boolean;
  /** The company's base currency: a threshold in it also catches orders in other currencies, at their rate. */
  baseCurrency?: string;
  /** Sales orders or purchase orders: a rule applies to its own kind. */
  kind?: 'order' | 'purchase';
}

/** The order's total in the threshold's currency: its own, or the base currency at the order's rate; else none. */
function totalIn(currency: string, facts: ApprovalFacts): number | null {
  const { order } = facts;
  if (currency === order.currency) return order.total;
  if (currency === facts.baseCurrency && order.fxRate)
    return toBase(order.total, order.currency, order.fxRate, currency);
  return null;
}

/** A rule matches when all of its conditions hold. */
export function ruleMatches(rule: ApprovalWorkflow['rules'][number], facts: ApprovalFacts): boolean {
  if ((rule.kind ?? 'order') !== (facts.kind ?? 'order')) return false;
  const w = rule.when;
  if (w.orderTotalGte) {
    const total = totalIn(w.orderTotalGte.currency, facts);
    if (total === null || total < w.orderTotalGte.amount) return false;
  }
  if (w.discountBpsGte !== undefined && !facts.order.lines.some((l) => l.discountBps >= w.discountBpsGte!))
    return false;
  if (w.priceOverride !== undefined && facts.order.lines.some((l) => l.priceOverride) !== w.priceOverride) return false;
  if (w.creditExceeded !== undefined && facts.creditExceeded !== w.creditExceeded) return false;
  if (w.customerTiers && (!facts.customerTier || !w.customerTiers.includes(facts.customerTier))) return false;
  return true;
}

/**
 * The approval chain for an order at submit: the matching rules' steps in rule order without
 * repeats; the built-in credit check adds a finance step. No step: confirmed at once.
 */
export function approvalChain(
  workflow: ApprovalWorkflow,
  facts: ApprovalFacts,
): { approval: Approval; flags: string[] } {
  const matched = workflow.rules.filter((r) => ruleMatches(r, facts));
  const roles: Role[] = [];
  for (const rule of matched) for (const role of rule.steps) if (!roles.includes(role)) roles.push(role);
  const flags: string[] = [];
  if (facts.creditExceeded) {
    flags.push('credit_exceeded');
    if (!roles.includes('finance')) roles.push('finance');
  }
  return {
    approval: {
      required: roles.length > 0,
      rulesVersion: workflow.version,
      matchedRules: matched.map((r) => r.name),
      steps: roles.map((role) => ({ role, decision: null, decidedBy: null, comment: null, at: null })),
    },
    flags,
  };
}

/** Who may decide the current step: its role, or an owner or admin. */
export function mayDecide(step: { role: Role }, actorRole: Role | null): boolean {
  return actorRole === step.role || actorRole === 'owner' || actorRole === 'admin';
}

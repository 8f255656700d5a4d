import { describe, expect, it } from 'vitest';
import type { ApprovalWorkflow } from '../api/orders.ts';
import { approvalChain, mayDecide } from './approval.ts';

const facts = (
  total: number,
  over: { discountBps?: number; priceOverride?: boolean; tier?: string | null; credit?: boolean } = {},
) => ({
  order: {
    total,
    currency: 'CNY',
    lines: [{ discountBps: over.discountBps ?? 0, priceOverride: over.priceOverride ?? false }],
  } as never,
  customerTier: over.tier ?? null,
  creditExceeded: over.credit ?? false,
});
const workflow = (rules: Omit<ApprovalWorkflow['rules'][number], 'kind'>[]): ApprovalWorkflow =>
  ({ rules, version: 3, updatedAt: null }) as ApprovalWorkflow;

describe('approval chains', () => {
  const rules = workflow([
    { name: '大单', when: { orderTotalGte: { amount: 5_000_000, currency: 'CNY' } }, steps: ['sales', 'finance'] },
    { name: '大折扣', when: { discountBpsGte: 2_000 }, steps: ['admin', 'sales'] },
    { name: 'VIP', when: { customerTiers: ['VIP'], priceOverride: true }, steps: ['owner'] },
  ]);

  it("joins the matching rules' steps in rule order without repeats", () => {
    const chain = approvalChain(rules, facts(6_000_000, { discountBps: 2_500 }));
    expect(chain.approval.matchedRules).toEqual(['大单', '大折扣']);
    expect(chain.approval.steps.map((s) => s.role)).toEqual(['sales', 'finance', 'admin']);
    expect(chain.approval.rulesVersion).toBe(3);
  });

  it("needs every condition of a rule, and a threshold in the order's currency", () => {
    expect(approvalChain(rules, facts(4_999_999)).approval.required).toBe(false);
    expect(approvalChain(rules, facts(6_000_000, {})).approval.steps).toHaveLength(2);
    expect(approvalChain(rules, facts(1, { tier: 'VIP' })).approval.required).toBe(false);
    expect(approvalChain(rules, facts(1, { tier: 'VIP', priceOverride: true })).approval.matchedRules).toEqual(['VIP']);
    const usd = { ...facts(9_000_000), order: { total: 9_000_000, currency: 'USD', lines: [] } as never };
    expect(approvalChain(rules, usd).approval.required).toBe(false);
  });

  it('adds a finance step and a flag when credit is exceeded, whatever the rules', () => {
    const chain = approvalChain(workflow([]), facts(1, { credit: true }));
    expect(chain.flags).toEqual(['credit_exceeded']);
    expect(chain.approval.steps.map((s) => s.role)).toEqual(['finance']);
  });

  it("lets the step's role, an owner or an admin decide it, nobody else", () => {
    expect(mayDecide({ role: 'finance' }, 'finance')).toBe(true);
    expect(mayDecide({ role: 'finance' }, 'owner')).toBe(true);
    expect(mayDecide({ role: 'finance' }, 'admin')).toBe(true);
    expect(mayDecide({ role: 'finance' }, 'sales')).toBe(false);
    expect(mayDecide({ role: 'finance' }, null)).toBe(false);
  });
});

describe('amount thresholds across currencies', () => {
  const workflow = {
    rules: [
      {
        name: '大单老板审批',
        when: { orderTotalGte: { amount: 5_000_000, currency: 'CNY' } },
        steps: ['owner' as const],
      },
    ],
    version: 1,
  };
  const order = (total: number, currency: string, fxRate?: string) => ({ total, currency, fxRate, lines: [] });
  it('a CNY threshold catches a USD order worth more than it at the order’s rate, and lets a smaller one pass', () => {
    const facts = (o: ReturnType<typeof order>) => ({
      order: o,
      customerTier: null,
      creditExceeded: false,
      baseCurrency: 'CNY',
    });
    expect(approvalChain(workflow as never, facts(order(800_000, 'USD', '7.1234'))).approval.required).toBe(true);
    expect(approvalChain(workflow as never, facts(order(600_000, 'USD', '7.1234'))).approval.required).toBe(false);
    expect(approvalChain(workflow as never, facts(order(5_000_000, 'CNY', '1'))).approval.required).toBe(true);
    // A threshold in a third currency never matches an order it cannot be compared with.
    const eur = {
      rules: [{ ...workflow.rules[0]!, when: { orderTotalGte: { amount: 1, currency: 'EUR' } } }],
      version: 1,
    };
    expect(approvalChain(eur as never, facts(order(800_000, 'USD', '7.1234'))).approval.required).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { Order, OrderLine } from '../api/orders.ts';
import {
  OrderRuleError,
  cancel,
  close,
  complete,
  deliver,
  ship,
  submit,
  transitions,
  type OrderAction,
} from './order-state.ts';

const line = (lineId: string, quantity: number, over: Partial<OrderLine> = {}): OrderLine =>
  ({
    lineId,
    productId: `prd_${lineId}`,
    quantity,
    reserved: 0,
    shipped: 0,
    invoiced: 0,
    returned: 0,
    ...over,
  }) as OrderLine;
const order = (status: Order['status'], lines: OrderLine[] = [line('L1', 5), line('L2', 3)]): Order =>
  ({
    id: 'ord_1',
    status,
    lines,
    flags: [],
    approval: { required: false, rulesVersion: null, matchedRules: [], steps: [] },
  }) as unknown as Order;
const noApproval = { approval: { required: false, rulesVersion: 1, matchedRules: [], steps: [] }, flags: [] };
const statuses: Order['status'][] = [
  'draft',
  'pending_approval',
  'confirmed',
  'partially_shipped',
  'shipped',
  'delivered',
  'completed',
  'rejected',
  'cancelled',
];

describe('the order state machine', () => {
  // Guarantees: every move the table does not list is refused as invalid_transition, whatever the status.
  it('refuses every move its table does not allow, from every status', () => {
    const moves: Record<Exclude<OrderAction, 'edit' | 'approve' | 'reject' | 'revise'>, (o: Order) => Order> = {
      submit: (o) => submit(o, noApproval),
      cancel,
      ship: (o) => ship(o, [{ lineId: 'L1', quantity: 1 }]),
      close,
      deliver,
      complete,
    };
    for (const [action, move] of Object.entries(moves) as [keyof typeof moves, (o: Order) => Order][]) {
      for (const status of statuses) {
        const from = order(status, [line('L1', 5, { reserved: 5 })]);
        if (transitions[action].includes(status)) expect(() => move(from), `${action} from ${status}`).not.toThrow();
        else expect(() => move(from), `${action} from ${status}`).toThrow(OrderRuleError);
      }
    }
  });

  it('confirms at once without an approval chain, reserving what is left of every line', () => {
    const next = submit(order('draft'), noApproval);
    expect(next.status).toBe('confirmed');
    expect(next.lines.map((l) => l.reserved)).toEqual([5, 3]);
    const chained = submit(order('draft'), {
      approval: {
        required: true,
        rulesVersion: 1,
        matchedRules: ['大单'],
        steps: [{ role: 'finance', decision: null, decidedBy: null, comment: null, at: null }],
      },
      flags: ['credit_exceeded'],
    });
    expect(chained).toMatchObject({ status: 'pending_approval', flags: ['credit_exceeded'] });
    expect(chained.lines.map((l) => l.reserved)).toEqual([0, 0]);
  });

  it('ships part then the rest, refusing more than is reserved and unknown lines', () => {
    const confirmed = submit(order('draft'), noApproval);
    const part = ship(confirmed, [{ lineId: 'L1', quantity: 2 }]);
    expect(part.status).toBe('partially_shipped');
    expect(part.lines[0]).toMatchObject({ reserved: 3, shipped: 2 });
    expect(() => ship(part, [{ lineId: 'L1', quantity: 4 }])).toThrow(
      expect.objectContaining({ code: 'over_shipment' }),
    );
    expect(() => ship(part, [{ lineId: 'L9', quantity: 1 }])).toThrow(
      expect.objectContaining({ code: 'unknown_line' }),
    );
    // Two entries for one line count together.
    expect(() =>
      ship(part, [
        { lineId: 'L1', quantity: 2 },
        { lineId: 'L1', quantity: 2 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'over_shipment' }));
    const all = ship(part, [
      { lineId: 'L1', quantity: 3 },
      { lineId: 'L2', quantity: 3 },
    ]);
    expect(all.status).toBe('shipped');
    expect(cancel(submit(order('draft'), noApproval)).lines.every((l) => l.reserved === 0)).toBe(true);
  });
});

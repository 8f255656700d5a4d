import type { Role } from '../api/common.ts';
import type { Approval, Order, OrderLine } from '../api/orders.ts';
import { mayDecide } from './approval.ts';

export type OrderStatus = Order['status'];
export type OrderAction =
  | 'edit'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'cancel'
  | 'ship'
  | 'close'
  | 'revise'
  | 'deliver'
  | 'complete';

/** Where each action may start from; any other move is an invalid transition. */
export const transitions: Record<OrderAction, readonly OrderStatus[]> = {
  edit: ['draft', 'rejected'],
  submit: ['draft'],
  approve: ['pending_approval'],
  reject: ['pending_approval'],
  cancel: ['draft', 'pending_approval', 'confirmed'],
  ship: ['confirmed', 'partially_shipped'],
  close: ['partially_shipped'],
  revise: ['confirmed', 'partially_shipped'],
  deliver: ['shipped'],
  complete: ['delivered'],
};

export class OrderRuleError extends Error {
  constructor(
    readonly code: 'invalid_transition' | 'not_your_step' | 'over_shipment' | 'unknown_line',
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function assertCan(order: Pick<Order, 'status'>, action: OrderAction) {
  if (!transitions[action].includes(order.status)) {
    throw new OrderRuleError(
      'invalid_transition',
      `An order that is ${order.status} cannot be ${action === 'edit' ? 'edited' : `${action}${action.endsWith('e') ? 'd' : 'ed'}`}.`,
      { orderStatus: order.status, action, allowedFrom: transitions[action] },
    );
  }
}

/** The shipping status follows from the line ledger. */
export function shipmentStatus(lines: OrderLine[]): OrderStatus {
  const shipped = lines.every((l) => l.shipped >= l.quantity);
  return shipped ? 'shipped' : lines.some((l) => l.shipped > 0) ? 'partially_shipped' : 'confirmed';
}

/** Confirming reserves what is left of every line (a revised order may have shipped some already). */
export function confirm(order: Order): Order {
  const lines = order.lines.map((l) => ({ ...l, reserved: l.quantity - l.shipped - (l.closedQuantity ?? 0) }));
  return { ...order, status: shipmentStatus(lines), lines };
}

export function submit(order: Order, chain: { approval: Approval; flags: string[] }): Order {
  assertCan(order, 'submit');
  const next: Order = { ...order, approval: chain.approval, flags: [...new Set([...order.flags, ...chain.flags])] };
  return chain.approval.required ? { ...next, status: 'pending_approval' } : confirm(next);
}

/** Decides the current step: approval of the last step confirms, a rejection ends in `rejected`. */
export function decide(
  order: Order,
  actor: { id: string; role: Role | null },
  decision: 'approved' | 'rejected',
  comment: string | null,
  at: string,
): Order {
  assertCan(order, decision === 'approved' ? 'approve' : 'reject');
  const index = order.approval.steps.findIndex((s) => s.decision === null);
  const step = order.approval.steps[index];
  if (!step) throw new OrderRuleError('invalid_transition', 'The order has no step waiting for a decision.');
  if (!mayDecide(step, actor.role)) {
    throw new OrderRuleError('not_your_step', `This step waits for the ${step.role} role.`, { waitingFor: step.role });
  }
  const steps = order.approval.steps.map((s, i) =>
    i === index ? { ...s, decision, decidedBy: actor.id, comment, at } : s,
  );
  const next: Order = { ...order, approval: { ...order.approval, steps } };
  if (decision === 'rejected') return { ...next, status: 'rejected' };
  return steps.every((s) => s.decision === 'approved') ? confirm(next) : next;
}

/** Cancelling releases whatever is still reserved. */
export function cancel(order: Order): Order {
  assertCan(order, 'cancel');
  return { ...order, status: 'cancelled', lines: order.lines.map((l) => ({ ...l, reserved: 0 })) };
}

/** A shipment moves reserved to shipped, line by line; the status follows. */
export function ship(order: Order, lines: { lineId: string; quantity: number }[]): Order {
  assertCan(order, 'ship');
  const byLine = new Map<string, number>();
  for (const l of lines) byLine.set(l.lineId, (byLine.get(l.lineId) ?? 0) + l.quantity);
  for (const [lineId, quantity] of byLine) {
    const line = order.lines.find((l) => l.lineId === lineId);
    if (!line) throw new OrderRuleError('unknown_line', `The order has no line ${lineId}.`, { lineId });
    if (quantity > line.reserved) {
      throw new OrderRuleError('over_shipment', `Line ${lineId} has ${line.reserved} left to ship, not ${quantity}.`, {
        lineId,
        remaining: line.reserved,
        requested: quantity,
      });
    }
  }
  const next = order.lines.map((l) => {
    const q = byLine.get(l.lineId) ?? 0;
    return q ? { ...l, reserved: l.reserved - q, shipped: l.shipped + q } : l;
  });
  return { ...order, lines: next, status: shipmentStatus(next) };
}

/** Closing short (the customer drops the rest): what is not shipped is closed, its reservation released; the order is shipped. */
export function close(order: Order): Order {
  assertCan(order, 'close');
  return {
    ...order,
    status: 'shipped',
    lines: order.lines.map((l) => ({ ...l, reserved: 0, closedQuantity: l.quantity - l.shipped })),
  };
}

export function deliver(order: Order): Order {
  assertCan(order, 'deliver');
  return { ...order, status: 'delivered' };
}

export function complete(order: Order): Order {
  assertCan(order, 'complete');
  return { ...order, status: 'completed' };
}

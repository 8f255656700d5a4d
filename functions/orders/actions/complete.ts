import * as rules from '#shared/domain/order-state.ts';
import type { OrderAction } from './runner.ts';

/** Complete a delivered order. */
export const complete: OrderAction<void> = (_t, current) => ({
  next: rules.complete(current),
  events: [{ type: 'order.completed' }],
});

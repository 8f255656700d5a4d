import * as rules from '#shared/domain/order-state.ts';
import type { OrderAction } from './runner.ts';

/** Mark a shipped order delivered. */
export const deliver: OrderAction<void> = (_t, current) => ({
  next: rules.deliver(current),
  events: [{ type: 'order.delivered' }],
});

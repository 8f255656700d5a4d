import { job } from '#functions/platform/jobs.ts';
import { anyIn } from '#functions/platform/query.ts';
import { lateOrders } from './service.ts';

/** Daily after the company's day: orders not fully shipped by their requested delivery date open `order_late`. */
export const handler = job('late-orders', lateOrders, {
  stillOpen: (t) => anyIn(t, 'gsi2', [t.key('ORDERS', 'confirmed'), t.key('ORDERS', 'partially_shipped')]),
});

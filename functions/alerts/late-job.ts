import { job } from '#functions/platform/jobs.ts';
import { lateOrders } from './service.ts';

/** Daily after the company's day: orders not fully shipped by their requested delivery date open `order_late`. */
export const handler = job('late-orders', lateOrders);

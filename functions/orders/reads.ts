/**
 * What other modules may read or write of orders without loading the order actions (their
 * Lambdas bundle only this and the store): invoicing's view of an order and its invoiced item, the
 * lists the jobs walk.
 */
export {
  getOrder as findOrder,
  getOrderWithInvoiced as orderForInvoicing,
  invoicedChange,
  putOrder as orderWrite,
  listOrders,
  hasAnyOrder,
} from './store.ts';
export { getApprovalWorkflow } from './workflow-store.ts';

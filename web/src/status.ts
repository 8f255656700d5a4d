/** Tag colours of order statuses, shared by the order pages and the customer page. */
export const statusColor: Record<string, string> = {
  draft: 'default',
  pending_approval: 'gold',
  confirmed: 'blue',
  partially_shipped: 'cyan',
  shipped: 'geekblue',
  delivered: 'purple',
  completed: 'green',
  rejected: 'red',
  cancelled: 'default',
};
export const invoiceColor: Record<string, string> = {
  open: 'blue',
  partially_paid: 'cyan',
  paid: 'green',
  overdue: 'red',
  void: 'default',
};
export const severityColor: Record<string, string> = { info: 'blue', warning: 'orange', critical: 'red' };
export const fapiaoColor: Record<string, string> = {
  not_requested: 'default',
  requested: 'gold',
  issued: 'green',
  red_flushed: 'red',
};
/** Tag colours of purchase orders, supplier bills and count sheets. */
export const poColor: Record<string, string> = {
  draft: 'default',
  pending_approval: 'gold',
  approved: 'blue',
  partially_received: 'cyan',
  received: 'green',
  rejected: 'red',
  cancelled: 'default',
  closed: 'purple',
};
export const billColor: Record<string, string> = { open: 'blue', partially_paid: 'cyan', paid: 'green' };
export const stocktakeColor: Record<string, string> = { draft: 'gold', posting: 'cyan', posted: 'green' };
/** Tag colours of the after-sales records: tickets, returns, credit notes, ticket priorities. */
export const ticketColor: Record<string, string> = {
  open: 'gold',
  in_progress: 'blue',
  waiting_customer: 'purple',
  resolved: 'green',
  closed: 'default',
};
export const priorityColor: Record<string, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };
export const returnColor: Record<string, string> = {
  requested: 'gold',
  approved: 'blue',
  received: 'cyan',
  closed: 'green',
  rejected: 'red',
  cancelled: 'default',
};
export const creditNoteColor: Record<string, string> = { open: 'blue', settled: 'green' };

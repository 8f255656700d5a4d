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

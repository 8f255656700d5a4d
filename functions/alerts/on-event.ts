import { consumer } from '#functions/platform/events.ts';
import { onInvoiceOverdue, onLowStock, onOrderSubmitted } from './service.ts';

/** The alerts consumer: low stock, overdue invoices and order exceptions open alerts (one open per subject). */
export const handler = consumer('alerts', {
  'inventory.low_stock': onLowStock,
  'invoice.overdue': onInvoiceOverdue,
  'order.submitted': onOrderSubmitted,
});

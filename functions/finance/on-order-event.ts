import { consumer } from '#functions/platform/events.ts';
import { invoiceOrderEvent, voidInvoicesOfCancelledOrder } from './service.ts';

/** The invoicing consumer: invoices from order events by the company's policy; voids a cancelled order's unpaid invoices. */
export const handler = consumer('invoicing', {
  'order.confirmed': invoiceOrderEvent,
  'order.shipped': invoiceOrderEvent,
  'order.cancelled': voidInvoicesOfCancelledOrder,
});

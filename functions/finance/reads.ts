/** What other modules may read of finance without loading its services (alerts: an invoice's rep). */
export { getInvoice as findInvoice } from './store.ts';

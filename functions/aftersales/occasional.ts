/**
 * What only a few of the module's routes use, loaded as one chunk by the first of them (api.ts, returns.ts):
 * receiving a return (stock, credit notes, an exchange's replacement order), the credit-note routes, printing,
 * the after-sales report and the customer timeline. Most requests list, read and move returns and tickets, so a
 * start does not load this.
 *
 * One module on purpose: esbuild puts what a start loads into one file per set of lazy imports that share it,
 * and each ES module file costs a start ~0.3 ms of its own (read, compile, link). A separate import() for each
 * of these made the start 19 files and no faster than loading them all at start; as one it is 7 (measured with
 * bench/cold-init.ts).
 */
export { changeItems } from '#functions/inventory/service.ts';
export {
  creditLines,
  creditNoteItems,
  getCreditNote,
  listCreditNotes,
  refundCreditNote,
} from '#functions/finance/credit-notes.ts';
export { printExtras } from '#functions/tenants/print-settings.ts';
export { renderCreditNote } from './print.ts';
export { createOrder } from '#functions/orders/service.ts';
export { CreateOrderBody } from '#shared/api/orders.ts';
export { afterSalesReport } from './report.ts';
export { customerTimeline } from './timeline.ts';

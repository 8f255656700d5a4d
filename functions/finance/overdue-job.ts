import { job } from '#functions/platform/jobs.ts';
import { anyIn } from '#functions/platform/query.ts';
import { markOverdue } from './service.ts';

/** Daily: open invoices past their due day become overdue (`invoice.overdue`). */
export const handler = job('invoices-overdue', markOverdue, {
  // A company stays on the job's list while it has an invoice that could still fall overdue.
  stillOpen: (t) => anyIn(t, 'gsi2', [t.key('INVOICES', 'open'), t.key('INVOICES', 'partially_paid')]),
});

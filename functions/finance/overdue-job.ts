import { job } from '#functions/platform/jobs.ts';
import { markOverdue } from './service.ts';

/** Daily: open invoices past their due day become overdue (`invoice.overdue`). */
export const handler = job('invoices-overdue', markOverdue);

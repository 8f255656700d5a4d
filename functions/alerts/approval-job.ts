import { job } from '#functions/platform/jobs.ts';
import { anyIn } from '#functions/platform/query.ts';
import { approvalReminders } from './service.ts';

/** Hourly: orders waiting for approval longer than the company's threshold open an alert. */
export const handler = job('approval-reminders', approvalReminders, {
  stillOpen: (t) => anyIn(t, 'gsi2', [t.key('ORDERS', 'pending_approval')]),
});

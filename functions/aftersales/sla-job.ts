import { job } from '#functions/platform/jobs.ts';
import { anyIn } from '#functions/platform/query.ts';
import { checkSla } from './sla.ts';

/** Every five minutes: open tickets past their SLA deadline open a `ticket_sla_breached` alert, once per timer. */
export const handler = job('ticket-sla', checkSla, {
  stillOpen: (t) =>
    anyIn(
      t,
      'gsi2',
      ['open', 'in_progress', 'waiting_customer'].map((s) => t.key('TICKETS', s)),
    ),
});

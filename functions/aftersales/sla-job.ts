import { job } from '#functions/platform/jobs.ts';
import { checkSla } from './tickets.ts';

/** Every five minutes: open tickets past their SLA deadline open a `ticket_sla_breached` alert, once per timer. */
export const handler = job('ticket-sla', checkSla);

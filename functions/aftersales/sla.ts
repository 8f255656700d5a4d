import { openAlert } from '#functions/alerts/service.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from './store.ts';

/**
 * Every few minutes (sla-job.ts): each open ticket past a deadline is marked and opens one
 * `ticket_sla_breached` alert. Apart from tickets.ts because only the job opens alerts: the API's cold
 * start does not load the alerts service (its channels, egress checks and ipaddr.js).
 */
export async function checkSla(t: TenantContext, now: Date) {
  const at = now.toISOString();
  let breached = 0;
  for (const ticket of await store.openTickets(t, at)) {
    const timer: 'first_response' | 'resolution' =
      !ticket.firstRespondedAt && !ticket.breached.includes('first_response') ? 'first_response' : 'resolution';
    const due = timer === 'first_response' ? ticket.firstResponseDue : ticket.resolutionDue;
    if (due > at || ticket.breached.includes(timer)) continue;
    const settings = await getSettings(t);
    const zh = settings.locale === 'zh-CN';
    await openAlert(t, 'ticket-sla', `${ticket.id}:${timer}:${ticket.reopened}`, {
      kind: 'ticket_sla_breached',
      severity: ticket.priority === 'urgent' || ticket.priority === 'high' ? 'critical' : 'warning',
      subject: { type: 'ticket', id: ticket.id },
      params: {
        number: ticket.number,
        customer: ticket.customerName,
        priority: ticket.priority,
        timer: zh
          ? timer === 'first_response'
            ? '首次响应'
            : '解决'
          : timer === 'first_response'
            ? 'first response'
            : 'resolution',
        due: due.slice(0, 16).replace('T', ' '),
        ticketId: ticket.id,
      },
    });
    await transact(t, [
      store.putTicket(
        t,
        { ...ticket, breached: [...ticket.breached, timer], version: ticket.version + 1 },
        ticket.version,
      ),
    ]).catch(() => undefined); // changed meanwhile: the next run looks again (the alert opens once)
    breached += 1;
  }
  return { breached };
}

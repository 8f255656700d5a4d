import { consumer } from '#functions/platform/events.ts';
import { onEvent } from './service.ts';

/** The alerts consumer: low stock, overdue invoices and order exceptions open alerts (one open per subject). */
export const handler = consumer('alerts', async (t, event) => {
  await onEvent(t, event);
});

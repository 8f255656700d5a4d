import { consumer } from '#functions/platform/events.ts';
import { fanOut } from './service.ts';

/** Webhook fan-out: every public event to each enabled subscription that takes its type. */
export const handler = consumer('webhooks', async (t, event) => {
  await fanOut(t, event);
});

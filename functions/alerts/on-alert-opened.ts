import { consumer } from '#functions/platform/events.ts';
import { notify } from './service.ts';

/** Sends each opened alert to the company's channels for its kind. */
export const handler = consumer('alert-notifier', { 'alert.opened': (t, event) => notify(t, event) });

import { publicEventTypes } from '#shared/events/catalog.ts';
import { consumer, forEveryType } from '#functions/platform/events.ts';
import { fanOut } from './service.ts';

/** Webhook fan-out: every public event to each enabled subscription that takes its type. */
export const handler = consumer('webhooks', forEveryType<'webhooks'>(publicEventTypes, fanOut));

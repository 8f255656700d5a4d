import { consumer } from '#functions/platform/events.ts';
import { aggregate, CONSUMER } from './aggregates.ts';

/** Keeps per-day aggregates the dashboard and reports read, so a report never reads the orders themselves. */
export const handler = consumer(CONSUMER, aggregate);

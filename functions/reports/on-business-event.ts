import { consumerRules } from '#shared/events/rules.ts';
import { consumer, forEveryType } from '#functions/platform/events.ts';
import { aggregate, CONSUMER } from './aggregates.ts';

const types = consumerRules.find((r) => r.name === CONSUMER)!.types;

/** Keeps per-day aggregates the dashboard and reports read, so a report never reads the orders themselves. */
export const handler = consumer(CONSUMER, forEveryType<typeof CONSUMER>(types, aggregate));

import { consumer, forEveryType } from '#functions/platform/events.ts';
import { markDue } from '#functions/platform/due.ts';
import { consumerRules, jobsFor } from '#shared/events/rules.ts';

const types = consumerRules.find((r) => r.name === 'due-index')!.types;

/** Marks the company for every scheduled job the event gives work (shared/events/rules.ts, jobWork). */
export const handler = consumer(
  'due-index',
  forEveryType(types, async (t, event) => {
    await Promise.all(jobsFor(event.type).map((job) => markDue(job, t.tenantId)));
  }),
);

import { consumerRules } from '#shared/events/rules.ts';
import { consumer, forEveryType } from '#functions/platform/events.ts';
import { onPeopleEvent, PEOPLE_CONSUMER } from './inbox.ts';

const types = consumerRules.find((r) => r.name === PEOPLE_CONSUMER)!.types;

/** Tells the people an event concerns at once: the approver, the submitter, the rep (their inbox, mail, robots). */
export const handler = consumer(PEOPLE_CONSUMER, forEveryType<typeof PEOPLE_CONSUMER>(types, onPeopleEvent as never));

import { consumerRules } from '#shared/events/rules.ts';
import { consumer, forEveryType } from '#functions/platform/events.ts';
import { onRuleEvent, RULE_CONSUMER } from './notification-rules.ts';

const types = consumerRules.find((r) => r.name === RULE_CONSUMER)!.types;

/** The company's own notification rules, on every public event (most events match none: one read). */
export const handler = consumer(RULE_CONSUMER, forEveryType<typeof RULE_CONSUMER>(types, onRuleEvent as never));

import * as z from 'zod';
import { Timestamp, prefixedId, text } from './common.ts';
import { publicEventTypeNames, roles } from './enums.ts';
import { lazySchema } from './lazy.ts';

/** A condition on the event's data: a dotted path (`total`, `customerName`, `lines.0.sku`), an operator, a value. */
// Numbers within what a stored number keeps exactly (money in minor units is far below it).
const Value = lazySchema(() =>
  z.union([z.string().max(100), z.number().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER), z.boolean()]),
);
export const RuleCondition = lazySchema(() =>
  z
    .strictObject({
      path: z
        .string()
        .max(100)
        .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+){0,5}$/, 'a dotted path into the event data'),
      op: z.enum(['eq', 'gte', 'lte', 'in']),
      /** Money is in minor units, as in the event (¥50,000 is 5000000). `in` takes a list. */
      value: z.union([Value, z.array(Value).min(1).max(20)]),
    })
    .refine((c) => (c.op === 'in') === Array.isArray(c.value), {
      message: '`in` takes a list of values; the other operators one value',
      path: ['value'],
    })
    .refine((c) => !(c.op === 'gte' || c.op === 'lte') || typeof c.value === 'number', {
      message: '`gte` and `lte` compare numbers',
      path: ['value'],
    }),
);

export const NotificationRuleInput = lazySchema(() =>
  z.strictObject({
    /** Kept when sent back; a rule without one is new. */
    id: z
      .string()
      .regex(/^nr_[0-9A-HJKMNP-TV-Z]{26}$/)
      .optional(),
    name: text(60),
    event: z.enum(publicEventTypeNames),
    when: RuleCondition.nullable().default(null),
    notify: z
      .strictObject({
        roles: z.array(z.enum(roles)).max(7).default([]),
        userIds: z.array(prefixedId('usr')).max(50).default([]),
        channelIds: z.array(prefixedId('chn')).max(20).default([]),
      })
      .refine(
        (n) => n.roles.length + n.userIds.length + n.channelIds.length > 0,
        'tell at least one role, person or channel',
      ),
    enabled: z.boolean().default(true),
  }),
);
export const PutNotificationRulesBody = lazySchema(() =>
  z.strictObject({
    rules: z
      .array(NotificationRuleInput)
      .max(50)
      .refine((rules) => {
        const ids = rules.flatMap((r) => (r.id ? [r.id] : []));
        return new Set(ids).size === ids.length;
      }, 'each rule id once (a copied rule leaves its id out)'),
  }),
);

export const NotificationRule = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    event: z.enum(publicEventTypeNames),
    when: z
      .object({
        path: z.string(),
        op: z.enum(['eq', 'gte', 'lte', 'in']),
        value: z.union([Value, z.array(Value)]),
      })
      .nullable(),
    notify: z.object({ roles: z.array(z.enum(roles)), userIds: z.array(z.string()), channelIds: z.array(z.string()) }),
    enabled: z.boolean(),
  }),
);
export type NotificationRule = z.infer<typeof NotificationRule>;
export const NotificationRules = lazySchema(() =>
  z.object({
    rules: z.array(NotificationRule),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  }),
);
export type NotificationRules = z.infer<typeof NotificationRules>;

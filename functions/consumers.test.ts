import { describe, expect, it } from 'vitest';
import { consumerRules } from '#shared/events/rules.ts';

describe('typed event consumers', () => {
  // Guarantees: each consumer handles exactly the event types its rule routes to it: none dropped, none unreachable.
  it.each(consumerRules.map((r) => [r.name, r] as const))("%s handles exactly its rule's types", async (name, rule) => {
    const { handler } = (await import(`./${rule.module}/${rule.handler}.ts`)) as {
      handler: { consumerName: string; handles: string[] };
    };
    expect(handler.consumerName).toBe(name);
    expect([...handler.handles].sort()).toEqual([...rule.types].sort());
  });
});

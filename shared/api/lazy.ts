import { globalRegistry, type ZodType } from 'zod';

/**
 * A schema built on first use. Building zod schemas was most of a function's cold start: a module's
 * schemas, the event catalog's and all they reach are thousands of objects, and a request uses a few.
 *
 * `lazySchema(() => z.object(…))` answers a stand-in whose prototype traps the first read (a parse,
 * `.shape`, `.extend`, another schema's build reading it). The stand-in then becomes the schema itself: it
 * is initialised in place by the schema's own constructor and definition, so its identity is the one
 * everything holds (routes, other schemas, the OpenAPI registry), and zod's internals, which keep a
 * reference to the instance they initialised, agree with it. Only the outermost object is built twice.
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazySchema<T extends ZodType>(build: () => T): T {
  let state: 'waiting' | 'building' | 'built' = 'waiting';
  const becomeSchema = () => {
    if (state === 'building')
      throw new Error('a lazy schema reads itself while it is built (use a getter in its shape)');
    state = 'building';
    const built = build();
    Object.setPrototypeOf(standIn, Object.getPrototypeOf(built));
    // zod's constructor initialises `this`: the stand-in, from the built schema's definition (as its clone() does).
    (built._zod.constr as unknown as (this: object, def: unknown) => void).call(standIn, built._zod.def);
    const instance = standIn as T;
    // What zod's factories set after construction: the parent of a refinement's clone, metadata (.describe, .meta).
    if (built._zod.parent) instance._zod.parent = built._zod.parent;
    const meta = globalRegistry._map.get(built);
    if (meta) globalRegistry._map.set(instance, meta);
    state = 'built';
  };
  const trap: ProxyHandler<object> = {
    get: (_, key, receiver) => {
      becomeSchema();
      return Reflect.get(standIn, key, receiver);
    },
    set: (_, key, value, receiver) => {
      becomeSchema();
      return Reflect.set(standIn, key, value, receiver);
    },
    has: (_, key) => {
      becomeSchema();
      return Reflect.has(standIn, key);
    },
  };
  const standIn: object = Object.create(new Proxy({}, trap));
  return standIn as T;
}

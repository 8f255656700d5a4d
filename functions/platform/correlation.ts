import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The correlation id: the id of the request that started a chain of work, carried through the
 * events it caused (their envelope), every consumer that handled them, the events those emitted,
 * and every webhook attempt. Every log line written inside the chain names it, so one search in
 * the logs finds the request, its events, the consumers and the deliveries.
 */
const current = new AsyncLocalStorage<string>();

export const correlationId = (): string | undefined => current.getStore();

export function withCorrelation<T>(id: string | undefined, run: () => T): T {
  return id ? current.run(id, run) : run();
}

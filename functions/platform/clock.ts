import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * "Now" for business rules (created times, the company's day, due dates, the dashboard's today).
 * Real time, unless a request runs under a pinned clock: the local cloud lets tests pin it per
 * request (`x-dingo-now`, only with TEST_CLOCK=1), so a test about "today" holds at any hour.
 */
const pinned = new AsyncLocalStorage<number>();

export const now = (): Date => new Date(pinned.getStore() ?? Date.now());

export function withClock<T>(at: number | undefined, run: () => T): T {
  return at === undefined ? run() : pinned.run(at, run);
}

import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { summarize } from './summary-reporter.ts';

const moduleWith = (state: string, tests: string[]) =>
  ({
    state: () => state,
    children: { allTests: () => tests.map((s) => ({ result: () => ({ state: s }) })) },
  }) as unknown as TestModule;

describe('the closing summary line', () => {
  // Guarantees: a suite whose setup failed (its tests left "skipped") is counted as failed, so CI never reads "0 failed" then.
  it('counts a suite whose beforeAll failed as a failure, not as skipped tests only', () => {
    const result = summarize([
      moduleWith('passed', ['passed', 'passed']),
      moduleWith('failed', ['skipped', 'skipped']),
    ]);
    expect(result).toEqual({ passed: 2, failed: 1, skipped: 2 });
  });

  it('counts failed tests once each, a suite that did not load, and errors outside any test', () => {
    expect(summarize([moduleWith('failed', ['failed', 'passed', 'failed'])])).toMatchObject({ failed: 2, passed: 1 });
    expect(summarize([moduleWith('failed', [])])).toMatchObject({ failed: 1 });
    expect(summarize([moduleWith('passed', ['passed'])], [new Error('unhandled')])).toMatchObject({ failed: 1 });
  });
});

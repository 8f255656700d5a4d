import { existsSync, readFileSync } from 'node:fs';
import { serverLog } from './local/artifacts.ts';
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** What a run came to: tests that passed, failed or were skipped, and failures outside any test. */
export function summarize(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const module of testModules) {
    let failedHere = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed += 1;
      else if (state === 'failed') failedHere += 1;
      else skipped += 1;
    }
    // A suite that failed with no failed test (its beforeAll threw, or it did not even load)
    // turned its tests into "skipped": it counts as a failure, never as nothing.
    failed += failedHere || (module.state() === 'failed' ? 1 : 0);
  }
  failed += unhandledErrors.length;
  return { passed, failed, skipped };
}

/** Ends the run with one plain line, `tests: N passed, N failed, N skipped`, that any CI can read. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    const { passed, failed, skipped } = summarize(testModules, unhandledErrors);
    if (failed > 0) printServerLog();
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

/** The server's warnings and errors of this run (the local cloud writes them there), last ones first in mind. */
function printServerLog() {
  const text = existsSync(serverLog) ? readFileSync(serverLog, 'utf8').trim() : '';
  if (!text) return;
  const lines = text.split('\n');
  process.stdout.write(
    `\nServer warnings and errors (${serverLog}, last ${Math.min(lines.length, 40)} of ${lines.length}):\n`,
  );
  for (const line of lines.slice(-40)) process.stdout.write(`  ${line.slice(0, 600)}\n`);
}

import { appendFileSync } from 'node:fs';
import { correlationId } from './correlation.ts';

/** Structured JSON logs, one line each; CloudWatch in AWS, the terminal locally. */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const threshold = order[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? order.info;

/**
 * The local test cloud keeps warnings and errors in a file whatever LOG_LEVEL silences on the
 * terminal (LOG_FILE, set by the test setup): CI keeps it as an artifact, and the run's summary
 * prints its tail when a test failed, so a 500 seen once under load can be diagnosed.
 */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const logFile = process.env.LOG_FILE;
  const toFile = logFile !== undefined && order[level] >= order.warn;
  if (order[level] < threshold && !toFile) return;
  const correlation = correlationId();
  const line = JSON.stringify(
    { level, time: new Date().toISOString(), msg, ...(correlation ? { correlationId: correlation } : {}), ...fields },
    (_k, v) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v),
  );
  if (toFile) appendFileSync(logFile, `${line}\n`);
  if (order[level] >= threshold) (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

import { appendFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import { correlationId } from './correlation.ts';

/**
 * Structured JSON logs, one line each, through Powertools Logger (CloudWatch in AWS, the terminal
 * locally): service, function name and cold start on every line, and the chain's correlation id
 * (correlation.ts) on every line written inside a request, consumer or job.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const configured = (process.env.LOG_LEVEL?.toLowerCase() as Level | 'silent' | undefined) ?? 'info';
const threshold = order[configured] ?? order.info;

const logger = new Logger({
  serviceName: 'dingo',
  logLevel: (configured in order ? configured : 'info').toUpperCase() as 'INFO',
});

/**
 * The local test cloud keeps warnings and errors in a file whatever LOG_LEVEL silences on the
 * terminal (LOG_FILE, set by the test setup): CI keeps it as an artifact, and the run's summary
 * prints its tail when a test failed, so a 500 seen once under load can be diagnosed.
 */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const correlation = correlationId();
  const extra = { ...(correlation ? { correlationId: correlation } : {}), ...fields };
  const logFile = process.env.LOG_FILE;
  if (logFile !== undefined && order[level] >= order.warn) {
    const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...extra }, (_k, v) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    );
    appendFileSync(logFile, `${line}\n`);
  }
  if (order[level] < threshold) return;
  // Powertools renders an Error under `error` with its name, message and stack.
  logger[level](msg, extra);
}

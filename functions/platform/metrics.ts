import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business and platform metrics as CloudWatch Embedded Metric Format (Powertools Metrics): written
 * to the log at the end of each invocation, turned into metrics by CloudWatch with no API call.
 * Namespace `Dingo`, one dimension `service` (the function): never the company, whose thousands of
 * values would cost a metric each.
 *
 * - `Event.<type>` — every event the relay put on the bus (orders created, confirmed, shipped;
 *   invoices, payments, tickets, ...): the business's pulse.
 * - `RateLimited`, `ServerError` — answers 429 and 5xx.
 * - `WebhookDelivered`, `WebhookFailed` — webhook attempts.
 * - `JobUnits` — companies a scheduled job's tick handed out.
 *
 * The local cloud sets POWERTOOLS_METRICS_DISABLED: nothing is printed there.
 */
export const metrics = new Metrics({
  namespace: 'Dingo',
  serviceName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'dingo-local',
});

export function count(name: string, value = 1) {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** At the end of an invocation: whatever was counted goes out as one EMF line. */
export function flushMetrics() {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

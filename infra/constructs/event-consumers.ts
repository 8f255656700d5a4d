import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Rule, Schedule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { JOB_UNIT, consumerRules, eventSources, scheduledJobs } from '#shared/events/rules.ts';
import type { ModuleFunction } from './module-function.ts';

/**
 * One EventBridge rule per consumer of the rules table (source + detail-type only), with retries
 * and an SQS dead-letter queue with a depth alarm; one schedule rule per job.
 */
export class EventConsumers extends Construct {
  readonly dlqs = new Map<string, Queue>();

  constructor(
    scope: Construct,
    id: string,
    props: { bus: IEventBus; functions: ReadonlyMap<string, ModuleFunction>; alarms: ITopic },
  ) {
    super(scope, id);
    for (const rule of consumerRules) {
      const fn = props.functions.get(rule.name);
      if (!fn) throw new Error(`no function for consumer ${rule.name}`);
      const dlq = new Queue(this, `${rule.name}-dlq`, {
        retentionPeriod: Duration.days(14),
        enforceSSL: true,
        encryption: QueueEncryption.SQS_MANAGED,
      });
      Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself a dead-letter queue.' });
      this.dlqs.set(rule.name, dlq);
      new Rule(this, `${rule.name}-rule`, {
        ruleName: `dingo-${rule.name}`,
        eventBus: props.bus,
        eventPattern: { source: eventSources(rule.types), detailType: [...rule.types] },
        targets: [
          new LambdaFunction(fn.fn, { retryAttempts: 8, maxEventAge: Duration.hours(24), deadLetterQueue: dlq }),
        ],
      });
      // A target's DLQ holds events EventBridge could not hand to Lambda; what the function itself fails on,
      // after Lambda's own two retries, goes to the same queue (its async invoke's failure destination).
      fn.fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(dlq),
      });
      alarmOn(this, `${rule.name}-dlq-depth`, props.alarms, {
        description: `Events the ${rule.name} consumer could not process`,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
      });
    }
    for (const job of scheduledJobs) {
      const fn = props.functions.get(job.name);
      if (!fn) throw new Error(`no function for job ${job.name}`);
      new Rule(this, `${job.name}-schedule`, {
        schedule: Schedule.expression(job.schedule),
        targets: [new LambdaFunction(fn.fn, { retryAttempts: 2 })],
      });
      alarmOn(this, `${job.name}-errors`, props.alarms, {
        description: `The ${job.name} job failed`,
        metric: fn.fn.metricErrors({ period: Duration.minutes(5) }),
        threshold: 1,
      });
      // Its units: one event per company with work, each retried on its own, the last failure kept in a DLQ.
      const unitDlq = new Queue(this, `${job.name}-units-dlq`, {
        retentionPeriod: Duration.days(14),
        enforceSSL: true,
        encryption: QueueEncryption.SQS_MANAGED,
      });
      Validations.of(unitDlq).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself a dead-letter queue.',
      });
      new Rule(this, `${job.name}-units`, {
        ruleName: `dingo-${job.name}-units`,
        eventBus: props.bus,
        eventPattern: { source: [JOB_UNIT.source], detailType: [JOB_UNIT.detailType], detail: { job: [job.name] } },
        targets: [
          new LambdaFunction(fn.fn, { retryAttempts: 4, maxEventAge: Duration.hours(6), deadLetterQueue: unitDlq }),
        ],
      });
      fn.fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(unitDlq),
      });
      alarmOn(this, `${job.name}-units-dlq-depth`, props.alarms, {
        description: `Companies the ${job.name} job could not process`,
        metric: unitDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
      });
    }
  }
}

/** An alarm that tells the deployment's alarm topic (and whoever subscribed to it) when it fires. */
export function alarmOn(
  scope: Construct,
  id: string,
  topic: ITopic,
  props: { description: string; metric: IMetric; threshold: number },
) {
  const alarm = new Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}

import { scheduledJobs, type ScheduledJob } from '#shared/events/rules.ts';

type Job = (event: Record<string, unknown>) => Promise<unknown>;

/**
 * The local stand-in for EventBridge schedule rules: runs each job of the rules table every
 * `everyMs`, with the Scheduled Event shape, and on demand (tests, or POST /_local/jobs/<name> with an optional `{ time, tenantId }`: as if the
 * schedule ticked at that time, for one company).
 */
export class LocalScheduler {
  private timers: NodeJS.Timeout[] = [];
  readonly runs = new Map<string, { at: string; ok: boolean; error?: string }[]>();

  constructor(
    private readonly load: (job: ScheduledJob) => Promise<Job>,
    private readonly intervals: Record<string, number> = {},
  ) {}

  start() {
    for (const job of scheduledJobs) {
      // Like a schedule with reserved concurrency 1: a tick while the last run is still going is skipped.
      let running = false;
      this.timers.push(
        setInterval(() => {
          if (running) return;
          running = true;
          void this.run(job.name)
            .catch(() => undefined)
            .finally(() => {
              running = false;
            });
        }, this.intervals[job.name] ?? job.everyMs).unref(),
      );
    }
    return this;
  }

  async run(name: string, on: { time?: string; tenantId?: string } = {}): Promise<unknown> {
    const job = scheduledJobs.find((j) => j.name === name);
    if (!job) throw new Error(`no scheduled job ${name}`);
    const log = this.runs.get(name) ?? [];
    this.runs.set(name, log);
    try {
      const handler = await this.load(job);
      const result = await handler({
        version: '0',
        id: crypto.randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        time: on.time ?? new Date().toISOString(),
        region: 'local',
        resources: [`local:rule/${name}`],
        detail: on.tenantId ? { tenantId: on.tenantId } : {},
      });
      log.push({ at: new Date().toISOString(), ok: true });
      return result;
    } catch (error) {
      log.push({ at: new Date().toISOString(), ok: false, error: (error as Error).message });
      throw error;
    }
  }

  stop() {
    for (const t of this.timers) clearInterval(t);
  }
}

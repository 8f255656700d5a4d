import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { consumerRules, eventSources, type ConsumerRule } from '#shared/events/rules.ts';
import type { EventType } from '#shared/events/catalog.ts';
import { freePort, writeFileAtomic } from './processes.ts';

export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}
export interface DeadLetter {
  rule: string;
  event: BusEvent;
  error: string;
  attempts: number;
  failedAt: string;
}
type Consumer = (event: BusEvent) => Promise<unknown>;

export interface BusOptions {
  /** Loads a consumer's handler (the same module the CDK deploys). */
  load: (rule: ConsumerRule) => Promise<Consumer>;
  /** Attempts per delivery (EventBridge retries; the Lambda target's own retries are folded in). */
  attempts?: number;
  backoffMs?: number;
  dlqFile?: string;
  /**
   * Where accepted deliveries are journaled until they succeed or dead-letter. EventBridge keeps
   * an accepted event durably; with a journal the local bus does too, so a crash loses nothing.
   */
  journalFile?: string;
  /** Test knob: wait this long before each delivery (keeps events in flight, e.g. across a crash). */
  delayMs?: number;
}

/**
 * The local EventBridge: serves PutEvents over HTTP for the real relay (via the AWS SDK), matches
 * the rules table by source and detail-type like the CDK rules, delivers asynchronously with
 * exponential back-off, and keeps what still fails in a DLQ that can be listed and redriven.
 */
export class LocalBus {
  readonly dlq: DeadLetter[] = [];
  inflight = 0;
  delivered = 0;
  /** Counters for the cost model: PutEvents calls, events published and consumer runs per rule. */
  putCalls = 0;
  published = 0;
  runs = new Map<string, number>();
  runMs = new Map<string, number>();
  private server?: Server;
  endpoint = '';
  private consumers = new Map<string, Promise<Consumer>>();
  private faults = new Map<string, number>();

  private pending: { rule: ConsumerRule; event: BusEvent }[] = [];

  constructor(private readonly options: BusOptions) {
    if (options.dlqFile && existsSync(options.dlqFile)) {
      for (const line of readFileSync(options.dlqFile, 'utf8').split('\n').filter(Boolean)) {
        try {
          this.dlq.push(JSON.parse(line));
        } catch {
          /* a line torn by a crash */
        }
      }
    }
    if (options.journalFile && existsSync(options.journalFile)) {
      const accepted = new Map<string, { rule: string; event: BusEvent }>();
      for (const line of readFileSync(options.journalFile, 'utf8').split('\n').filter(Boolean)) {
        let entry: { t: 'accepted' | 'settled'; key: string; rule?: string; event?: BusEvent };
        try {
          entry = JSON.parse(line);
        } catch {
          continue;
        } // a line torn by a crash
        if (entry.t === 'accepted') accepted.set(entry.key, { rule: entry.rule!, event: entry.event! });
        else accepted.delete(entry.key);
      }
      // Compact: keep only what is still owed, and deliver it once we are listening.
      writeFileAtomic(
        options.journalFile,
        [...accepted].map(([key, v]) => `${JSON.stringify({ t: 'accepted', key, ...v })}\n`).join(''),
      );
      for (const { rule, event } of accepted.values()) {
        const r = consumerRules.find((x) => x.name === rule);
        if (r) this.pending.push({ rule: r, event });
      }
    }
  }

  private journal(entry: Record<string, unknown>) {
    if (this.options.journalFile) appendFileSync(this.options.journalFile, `${JSON.stringify(entry)}\n`);
  }

  async start(port?: number) {
    const listenPort = port ?? (await freePort());
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        try {
          const target = String(req.headers['x-amz-target'] ?? '');
          if (!target.endsWith('.PutEvents')) throw new Error(`unsupported operation ${target}`);
          this.putCalls += 1;
          const { Entries = [] } = JSON.parse(body) as {
            Entries?: { Source: string; DetailType: string; Detail: string; Time?: number | string }[];
          };
          const results = Entries.map((entry) => ({
            EventId: this.publish(entry.Source, entry.DetailType, JSON.parse(entry.Detail)),
          }));
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ FailedEntryCount: 0, Entries: results }));
        } catch (error) {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ __type: 'ValidationException', message: (error as Error).message }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(listenPort, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${listenPort}`;
    for (const { rule, event } of this.pending.splice(0)) void this.deliver(rule, event, false);
    return this;
  }

  /** Test hook: the next `times` deliveries to `rule` fail after the consumer ran (effect written), before the acknowledgement. */
  injectFaults(rule: string, times: number) {
    this.faults.set(rule, times);
  }

  publish(source: string, detailType: string, detail: unknown): string {
    this.published += 1;
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': detailType,
      source,
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'local',
      resources: [],
      detail,
    };
    for (const rule of consumerRules) {
      if (
        (rule.types as readonly EventType[]).includes(detailType as EventType) &&
        eventSources(rule.types).includes(source)
      ) {
        void this.deliver(rule, event);
      }
    }
    return event.id;
  }

  private consumer(rule: ConsumerRule) {
    let c = this.consumers.get(rule.name);
    if (!c) {
      c = this.options.load(rule);
      this.consumers.set(rule.name, c);
    }
    return c;
  }

  private async deliver(rule: ConsumerRule, event: BusEvent, journal = true) {
    const key = `${event.id}:${rule.name}`;
    if (journal) this.journal({ t: 'accepted', key, rule: rule.name, event });
    const attempts = this.options.attempts ?? 4;
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    const backoff = this.options.backoffMs ?? 200;
    this.inflight += 1;
    let lastError: unknown;
    try {
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        try {
          this.runs.set(rule.name, (this.runs.get(rule.name) ?? 0) + 1);
          const began = performance.now();
          const run = await this.consumer(rule);
          try {
            await run(event);
          } finally {
            this.runMs.set(rule.name, (this.runMs.get(rule.name) ?? 0) + performance.now() - began);
          }
          // An injected fault strikes after the consumer wrote its effect and before the delivery is
          // acknowledged, the moment a crash hurts: the retry then finds the effect done and must not redo it.
          const faults = this.faults.get(rule.name) ?? 0;
          if (faults > 0) {
            this.faults.set(rule.name, faults - 1);
            throw new Error('injected fault after the effect, before the acknowledgement');
          }
          this.delivered += 1;
          this.journal({ t: 'settled', key });
          return;
        } catch (error) {
          lastError = error;
          if (attempt < attempts) await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
        }
      }
      const letter: DeadLetter = {
        rule: rule.name,
        event,
        error: String((lastError as Error)?.message ?? lastError).slice(0, 500),
        attempts,
        failedAt: new Date().toISOString(),
      };
      this.dlq.push(letter);
      if (this.options.dlqFile) appendFileSync(this.options.dlqFile, `${JSON.stringify(letter)}\n`);
      this.journal({ t: 'settled', key });
      process.stderr.write(
        `[bus] ${rule.name} gave up on ${event['detail-type']} ${event.id} after ${attempts} attempts: ${letter.error.replace(/\s+/g, ' ').slice(0, 160)} (in the DLQ)\n`,
      );
    } finally {
      this.inflight -= 1;
    }
  }

  /** Sends every dead letter to its rule again; what fails again returns to the DLQ. */
  redrive(): number {
    const letters = this.dlq.splice(0);
    if (this.options.dlqFile) writeFileSync(this.options.dlqFile, '');
    for (const letter of letters) {
      const rule = consumerRules.find((r) => r.name === letter.rule);
      if (rule) void this.deliver(rule, letter.event);
    }
    return letters.length;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

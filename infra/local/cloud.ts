import { mkdirSync, mkdtempSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { ModuleName } from '#shared/api/route.ts';
import { scheduledJobs, type ConsumerRule } from '#shared/events/rules.ts';
import { startDynamoDb, ensureTable } from './dynamodb.ts';
import { startCognito } from './cognito.ts';
import { LocalBus } from './bus.ts';
import { StreamPoller } from './stream-poller.ts';
import { createGateway } from './gateway.ts';
import { LocalScheduler } from './scheduler.ts';
import { portOrFree, track, writeFileAtomic } from './processes.ts';
import { checkListenHost, lockDataDir, writePrivateFile } from './safety.ts';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const TABLE_NAME = 'dingo';

export interface LocalCloudOptions {
  /** Gateway port; 0 picks a free one. */
  port?: number;
  /** Where data lives across restarts; with `inMemory` a temporary folder holds what must be on disk. */
  dataDir?: string;
  inMemory?: boolean;
  authorizerCacheTtl?: number;
  busAttempts?: number;
  busBackoffMs?: number;
  /** Exposes /_local/faults so tests can make a consumer fail. */
  testHooks?: boolean;
}

export interface LocalCloud {
  url: string;
  dataDir: string;
  endpoints: { dynamodb: string; cognito: string; eventbridge: string };
  bus: LocalBus;
  poller: StreamPoller;
  stop(): Promise<void>;
}

/** Answers a /_local/ request; `true` tells the gateway it was handled. */
function json(res: import('node:http').ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
  return true;
}

/** Starts DynamoDB Local, cognito-local, the bus, the stream poller with the real relay, and the gateway. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const host = process.env.HOST ?? '127.0.0.1';
  checkListenHost(host, process.env.ALLOW_REMOTE === '1');
  const dataDir = options.inMemory
    ? mkdtempSync(join(tmpdir(), 'dingo-'))
    : resolve(options.dataDir ?? join(projectRoot, '.data'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(dataDir);
  const secretFile = join(dataDir, 'cursor-secret');
  writePrivateFile(
    secretFile,
    existsSync(secretFile) ? readFileSync(secretFile, 'utf8') : randomBytes(32).toString('hex'),
  );

  // Ports are kept across restarts: tokens name cognito-local's address as their issuer.
  const portsFile = join(dataDir, 'ports.json');
  let saved: Record<string, number> = {};
  try {
    saved = existsSync(portsFile) ? JSON.parse(readFileSync(portsFile, 'utf8')) : {};
  } catch {
    /* unreadable: pick new ports */
  }
  const ports = {
    dynamodb: await portOrFree(saved.dynamodb),
    cognito: await portOrFree(saved.cognito),
    bus: await portOrFree(saved.bus),
  };
  const [dynamo, cognito] = await Promise.all([
    startDynamoDb({ dir: options.inMemory ? undefined : join(dataDir, 'dynamodb'), port: ports.dynamodb }),
    startCognito({ dir: join(dataDir, 'cognito'), port: ports.cognito }),
  ]);
  ports.dynamodb = dynamo.port;
  if (!options.inMemory) writeFileAtomic(portsFile, JSON.stringify(ports));
  const stopChildren = track([dynamo.child, cognito.child]);
  try {
    await ensureTable(dynamo.client, TABLE_NAME);
    const mailDir = join(dataDir, 'mail');
    Object.assign(process.env, {
      STAGE: 'local',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      COGNITO_ENDPOINT: cognito.endpoint,
      USER_POOL_ID: cognito.poolId,
      USER_POOL_CLIENT_ID: cognito.clientId,
      TOKEN_ISSUER: cognito.issuer,
      JWKS_URL: cognito.jwksUrl,
      CURSOR_SECRET: readFileSync(secretFile, 'utf8'),
      MAIL_DIR: mailDir,
      COGNITO_DATA_DIR: join(dataDir, 'cognito', '.cognito', 'db'),
      EVENT_BUS_NAME: 'dingo',
      JOB_UNITS_IN_PROCESS: '1',
      // Metrics are EMF lines for CloudWatch: nothing to print on a developer's terminal or in tests.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      // The development setting: alert webhooks and robots may call plain-http loopback receivers.
      ALLOW_LOOPBACK_HTTP: process.env.ALLOW_LOOPBACK_HTTP ?? '1',
    });

    const fn = (path: string) => join(projectRoot, 'functions', path);
    const bus = await new LocalBus({
      load: async (rule: ConsumerRule) => (await import(fn(`${rule.module}/${rule.handler}.ts`))).handler,
      attempts: options.busAttempts,
      backoffMs: options.busBackoffMs,
      dlqFile: options.inMemory ? undefined : join(dataDir, 'dlq.jsonl'),
      journalFile: options.inMemory ? undefined : join(dataDir, 'bus-journal.jsonl'),
      delayMs: Number(process.env.BUS_DELAY_MS ?? 0),
    }).start(ports.bus);
    process.env.EVENTBRIDGE_ENDPOINT = bus.endpoint;

    const relay = (await import(fn('outbox-relay.ts'))).handler;
    const poller = new StreamPoller(
      dynamo.client,
      dynamo.endpoint,
      TABLE_NAME,
      relay,
      options.inMemory ? undefined : join(dataDir, 'stream-checkpoint.json'),
    ).start();
    const authorizer = (await import(fn('authorizer.ts'))).handler;
    // Webhook retries are swept every few seconds here (every minute in AWS), so retries are visible while developing.
    const scheduler = new LocalScheduler(async (job) => (await import(fn(`${job.module}/${job.handler}.ts`))).handler, {
      'webhook-retries': Number(process.env.WEBHOOK_SWEEP_MS ?? 5_000),
    }).start();

    const gateway: Server = createGateway({
      loadModule: async (module: ModuleName) => (await import(fn(`${module}/api.ts`))).handler,
      authorizer,
      authorizerCacheTtl: options.authorizerCacheTtl ?? 30,
      webDir: join(projectRoot, 'web', 'dist'),
      local: async (req, res, path) => {
        if (path === '/_local/status')
          return json(res, 200, {
            bus: { inflight: bus.inflight, delivered: bus.delivered, dlq: bus.dlq.length },
            stream: { relayed: poller.relayed, idle: poller.idle, rounds: poller.rounds },
          });
        if (path === '/_local/dlq' && req.method === 'GET') return json(res, 200, { items: bus.dlq });
        if (path === '/_local/dlq/redrive' && req.method === 'POST') return json(res, 200, { redriven: bus.redrive() });
        const jobMatch = /^\/_local\/jobs\/([\w-]+)$/.exec(path);
        if (jobMatch && req.method === 'POST') {
          let body = '';
          for await (const c of req) body += c;
          const on = body ? (JSON.parse(body) as { time?: string; tenantId?: string }) : {};
          if (!scheduledJobs.some((j) => j.name === jobMatch[1]))
            return json(res, 404, { error: `no scheduled job ${jobMatch[1]}` });
          try {
            return json(res, 200, { ran: jobMatch[1], result: (await scheduler.run(jobMatch[1]!, on)) ?? null });
          } catch (error) {
            return json(res, 500, { error: (error as Error).message });
          }
        }
        if (path === '/_local/jobs' && req.method === 'GET')
          return json(res, 200, { runs: Object.fromEntries(scheduler.runs) });
        if (path === '/_local/mail' && req.method === 'GET') {
          const files = existsSync(mailDir) ? readdirSync(mailDir).sort() : [];
          return json(res, 200, {
            items: files.map((f) => ({ file: f, text: readFileSync(join(mailDir, f), 'utf8') })),
          });
        }
        if (options.testHooks && path === '/_local/faults' && req.method === 'POST') {
          let body = '';
          for await (const c of req) body += c;
          const { rule, times } = JSON.parse(body);
          bus.injectFaults(rule, times);
          return json(res, 200, { ok: true });
        }
        return false;
      },
    });
    await new Promise<void>((resolveListen, reject) => {
      gateway.once('error', reject);
      gateway.listen(options.port ?? 0, host, () => resolveListen());
    });
    const address = gateway.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
    return {
      url,
      dataDir,
      bus,
      poller,
      endpoints: { dynamodb: dynamo.endpoint, cognito: cognito.endpoint, eventbridge: bus.endpoint },
      async stop() {
        scheduler.stop();
        poller.stop();
        await new Promise<void>((r) => gateway.close(() => r()));
        gateway.closeAllConnections?.();
        await bus.stop();
        stopChildren();
        unlock();
        if (options.inMemory) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    stopChildren();
    unlock();
    throw error;
  }
}

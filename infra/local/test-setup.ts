import type { TestProject } from 'vitest/node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startLocalCloud } from './cloud.ts';
import { chromiumPath } from './chromium.ts';
import { artifacts, serverLog } from './artifacts.ts';
import { ensureWebBuilt } from './build-web.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium the browser tests launch (see chromium.ts). */
    chromiumPath: string;
    cloud: {
      url: string;
      endpoints: { dynamodb: string; cognito: string; eventbridge: string };
      userPoolId: string;
      userPoolClientId: string;
      issuer: string;
      /** The tenants' request budget in this cloud (requests/s sustained). */
      rateLimitPerSecond: number;
    };
  }
}

/** One local cloud (in memory) per test run: DynamoDB Local, cognito-local, gateway, relay, bus. */
export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL = 'silent';
  // Tests may pin "now" per request (x-dingo-now): see functions/platform/clock.ts.
  process.env.TEST_CLOCK = '1';
  // Server warnings and errors of the whole run, kept for CI and printed by the summary when a test fails.
  mkdirSync(artifacts, { recursive: true });
  process.env.LOG_FILE = serverLog;
  writeFileSync(serverLog, '');
  // The Svix schedule compressed to fractions of a second, swept often: retries play out within a test.
  process.env.WEBHOOK_RETRY_SCHEDULE_MS ??= '0,300,600,900,1200,1500,1800,2100';
  process.env.WEBHOOK_SWEEP_MS ??= '150';
  // One test process drives hundreds of requests a second for a tenant (property-based runs): the budget is raised
  // here; the rate-limit tests give an API key its own small budget, and count a tenant's budget directly.
  process.env.RATE_LIMIT_PER_SECOND ??= '1000';
  // Exports split into zips of 20 KB here (4 MB in AWS), so a test company's export shows the split.
  process.env.EXPORT_ZIP_BYTES ??= '20000';
  ensureWebBuilt();
  // The browser tests' Chromium, unpacked once here (two workers unpacking it at once collide).
  project.provide('chromiumPath', await chromiumPath());
  const cloud = await startLocalCloud({
    inMemory: true,
    authorizerCacheTtl: 30,
    busAttempts: 3,
    busBackoffMs: 50,
    testHooks: true,
  });
  project.provide('cloud', {
    url: cloud.url,
    endpoints: cloud.endpoints,
    userPoolId: process.env.USER_POOL_ID!,
    userPoolClientId: process.env.USER_POOL_CLIENT_ID!,
    issuer: process.env.TOKEN_ISSUER!,
    rateLimitPerSecond: Number(process.env.RATE_LIMIT_PER_SECOND),
  });
  return async () => {
    await cloud.stop();
  };
}

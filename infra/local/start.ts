import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCloud } from './cloud.ts';
import { ensureWebBuilt } from './build-web.ts';
import { checkJava } from './processes.ts';
import { demoLogin, seedDemoTenant } from './seed.ts';

async function main() {
  // Request logs are for debugging (LOG_LEVEL=info); the terminal shows warnings and errors.
  process.env.LOG_LEVEL ??= 'warn';
  const javaProblem = checkJava();
  if (javaProblem) {
    console.error(`✗ ${javaProblem}`);
    process.exit(1);
  }
  ensureWebBuilt();
  const port = Number(process.env.PORT ?? 3000);
  const cloud = await startLocalCloud({
    port,
    dataDir: process.env.DATA_DIR,
    inMemory: process.env.IN_MEMORY === '1',
    testHooks: process.env.TEST_HOOKS === '1',
  });
  const seededFile = join(cloud.dataDir, 'demo-seeded');
  if (!existsSync(seededFile) && process.env.SEED !== '0') {
    await seedDemoTenant(cloud.url);
    writeFileSync(seededFile, new Date().toISOString());
  }
  const url = cloud.url.replace('127.0.0.1', 'localhost');
  console.log(`\nDingo is running: ${url}`);
  console.log(`  Demo login: ${demoLogin.email} / ${demoLogin.password}`);
  console.log(`  API: ${url}/v1 (OpenAPI at ${url}/v1/openapi.json)`);
  console.log(`  Data: ${cloud.dataDir} (DynamoDB Local, cognito-local, mail/)`);
  console.log('  Ctrl-C stops everything.');
  if (process.env.LOCAL_CLOUD_READY_JSON === '1')
    console.log(JSON.stringify({ ready: true, url: cloud.url, endpoints: cloud.endpoints, dataDir: cloud.dataDir }));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`✗ The local cloud did not start: ${error.message}`);
  process.exit(1);
});

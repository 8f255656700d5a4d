import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { bundleOptions, projectRoot } from './functions.ts';

const dir = join(projectRoot, '.test-artifacts', 'bundle');

/** Bundles a snippet exactly as the Lambda functions are bundled, and runs it in a fresh Node. */
async function runBundled(code: string, env: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.ts'), code);
  const outfile = join(dir, 'entry.mjs');
  await build({
    ...bundleOptions,
    banner: { js: bundleOptions.banner },
    entryPoints: [join(dir, 'entry.ts')],
    bundle: true,
    outfile,
    logLevel: 'silent',
  });
  const output = execFileSync(process.execPath, [outfile], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { output, text: readFileSync(outfile, 'utf8') };
}

describe('Lambda bundles', () => {
  it("take the role credentials from the environment, with the SDK's unused default chain left out", async () => {
    const { output, text } = await runBundled(
      `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
       const credentials = await new DynamoDBClient({ region: 'us-east-1' }).config.credentials();
       console.log(JSON.stringify(credentials));`,
      { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session' },
    );
    expect(JSON.parse(output)).toMatchObject({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
    });
    expect(text).not.toContain('defaultProvider::fromSSO'); // the default chain's own log line
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFunction, functionSpecs, projectRoot } from './functions.ts';

const dir = join(projectRoot, '.test-artifacts', 'bundle');

/** Bundles a snippet exactly as the Lambda functions are bundled, and runs it in a fresh Node. */
function runBundled(code: string, env: Record<string, string>) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.ts'), code);
  const bundle = bundleFunction(join(dir, 'entry.ts'), join(dir, 'out'));
  const output = execFileSync(process.execPath, [bundle.entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { output, bundle, text: readFileSync(bundle.entry, 'utf8') };
}

/** Which packages (or project folders) a set of output files carries code of. */
function sourcesOf(bundle: ReturnType<typeof bundleFunction>, files: string[]) {
  const inputs = new Set<string>();
  for (const [out, meta] of Object.entries(bundle.metafile.outputs))
    if (files.includes(join(projectRoot, out))) for (const input of Object.keys(meta.inputs)) inputs.add(input);
  return [...inputs];
}

/**
 * Builds a function as deployed and checks that each part (a path fragment of its sources) is in the bundle
 * but in none of the files its cold start loads. Answers every source the bundle carries.
 */
function expectOnDemand(id: string, parts: string[]) {
  const spec = functionSpecs().find((s) => s.id === id)!;
  const bundle = bundleFunction(spec.entry, join(dir, id));
  const atStart = sourcesOf(bundle, bundle.initFiles);
  const all = sourcesOf(
    bundle,
    Object.keys(bundle.metafile.outputs).map((o) => join(projectRoot, o)),
  );
  for (const part of parts) {
    expect(
      all.some((i) => i.includes(part)),
      part,
    ).toBe(true);
    expect(
      atStart.some((i) => i.includes(part)),
      part,
    ).toBe(false);
  }
  return all;
}

describe('Lambda bundles', () => {
  it("take the role credentials from the environment, with the SDK's unused default chain left out", () => {
    const { output, text } = runBundled(
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

  // Guarantees: a library import()ed at its point of use is neither read nor parsed by a cold start, and still loads when called.
  it('put what is import()ed in a chunk of its own that loads on demand, CommonJS inside it included', () => {
    const { output, bundle } = runBundled(
      `export async function decode() {
         const { default: iconv } = await import('iconv-lite'); // CommonJS: its chunk needs the require() banner
         return iconv.decode(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), 'gbk');
       }
       console.log(await decode());`,
      {},
    );
    expect(output.trim()).toBe('你好');
    expect(sourcesOf(bundle, bundle.initFiles).some((i) => i.includes('iconv-lite'))).toBe(false);
    expect(Object.keys(bundle.metafile.outputs).some((o) => o.includes('/chunks/'))).toBe(true);
  });

  // Guarantees: the spreadsheet, GBK and pinyin libraries and the Cognito client stay out of the import runner's cold start.
  it("keep a function's heavy, rarely used libraries out of what its cold start loads", () => {
    expectOnDemand(
      'ImportsRunner',
      ['exceljs', 'iconv-lite', 'pinyin-pro', '@aws-sdk/client-cognito-identity-provider'].map((p) => `/${p}/`),
    );
  });

  // Guarantees: STS (only to assume the tenant role) is in no cold start
  // (platform/db.ts), and the after-sales API starts without what only its job or a few routes use.
  it('leave what only some paths of the after-sales API use out of its cold start, and still ship it', () => {
    const all = expectOnDemand('AftersalesApi', [
      'node_modules/@aws-sdk/client-sts/', // loaded with the first AssumeRole
      'functions/finance/credit-notes.ts', // receiving a return, the credit-note routes
      'functions/inventory/service.ts', // receiving a return
      'functions/orders/actions/', // an exchange's replacement order
      'functions/aftersales/report.ts',
      'functions/aftersales/timeline.ts',
    ]);
    // The ticket SLA job alone opens alerts: the API does not ship the alerts service at all.
    expect(all.some((i) => i.includes('functions/alerts/'))).toBe(false);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleFunction, functionSpecs, projectRoot } from '../infra/functions.ts';
import { median } from './stats.ts';

export interface ColdInit {
  /** The entry file plus the chunks it imports statically (what a cold start loads), in KB. */
  kb: number;
  /**
   * How many files that is: each ES module a start loads costs ~0.3 ms of its own (read, compile, link) on this
   * machine, so a cut in KB that splits the start into more chunks can cost more than it saves.
   */
  files: number;
  /** Wall time of a fresh Node that imports the bundle. */
  coldInitMs: number;
  /** The same start importing only the DynamoDB client, the part no function can avoid. */
  baselineMs: number;
  ratio: number;
  /**
   * The same two in CPU time (user + system, all threads, as the process itself counts it): on a shared
   * machine the wall times carry the neighbours' load, the CPU times much less.
   */
  coldInitCpuMs: number;
  baselineCpuMs: number;
  cpuRatio: number;
}

/** The floor every function stands on: a fresh Node that loads and constructs the DynamoDB document client. */
const BASELINE = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));
`;

/** Alternating runs per function; COLD_RUNS=25 narrows the medians when the machine is busy. */
const COLD_RUNS = Number(process.env.COLD_RUNS) || 9;

/** What a deployed function has in its environment at init, as far as module scope reads it. */
const lambdaEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  TABLE_NAME: 't',
  TOKEN_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/x',
  USER_POOL_CLIENT_ID: 'x',
  AWS_REGION: 'us-east-1',
});

/** One cold start: a new Node process that imports the file and reports the CPU time it spent. */
function coldImport(file: string, env: NodeJS.ProcessEnv) {
  const url = JSON.stringify(pathToFileURL(file).href);
  const started = performance.now();
  const cpu = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `await import(${url}); const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000));`,
    ],
    { env, encoding: 'utf8' },
  );
  return { wall: performance.now() - started, cpu: Number(cpu) };
}

/**
 * Builds every function's bundle as the CDK does (infra/functions.ts `bundleFunction`) and a baseline bundle
 * of the DynamoDB client alone, then times cold imports of each in a fresh Node, alternating baseline and
 * bundle so both see the same machine load; medians of COLD_RUNS. `only` limits it to some function ids.
 */
export async function measureBundles(outDir: string, only?: readonly string[]): Promise<Record<string, ColdInit>> {
  mkdirSync(outDir, { recursive: true });
  // Each bundle's own folder is emptied first (chunk names carry hashes); the rest of outDir is left alone.
  const fresh = (dir: string) => {
    rmSync(dir, { recursive: true, force: true });
    return dir;
  };
  const baselineSource = join(outDir, 'baseline.ts');
  writeFileSync(baselineSource, BASELINE);
  const baseline = bundleFunction(baselineSource, fresh(join(outDir, 'Baseline')));
  const env = lambdaEnv();
  coldImport(baseline.entry, env); // the first start of a file pays for the disk cache

  const out: Record<string, ColdInit> = {};
  for (const spec of functionSpecs().filter((s) => !only?.length || only.includes(s.id))) {
    const bundle = bundleFunction(spec.entry, fresh(join(outDir, spec.id)));
    coldImport(bundle.entry, env);
    const baseRuns: { wall: number; cpu: number }[] = [];
    const initRuns: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < COLD_RUNS; i += 1) {
      baseRuns.push(coldImport(baseline.entry, env));
      initRuns.push(coldImport(bundle.entry, env));
    }
    const [baselineMs, coldInitMs] = [median(baseRuns.map((r) => r.wall)), median(initRuns.map((r) => r.wall))];
    const [baselineCpuMs, coldInitCpuMs] = [median(baseRuns.map((r) => r.cpu)), median(initRuns.map((r) => r.cpu))];
    out[spec.id] = {
      kb: bundle.initBytes / 1024,
      files: bundle.initFiles.length,
      coldInitMs,
      baselineMs,
      ratio: coldInitMs / baselineMs,
      coldInitCpuMs,
      baselineCpuMs,
      cpuRatio: coldInitCpuMs / baselineCpuMs,
    };
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `npx tsx bench/cold-init.ts [FunctionId...]`: all functions, or only those named.
  const results = await measureBundles(join(projectRoot, 'bench', '.out', 'cold-init'), process.argv.slice(2));
  const rows = Object.entries(results).map(([id, r]) => [
    id,
    r.kb.toFixed(0),
    String(r.files),
    r.coldInitMs.toFixed(0),
    r.baselineMs.toFixed(0),
    r.ratio.toFixed(2),
    r.coldInitCpuMs.toFixed(0),
    r.baselineCpuMs.toFixed(0),
    r.cpuRatio.toFixed(2),
  ]);
  const head = [
    'function',
    'KB (entry + static chunks)',
    'files',
    'cold init ms',
    'baseline ms',
    'ratio',
    'CPU ms',
    'baseline CPU ms',
    'CPU ratio',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows])
    console.log(r.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));
  const over = Object.entries(results).filter(([, r]) => r.kb > 500 || r.ratio > 1.3);
  console.log(
    over.length ? `over ≤ 500 KB / ≤ 1.3: ${over.map(([id]) => id).join(', ')}` : 'all within ≤ 500 KB and ≤ 1.3',
  );
}

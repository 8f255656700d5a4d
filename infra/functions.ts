import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { routes } from '#shared/api/routes.ts';
import { consumerRules, scheduledJobs } from '#shared/events/rules.ts';
import type { ModuleName } from '#shared/api/route.ts';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export interface FunctionSpec {
  id: string;
  entry: string;
  kind: 'http' | 'authorizer' | 'relay' | 'consumer' | 'job';
  module?: ModuleName;
}

const pascal = (s: string) => s.replace(/(^|[-_/])(\w)/g, (_, __, c: string) => c.toUpperCase());

/**
 * Every Lambda of the product, derived from the route table (one per module) and the rules
 * table (one per consumer and job), plus the authorizer and the relay. The CDK app and the
 * bundle benchmark both read this list.
 */
export function functionSpecs(): FunctionSpec[] {
  const modules = [...new Set(routes.map((r) => r.module))];
  return [
    ...modules.map((m) => ({
      id: `${pascal(m)}Api`,
      entry: join(projectRoot, 'functions', m, 'api.ts'),
      kind: 'http' as const,
      module: m,
    })),
    { id: 'Authorizer', entry: join(projectRoot, 'functions', 'authorizer.ts'), kind: 'authorizer' },
    { id: 'OutboxRelay', entry: join(projectRoot, 'functions', 'outbox-relay.ts'), kind: 'relay' },
    ...consumerRules.map((r) => ({
      id: pascal(r.name),
      entry: join(projectRoot, 'functions', r.module, `${r.handler}.ts`),
      kind: 'consumer' as const,
      module: r.module,
    })),
    ...scheduledJobs.map((j) => ({
      id: pascal(j.name),
      entry: join(projectRoot, 'functions', j.module, `${j.handler}.ts`),
      kind: 'job' as const,
      module: j.module,
    })),
  ];
}

/** esbuild options shared by the CDK bundling and the benchmark: ESM, minified, SDK bundled. */
export const bundleOptions = {
  format: 'esm' as const,
  platform: 'node' as const,
  target: 'node24',
  minify: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  // Lambda has its credentials in the environment: the SDK's default chain is replaced (infra/lambda/credentials.ts).
  alias: { '@aws-sdk/credential-provider-node': './infra/lambda/credentials.ts' },
  absWorkingDir: projectRoot,
};

export interface FunctionBundle {
  /** The file Lambda loads (`index.mjs`, handler `index.handler`). */
  entry: string;
  /** The entry and every chunk it imports statically: what a cold start loads before the handler exists. */
  initFiles: string[];
  /** Size of `initFiles` in bytes. */
  initBytes: number;
  metafile: Metafile;
}

/**
 * Builds one function's bundle into `outDir/index.mjs`: the CDK's asset, `npm run build:functions` and the
 * benchmark all call this, so what is measured is what is deployed.
 */
export async function bundleFunction(entry: string, outDir: string): Promise<FunctionBundle> {
  const outfile = join(outDir, 'index.mjs');
  const result = await build({
    ...bundleOptions,
    banner: { js: bundleOptions.banner },
    entryPoints: [entry],
    bundle: true,
    sourcemap: true,
    outfile,
    metafile: true,
    logLevel: 'warning',
  });
  return { entry: outfile, initFiles: [outfile], initBytes: statSync(outfile).size, metafile: result.metafile };
}

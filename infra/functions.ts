import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, type Metafile } from 'esbuild';
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
  // Chinese text (the problem catalog, notifications, print) as UTF-8, not \uXXXX escapes twice its size.
  charset: 'utf8' as const,
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
 * Builds one function's bundle into `outDir`: `index.mjs`, and in `chunks/` what it loads on demand. Libraries
 * only some operations use (exceljs, iconv-lite, pinyin-pro, the Cognito client...) are `import()`ed where
 * used, so a cold start neither reads nor parses them. The CDK asset, `npm run build:functions` and the
 * benchmark all build through this, so what is measured is what is deployed. Synchronous: the CDK's local
 * bundling hook is. `maps` writes external source maps beside the files without linking them, for
 * decoding a logged stack offline: the code is byte for byte the deployed one, and a cold start never reads
 * a map (Node's --enable-source-maps costs ~15% of init).
 */
export function bundleFunction(entry: string, outDir: string, { maps = false } = {}): FunctionBundle {
  const result = buildSync({
    ...bundleOptions,
    banner: { js: bundleOptions.banner },
    entryPoints: { index: entry },
    bundle: true,
    splitting: true,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: maps ? 'external' : false,
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  // Dynamically imported modules are entry points in the metafile too: the function's own is index.mjs.
  const entryOut = relative(projectRoot, join(outDir, 'index.mjs'));
  const initFiles: string[] = [];
  const visit = (out: string) => {
    if (initFiles.includes(out)) return;
    initFiles.push(out);
    for (const i of outputs[out]!.imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entryOut);
  return {
    entry: join(projectRoot, entryOut),
    initFiles: initFiles.map((f) => join(projectRoot, f)),
    initBytes: initFiles.reduce((sum, f) => sum + outputs[f]!.bytes, 0),
    metafile: result.metafile,
  };
}

import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, functionSpecs, projectRoot } from './functions.ts';

/** `npm run build:functions`: the Lambda bundles as the CDK makes them, in dist/functions/<id>.mjs. */
const out = join(projectRoot, 'dist', 'functions');
mkdirSync(out, { recursive: true });
for (const spec of functionSpecs()) {
  const outfile = join(out, `${spec.id}.mjs`);
  await build({
    ...bundleOptions,
    banner: { js: bundleOptions.banner },
    entryPoints: [spec.entry],
    bundle: true,
    sourcemap: true,
    outfile,
    logLevel: 'warning',
  });
  console.log(`${spec.id.padEnd(20)} ${(statSync(outfile).size / 1024).toFixed(0)} KB`);
}

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleFunction, functionSpecs, projectRoot } from './functions.ts';

/**
 * `npm run build:functions`: the Lambda bundles as the CDK makes them, in dist/functions/<id>/, with source
 * maps beside them (not linked, not deployed) to decode a stack trace from the logs.
 */
const out = join(projectRoot, 'dist', 'functions');
rmSync(out, { recursive: true, force: true }); // chunk names carry hashes: an earlier build's would linger
for (const spec of functionSpecs()) {
  const bundle = bundleFunction(spec.entry, join(out, spec.id), { maps: true });
  console.log(`${spec.id.padEnd(20)} ${(bundle.initBytes / 1024).toFixed(0)} KB at cold start`);
}

import { join } from 'node:path';
import { bundleFunction, functionSpecs, projectRoot } from './functions.ts';

/** `npm run build:functions`: the Lambda bundles as the CDK makes them, in dist/functions/<id>/. */
const out = join(projectRoot, 'dist', 'functions');
for (const spec of functionSpecs()) {
  const bundle = await bundleFunction(spec.entry, join(out, spec.id));
  console.log(`${spec.id.padEnd(20)} ${(bundle.initBytes / 1024).toFixed(0)} KB`);
}

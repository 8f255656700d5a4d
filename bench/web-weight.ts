/**
 * First-load JavaScript of every route of the web app, gzip, from Vite's manifest (`build.manifest: true`).
 * A route's first load: the entry's chunks, the signed-in shell's and the route's page chunk with all they
 * import statically. What a page loads on demand (dynamic import: the charts' ECharts, the other language) is
 * not first load. `npx tsx bench/web-weight.ts [distDir]` prints every route and its biggest chunks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
type Manifest = Record<string, ManifestChunk>;

export type RouteWeight = { page: string; kb: number };
export type RouteChunks = RouteWeight & { chunks: { file: string; kb: number }[] };

/** Every route's first load with the chunks it is made of, heaviest route first ('login': the entry alone). */
export function weighRouteChunks(distDir: string): RouteChunks[] {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const closure = (key: string, into = new Set<string>()) => {
    if (into.has(key)) return into;
    into.add(key);
    for (const k of manifest[key]?.imports ?? []) closure(k, into);
    return into;
  };
  const gz = new Map<string, number>();
  const gzipKb = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(distDir, file))).length);
    return gz.get(file)! / 1024;
  };
  const route = (page: string, keys: Set<string>): RouteChunks => {
    const chunks = [...keys]
      .map((k) => ({ file: manifest[k]!.file, kb: gzipKb(manifest[k]!.file) }))
      .sort((a, b) => b.kb - a.kb);
    return { page, kb: chunks.reduce((sum, c) => sum + c.kb, 0), chunks };
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const shellKey = Object.keys(manifest).find((k) => k.endsWith('components/Shell.tsx'))!;
  const pageKeys = (manifest[entryKey]!.dynamicImports ?? []).filter((k) => /features\/.+Page\.tsx$/.test(k));
  return [
    route('login', closure(entryKey)),
    ...pageKeys.map((k) =>
      route(
        k.replace(/^.*\//, '').replace(/\.tsx$/, ''),
        new Set([...closure(entryKey), ...closure(shellKey), ...closure(k)]),
      ),
    ),
  ].sort((a, b) => b.kb - a.kb);
}

/** Every route's first load in KB gzip, heaviest first ('login': the entry alone). */
export function weighRoutes(distDir: string): RouteWeight[] {
  return weighRouteChunks(distDir).map(({ page, kb }) => ({ page, kb }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] ?? fileURLToPath(new URL('../web/dist', import.meta.url));
  const budget = 350;
  const routes = weighRouteChunks(dist);
  for (const r of routes) {
    const biggest = r.chunks
      .slice(0, 4)
      .map((c) => `${c.file.replace(/^assets\//, '')} ${c.kb.toFixed(0)}`)
      .join(', ');
    console.log(`${r.kb > budget ? '✗' : ' '} ${r.page.padEnd(24)} ${r.kb.toFixed(0).padStart(4)} KB  (${biggest})`);
  }
  const over = routes.filter((r) => r.kb > budget).length;
  console.log(`\n${routes.length} routes; ${over} over ${budget} KB gzip; heaviest ${routes[0]!.page}`);
}

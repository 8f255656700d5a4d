import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { routes } from '../shared/api/routes.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The browser needs each operation's method, path and auth, not its zod schemas: this virtual
 * module is that slice of the route table, computed at build time (types still come from shared/).
 */
function routeIndex(): Plugin {
  const id = 'virtual:dingo-routes';
  return {
    name: 'dingo-route-index',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => {
      if (resolved !== `\0${id}`) return undefined;
      const index = Object.fromEntries(
        routes.map((r) => [r.operationId, { method: r.method, path: r.path, auth: r.auth }]),
      );
      return `export const routeIndex = ${JSON.stringify(index)};`;
    },
  };
}

/**
 * The API reference page loads Scalar's standalone bundle (4 MB) only when opened: it is emitted
 * as a file of its own, not bundled into any chunk.
 */
function scalarStandalone(): Plugin {
  const id = 'virtual:scalar-standalone';
  const file = 'assets/scalar-standalone.js';
  const source = () =>
    readFileSync(
      fileURLToPath(new URL('../node_modules/@scalar/api-reference/dist/browser/standalone.js', import.meta.url)),
    );
  return {
    name: 'dingo-scalar-standalone',
    resolveId: (s) => (s === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? `export default '/${file}';` : undefined),
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: file, source: source() });
    },
    configureServer(server) {
      server.middlewares.use(`/${file}`, (_req, res) => {
        res.setHeader('content-type', 'text/javascript');
        res.end(source());
      });
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), routeIndex(), scalarStandalone()],
  resolve: { alias: { '#shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Which chunks each page loads (the benchmark weighs every route's first load from it).
    manifest: true,
  },
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});

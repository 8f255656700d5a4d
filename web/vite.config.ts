import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
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
      const index = Object.fromEntries(routes.map((r) => [r.operationId, { method: r.method, path: r.path, auth: r.auth }]));
      return `export const routeIndex = ${JSON.stringify(index)};`;
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), routeIndex()],
  resolve: { alias: { '#shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});

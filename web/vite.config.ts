import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { routes } from '../shared/api/routes.ts';
import { en, zhCN } from './src/locales.ts';
import { messageBundles, pickMessages } from './src/message-bundles.ts';

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
 * Each language's messages, one module per bundle (src/message-bundles.ts), picked at build time from
 * locales.ts: the browser loads only the bundles it shows, in the language it shows.
 * `virtual:messages` maps language and bundle to its loader.
 */
function messages(): Plugin {
  const id = 'virtual:messages';
  const dictionaries = { 'zh-CN': zhCN, en };
  const bundleId = (lang: string, bundle: string) => `${id}/${lang}/${bundle}`;
  return {
    name: 'dingo-messages',
    resolveId: (source) => (source === id || source.startsWith(`${id}/`) ? `\0${source}` : undefined),
    load: (resolved) => {
      if (resolved === `\0${id}`) {
        const loaders = Object.keys(dictionaries).map(
          (lang) =>
            `${JSON.stringify(lang)}: {${Object.keys(messageBundles)
              .map((bundle) => `${bundle}: () => import(${JSON.stringify(bundleId(lang, bundle))})`)
              .join(', ')}}`,
        );
        return `export const messages = {${loaders.join(', ')}};`;
      }
      const match = resolved.match(/^\0virtual:messages\/([^/]+)\/(\w+)$/);
      if (!match) return undefined;
      const [, lang, bundle] = match as unknown as [string, keyof typeof dictionaries, keyof typeof messageBundles];
      return `export default ${JSON.stringify(pickMessages(dictionaries[lang], messageBundles[bundle]))};`;
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
  plugins: [react(), routeIndex(), messages(), scalarStandalone()],
  resolve: { alias: { '#shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Which chunks each page loads (the benchmark weighs every route's first load from it).
    manifest: true,
    rolldownOptions: {
      output: {
        // Everything the first screen imports is one chunk: the entry already waits for all of it, and each
        // of the dozens of small shared chunks it was split into costs a request, imports and exports.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
        // A message bundle's chunk says its language and bundle (messages-en-orders-….js).
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.startsWith('\0virtual:messages/')
            ? `assets/messages-${chunk.facadeModuleId.split('/').slice(1).join('-')}-[hash].js`
            : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { proxy: { '/v1': 'http://localhost:3000' } },
});

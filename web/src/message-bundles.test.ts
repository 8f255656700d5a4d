import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en, zhCN } from './locales.ts';
import { messageBundles, pickMessages, type Feature } from './message-bundles.ts';

const src = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
  .map((f) => join(src, f));
const code = new Map(sources.map((f) => [f, readFileSync(f, 'utf8')]));

/** Whether the dictionary has this key or subtree. */
const has = (path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], zhCN) !==
  undefined;

/**
 * The message keys a file names: each literal that is a key or subtree of locales.ts ('orders.title'),
 * and each template's fixed head (`orders.statuses.${s}` reads the subtree orders.statuses).
 */
function keysRead(file: string): string[] {
  const text = code.get(file)!;
  const found = new Set<string>();
  for (const [, path] of text.matchAll(/['"`]([a-zA-Z]\w*(?:\.\w+)*)(?=\.\$\{|['"`])/g)) {
    // A lone section name is a key only as a template's head (`stages.${s}`): 'orders' alone is a query key.
    const named = path!.includes('.') || text.includes(`\`${path}.\${`);
    if (named && has(path!)) found.add(path!);
  }
  return [...found];
}

/** The modules a file loads with it: its imports, and what it loads on demand (App.tsx's pages aside). */
function imported(file: string): string[] {
  const router = file.endsWith('App.tsx');
  return [...code.get(file)!.matchAll(/(?:^import (?!type )[^;]*? from |^export [^;]*? from |import\()'(\.[^']+)'/gms)]
    .filter(([statement]) => !(router && statement.startsWith('import(')))
    .map(([, path]) => resolve(dirname(file), path!));
}

const closure = (file: string, into = new Set<string>()): Set<string> => {
  if (into.has(file)) return into;
  into.add(file);
  for (const next of imported(file)) closure(next, into);
  return into;
};

const covered = (bundles: readonly (readonly string[])[], key: string) =>
  bundles.some((paths) => paths.some((p) => key === p || key.startsWith(`${p}.`)));

/** The keys read by these modules that the bundles do not hold, with where each is read. */
const missing = (files: Set<string>, bundles: readonly (readonly string[])[]) =>
  [...files].flatMap((f) =>
    keysRead(f)
      .filter((k) => !covered(bundles, k))
      .map((k) => `${relative(src, f)}: ${k}`),
  );

const pages = [
  ...code
    .get(join(src, 'App.tsx'))!
    .matchAll(/page\(\s*'(\w+)',\s*\(\) => import\('\.\/(features\/(\w+)\/\w+\.tsx)'\)/g),
].map(([, feature, path, folder]) => ({ feature: feature as Feature, file: join(src, path!), folder: folder! }));

describe('message bundles', () => {
  it('name only keys that exist, in both languages', () => {
    for (const paths of Object.values(messageBundles)) {
      expect(() => pickMessages(zhCN, paths)).not.toThrow();
      expect(() => pickMessages(en, paths)).not.toThrow();
    }
  });

  // Guarantees: the first screen and the app frame never show a key untranslated (they render once core is here).
  it('core holds every key the entry, the login page and the app frame read', () => {
    const frame = new Set([...closure(join(src, 'main.tsx')), ...closure(join(src, 'components/Shell.tsx'))]);
    expect(missing(frame, [messageBundles.core])).toEqual([]);
  });

  // Guarantees: a page never shows a key untranslated (it renders once core and its feature's bundle are here).
  it("holds every key a page reads in core or its feature's bundle", () => {
    expect(pages.length).toBe(code.get(join(src, 'App.tsx'))!.match(/= page\(/g)!.length);
    expect(pages.filter((p) => p.feature !== p.folder)).toEqual([]);
    const unheld = pages.flatMap(({ feature, file }) =>
      missing(closure(file), [messageBundles.core, messageBundles[feature]]).map((m) => `${feature} bundle, ${m}`),
    );
    expect(unheld).toEqual([]);
  });
});

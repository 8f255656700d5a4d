import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problems, type ProblemCode } from './problems.ts';
import { routes } from './routes.ts';
import { openApiDocument, routeProblems } from './openapi.ts';
import type { RouteDef } from './route.ts';

const root = new URL('../..', import.meta.url).pathname;
function files(dir: string, test: (f: string) => boolean): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(join(root, path)).isDirectory() ? files(path, test) : test(path) ? [path] : [];
  });
}
const source = ['functions', 'infra', 'shared'].flatMap((d) =>
  files(d, (f) => f.endsWith('.ts') && !f.endsWith('.test.ts')),
);
const tests = ['functions', 'infra', 'shared', 'web'].flatMap((d) => files(d, (f) => f.endsWith('.test.ts')));
const testText = tests.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');

describe('the problem catalog', () => {
  // Guarantees: every code a person can meet has words in both languages.
  it('gives every code a status and a text in zh-CN and en', () => {
    for (const [code, d] of Object.entries(problems)) {
      expect(d.text['zh-CN'].trim(), code).not.toBe('');
      expect(d.text.en.trim(), code).not.toBe('');
      expect(d.status, code).toBeGreaterThanOrEqual(400);
    }
  });

  // Guarantees: nothing answers with a code the catalog (and so the OpenAPI document and the web app) does not know.
  it('holds every code the code base answers with', () => {
    const used = new Set<string>();
    const patterns = [
      /new (?:ConflictError|UnprocessableError|Problem)\(\s*'([a-z_]+)'/g,
      /new (?:ForbiddenError|UnauthorizedError)\(\s*(?:'[^']*'|`[^`]*`)\s*,\s*'([a-z_]+)'/g,
      /new HttpError\(\s*\d+,\s*'([a-z_]+)'/g,
      /problem\(\s*(?:res,\s*)?\d+,\s*'([a-z_]+)'/g,
      /new OrderRuleError\(\s*'([a-z_]+)'/g,
    ];
    for (const f of source) {
      const text = readFileSync(join(root, f), 'utf8');
      for (const p of patterns) for (const m of text.matchAll(p)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((c) => !(c in problems))).toEqual([]);
  });

  // Guarantees: every code is provoked by some test, or the catalog says why it cannot be.
  it('has a test that provokes each code', () => {
    const untested = (Object.keys(problems) as ProblemCode[]).filter(
      (code) => !('untestable' in problems[code]) && !testText.includes(`'${code}'`),
    );
    expect(untested).toEqual([]);
  });

  it('is published by the OpenAPI document, and each route lists the codes it may answer', () => {
    const doc = openApiDocument() as unknown as {
      'x-problems': Record<string, { status: number; title: { en: string } }>;
      paths: Record<string, Record<string, { responses: Record<string, { 'x-problem-codes'?: string[] }> }>>;
      components: { schemas: { Problem: { properties: Record<string, unknown> } } };
    };
    expect(Object.keys(doc['x-problems']).sort()).toEqual(Object.keys(problems).sort());
    expect(doc.components.schemas.Problem.properties).toHaveProperty('instance');
    const submit = doc.paths['/v1/orders/{id}/submit']!.post!.responses;
    expect(submit['409']!['x-problem-codes']).toEqual(
      expect.arrayContaining(['insufficient_stock', 'invalid_transition']),
    );
    expect(submit['412']!['x-problem-codes']).toEqual(['stale_version']);
    for (const r of routes as readonly RouteDef[]) {
      const listed = Object.values(doc.paths[r.path]![r.method.toLowerCase()]!.responses).flatMap(
        (x) => x['x-problem-codes'] ?? [],
      );
      expect(listed.sort(), r.operationId).toEqual(routeProblems(r).sort());
    }
  });
});

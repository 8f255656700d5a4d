import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('.', import.meta.url).pathname;
const modules = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'platform')
  .map((d) => d.name);

describe('module boundaries', () => {
  // Guarantees: a module reaches another only through that module's service; its store (access patterns, keys) stays private.
  it("no module imports another module's store", () => {
    const crossings: string[] = [];
    for (const module of modules) {
      for (const file of readdirSync(join(root, module)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        const text = readFileSync(join(root, module, file), 'utf8');
        for (const m of text.matchAll(/from '(?:#functions\/|\.\.\/)([a-z-]+)\/store(?:\.ts)?'/g)) {
          if (m[1] !== module) crossings.push(`${module}/${file} imports ${m[1]}/store.ts`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  // Guarantees: transactions go through platform/transact.ts, so every condition failure is mapped in one place.
  it('writes transactions only through platform/transact.ts', () => {
    const direct: string[] = [];
    for (const module of modules) {
      for (const file of readdirSync(join(root, module)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        if (/new TransactWriteCommand\(/.test(readFileSync(join(root, module, file), 'utf8')))
          direct.push(`${module}/${file}`);
      }
    }
    expect(direct).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { routes } from './routes.ts';
import type { RouteDef } from './route.ts';
import { requestExamples } from './examples.ts';
import { openApiDocument } from './openapi.ts';
import { api } from '#infra/local/testing.ts';

describe('GET /v1/openapi.json', () => {
  it('is OpenAPI 3.1 with every route of the table, its roles, scopes and error responses', async () => {
    const { status, body: doc } = await api('/v1/openapi.json');
    expect(status).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    const ids = new Set<string>();
    for (const r of routes) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op.operationId).toBe(r.operationId);
      expect(op['x-roles']).toEqual([...r.roles]);
      expect(
        op.responses[String(r.status)].content[(r as RouteDef).contentType ?? 'application/json'].schema,
      ).toBeTypeOf('object');
      expect(op.responses['400'].content['application/problem+json']).toBeDefined();
      if (r.auth === 'tenant') expect(op.security).toEqual([{ bearer: [] }]);
      if ('body' in r && r.body) {
        // A closed object, or a choice of closed objects (a count sheet as lines or as a file).
        const schema = op.requestBody.content['application/json'].schema;
        for (const s of schema.anyOf ?? [schema]) expect(s.additionalProperties).toBe(false);
      }
      ids.add(op.operationId);
    }
    expect(ids.size).toBe(routes.length);
  });
});

describe('request examples', () => {
  it('has an example for every operation with a body, valid against its schema, and shows it in the document', () => {
    const doc = openApiDocument();
    for (const r of routes as readonly RouteDef[]) {
      if (!r.body) continue;
      const example = requestExamples[r.operationId as keyof typeof requestExamples];
      expect(example, r.operationId).toBeDefined();
      const parsed = r.body.safeParse(example);
      expect(parsed.success, `${r.operationId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      const op = (
        doc.paths as Record<string, Record<string, { requestBody: { content: Record<string, { example: unknown }> } }>>
      )[r.path]![r.method.toLowerCase()]!;
      expect(op.requestBody.content['application/json']!.example).toEqual(example);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { routes } from './routes.ts';
import type { RouteDef } from './route.ts';
import { requestExamples } from './examples.ts';
import { openApiDocument } from './openapi.ts';
import SwaggerParser from '@apidevtools/swagger-parser';
import { publicEventTypes } from '#shared/events/catalog.ts';
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

describe('the OpenAPI document for generated clients', () => {
  it('is valid to an independent validator, names its resources, documents ETag and Location, and has a webhook per public event', async () => {
    const doc = openApiDocument() as Record<string, any>;
    // swagger-parser dereferences in place: it gets a copy. It throws on an invalid document.
    await SwaggerParser.validate(structuredClone(doc) as never);
    for (const name of ['Order', 'Customer', 'Product', 'Invoice', 'Payment', 'Supplier', 'Ticket', 'Money', 'Problem'])
      expect(doc.components.schemas[name], name).toBeTypeOf('object');
    expect(doc.paths['/v1/orders/{id}'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Order',
    });
    // Every reference points at a schema that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(100);
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref], ref).toBeDefined();
    expect(doc.paths['/v1/orders'].post.responses['201'].headers).toMatchObject({ ETag: {}, Location: {} });
    expect(doc.paths['/v1/orders/{id}'].get.responses['200'].headers).toMatchObject({ ETag: {} });
    expect(Object.keys(doc.webhooks).sort()).toEqual([...publicEventTypes].sort());
    const created = doc.webhooks['order.created'].post.requestBody.content['application/json'].schema;
    expect(created.properties.type).toMatchObject({ const: 'order.created' });
    expect(created.properties.data).toEqual({ $ref: '#/components/schemas/Order' });
  });
});

import * as z from 'zod';
import { routes } from './routes.ts';
import { Problem } from './common.ts';
import { requestExamples } from './examples.ts';
import type { RouteDef } from './route.ts';

const json = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** OpenAPI 3.1, generated from the route table: never edited by hand. */
export function openApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: unknown[] = [];
    const params = 'params' in r ? r.params : undefined;
    const query = 'query' in r ? r.query : undefined;
    const body = 'body' in r ? r.body : undefined;
    for (const [source, schema] of [
      ['path', params],
      ['query', query],
    ] as const) {
      if (!schema) continue;
      const shape = json(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(shape.properties ?? {})) {
        parameters.push({
          name,
          in: source,
          required: source === 'path' || (shape.required ?? []).includes(name),
          schema: s,
        });
      }
    }
    if (r.method === 'POST' && r.auth === 'tenant') {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
        description: 'Same key and body within 24 h replays the first answer.',
      });
    }
    if ('versioned' in r && r.versioned) {
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: 'The ETag you read; a stale one answers 412.',
      });
    }
    const responses: Record<string, unknown> = {
      [String(r.status)]: {
        description: 'Success',
        content: { [(r as RouteDef).contentType ?? 'application/json']: { schema: json(r.response, 'output') } },
      },
      400: problemResponse('Invalid input'),
    };
    if (r.auth === 'tenant') {
      Object.assign(responses, {
        401: problemResponse('Missing, invalid or expired credential'),
        403: problemResponse('Role or scope lacks the permission'),
      });
    }
    if ('params' in r) responses[404] = problemResponse("Not found (or another tenant's)");
    if (r.method !== 'GET' && r.auth === 'tenant')
      responses[409] = problemResponse(
        'State conflict (e.g. insufficient_stock, invalid_transition), or the same Idempotency-Key still running',
      );
    if (body) responses[413] = problemResponse('Body larger than 1 MiB');
    if ('versioned' in r && r.versioned) responses[412] = problemResponse('Stale version');
    if (r.method === 'POST' && r.auth === 'tenant')
      responses[422] = problemResponse('Idempotency key reused with another body, or a semantic rejection');
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters,
      responses,
      security: r.auth === 'public' ? [] : [{ bearer: [] }],
      'x-roles': r.roles,
      'x-scopes': r.scopes,
    };
    if (body) {
      const example = requestExamples[r.operationId];
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: json(body, 'input'), ...(example === undefined ? {} : { example }) } },
      };
    }
    if (r.scopes.length)
      operation.description = `API keys need one of the scopes: ${r.scopes.join(', ')}. Staff roles: ${r.roles.join(', ')}.`;
    else if (r.auth === 'tenant') operation.description = `Staff only (not API keys). Roles: ${r.roles.join(', ')}.`;
    paths[r.path] = { ...paths[r.path], [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dingo API',
      version: '1.0.0',
      description: 'Multi-tenant order-to-cash API. The tenant always comes from the credential.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A user ID token from /v1/auth/login, or a partner API key (dk_live_...).',
        },
      },
      schemas: { Problem: json(Problem, 'output') },
    },
  };
}

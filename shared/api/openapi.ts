import * as z from 'zod';
import { routes } from './routes.ts';
import { Problem } from './common.ts';
import { commonProblems, problems, type ProblemCode } from './problems.ts';
import { requestExamples } from './examples.ts';
import type { RouteDef } from './route.ts';

const json = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** The catalogued codes a route may answer: those of its shape (common to every such route) and its own. */
export function routeProblems(r: RouteDef): ProblemCode[] {
  const codes: ProblemCode[] = [...commonProblems.all];
  if (r.auth === 'tenant') codes.push(...commonProblems.tenant);
  if (r.params) codes.push(...commonProblems.withId);
  if (r.body) codes.push(...commonProblems.withBody);
  if (r.versioned) codes.push(...commonProblems.versioned);
  if (r.method === 'POST' && r.auth === 'tenant') codes.push(...commonProblems.post);
  if (r.method !== 'GET' && r.auth === 'tenant') codes.push(...commonProblems.write);
  codes.push(...(r.problems ?? []));
  return [...new Set(codes)];
}

function problemsByStatus(r: RouteDef): [string, ProblemCode[]][] {
  const groups = new Map<string, ProblemCode[]>();
  for (const code of routeProblems(r)) {
    const status = String(problems[code].status);
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

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
          // The company's own fields as filters: `cf[spec]=…` (deepObject) or, equally, `cf.spec=…`.
          ...(name === 'cf'
            ? {
                style: 'deepObject',
                explode: true,
                description: 'Filters on filterable custom fields: cf[<key>]=<value> or cf.<key>=<value>.',
              }
            : {}),
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
    };
    // Every problem this route may answer, from the catalog, grouped by status.
    for (const [status, codes] of problemsByStatus(r as RouteDef)) {
      responses[status] = {
        ...problemResponse(codes.map((c) => `\`${c}\` ${problems[c].text.en}`).join('; ')),
        'x-problem-codes': codes,
      };
    }
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
    // The problem catalog: every code with its status, extension members and texts (problems.ts).
    'x-problems': Object.fromEntries(
      Object.entries(problems).map(([code, d]) => [
        code,
        { status: d.status, title: d.text, extensions: 'extensions' in d ? d.extensions : {} },
      ]),
    ),
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

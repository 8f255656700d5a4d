import * as z from 'zod';
import { routes } from './routes.ts';
import { commonProblems, problems, type ProblemCode } from './problems.ts';
import { requestExamples } from './examples.ts';
import type { RouteDef } from './route.ts';

import * as aftersales from './aftersales.ts';
import * as alerts from './alerts.ts';
import * as catalog from './catalog.ts';
import * as common from './common.ts';
import * as customFields from './custom-fields.ts';
import * as customers from './customers.ts';
import * as finance from './finance.ts';
import * as imports from './imports.ts';
import * as inventory from './inventory.ts';
import * as notificationRules from './notification-rules.ts';
import * as orders from './orders.ts';
import * as partners from './partners.ts';
import * as printSettings from './print-settings.ts';
import * as purchasing from './purchasing.ts';
import * as reports from './reports.ts';
import * as system from './system.ts';
import * as tenants from './tenants.ts';
import { eventCatalog, publicEventTypes } from '../events/catalog.ts';

/**
 * The resources the API answers with, by name (`Order`, `Customer`, `Money`, ...): every exported
 * schema of the API modules that is not a request's body, query or path. Responses refer to them under
 * `components.schemas`, so generated clients get a type per resource.
 */
const resources = z.registry<{ id: string }>();
/** Filled on first use, when every module has finished loading (some import each other). */
function register() {
  if (resources._idmap.size) return;
  // Sorted: a module namespace lists its exports by name, but a bundler's or test runner's stand-in may not.
  for (const mod of [
    common,
    orders,
    customers,
    catalog,
    inventory,
    finance,
    purchasing,
    aftersales,
    alerts,
    partners,
    imports,
    reports,
    tenants,
    customFields,
    printSettings,
    notificationRules,
    system,
  ])
    for (const [name, schema] of Object.entries(mod).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      if (
        schema instanceof z.ZodType &&
        /^[A-Z]/.test(name) &&
        !/(Body|Query|Params|Input)$/.test(name) &&
        !resources._idmap.has(name) &&
        !resources.has(schema)
      )
        resources.add(schema, { id: name });
}

const uri = (id: string) => `#/components/schemas/${id}`;
/**
 * Requests are described inline (what a caller sends); responses name the resources they carry: zod
 * extracts each registered resource into `$defs`, whose refs then point at `components.schemas`.
 */
function json(schema: z.ZodType, io: 'input' | 'output') {
  if (io === 'input')
    return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12', metadata: z.registry() });
  const id = resources.get(schema)?.id;
  if (id) return { $ref: uri(id) };
  const { $defs, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    cycles: 'ref',
    reused: 'inline',
    metadata: resources,
  }) as Record<string, unknown> & { $defs?: Record<string, unknown> };
  const named = new Set(Object.keys($defs ?? {}).filter((k) => resources._idmap.has(k)));
  const text = JSON.stringify(rest).replace(/"#\/\$defs\/([^"]+)"/g, (whole, k: string) =>
    named.has(k) ? JSON.stringify(uri(k)) : whole,
  );
  const others = Object.fromEntries(Object.entries($defs ?? {}).filter(([k]) => !named.has(k)));
  return { ...JSON.parse(text), ...(Object.keys(others).length ? { $defs: others } : {}) };
}
const components = () => {
  const { schemas } = z.toJSONSchema(resources, {
    io: 'output',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    cycles: 'ref',
    reused: 'inline',
    uri,
  });
  return Object.fromEntries(
    Object.entries(schemas)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, schema]) => {
        const { $schema: _s, $id: _i, id: _id, ...rest } = schema as Record<string, unknown>;
        return [id, rest];
      }),
  );
};

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

const integerHeader = (description: string) => ({ description, schema: { type: 'integer', minimum: 0 } });
/** Every answer to a tenant's request carries its budget (API.md, "rate limits"). */
const rateLimitHeaders = {
  'RateLimit-Limit': integerHeader('Requests the budget allows per window (the burst: twice the rate per second)'),
  'RateLimit-Remaining': integerHeader('Requests left in this window'),
  'RateLimit-Reset': integerHeader('Seconds until the window resets'),
  'RateLimit-Policy': { description: 'The budget as `<limit>;w=<window seconds>`', schema: { type: 'string' } },
};
const retryAfterHeader = integerHeader('Seconds to wait before trying again');

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** OpenAPI 3.1, generated from the route table: never edited by hand. */
export function openApiDocument(serverUrl = '/') {
  register();
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
    const shape = (r.response as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    const headers = {
      ...('version' in shape
        ? { ETag: { description: 'The version, for If-Match on the next change', schema: { type: 'string' } } }
        : {}),
      ...((r.status === 201 || r.status === 202) && 'id' in shape
        ? { Location: { description: 'Where the new resource is read', schema: { type: 'string' } } }
        : {}),
      ...(r.auth === 'tenant' ? rateLimitHeaders : {}),
    };
    const responses: Record<string, unknown> = {
      [String(r.status)]: {
        description: 'Success',
        ...(Object.keys(headers).length ? { headers } : {}),
        content: { [(r as RouteDef).contentType ?? 'application/json']: { schema: json(r.response, 'output') } },
      },
    };
    // Every problem this route may answer, from the catalog, grouped by status.
    for (const [status, codes] of problemsByStatus(r as RouteDef)) {
      const retry = status === '429' || status === '503' ? { 'Retry-After': retryAfterHeader } : {};
      const withBudget = r.auth === 'tenant' ? rateLimitHeaders : {};
      responses[status] = {
        ...problemResponse(codes.map((c) => `\`${c}\` ${problems[c].text.en}`).join('; ')),
        ...(Object.keys({ ...retry, ...withBudget }).length ? { headers: { ...withBudget, ...retry } } : {}),
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
      schemas: components(),
    },
    // What a webhook subscription receives: one entry per public event type, the envelope with that type's data.
    webhooks: Object.fromEntries(
      publicEventTypes.map((type) => [
        type,
        {
          post: {
            summary: `${type} (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Deliveries may arrive out of order and more than once: de-duplicate on webhook-id, order by timestamp and the resource's version`,
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: json(
                    z.object({
                      type: z.literal(type),
                      /** When it happened (ISO 8601); the webhook-id header is the event id. */
                      timestamp: z.string(),
                      data: eventCatalog.get(type)!.data as z.ZodType,
                    }),
                    'output',
                  ),
                },
              },
            },
            responses: { '200': { description: 'Any 2xx acknowledges the delivery; anything else is retried.' } },
          },
        },
      ]),
    ),
  };
}

import middy, { type MiddlewareObj, type Request as MiddyRequest } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import type { Route } from '#shared/api/routes.ts';
import type { ProblemCode } from '#shared/api/problems.ts';
import type { RouteDef } from '#shared/api/route.ts';
import {
  HttpError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  ValidationError,
  statusTitle,
  type FieldError,
} from './errors.ts';
import { TenantContext, type Principal } from './tenant.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  readIdempotencyKey,
  releaseIdempotencyKey,
  type IdempotencyClaim,
} from './idempotency.ts';
import { env } from './env.ts';
import { log } from './log.ts';
import { currentPrincipal } from './principal.ts';
import { withClock } from './clock.ts';
import { authorize } from './authorize.ts';
import { PRINT_CSP } from './print-csp.ts';
import { knownSpent, RateLimited, rateLimitHeaders, takeBudget, type Budget } from './rate-limit.ts';
import { recordAudit } from './audit.ts';
import { withCorrelation } from './correlation.ts';
import { count, flushMetrics } from './metrics.ts';

/**
 * What the authorizer puts in `requestContext.authorizer.lambda`: the identity only. API Gateway
 * caches it per credential, so the role and scopes are read afresh on each request (principal.ts).
 */
export interface AuthorizerContext {
  tenantId: string;
  principalId: string;
  principalKind: 'user' | 'api_key';
  /** An API key's own sustained rate (requests/s), when it was given one below the tenant's. */
  rateLimit?: number;
}
export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;
export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

const MAX_BODY_BYTES = 1024 * 1024;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : never;

export interface HttpRequest<R extends Route> {
  params: Out<R extends { params: infer P } ? P : undefined>;
  query: Out<R extends { query: infer Q } ? Q : undefined>;
  body: Out<R extends { body: infer B } ? B : undefined>;
  tenant: R['auth'] extends 'public' ? undefined : TenantContext;
  /** The version from `If-Match`, when the route is versioned and the header was sent. */
  expectedVersion: number | undefined;
  requestId: string;
  headers: Record<string, string | undefined>;
  sourceIp: string;
}

/** A reply with extra headers; a plain object is the response body. */
export class Reply<T> {
  constructor(
    readonly body: T,
    readonly headers: Record<string, string> = {},
    readonly status?: number,
  ) {}
}

export type Operation<R extends Route> = (req: HttpRequest<R>) => Promise<In<R['response']> | Reply<In<R['response']>>>;
/** One handler per route of a module's route list, named by operation id. */
export type Operations<R extends readonly Route[]> = { [X in R[number] as X['operationId']]: Operation<X> };

interface State {
  route: RouteDef;
  started: number;
  requestId: string;
  tenant?: TenantContext;
  claim?: IdempotencyClaim;
  budget?: Budget;
}
type Req = MiddyRequest<HttpEvent, HttpResult, Error, Context> & { state?: State };

export function problem(
  status: number,
  code: ProblemCode,
  detail: string,
  requestId?: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      ...(extra ?? {}), // details first: they can never overwrite the problem's own members
      type: `https://dingo.dev/problems/${code}`,
      title: statusTitle(status),
      status,
      detail,
      code,
      ...(requestId ? { instance: `urn:dingo:request:${requestId}`, requestId } : {}),
      ...(errors?.length ? { errors } : {}),
    }),
  };
}

function zodErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

function parsePart(schema: z.ZodType | undefined, value: unknown, prefix: string) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodErrors(result.error, prefix));
  return result.data;
}

/** `cf.<key>=v` and `cf[<key>]=v` (filters on the company's own fields) gather into one `cf` object. */
function gatherCustomFieldFilters(query: Record<string, string | undefined>) {
  const out: Record<string, unknown> = {};
  const cf: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    const m = /^cf(?:\.([^.[\]]+)|\[([^[\]]+)\])$/.exec(name);
    if (m) cf[m[1] ?? m[2]!] = value;
    else out[name] = value;
  }
  if (Object.keys(cf).length) out.cf = cf;
  return out;
}

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match)
    throw new ValidationError([{ path: 'header.If-Match', message: 'must be the ETag of the resource, e.g. "3"' }]);
  return Number(match[1]);
}

function principalFrom(ctx: AuthorizerContext | undefined): Principal & { tenantId: string } {
  if (!ctx?.tenantId || !ctx.principalId) throw new UnauthorizedError();
  return {
    tenantId: ctx.tenantId,
    id: ctx.principalId,
    kind: ctx.principalKind === 'api_key' ? 'api_key' : 'user',
    role: null,
    scopes: [],
  };
}

/** Request id, structured access log, and one place that turns any error into problem+json. */
const problemJson = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  after: (request) => {
    const r = request as Req;
    log('info', 'request', {
      requestId: r.state?.requestId,
      correlationId: r.state?.requestId,
      route: r.state?.route.operationId,
      tenantId: r.state?.tenant?.tenantId,
      status: request.response?.statusCode,
      ms: r.state ? Date.now() - r.state.started : undefined,
    });
    flushMetrics();
  },
  onError: async (request) => {
    const r = request as Req;
    const error = request.error;
    const requestId = r.state?.requestId ?? request.context.awsRequestId;
    if (error instanceof HttpError && (error.statusCode < 500 || error.statusCode === 503)) {
      request.response = problem(error.statusCode, error.code, error.message, requestId, error.errors, error.extra);
      Object.assign(request.response.headers, error.headers);
    } else {
      log('error', 'unhandled error', {
        requestId,
        correlationId: requestId,
        route: r.state?.route.operationId,
        error,
      });
      request.response = problem(
        500,
        'internal_error',
        'Something went wrong on our side. Quote the request id when you contact support.',
        requestId,
      );
    }
    request.response.headers['x-request-id'] = requestId;
    if (r.state?.budget) Object.assign(request.response.headers, rateLimitHeaders(r.state.budget));
    if (r.state?.claim && r.state.tenant) await releaseIdempotencyKey(r.state.tenant, r.state.claim);
    log((request.response.statusCode ?? 500) >= 500 ? 'error' : 'info', 'request', {
      requestId,
      correlationId: requestId,
      route: r.state?.route.operationId,
      tenantId: r.state?.tenant?.tenantId,
      status: request.response.statusCode,
      code: error instanceof HttpError ? error.code : 'internal_error',
      ms: r.state ? Date.now() - r.state.started : undefined,
    });
    if (request.response.statusCode === 429) count('RateLimited');
    if (request.response.statusCode >= 500) count('ServerError');
    flushMetrics();
  },
});

function rawBody(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * The one http stack every module uses: it resolves the route from the route table, checks
 * the credential's role or scope, parses params, query and body strictly with the route's zod
 * schemas, handles Idempotency-Key and If-Match, and shapes the answer (ETag, Location).
 * Handlers stay adapters: one service call each.
 */
export function httpApi<const R extends readonly Route[]>(moduleRoutes: R, operations: NoInfer<Operations<R>>) {
  // The module's own route list (shared/api/routes/<module>.ts), so a function bundles and builds only its schemas.
  const module = moduleRoutes[0]?.module;
  const table = new Map<string, RouteDef>(
    (moduleRoutes as readonly RouteDef[]).map((r) => [`${r.method} ${r.path}`, r]),
  );
  const ops = operations as unknown as Record<string, Operation<Route>>;
  for (const r of table.values())
    if (!ops[r.operationId]) throw new Error(`${module}: no operation for ${r.operationId}`);

  // Per-request state, keyed by the event: the local gateway runs many requests in one process.
  const states = new WeakMap<HttpEvent, State>();
  const handle = async (event: HttpEvent): Promise<HttpResult> => {
    const state = states.get(event)!;
    const route = state.route;
    const headers = event.headers ?? {};

    // Who is calling and their budget first: every answer, a bad body's too, carries the budget (API.md).
    if (route.auth === 'tenant') {
      const context = event.requestContext.authorizer?.lambda;
      const identity = principalFrom(context);
      const caller = await TenantContext.of(identity.tenantId, identity);
      const keyRate = identity.kind === 'api_key' ? Number(context?.rateLimit) || undefined : undefined;
      // A budget this container saw spent in this window refuses at once: no read, no count, no work.
      const spentBudget = knownSpent(caller, keyRate);
      if (spentBudget) {
        state.budget = spentBudget;
        throw new RateLimited(spentBudget);
      }
      // Who the caller is now and the request budget, read and counted at once; a revoked credential is 401 first.
      const [principal, rate] = await Promise.all([
        currentPrincipal(caller, { whileClosed: route.whileClosed }),
        takeBudget(caller, keyRate),
      ]);
      state.tenant = new TenantContext(caller.tenantId, principal, caller.db);
      state.budget = rate.budget;
      if (rate.exceeded) throw new RateLimited(rate.budget);
      authorize(route, state.tenant.principal);
    }
    const body = rawBody(event);
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    let json: unknown;
    if (route.body) {
      const type = headers['content-type'] ?? '';
      if (body && !/^application\/(.+\+)?json\b/i.test(type)) {
        throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
      }
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        throw new ValidationError([{ path: 'body', message: 'is not valid JSON' }]);
      }
      // A body whose every member is optional may be left out (POST …/rotate-secret), as if it were {}.
      if (json === undefined && route.body.safeParse({}).success) json = {};
      if (json === undefined) throw new ValidationError([{ path: 'body', message: 'a JSON body is required' }]);
    }

    const params = parsePart(route.params, event.pathParameters ?? {}, 'params');
    const query = parsePart(route.query, gatherCustomFieldFilters(event.queryStringParameters ?? {}), 'query');
    const parsedBody = parsePart(route.body, json, 'body');
    const expectedVersion = route.versioned ? parseIfMatch(headers['if-match']) : undefined;

    if (route.method === 'POST' && state.tenant) {
      const key = readIdempotencyKey(headers);
      if (key) {
        // The key's scope is the caller, the method and the concrete path: the same key on another resource is a reuse.
        const claimed = await claimIdempotencyKey(state.tenant, key, `${route.method} ${event.rawPath}`, body);
        if ('replay' in claimed) {
          return { ...claimed.replay, headers: { ...claimed.replay.headers, 'idempotent-replayed': 'true' } };
        }
        state.claim = claimed.claim;
      }
    }

    // Tests pin "now" per request (TEST_CLOCK=1 in the local test cloud only): see clock.ts.
    const pinned = env.testClock && headers['x-dingo-now'] ? Date.parse(headers['x-dingo-now']) : Number.NaN;
    const sourceIp = event.requestContext.http?.sourceIp ?? '';
    const request = { tenant: state.tenant, expectedVersion, requestId: state.requestId, headers, sourceIp };
    // An audited change: the record as the module's own GET of it reads before the change.
    const before = route.audit && state.tenant ? await readBefore(route, event, request) : undefined;
    const result = await withClock(Number.isNaN(pinned) ? undefined : pinned, () =>
      withCorrelation(state.requestId, () =>
        ops[route.operationId]!({ ...request, params, query, body: parsedBody } as HttpRequest<Route>),
      ),
    );
    const reply = result instanceof Reply ? result : new Reply(result);
    const responseHeaders: Record<string, string> = {
      'content-type': route.contentType ?? 'application/json; charset=utf-8',
      'x-content-type-options': 'nosniff',
      ...reply.headers,
    };
    if (route.contentType?.startsWith('text/html')) responseHeaders['content-security-policy'] = PRINT_CSP;
    const out = reply.body as Record<string, unknown> | undefined;
    if (env.stage !== 'prod') {
      // The route table's response schema is the contract: drift is a bug, caught in tests.
      const check = route.response.safeParse(out);
      if (!check.success) throw new Error(`${route.operationId} answered outside its schema: ${check.error.message}`);
    }
    if (out && typeof out.version === 'number') responseHeaders.etag = `"${out.version}"`;
    const status = reply.status ?? route.status;
    if ((status === 201 || status === 202) && out && typeof out.id === 'string') {
      responseHeaders.location = `${event.rawPath.replace(/\/$/, '')}/${out.id}`;
    }
    const binary = Buffer.isBuffer(out);
    const response: HttpResult = {
      statusCode: status,
      headers: responseHeaders,
      body:
        status === 204
          ? ''
          : binary
            ? (out as Buffer).toString('base64')
            : route.contentType
              ? String(out)
              : JSON.stringify(out),
      ...(binary ? { isBase64Encoded: true } : {}),
    };
    if (route.audit && state.tenant) {
      const id = (params as { id?: unknown } | undefined)?.id ?? out?.id;
      await recordAudit(state.tenant, {
        action: route.operationId,
        entity: route.audit,
        entityId: typeof id === 'string' ? id : null,
        before: before ?? null,
        // A deletion that answers the record as it was has removed it: nothing after.
        after:
          status === 204 || binary || (route.method === 'DELETE' && JSON.stringify(before) === JSON.stringify(out))
            ? null
            : out,
        requestId: state.requestId,
        sourceIp,
      });
    }
    if (state.claim && state.tenant) {
      // A secret is answered once: what is kept for replays leaves it out.
      const kept = route.secretInResponse ? JSON.stringify({ ...out, secret: undefined }) : (response.body as string);
      await completeIdempotencyKey(state.tenant, state.claim, {
        statusCode: response.statusCode,
        headers: response.headers,
        body: kept,
      });
      state.claim = undefined;
    }
    return response;
  };

  /**
   * The record an audited change is about, as the module's GET of its path (or, for an action such as
   * `…/{id}/rotate-secret`, of the record's path, or, for a record with no GET of its own, its collection's
   * list) answers it now; null for a creation or when none reads it.
   */
  const readBefore = async (route: RouteDef, event: HttpEvent, request: Record<string, unknown>) => {
    // A POST creates (nothing before it) or acts on a record: `/v1/webhooks/{id}/rotate-secret` reads `/v1/webhooks/{id}`.
    const action = route.method === 'POST' && /\}\/[a-z-]+$/.test(route.path);
    const readPath = action ? route.path.replace(/\/[a-z-]+$/, '') : route.method === 'POST' ? undefined : route.path;
    const reader = readPath ? table.get(`GET ${readPath}`) : undefined;
    // A record with no GET of its own (a department, a warehouse, an API key): as its list shows it.
    const lister =
      !reader && readPath?.endsWith('/{id}') ? table.get(`GET ${readPath.slice(0, -'/{id}'.length)}`) : undefined;
    const read = reader ?? lister;
    if (!read) return null;
    try {
      // As the caller could read it themselves: the reader's own permission, the change's path and query.
      authorize(read, (request.tenant as TenantContext).principal);
      const params = parsePart(read.params, event.pathParameters ?? {}, 'params');
      const answer = async (query: unknown) => {
        const out = await ops[read.operationId]!({ ...request, params, query, body: undefined } as HttpRequest<Route>);
        return out instanceof Reply ? out.body : out;
      };
      if (reader) return await answer(parsePart(reader.query, event.queryStringParameters ?? {}, 'query'));
      const id = event.pathParameters?.id;
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages += 1) {
        const page = (await answer(parsePart(read.query, cursor ? { cursor } : {}, 'query'))) as {
          items?: { id?: unknown }[];
          nextCursor?: string | null;
        };
        const found = page.items?.find((item) => item.id === id);
        if (found || !page.nextCursor) return found ?? null;
        cursor = page.nextCursor;
      }
      return null;
    } catch {
      return null; // the change itself answers why (404, 403)
    }
  };

  const setup: MiddlewareObj<HttpEvent, HttpResult> = {
    before: (request) => {
      const r = request as Req;
      const event = request.event;
      const route = table.get(event.routeKey);
      const requestId = event.requestContext?.requestId ?? request.context.awsRequestId;
      if (!route) throw new NotFoundError('route');
      r.state = { route, started: Date.now(), requestId };
      states.set(event, r.state);
    },
    after: (request) => {
      const r = request as Req;
      if (!request.response || !r.state) return;
      request.response.headers['x-request-id'] = r.state.requestId;
      if (r.state.budget) Object.assign(request.response.headers, rateLimitHeaders(r.state.budget));
    },
  };

  return middy<HttpEvent, HttpResult>().use(problemJson()).use(setup).handler(handle);
}

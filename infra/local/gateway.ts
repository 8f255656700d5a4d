import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { routes, type Route } from '#shared/api/routes.ts';
import type { ModuleName } from '#shared/api/route.ts';
import type { HttpEvent, HttpResult, AuthorizerContext } from '#functions/platform/http.ts';
import { webSecurityHeaders } from '../web-headers.ts';

type ModuleHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;
type Authorizer = (
  event: APIGatewayRequestAuthorizerEventV2,
) => Promise<{ isAuthorized: boolean; context?: AuthorizerContext }>;

export interface GatewayOptions {
  loadModule: (module: ModuleName) => Promise<ModuleHandler>;
  authorizer: Authorizer;
  /** Seconds an authorizer answer is cached per credential, as API Gateway does. */
  authorizerCacheTtl: number;
  webDir?: string;
  /** Extra routes under /_local/ (the bus's DLQ, status): local cloud only. */
  local?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
}

const MAX_BODY = 1024 * 1024;
// Like API Gateway, the most specific route wins: fewer path variables first (/v1/orders/export.csv before /v1/orders/{id}).
const compiled = routes
  .map((r) => ({
    route: r,
    names: [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
    regex: new RegExp(`^${r.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
  }))
  .sort((a, b) => a.names.length - b.names.length);

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) {
  res.writeHead(status, headers);
  res.end(body);
}

function problem(res: ServerResponse, status: number, code: string, detail: string, requestId: string, title: string) {
  send(
    res,
    status,
    { 'content-type': 'application/problem+json', 'x-request-id': requestId },
    JSON.stringify({
      type: `https://dingo.dev/problems/${code}`,
      title,
      status,
      detail,
      instance: `urn:dingo:request:${requestId}`,
      code,
      requestId,
    }),
  );
}

function match(method: string, path: string) {
  let pathMatched = false;
  for (const c of compiled) {
    const m = c.regex.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    // A malformed escape (`/v1/customers/%`) is the caller's bad input, as API Gateway answers it.
    const decoded = c.names.map((n, i) => {
      try {
        return [n, decodeURIComponent(m[i + 1]!)];
      } catch {
        return undefined;
      }
    });
    if (decoded.includes(undefined)) return 'malformed' as const;
    return { route: c.route as Route, params: Object.fromEntries(decoded as [string, string][]) };
  }
  return pathMatched ? ('method' as const) : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The local API Gateway: turns HTTP requests into API Gateway v2 events, runs the real
 * authorizer (with a per-credential cache like the gateway's), invokes the module handler the
 * route table names, and serves the web app at `/`.
 */
export function createGateway(options: GatewayOptions): Server {
  const authCache = new Map<string, { at: number; context?: AuthorizerContext }>();
  const modules = new Map<ModuleName, Promise<ModuleHandler>>();
  const moduleHandler = (m: ModuleName) => {
    let h = modules.get(m);
    if (!h) {
      h = options.loadModule(m);
      modules.set(m, h);
    }
    return h;
  };

  async function authorize(authorization: string, event: HttpEvent): Promise<AuthorizerContext | undefined> {
    const cached = authCache.get(authorization);
    if (cached && Date.now() - cached.at < options.authorizerCacheTtl * 1000) return cached.context;
    const result = await options.authorizer({
      version: '2.0',
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.routeKey.replace(' ', '')}`,
      identitySource: [authorization],
      routeKey: event.routeKey,
      rawPath: event.rawPath,
      rawQueryString: event.rawQueryString,
      headers: event.headers,
      requestContext: event.requestContext,
      pathParameters: event.pathParameters,
      queryStringParameters: event.queryStringParameters,
      cookies: [],
      stageVariables: {},
    } as unknown as APIGatewayRequestAuthorizerEventV2);
    const context = result.isAuthorized ? result.context : undefined; // API Gateway answers a denial itself
    if (authCache.size > 10_000) authCache.clear();
    authCache.set(authorization, { at: Date.now(), context });
    return context;
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    const found = match(req.method ?? 'GET', url.pathname);
    if (!found)
      return problem(res, 404, 'route_not_found', `No route ${req.method} ${url.pathname}.`, requestId, 'Not Found');
    if (found === 'method')
      return problem(
        res,
        405,
        'method_not_allowed',
        `${req.method} is not allowed on ${url.pathname}.`,
        requestId,
        'Method Not Allowed',
      );
    if (found === 'malformed')
      return problem(
        res,
        400,
        'malformed_path',
        'The path has a malformed percent-encoding.',
        requestId,
        'Bad Request',
      );
    const body = await readBody(req);
    if (body === 'too_large') {
      res.setHeader('connection', 'close');
      return problem(
        res,
        413,
        'payload_too_large',
        'The request body is larger than 1 MiB.',
        requestId,
        'Content Too Large',
      );
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
    const routeKey = `${found.route.method} ${found.route.path}`;
    const now = Date.now();
    const event = {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      queryStringParameters: Object.keys(query).length ? query : undefined,
      pathParameters: Object.keys(found.params).length ? found.params : undefined,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method: found.route.method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: req.socket.remoteAddress ?? '',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey,
        stage: '$default',
        time: new Date(now).toISOString(),
        timeEpoch: now,
      },
      body: body.length ? body.toString('utf8') : undefined,
      isBase64Encoded: false,
    } as unknown as HttpEvent;
    if (found.route.auth === 'tenant') {
      // Like API Gateway: no identity source, no authorizer call; a denial is answered here.
      const authorization = headers.authorization;
      const context = authorization ? await authorize(authorization, event) : undefined;
      if (!context) {
        return problem(
          res,
          401,
          'unauthorized',
          'A valid credential is required: a user token or an API key.',
          requestId,
          'Unauthorized',
        );
      }
      (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: context };
    }
    const handler = await moduleHandler(found.route.module);
    const result = await handler(event, {
      awsRequestId: requestId,
      functionName: `dingo-${found.route.module}`,
      getRemainingTimeInMillis: () => 29_000,
    } as Context);
    const text = typeof result.body === 'string' ? result.body : '';
    // Like API Gateway: a base64 body (a spreadsheet) goes out as the bytes it encodes.
    send(
      res,
      result.statusCode ?? 200,
      result.headers ?? {},
      result.isBase64Encoded ? Buffer.from(text, 'base64') : text,
    );
  }

  function web(res: ServerResponse, path: string) {
    if (!options.webDir || !existsSync(options.webDir)) {
      return send(
        res,
        503,
        { 'content-type': 'text/plain; charset=utf-8' },
        'The web app is not built yet: run `npm run build:web`.',
      );
    }
    const safe = normalize(path).replace(/^(\.\.[/\\])+/, '');
    let file = join(options.webDir, safe);
    if (!file.startsWith(options.webDir) || !existsSync(file) || statSync(file).isDirectory())
      file = join(options.webDir, 'index.html');
    const isAsset = file.includes(`${join(options.webDir, 'assets')}`);
    res.writeHead(200, {
      ...webSecurityHeaders,
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    // A file gone between the check and the read (a rebuild swapping dist in) ends this answer, not the process.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  return createServer((req, res) => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (url.pathname.startsWith('/v1/') || url.pathname === '/v1') return api(req, res, url, requestId);
      if (url.pathname.startsWith('/_local/') && options.local && (await options.local(req, res, url.pathname))) return;
      return web(res, url.pathname);
    };
    handle().catch((error) => {
      process.stderr.write(`[gateway] ${req.method} ${url.pathname}: ${(error as Error).stack ?? error}\n`);
      if (!res.headersSent)
        problem(
          res,
          500,
          'internal_error',
          'The gateway failed to handle the request.',
          requestId,
          'Internal Server Error',
        );
      else res.end();
    });
  });
}

import type * as z from 'zod';
import { routeIndex } from 'virtual:dingo-routes';
import type { OperationId, RouteOf } from '#shared/api/routes.ts';
import type { Problem } from '#shared/api/common.ts';

type Part<R, K extends string> = R extends Record<K, infer S extends z.ZodType> ? z.input<S> : undefined;
export type CallInput<O extends OperationId> = {
  params?: Part<RouteOf<O>, 'params'>;
  query?: Part<RouteOf<O>, 'query'>;
  body?: Part<RouteOf<O>, 'body'>;
  ifMatch?: number;
};
export type Output<O extends OperationId> = z.output<RouteOf<O>['response']>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? `HTTP ${status}`);
  }
  get code() {
    return this.problem.code ?? 'generic';
  }
}

interface Session {
  idToken: string;
  refreshToken: string;
  expiresAt: number;
}
const SESSION_KEY = 'dingo.session';

export const session = {
  get(): Session | null {
    try {
      return JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
    } catch {
      return null;
    }
  },
  set(tokens: { idToken: string; refreshToken: string; expiresIn: number }) {
    localStorage.setItem(SESSION_KEY, JSON.stringify({ ...tokens, expiresAt: Date.now() + tokens.expiresIn * 1000 }));
  },
  clear() {
    localStorage.removeItem(SESSION_KEY);
  },
};

let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void) {
  onUnauthorized = handler;
}

/** A closed company's answer (401 `tenant_closed`): when its data will be purged, if the server said. */
export interface ClosedCompany {
  purgeAfter: string | null;
}
let onTenantClosed: (closed: ClosedCompany) => void = () => undefined;
/**
 * A closed company answers every request 401 `tenant_closed`: the session is kept (its owner may
 * restore the company with it) and the app shows the closed screen instead of the login.
 */
export function whenTenantClosed(handler: (closed: ClosedCompany) => void) {
  onTenantClosed = handler;
}
const purgeAfterOf = (problem: unknown): string | null => {
  const at = (problem as { purgeAfter?: unknown } | undefined)?.purgeAfter;
  return typeof at === 'string' ? at : null;
};
const isTenantClosed = (status: number, problem: unknown) =>
  status === 401 && (problem as { code?: unknown } | undefined)?.code === 'tenant_closed';

export async function freshToken(): Promise<string | undefined> {
  const current = session.get();
  if (!current) return undefined;
  if (current.expiresAt - 60_000 > Date.now()) return current.idToken;
  const res = await fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: current.refreshToken }),
  });
  if (!res.ok) {
    session.clear();
    return undefined;
  }
  const refreshed = (await res.json()) as { idToken: string; expiresIn: number };
  session.set({ ...refreshed, refreshToken: current.refreshToken });
  return refreshed.idToken;
}

function pathOf(template: string, input: { params?: unknown; query?: unknown }): string {
  const params = (input.params ?? {}) as Record<string, string>;
  let path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  // A member that is an object (the custom-field filters `cf`) goes as one parameter per key: `cf.spec=250g`.
  const query = Object.entries((input.query ?? {}) as Record<string, unknown>)
    .flatMap(([k, v]): [string, unknown][] =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.entries(v as Record<string, unknown>).map(([sub, x]) => [`${k}.${sub}`, x])
        : [[k, v]],
    )
    .filter(([, v]) => v !== undefined && v !== '' && v !== null);
  if (query.length) path += `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}`;
  return path;
}

/** Calls an operation of the route table: path, method and types all come from shared/api. */
export async function call<O extends OperationId>(operationId: O, input: CallInput<O> = {}): Promise<Output<O>> {
  const route = routeIndex[operationId];
  const path = pathOf(route.path, input);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  if (input.ifMatch !== undefined) headers['if-match'] = `"${input.ifMatch}"`;
  if (route.method === 'POST' && route.auth === 'tenant') headers['idempotency-key'] = crypto.randomUUID();
  if (route.auth === 'tenant') {
    const token = await freshToken();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method: route.method,
      headers,
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
    });
  } catch {
    throw new ApiError(0, { code: 'network' });
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    if (isTenantClosed(res.status, data) && route.auth === 'tenant') onTenantClosed({ purgeAfter: purgeAfterOf(data) });
    else if (res.status === 401 && route.auth === 'tenant') {
      session.clear();
      onUnauthorized();
    }
    throw new ApiError(res.status, data ?? {});
  }
  return data as Output<O>;
}

/** A document operation's answer, fetched with the session's token; a refusal as an ApiError. */
async function fetchDocument<O extends OperationId>(operationId: O, input: CallInput<O>): Promise<Response> {
  const route = routeIndex[operationId];
  const path = pathOf(route.path, input);
  const token = await freshToken();
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, { code: 'network' });
  }
  if (!res.ok) {
    const text = await res.text();
    const problem = (() => {
      try {
        return JSON.parse(text);
      } catch {
        return {};
      }
    })();
    if (isTenantClosed(res.status, problem)) onTenantClosed({ purgeAfter: purgeAfterOf(problem) });
    throw new ApiError(res.status, problem);
  }
  return res;
}

/** Operations that answer a document (printable HTML, CSV): the text, fetched with the session's token. */
export async function callText<O extends OperationId>(operationId: O, input: CallInput<O> = {}): Promise<string> {
  return (await fetchDocument(operationId, input)).text();
}

/** Operations that answer a binary file (an Excel workbook): its bytes as a blob, fetched with the session's token. */
export async function callBlob<O extends OperationId>(operationId: O, input: CallInput<O> = {}): Promise<Blob> {
  return (await fetchDocument(operationId, input)).blob();
}

/**
 * Opens a printable page (invoice, delivery note, statement) in its own window. The page needs the
 * session's token, so it is fetched first; the window is opened at once, while the click still
 * counts as the user's (a window opened after a slow fetch is blocked as a pop-up), and then shown
 * the page. Call it directly from the click handler.
 */
export async function openPrintable<O extends OperationId>(operationId: O, input: CallInput<O>) {
  const win = window.open('', '_blank');
  try {
    const html = await callText(operationId, input);
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    if (win) win.location.href = url;
    else window.open(url, '_blank');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    win?.close();
    throw error;
  }
}

/** Saves text as a file the browser downloads (CSV exports). The BOM keeps Excel reading it as UTF-8. */
export function downloadText(text: string, filename: string, type: string) {
  downloadBlob(new Blob([text.startsWith('\uFEFF') ? text : `\uFEFF${text}`], { type }), filename);
}

/** Saves a blob (an Excel workbook, as the server made it) as a file the browser downloads. */
export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type { paths };

/**
 * The typed Dingo client for partners (and the web app): every path, parameter, body and answer
 * typed from the OpenAPI document. `token` is an API key (`dk_live_...`) or a user's ID token,
 * or a function answering one (refreshed as needed).
 *
 *   const dingo = createDingoClient({ baseUrl: 'https://dingo.example.com', token: process.env.DINGO_KEY! });
 *   const { data, error } = await dingo.GET('/v1/orders', { params: { query: { status: 'confirmed' } } });
 */
export function createDingoClient(options: {
  baseUrl: string;
  token: string | (() => Promise<string | undefined>);
  fetch?: typeof fetch;
}) {
  const client = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/$/, ''), fetch: options.fetch });
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === 'string' ? options.token : await options.token();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      if (request.method === 'POST' && !request.headers.has('idempotency-key'))
        request.headers.set('idempotency-key', crypto.randomUUID());
      return request;
    },
  };
  client.use(auth);
  return client;
}
export type DingoClient = ReturnType<typeof createDingoClient>;

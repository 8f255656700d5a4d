import { createDingoClient } from '#shared/client/index.ts';
import { ApiError, freshToken } from './api.ts';

/** The generated, typed client (the one partners use), with the person's session. */
export const dingo = createDingoClient({ baseUrl: '', token: freshToken });

/** openapi-fetch answers `{ data, error, response }`; pages want the data or an ApiError they can word. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, (error ?? {}) as never);
  return data as T;
}

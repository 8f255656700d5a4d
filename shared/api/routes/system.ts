import { route } from '../route.ts';
import * as s from '../system.ts';

/** The system module's routes (its Lambda bundles these only; `../routes.ts` joins every module's). */
export const systemRoutes = [
  route({
    method: 'GET',
    path: '/v1/health',
    module: 'system',
    operationId: 'getHealth',
    tag: 'System',
    summary: 'Liveness and readiness',
    auth: 'public',
    roles: [],
    scopes: [],
    response: s.Health,
    status: 200,
  }),
  route({
    method: 'GET',
    path: '/v1/openapi.json',
    module: 'system',
    operationId: 'getOpenApi',
    tag: 'System',
    summary: 'This API as an OpenAPI 3.1 document',
    auth: 'public',
    roles: [],
    scopes: [],
    response: s.OpenApiDocument,
    status: 200,
  }),
] as const;
